"""The care-plan checklist: the article's measures, replenishment flagged where labs show a lack."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone

from clinic.forms.base import WorkspaceForm, check_clinical_date, date_field
from clinic.models import Patient
from rls import CARE_MEASURES, CareMeasure


class CarePlanForm(WorkspaceForm):
    measures = forms.MultipleChoiceField(
        label="Agreed with the patient",
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_on = date_field("Agreed on")

    def __init__(
        self, *args: Any, patient: Patient, suggested: list[CareMeasure], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        lacking = {m.key for m in suggested}
        measures = cast(forms.MultipleChoiceField, self.fields["measures"])
        measures.choices = [(m.key, _label(m, lacking)) for m in CARE_MEASURES]
        self.fields["agreed_on"].initial = timezone.localdate()
        self.helper.layout = Layout("measures", "agreed_on")

    def clean_agreed_on(self) -> date:
        agreed_on = self.cleaned_data["agreed_on"]
        check_clinical_date(agreed_on, birth_date=self.patient.birth_date, label="agreed date")
        return agreed_on

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def _label(measure: CareMeasure, lacking: set[str]) -> str:
    if measure.key in lacking:
        return f"{measure.label} (the labs show a lack)"
    return measure.label
