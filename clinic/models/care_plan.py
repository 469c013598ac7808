"""The care plan agreed with a patient: the article's non-drug measures and replenishment."""

from __future__ import annotations

from django.db import models

from clinic.models.base import Tracked
from rls import CARE_MEASURE_BY_KEY, CARE_MEASURES

CARE_MEASURE_CHOICES = [(m.key, m.label) for m in CARE_MEASURES]


class CarePlanItemQuerySet(models.QuerySet):
    def current(self) -> CarePlanItemQuerySet:
        """The measures in force: agreed and not ended."""
        return self.filter(ended_on__isnull=True)


class CarePlanItem(Tracked):
    """One measure agreed with the patient, from the day it was agreed until it is dropped."""

    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="care_plan_items"
    )
    measure = models.CharField(max_length=32, choices=CARE_MEASURE_CHOICES)
    agreed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    objects = CarePlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["agreed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "measure"],
                condition=models.Q(ended_on__isnull=True),
                name="clinic_careplan_one_current_per_measure",
                violation_error_message="Measure: already in the patient's care plan.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("agreed_on")),
                name="clinic_careplan_end_after_agreed",
                violation_error_message="Ended on: must not be before the day it was agreed.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} (agreed {self.agreed_on})"

    def get_additional_data(self) -> dict[str, int]:
        """Tag the audit-trail entries with the patient, like the record's entries."""
        return {"patient_id": self.patient_id}

    @property
    def handout(self) -> str:
        return CARE_MEASURE_BY_KEY[self.measure].handout

    @property
    def kind(self) -> str:
        return CARE_MEASURE_BY_KEY[self.measure].kind
