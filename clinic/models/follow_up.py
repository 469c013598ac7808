"""Follow-up tasks: what someone must do for a patient by a day ("recheck ferritin").

A task waits for a lab result of one analyte, for a visit, or for someone to close it by hand.
The awaited entry closes it when it arrives (clinic/services/follow_up.py); closing by hand
takes a reason. Tasks are never deleted, so the record keeps what was asked and what came of it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from clinic.formats import day_text
from clinic.models.base import Tracked
from clinic.models.patients import ACTIVE_DOCTOR, NOT_A_DOCTOR, doctor_name
from clinic.models.plausibility import REASON_MAX_LENGTH, Errors, raise_if
from clinic.models.records import ANALYTE_CHOICES

TASK_TEXT_MAX_LENGTH = 200


class Awaited(models.TextChoices):
    LAB = "lab", "a lab result"
    VISIT = "visit", "a visit"
    NOTHING = "hand", "nothing: closed by hand"


class FollowUpTaskQuerySet(models.QuerySet):
    def open(self) -> FollowUpTaskQuerySet:
        return self.filter(closed_on__isnull=True)

    def closed(self) -> FollowUpTaskQuerySet:
        return self.filter(closed_on__isnull=False)


class FollowUpTask(Tracked):
    """One thing to do for a patient by a day, owned by a doctor who can see the patient."""

    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="follow_up_tasks"
    )
    description = models.CharField("task", max_length=TASK_TEXT_MAX_LENGTH)
    due_on = models.DateField("due on")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_up_tasks",
        limit_choices_to=ACTIVE_DOCTOR,
        error_messages={"invalid": NOT_A_DOCTOR},
    )
    awaited = models.CharField(
        "closes when", max_length=8, choices=Awaited.choices, default=Awaited.NOTHING
    )
    awaited_analyte = models.CharField(
        "awaited analyte", max_length=32, choices=ANALYTE_CHOICES, blank=True
    )
    # Only an entry dated on or after this day answers the task: an older result does not.
    set_on = models.DateField("set on")
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField("reason for closing", max_length=REASON_MAX_LENGTH, blank=True)
    closed_by_lab = models.ForeignKey(
        "clinic.LabResult", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_by_visit = models.ForeignKey(
        "clinic.VisitNote", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = FollowUpTaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["patient", "due_on"],
                condition=models.Q(closed_on__isnull=True),
                name="clinic_task_open_due_idx",
            ),
            models.Index(
                fields=["owner", "due_on"],
                condition=models.Q(closed_on__isnull=True),
                name="clinic_task_owner_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(awaited=Awaited.LAB) | ~models.Q(awaited_analyte=""),
                name="clinic_task_lab_names_analyte",
                violation_error_message="Awaited analyte: say which lab result closes the task.",
            ),
            models.CheckConstraint(
                condition=models.Q(awaited=Awaited.LAB) | models.Q(awaited_analyte=""),
                name="clinic_task_analyte_only_for_lab",
                violation_error_message="Awaited analyte: only a task awaiting a lab names one.",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("set_on")),
                name="clinic_task_due_after_set",
                violation_error_message="Due on: must not be before the day the task is set.",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | ~models.Q(closed_reason=""),
                name="clinic_task_closed_has_reason",
                violation_error_message="Reason for closing: say why the task is closed.",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("set_on")),
                name="clinic_task_closed_after_set",
                violation_error_message="Closed on: must not be before the day the task was set.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), TASK_TEXT_MAX_LENGTH),
                name="clinic_task_description_length",
                violation_error_message=f"Task: at most {TASK_TEXT_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("closed_reason"), REASON_MAX_LENGTH),
                name="clinic_task_reason_length",
                violation_error_message=f"Reason: at most {REASON_MAX_LENGTH} characters.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} (due {day_text(self.due_on)})"

    def clean(self) -> None:
        """Keep a task where its owner can see it: a task never opens a record to anyone."""
        raise_if(self._owner_errors())

    def _owner_errors(self) -> Errors:
        # A closed task's owner no longer matters: closing must not fail on a changed team.
        if self.owner_id is None or self.patient_id is None or self.closed_on is not None:
            return {}
        patient = self.patient
        if self.owner_id == patient.primary_doctor_id:
            return {}
        if patient.care_team.filter(pk=self.owner_id).exists():
            return {}
        if not type(self.owner).objects.filter(pk=self.owner_id, **ACTIVE_DOCTOR).exists():
            return {}  # the field's own check already says they hold no caseload: once is enough
        owner = doctor_name(self.owner)
        return {"owner": [f"{owner} is not on this patient's care team, so cannot own the task."]}

    def get_additional_data(self) -> dict[str, int]:
        """Tag the audit-trail entries with the patient, like the record's entries."""
        return {"patient_id": self.patient_id}

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today

    @property
    def awaits_text(self) -> str:
        """What closes the task, in words: "a ferritin result", "a visit", "closing by hand"."""
        if self.awaited == Awaited.LAB:
            return f"a {self.get_awaited_analyte_display().lower()} result"
        if self.awaited == Awaited.VISIT:
            return "a visit"
        return "closing by hand"
