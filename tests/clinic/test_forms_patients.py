"""The patient form: pregnancy as a due date or a gestational age, and the care team."""

from __future__ import annotations

from datetime import date

import pytest

from clinic.forms.patients import DeliveryForm, PatientEditForm, PatientForm

pytestmark = pytest.mark.usefixtures("frozen_today")

BASE = {
    "mrn": " mrn-9 ",
    "given_name": "Mia",
    "family_name": "Holm",
    "birth_date": "1995-03-02",
    "sex": "female",
    "family_history_rls": "unknown",
}


def form(doctor, **data) -> PatientForm:
    return PatientForm(BASE | data, primary_doctor=doctor)


def test_it_normalizes_the_mrn(doctor):
    patient_form = form(doctor)

    assert patient_form.is_valid(), patient_form.errors
    assert patient_form.values()["mrn"] == "MRN-9"


def test_it_turns_a_gestational_age_into_a_due_date(doctor):
    patient_form = form(
        doctor, gestational_weeks="20", gestational_days="3", gestational_age_on="2026-11-20"
    )

    assert patient_form.is_valid(), patient_form.errors
    # 280 days from the last period; 20+3 weeks on 20 Nov 2026 leaves 137 days.
    assert patient_form.values()["pregnancy_due_date"] == date(2027, 4, 6)
    assert "gestational_weeks" not in patient_form.values()


def test_it_refuses_both_a_due_date_and_a_gestational_age(doctor):
    patient_form = form(doctor, pregnancy_due_date="2027-03-01", gestational_weeks="20")

    assert not patient_form.is_valid()
    assert "not both" in patient_form.errors["gestational_weeks"][0]


def test_it_refuses_a_pregnancy_for_a_male_patient(doctor):
    patient_form = form(doctor, sex="male", pregnancy_due_date="2027-03-01")

    assert not patient_form.is_valid()
    assert "male" in patient_form.errors["pregnancy_due_date"][0]


def test_it_refuses_a_due_date_long_past(doctor):
    patient_form = form(doctor, pregnancy_due_date="2026-09-01")

    assert not patient_form.is_valid()
    assert "record the delivery" in patient_form.errors["pregnancy_due_date"][0]


def test_it_refuses_a_birth_date_in_the_future(doctor):
    patient_form = form(doctor, birth_date="2027-01-01")

    assert not patient_form.is_valid()
    assert "future" in patient_form.errors["birth_date"][0]


def test_it_offers_doctors_but_not_the_primary_doctor_for_the_care_team(
    doctor, colleague, clinic_admin
):
    choices = set(form(doctor).fields["care_team"].queryset)

    assert colleague in choices
    assert doctor not in choices
    assert clinic_admin not in choices


def test_it_does_not_offer_the_primary_doctor_on_the_edit_form(doctor, patient):
    edit = PatientEditForm(initial=PatientForm.initial_for(patient), primary_doctor=doctor)

    assert "primary_doctor" not in edit.fields
    assert edit.initial["version"] == 1


def test_it_refuses_a_delivery_in_the_future(patient):
    delivery = DeliveryForm({"delivered_on": "2026-12-01", "version": "1"}, patient=patient)

    assert not delivery.is_valid()
    assert "future" in delivery.errors["delivered_on"][0]
