"""Abstract bases: who created and changed a row, and clinical entries that are never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Tracked(models.Model):
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
    entered_in_error_reason = models.TextField(blank=True, editable=False)

    objects = ClinicalEntryQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entered_in_error_at__isnull=True)
                | ~models.Q(entered_in_error_reason=""),
                name="%(app_label)s_%(class)s_error_has_reason",
                violation_error_message="Reason: say why the entry is marked entered in error.",
            ),
        ]

    @property
    def is_entered_in_error(self) -> bool:
        return self.entered_in_error_at is not None

    def get_additional_data(self) -> dict[str, int]:
        """Tag this entry's audit-trail entries with its patient, to filter the trail by patient."""
        return {"patient_id": self.patient_id}
