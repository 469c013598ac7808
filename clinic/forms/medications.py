"""Medication forms: the aggravating-drug warning is shown, and confirmed, before saving."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError

from clinic.formats import day_text
from clinic.forms.base import (
    check_medication_as_you_type,
    replace_data,
    stripped,
    suggest_as_you_type,
)
from clinic.forms.records import PatientEntryForm
from clinic.models import Medication
from clinic.models.records import IronRoute
from clinic.services.medications import (
    CONFIRM_MESSAGE,
    DrugWarning,
    DuplicateTherapy,
    WarningDecision,
    duplicate_therapies,
    medication_warning_decision,
    unconfirmed_codes,
)

# The codes the doctor was shown; a confirmation only covers what was actually shown.
WARNED_CODES_FIELD = forms.CharField(widget=forms.HiddenInput, required=False)
CONFIRM_FIELD = forms.BooleanField(
    label="I have read the warning and still want to add this medication", required=False
)
DUPLICATE_MESSAGE = "Tick the box to add a second medication of the same drug or class."


class WarningConfirmation:
    """Shared by the workspace and admin forms: decide the warning once, require its tick.

    The form declares `warned_codes = WARNED_CODES_FIELD` and `confirm_warning = CONFIRM_FIELD`.
    """

    already_confirmed: set[str]
    decision: WarningDecision | None = None

    def decide_warning(self, line: str, atc: str) -> None:
        """Match the line once; refuse until the doctor confirmed exactly what was shown."""
        form: Any = self
        self.decision = medication_warning_decision(line, atc)
        new = unconfirmed_codes(self.decision, confirmed=(), already=self.already_confirmed)
        shown = set(filter(None, form.cleaned_data.get("warned_codes", "").split(",")))
        if new and not (form.cleaned_data.get("confirm_warning") and new <= shown):
            # Show (again) exactly what the confirmation will cover.
            replace_data(form, warned_codes=",".join(sorted(new)), confirm_warning="")
            form.add_error("confirm_warning", ValidationError(CONFIRM_MESSAGE))

    @property
    def warnings(self) -> list[DrugWarning]:
        return list(self.decision.warnings) if self.decision else []

    @property
    def confirmed_codes(self) -> set[str]:
        """Return the warning codes confirmed on this submission."""
        cleaned = getattr(self, "cleaned_data", {})
        if not cleaned.get("confirm_warning"):
            return set()
        return set(filter(None, cleaned.get("warned_codes", "").split(",")))


class MedicationForm(WarningConfirmation, PatientEntryForm):
    """A medication line as written; an aggravating match needs the confirmation box ticked."""

    model = Medication
    line = forms.CharField(
        label="Medication",
        max_length=200,
        help_text="As written, e.g. Reglan 10 mg tab PO TID",
    )
    atc = forms.CharField(label="ATC code", max_length=7, required=False)
    dose = forms.CharField(max_length=100, required=False, help_text="Read from the line if blank")
    dose_unit = forms.CharField(label="Unit", max_length=20, required=False)
    route = forms.CharField(max_length=20, required=False)
    frequency = forms.CharField(max_length=100, required=False)
    started_on = forms.DateField(
        label="Started on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    iron_route = forms.ChoiceField(
        label="Iron therapy",
        choices=[("", "Not iron therapy"), *IronRoute.choices],
        required=False,
        help_text="For iron: its route, so Ekbom knows when ferritin is due a recheck",
    )
    warned_codes = WARNED_CODES_FIELD
    confirm_warning = CONFIRM_FIELD
    confirm_duplicate = forms.BooleanField(
        label="This is not a duplicate by mistake: add it anyway", required=False
    )

    def __init__(
        self,
        *args: Any,
        already_confirmed: Iterable[str] = (),
        medication_pk: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.already_confirmed = set(already_confirmed)
        self.duplicates: list[DuplicateTherapy] = []
        self.medication_pk = medication_pk
        suggest_as_you_type(self.fields["line"], "drug")
        check_medication_as_you_type(self.fields["line"])
        self.helper.layout = Layout(
            "line",
            Div(
                Div("dose", css_class="col-md-3"),
                Div("dose_unit", css_class="col-md-2"),
                Div("route", css_class="col-md-2"),
                Div("frequency", css_class="col-md-3"),
                css_class="row",
            ),
            Div(
                Div("atc", css_class="col-md-3"),
                Div("started_on", css_class="col-md-3"),
                css_class="row",
            ),
            Div(Div("iron_route", css_class="col-md-3"), css_class="row"),
            "warned_codes",
            "version",
        )

    def clean_line(self) -> str:
        return stripped(self.cleaned_data["line"])

    def clean_atc(self) -> str:
        return self.cleaned_data["atc"].strip().upper().replace(" ", "")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("iron_route") and "started_on" in cleaned and not cleaned["started_on"]:
            self.add_error("started_on", "Give the start date of iron therapy to time its recheck.")
        line = cleaned.get("line")
        if not line or "atc" not in cleaned:
            return cleaned
        self.decide_warning(line, cleaned["atc"])
        self._check_duplicates(line, cleaned["atc"])
        return cleaned

    def _check_duplicates(self, line: str, atc: str) -> None:
        """Warn of a second active drug of the same kind; a tick lets it through."""
        names = self.decision.local_names if self.decision else None
        self.duplicates = duplicate_therapies(
            self.patient, line, atc, exclude_pk=self.medication_pk, local_names=names
        )
        if self.duplicates and not self.cleaned_data.get("confirm_duplicate"):
            self.add_error("confirm_duplicate", ValidationError(DUPLICATE_MESSAGE))

    def values(self) -> dict[str, Any]:
        """Return the medication's values, the codes confirmed and the warning decision."""
        skip = {"version", "warned_codes", "confirm_warning", "confirm_duplicate"}
        values = {k: v for k, v in self.cleaned_data.items() if k not in skip}
        return values | {"confirmed_codes": self.confirmed_codes, "decision": self.decision}

    @classmethod
    def initial_for(cls, medication: Medication) -> dict[str, Any]:
        """Return the initial values of an edit form for `medication`."""
        names = ["line", "atc", "dose", "dose_unit", "route", "frequency", "started_on"]
        names += ["iron_route", "version"]
        return {n: getattr(medication, n) for n in names}


class StopMedicationForm(PatientEntryForm):
    stopped_on = forms.DateField(label="Stopped on", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, medication: Medication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.medication = medication

    def clean_stopped_on(self) -> date | None:
        stopped_on = self.check_date("stopped_on", "stop date")
        started = self.medication.started_on
        if stopped_on and started and stopped_on < started:
            raise ValidationError(
                f"The stop date cannot be before the start date ({day_text(started)})."
            )
        return stopped_on
