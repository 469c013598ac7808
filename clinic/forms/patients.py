"""Patient details: create and edit (in the doctor's own caseload), record a delivery."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.forms.base import (
    VersionedForm,
    WorkspaceForm,
    check_clinical_date,
    date_field,
    stripped,
    validate_draft,
)
from clinic.models import Patient
from clinic.models.patients import (
    ACTIVE_DOCTOR,
    FamilyHistory,
    PatientStatus,
    Sex,
    doctor_name,
)
from rls import due_date_from_gestational_age

LARGEST_ID = 2**63 - 1


class CareTeamField(forms.ModelMultipleChoiceField):
    """Colleagues chosen by id; an id no database column can hold is refused, not a crash."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else []:
            if not str(pk).isdigit() or int(pk) > LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)

    def label_from_instance(self, obj: Any) -> str:
        return doctor_name(obj)


class PatientForm(WorkspaceForm):
    """Demographics, pregnancy (as a due date or a gestational age), habits and care team."""

    mrn = forms.CharField(label="MRN", max_length=32, help_text="Medical record number")
    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100)
    birth_date = date_field("Date of birth")
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.UNKNOWN)
    pregnancy_due_date = date_field("Expected delivery date", required=False)
    gestational_weeks = forms.IntegerField(
        label="Gestational age: weeks", required=False, min_value=0, max_value=44
    )
    gestational_days = forms.IntegerField(
        label="and days", required=False, min_value=0, max_value=6
    )
    gestational_age_on = date_field(
        "on", required=False, help_text="The date the gestational age was measured (default today)"
    )
    last_delivery_date = date_field("Last delivery", required=False)
    family_history_rls = forms.ChoiceField(
        label="Family history of RLS", choices=FamilyHistory.choices, initial=FamilyHistory.UNKNOWN
    )
    uses_caffeine = forms.BooleanField(label="Caffeine intake", required=False)
    uses_alcohol = forms.BooleanField(label="Alcohol use", required=False)
    smokes = forms.BooleanField(label="Smoking", required=False)
    care_team = CareTeamField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Colleagues who may see and change this record",
    )

    def __init__(self, *args: Any, primary_doctor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        care_team = cast(forms.ModelMultipleChoiceField, self.fields["care_team"])
        care_team.queryset = (
            get_user_model()
            .objects.filter(**ACTIVE_DOCTOR)
            .exclude(pk=primary_doctor.pk)
            .order_by("last_name", "first_name", "username")
        )
        self.helper.layout = self._layout()

    def _layout(self) -> Layout:
        return Layout(
            Fieldset(
                "Patient",
                Div(Div("mrn", css_class="col-md-4"), css_class="row"),
                Div(
                    Div("given_name", css_class="col-md-6"),
                    Div("family_name", css_class="col-md-6"),
                    css_class="row",
                ),
                Div(
                    Div("birth_date", css_class="col-md-4"),
                    Div("sex", css_class="col-md-4"),
                    Div("family_history_rls", css_class="col-md-4"),
                    css_class="row",
                ),
                *self._extra_patient_fields(),
            ),
            Fieldset(
                "Pregnancy",
                Div(
                    Div("pregnancy_due_date", css_class="col-md-4"),
                    Div("last_delivery_date", css_class="col-md-4"),
                    css_class="row",
                ),
                Div(
                    Div("gestational_weeks", css_class="col-4 col-md-2"),
                    Div("gestational_days", css_class="col-4 col-md-2"),
                    Div("gestational_age_on", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset("Habits", "uses_caffeine", "uses_alcohol", "smokes"),
            Fieldset("Care team", "care_team"),
        )

    def _extra_patient_fields(self) -> list[Any]:
        return []

    def clean_mrn(self) -> str:
        return stripped(self.cleaned_data["mrn"]).upper()

    def clean_given_name(self) -> str:
        return stripped(self.cleaned_data["given_name"])

    def clean_family_name(self) -> str:
        return stripped(self.cleaned_data["family_name"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        try:
            check_clinical_date(
                cleaned.get("gestational_age_on"),
                birth_date=cleaned.get("birth_date"),
                label="date",
            )
        except ValidationError as error:
            self.add_error("gestational_age_on", error)
        self._clean_pregnancy(cleaned)
        return cleaned

    def _clean_pregnancy(self, cleaned: dict[str, Any]) -> None:
        weeks, days = cleaned.get("gestational_weeks"), cleaned.get("gestational_days")
        if weeks is None and days is not None:
            self.add_error("gestational_weeks", "Give the weeks as well as the days.")
            return
        if weeks is None:
            return
        if cleaned.get("pregnancy_due_date"):
            self.add_error(
                "gestational_weeks",
                "Give either the expected delivery date or the gestational age, not both.",
            )
            return
        measured_on = cleaned.get("gestational_age_on") or timezone.localdate()
        cleaned["pregnancy_due_date"] = due_date_from_gestational_age(weeks, days or 0, measured_on)

    def _post_clean(self) -> None:
        names = {f.name for f in Patient._meta.fields}
        draft = Patient(**{k: v for k, v in self.cleaned_data.items() if k in names})
        draft._stored_due_date = self.initial.get("pregnancy_due_date")
        # A due date computed from a gestational age is shown where it was typed.
        dated_by_age = self.cleaned_data.get("gestational_weeks") is not None
        shown_as = {"pregnancy_due_date": "gestational_weeks"} if dated_by_age else {}
        validate_draft(self, draft, shown_as=shown_as)

    def values(self) -> dict[str, Any]:
        """Return the patient's field values as the service takes them."""
        skip = {"gestational_weeks", "gestational_days", "gestational_age_on", "version"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    @classmethod
    def initial_for(cls, patient: Patient) -> dict[str, Any]:
        """Return the initial values of an edit form for `patient`."""
        names = [n for n in cls.base_fields if n not in {"care_team", "version"}]
        initial = {n: getattr(patient, n) for n in names if hasattr(patient, n)}
        return initial | {"care_team": list(patient.care_team.all()), "version": patient.version}


class PatientEditForm(VersionedForm, PatientForm):
    """The edit form adds the status and the row version; the primary doctor is admin-only."""

    status = forms.ChoiceField(choices=PatientStatus.choices)
    date_of_death = date_field(
        "Date of death",
        required=False,
        help_text="Closes the record: read-only, no findings after this date",
    )

    def _extra_patient_fields(self) -> list[Any]:
        return [
            Div(
                Div("status", css_class="col-md-4"),
                Div("date_of_death", css_class="col-md-4"),
                css_class="row",
            ),
            "version",
        ]

    def clean_date_of_death(self) -> date | None:
        died = self.cleaned_data["date_of_death"]
        check_clinical_date(
            died, birth_date=self.cleaned_data.get("birth_date"), label="date of death"
        )
        return died

    def values(self) -> dict[str, Any]:
        return PatientForm.values(self)


class DeliveryForm(VersionedForm):
    """Record a delivery: the due date is cleared and the delivery date kept."""

    delivered_on = date_field("Delivery date")

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient

    def clean_delivered_on(self) -> date:
        delivered_on = self.cleaned_data["delivered_on"]
        check_clinical_date(delivered_on, birth_date=self.patient.birth_date, label="delivery date")
        return delivered_on
