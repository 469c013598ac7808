"""Abstract bases: who created and changed a row, and clinical entries that are never deleted."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from clinic.models.checks import ChecksInOneQuery
from clinic.models.plausibility import REASON_MAX_LENGTH, Errors, clinical_date_errors, raise_if


class Tracked(ChecksInOneQuery):
    """A row that keeps who created it and when, who last changed it and when, and a version.

    `version` grows by one on every save through a service; a save that carries a stale
    version is refused rather than overwriting a colleague's change.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class ClinicalEntryQuerySet(models.QuerySet):
    def current(self) -> ClinicalEntryQuerySet:
        """Return the entries that count clinically: not marked entered in error."""
        return self.filter(entered_in_error_at__isnull=True)


class ClinicalEntry(Tracked):
    """A clinical fact about a patient. Doctors never delete one; they mark it entered in error."""

    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="%(class)ss"
    )
    entered_in_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    entered_in_error_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    entered_in_error_reason = models.TextField(
        blank=True, editable=False, max_length=REASON_MAX_LENGTH
    )

    objects = ClinicalEntryQuerySet.as_manager()
    # The entry's clinical dates, by field, with the words an error names them by.
    CLINICAL_DATES: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entered_in_error_at__isnull=True)
                | ~models.Q(entered_in_error_reason=""),
                name="%(app_label)s_%(class)s_error_has_reason",
                violation_error_message="Reason: say why the entry is marked entered in error.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("entered_in_error_reason"), REASON_MAX_LENGTH),
                name="%(app_label)s_%(class)s_reason_length",
                violation_error_message=(f"Reason: at most {REASON_MAX_LENGTH} characters."),
            ),
        ]

    def clean(self) -> None:
        """Refuse impossible dates and implausible values, whichever road the entry came by."""
        errors = clinical_date_errors(self, self.CLINICAL_DATES, self.patient_birth_date())
        raise_if(errors | self.plausibility_errors())

    def plausibility_errors(self) -> Errors:
        """Return what is implausible about this kind of entry's values, by field."""
        return {}

    def patient_birth_date(self) -> date | None:
        """Return the patient's date of birth, or None while no patient is chosen."""
        try:
            return self.patient.birth_date
        except ObjectDoesNotExist:
            return None

    @property
    def is_entered_in_error(self) -> bool:
        return self.entered_in_error_at is not None

    def get_additional_data(self) -> dict[str, int]:
        """Tag this entry's audit-trail entries with its patient, to filter the trail by patient."""
        return {"patient_id": self.patient_id}
