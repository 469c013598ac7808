"""Entry forms validate and normalize: units, plausible values, dates, codes; errors name fields."""

from __future__ import annotations

from datetime import date

import pytest

from clinic.forms.medications import MedicationForm, StopMedicationForm
from clinic.forms.records import (
    ConditionForm,
    EnteredInErrorForm,
    LabResultForm,
    VisitNoteForm,
)
from clinic.models import Medication

pytestmark = pytest.mark.usefixtures("frozen_today")


def lab_form(patient, **data) -> LabResultForm:
    fields = {"analyte": "ferritin", "value": "30", "unit": "ng/mL", "collected_on": "2026-11-01"}
    return LabResultForm(fields | data, patient=patient)


def test_it_accepts_a_lab_result_and_normalizes_the_unit_spelling(patient):
    form = lab_form(patient, analyte="hemoglobin", value="11.8", unit="g/dL")

    assert form.is_valid(), form.errors
    assert form.values()["unit"] == "g/dL"


def test_it_refuses_a_unit_not_valid_for_the_analyte(patient):
    form = lab_form(patient, unit="g/dL")

    assert not form.is_valid()
    assert form.errors["unit"] == ["Ferritin is measured in µg/L, ng/mL."]


@pytest.mark.parametrize(
    ("analyte", "value", "unit"),
    [
        ("hemoglobin", "1000", "g/L"),
        ("hemoglobin", "30", "g/dL"),
        ("transferrin_saturation", "120", "%"),
    ],
)
def test_it_refuses_an_implausible_value_in_the_canonical_unit(patient, analyte, value, unit):
    form = lab_form(patient, analyte=analyte, value=value, unit=unit)

    assert not form.is_valid()
    assert "outside the plausible range" in form.errors["value"][0]


def test_it_converts_before_checking_plausibility(patient):
    # 8 mmol/L hemoglobin is 129 g/L: plausible, though 8 g/L would not be.
    assert lab_form(patient, analyte="hemoglobin", value="8", unit="mmol/L").is_valid()


@pytest.mark.parametrize(
    ("day", "message"),
    [("2026-11-25", "cannot be in the future"), ("1970-05-16", "before the patient's birth")],
)
def test_it_refuses_dates_outside_the_patients_life(patient, day, message):
    form = lab_form(patient, collected_on=day)

    assert not form.is_valid()
    assert message in form.errors["collected_on"][0]


def test_it_refuses_a_loinc_code_of_another_analyte(patient):
    form = lab_form(patient, loinc="718-7")

    assert not form.is_valid()
    assert form.errors["loinc"] == ["LOINC 718-7 is Hemoglobin, not Ferritin."]


def test_it_normalizes_and_checks_an_icd10_code(patient):
    valid = ConditionForm({"name": " Type 2  diabetes ", "icd10": "e11.65"}, patient=patient)
    invalid = ConditionForm({"name": "Diabetes", "icd10": "diabetes"}, patient=patient)

    assert valid.is_valid()
    assert valid.values() == {"name": "Type 2 diabetes", "icd10": "E11.65", "onset_date": None}
    assert not invalid.is_valid()
    assert "icd10" in invalid.errors


def test_it_lets_the_code_stand_for_the_name_of_a_condition(patient):
    form = ConditionForm({"name": "", "icd10": "E11"}, patient=patient)

    assert form.is_valid()  # the service names it from the code, or says the name is missing


def test_it_keeps_the_irls_score_within_0_to_40(patient):
    form = VisitNoteForm(
        {"visit_date": "2026-11-20", "irls_score": "41", "text": "Seen"}, patient=patient
    )

    assert not form.is_valid()
    assert "irls_score" in form.errors


def test_it_refuses_a_blank_reason_for_entered_in_error():
    form = EnteredInErrorForm({"reason": "   "})

    assert not form.is_valid()
    assert "reason" in form.errors


def test_it_shows_the_warning_and_asks_for_confirmation(patient):
    form = MedicationForm({"line": "Reglan 10 mg"}, patient=patient)

    assert not form.is_valid()
    assert [w.generic for w in form.warnings] == ["metoclopramide"]
    assert "confirm_warning" in form.errors
    assert form.data["warned_codes"] == "drug.antiemetic-dopamine-antagonist"


def test_it_accepts_the_confirmation_of_the_warning_shown(patient):
    data = {
        "line": "Reglan 10 mg",
        "warned_codes": "drug.antiemetic-dopamine-antagonist",
        "confirm_warning": "on",
    }
    form = MedicationForm(data, patient=patient)

    assert form.is_valid(), form.errors
    assert form.values()["confirmed_codes"] == {"drug.antiemetic-dopamine-antagonist"}


def test_it_does_not_accept_a_confirmation_of_another_warning(patient):
    data = {
        "line": "Haloperidol 5 mg",
        "warned_codes": "drug.antiemetic-dopamine-antagonist",
        "confirm_warning": "on",
    }
    form = MedicationForm(data, patient=patient)

    assert not form.is_valid()
    assert form.data["warned_codes"] == "drug.typical-antipsychotic"


def test_it_normalizes_and_checks_an_atc_code(patient):
    valid = MedicationForm({"line": "Zofran", "atc": "a04aa01"}, patient=patient)
    invalid = MedicationForm({"line": "Zofran", "atc": "A4"}, patient=patient)

    assert valid.is_valid()
    assert valid.values()["atc"] == "A04AA01"
    assert not invalid.is_valid()
    assert "atc" in invalid.errors


def test_it_refuses_a_stop_date_before_the_start(patient, doctor):
    medication = Medication(line="Zofran", started_on=date(2026, 10, 1))
    form = StopMedicationForm(
        {"stopped_on": "2026-09-01", "version": "1"},
        patient=patient,
        medication=medication,
        initial={"version": 1},
    )

    assert not form.is_valid()
    assert "before the start date" in form.errors["stopped_on"][0]
