"""Follow-up task forms: set or change a task, close one by hand with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from clinic.forms.base import VersionedForm, date_field, stripped
from clinic.models import Awaited, FollowUpTask, Patient
from clinic.models.follow_up import TASK_TEXT_MAX_LENGTH
from clinic.models.patients import doctor_name
from clinic.models.plausibility import REASON_MAX_LENGTH
from clinic.models.records import ANALYTE_CHOICES
from clinic.selectors.follow_up import possible_owners

# A recheck is most often asked for a few weeks ahead.
DEFAULT_DUE_WEEKS = 4


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return doctor_name(obj)


class FollowUpTaskForm(VersionedForm):
    """What to do, by when, who owns it, and what closes it (a lab result, a visit, or a hand)."""

    description = forms.CharField(
        label="Task",
        max_length=TASK_TEXT_MAX_LENGTH,
        help_text="e.g. Recheck ferritin and transferrin saturation",
        error_messages={"required": "Say what is to be done."},
    )
    due_on = date_field("Due on")
    owner = OwnerChoiceField(queryset=None, label="Owner", empty_label=None)
    awaited = forms.ChoiceField(
        label="Closes when", choices=Awaited.choices, widget=forms.RadioSelect
    )
    awaited_analyte = forms.ChoiceField(
        label="Awaited lab result",
        choices=[("", "—"), *ANALYTE_CHOICES],
        required=False,
        help_text="With “a lab result”: a result of this analyte dated from today on closes it",
    )

    def __init__(self, *args: Any, patient: Patient, user: Any, as_of: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient, self.as_of = patient, as_of
        owners = possible_owners(patient)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        if not self.is_edit:
            self.fields["version"].required = False
            self.initial.setdefault("due_on", as_of + timedelta(weeks=DEFAULT_DUE_WEEKS))
            self.initial.setdefault("awaited", Awaited.NOTHING)
            mine = any(owner.pk == user.pk for owner in owners)
            self.initial.setdefault("owner", user.pk if mine else patient.primary_doctor_id)

    @property
    def is_edit(self) -> bool:
        return "version" in self.initial

    @classmethod
    def initial_for(cls, task: FollowUpTask) -> dict[str, Any]:
        return {
            "version": task.version,
            "description": task.description,
            "due_on": task.due_on,
            "owner": task.owner_id,
            "awaited": task.awaited,
            "awaited_analyte": task.awaited_analyte,
        }

    def clean_description(self) -> str:
        description = stripped(self.cleaned_data["description"])
        if not description:
            raise ValidationError("Say what is to be done.")
        return description

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        if not self.is_edit and due_on < self.as_of:
            raise ValidationError("A new task cannot be due before today.")
        return due_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("awaited") != Awaited.LAB:
            cleaned["awaited_analyte"] = ""
        elif not cleaned.get("awaited_analyte"):
            self.add_error("awaited_analyte", "Choose the lab result that closes the task.")
        return cleaned


class CloseTaskForm(VersionedForm):
    """Close a task by hand: the day and the reason are kept with it."""

    closed_on = date_field("Closed on")
    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="e.g. Ferritin checked by the GP, 85 µg/L; or: no longer needed, iron stopped",
        error_messages={"required": "Say why the task is closed."},
    )

    def __init__(self, *args: Any, task: FollowUpTask, as_of: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task, self.as_of = task, as_of

    def values(self) -> dict[str, Any]:
        return {"closed_on": self.cleaned_data["closed_on"], "reason": self.cleaned_data["reason"]}

    def clean_closed_on(self) -> date:
        closed_on = self.cleaned_data["closed_on"]
        if closed_on > self.as_of:
            raise ValidationError("A task cannot be closed on a day still to come.")
        if closed_on < self.task.set_on:
            raise ValidationError("A task cannot be closed before the day it was set.")
        return closed_on

    def clean_reason(self) -> str:
        reason = stripped(self.cleaned_data["reason"])
        if not reason:
            raise ValidationError("Say why the task is closed.")
        return reason
