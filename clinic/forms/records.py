"""Clinical entry forms: lab results, conditions, visit notes, and the small action forms."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, ClassVar

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError

from clinic.formats import day_text, number_text
from clinic.forms.base import (
    VersionedForm,
    WorkspaceForm,
    check_clinical_date,
    date_field,
    stripped,
    suggest_as_you_type,
    validate_draft,
)
from clinic.models import ClinicalEntry, Condition, LabResult, Patient, VisitNote
from clinic.models.plausibility import NOTE_MAX_LENGTH, REASON_MAX_LENGTH
from clinic.models.records import (
    ANALYTE_CHOICES,
    AUGMENTATION_FIELDS,
    CRITERIA_FIELDS,
    SYMPTOM_DESCRIPTORS,
    UNIT_CHOICES,
    Course,
)
from rls import ANALYTES, IRLS_MAX

UNITS_BY_ANALYTE = {a.key: [u.symbol for u in a.units] for a in ANALYTES.values()}
# Two results of one analyte on one day that differ by more than a quarter are more likely a
# slip (wrong unit, wrong patient, a typo) than biology: the doctor confirms before saving.
SAME_DAY_SPREAD = 0.25
SAME_DAY_MESSAGE = "Tick the box to keep two very different results of the same day."


class PatientEntryForm(VersionedForm):
    """A form about one patient's record, judged by the entry's model like every other road."""

    # The entry the form writes; None for the small action forms (resolve, stop).
    model: ClassVar[type[ClinicalEntry] | None] = None

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        if not self.is_edit:
            self.fields["version"].required = False

    @property
    def is_edit(self) -> bool:
        return "version" in self.initial

    def check_date(self, name: str, label: str) -> date | None:
        value = self.cleaned_data.get(name)
        check_clinical_date(value, birth_date=self.patient.birth_date, label=label)
        return value

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def _post_clean(self) -> None:
        if self.model is None:
            return
        names = {f.name for f in self.model._meta.fields}
        values = {k: v for k, v in self.cleaned_data.items() if k in names}
        validate_draft(self, self.model(patient=self.patient, **values))


class LabResultForm(PatientEntryForm):
    """A lab result: only the analyte's units, a plausible value, a collection date."""

    model = LabResult

    analyte = forms.ChoiceField(choices=[("", "Choose an analyte"), *ANALYTE_CHOICES])
    value = forms.DecimalField(max_digits=12, decimal_places=4)
    unit = forms.ChoiceField(choices=[("", "Choose a unit"), *UNIT_CHOICES])
    collected_on = date_field("Collection date")
    loinc = forms.CharField(
        label="LOINC",
        max_length=10,
        required=False,
        help_text="Left blank, it follows from the analyte",
    )
    confirm_same_day = forms.BooleanField(
        label="Both results are right: keep this one as well", required=False
    )

    def __init__(self, *args: Any, lab_pk: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lab_pk = lab_pk
        self.same_day: list[LabResult] = []
        # The unit select is filtered client-side by static/clinic/js/lab-units.js.
        self.fields["unit"].widget.attrs |= {
            "data-units-for": "id_analyte",
            "data-units": json.dumps(UNITS_BY_ANALYTE),
        }
        self.helper.layout = Layout(
            Div(
                Div("analyte", css_class="col-md-4"),
                Div("value", css_class="col-md-3"),
                Div("unit", css_class="col-md-3"),
                css_class="row",
            ),
            Div(
                Div("collected_on", css_class="col-md-4"),
                Div("loinc", css_class="col-md-3"),
                css_class="row",
            ),
            "version",
        )

    def clean_loinc(self) -> str:
        return self.cleaned_data["loinc"].strip()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        analyte = ANALYTES.get(cleaned.get("analyte") or "")
        unit = analyte.unit(cleaned.get("unit") or "") if analyte else None
        if analyte is None or unit is None:
            return cleaned  # the model names what is wrong with the unit
        cleaned["unit"] = unit.symbol  # the analyte's own spelling of the unit
        self._check_same_day(analyte, unit, cleaned.get("value"), cleaned.get("collected_on"))
        return cleaned

    def _check_same_day(self, analyte: Any, unit: Any, value: Any, day: date | None) -> None:
        """Ask before keeping a second result of the day that disagrees with the first."""
        if value is None or day is None:
            return
        canonical = unit.to_canonical(float(value))
        others = LabResult.objects.current().filter(
            patient=self.patient, analyte=analyte.key, collected_on=day
        )
        self.same_day = [
            other
            for other in others.exclude(pk=self.lab_pk)
            if _very_different(canonical, float(other.value_canonical))
        ]
        if self.same_day and not self.cleaned_data.get("confirm_same_day"):
            self.add_error("confirm_same_day", ValidationError(SAME_DAY_MESSAGE))

    def values(self) -> dict[str, Any]:
        skip = {"version", "confirm_same_day"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    @classmethod
    def initial_for(cls, lab: LabResult) -> dict[str, Any]:
        """Return the initial values of an edit form for `lab`."""
        names = ["analyte", "value", "unit", "collected_on", "loinc", "version"]
        return {n: getattr(lab, n) for n in names} | {"value": number_text(lab.value)}


def _very_different(a: float, b: float) -> bool:
    """Whether two results of one analyte differ by more than SAME_DAY_SPREAD of the larger."""
    larger = max(abs(a), abs(b))
    return larger > 0 and abs(a - b) / larger > SAME_DAY_SPREAD


class ConditionForm(PatientEntryForm):
    """A condition with an optional ICD-10 code and onset date."""

    model = Condition

    name = forms.CharField(
        max_length=200,
        required=False,
        help_text="Left blank, it is taken from the ICD-10 code",
    )
    icd10 = forms.CharField(label="ICD-10", max_length=8, required=False)
    onset_date = date_field("Onset date", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suggest_as_you_type(self.fields["name"], "condition")
        suggest_as_you_type(self.fields["icd10"], "icd10")
        self.helper.layout = Layout(
            "name",
            Div(
                Div("icd10", css_class="col-md-4"),
                Div("onset_date", css_class="col-md-4"),
                css_class="row",
            ),
            "version",
        )

    def clean_name(self) -> str:
        return stripped(self.cleaned_data["name"])

    def clean_icd10(self) -> str:
        return self.cleaned_data["icd10"].strip().upper()

    @classmethod
    def initial_for(cls, condition: Condition) -> dict[str, Any]:
        """Return the initial values of an edit form for `condition`."""
        return {n: getattr(condition, n) for n in ["name", "icd10", "onset_date", "version"]}


class ResolveConditionForm(PatientEntryForm):
    resolved_on = date_field("Resolved on")

    def __init__(self, *args: Any, condition: Condition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.condition = condition

    def clean_resolved_on(self) -> date | None:
        resolved_on = self.check_date("resolved_on", "resolution date")
        onset = self.condition.onset_date
        if resolved_on and onset and resolved_on < onset:
            raise ValidationError(
                f"The resolution date cannot be before the onset ({day_text(onset)})."
            )
        return resolved_on


ANSWER = forms.Select(choices=[("", "Not asked"), ("true", "Yes"), ("false", "No")])
SEE_AGAIN_CHOICES = [
    ("", "No recall"),
    *[(str(n), f"in {n} month{'s' if n > 1 else ''}") for n in (1, 2, 3, 6, 12)],
]


def _answer(field: str) -> forms.NullBooleanField:
    """A yes / no / not asked question, labelled as the model labels it."""
    label = str(getattr(VisitNote._meta.get_field(field), "verbose_name", field))
    return forms.NullBooleanField(label=label.capitalize(), required=False, widget=ANSWER)


class VisitNoteForm(PatientEntryForm):
    """A visit: IRLS total and sleep, the IRLSSG 2014 criteria, augmentation questions, recall.

    Only the IRLS total is recorded, never the questionnaire's (licensed) item wording.
    """

    model = VisitNote

    visit_date = date_field("Visit date")
    irls_score = forms.IntegerField(
        label="IRLS total score",
        required=False,
        min_value=0,
        max_value=IRLS_MAX,
        help_text="Clinician-rated total, 0–40",
    )
    hours_slept = forms.DecimalField(
        label="Hours slept a night",
        required=False,
        min_value=0,
        max_value=24,
        max_digits=3,
        decimal_places=1,
    )
    nights_disturbed = forms.IntegerField(
        label="Nights disturbed a week", required=False, min_value=0, max_value=7
    )
    criterion_urge = _answer("criterion_urge")
    criterion_rest = _answer("criterion_rest")
    criterion_movement = _answer("criterion_movement")
    criterion_evening = _answer("criterion_evening")
    criterion_not_other = _answer("criterion_not_other")
    course = forms.ChoiceField(
        label="Course", choices=[("", "Not stated"), *Course.choices], required=False
    )
    clinically_significant = _answer("clinically_significant")
    descriptors = forms.MultipleChoiceField(
        label="Symptom descriptors",
        choices=SYMPTOM_DESCRIPTORS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    descriptors_text = forms.CharField(
        label="In the patient's words", max_length=300, required=False
    )
    aug_earlier_onset = _answer("aug_earlier_onset")
    aug_spread = _answer("aug_spread")
    aug_shorter_effect = _answer("aug_shorter_effect")
    aug_more_intense = _answer("aug_more_intense")
    aug_higher_doses = _answer("aug_higher_doses")
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 6}), max_length=NOTE_MAX_LENGTH
    )
    see_again_months = forms.TypedChoiceField(
        label="See again",
        choices=SEE_AGAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Sets the patient's next visit, counted from the visit date",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Div(
                Div("visit_date", css_class="col-md-3"),
                Div("irls_score", css_class="col-md-3"),
                Div("hours_slept", css_class="col-md-3"),
                Div("nights_disturbed", css_class="col-md-3"),
                css_class="row",
            ),
            Fieldset(
                "Diagnostic criteria (IRLSSG 2014)",
                Div(
                    *[Div(name, css_class="col-md-4") for name in CRITERIA_FIELDS], css_class="row"
                ),
                Div(
                    Div("course", css_class="col-md-4"),
                    Div("clinically_significant", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "What the patient feels",
                InlineCheckboxes("descriptors"),
                "descriptors_text",
            ),
            Fieldset(
                "Augmentation screening (patients on a dopaminergic drug)",
                Div(
                    *[Div(name, css_class="col-md-4") for name in AUGMENTATION_FIELDS],
                    css_class="row",
                ),
            ),
            "text",
            Div(Div("see_again_months", css_class="col-md-4"), css_class="row"),
            "version",
        )

    def clean_descriptors_text(self) -> str:
        return stripped(self.cleaned_data["descriptors_text"])

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Write the note.")
        return text

    @classmethod
    def initial_for(cls, note: VisitNote) -> dict[str, Any]:
        """Return the initial values of an edit form for `note`."""
        names = [n for n in cls.base_fields if n != "see_again_months"]
        return {n: getattr(note, n) for n in names}


class EnteredInErrorForm(WorkspaceForm):
    """Withdraw an entry: the reason is required and kept with it."""

    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this entry is wrong, e.g. recorded for the wrong patient",
    )

    def clean_reason(self) -> str:
        reason = stripped(self.cleaned_data["reason"])
        if not reason:
            raise ValidationError("Give the reason this entry was entered in error.")
        return reason
