"""Data entry helpers: what the forms fill in and catch before a tired doctor saves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.dosage import Dosage, parse_dosage
from clinic.models import Condition
from clinic.services.medications import medication_create
from clinic.services.records import condition_create, lab_result_create
from rls import ANALYTES

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_it_offers_today_as_the_stop_date(client, doctor, patient):
    medication = medication_create(
        patient=patient, user=doctor, line="Ondansetron 4 mg", started_on=date(2026, 1, 5)
    )
    client.force_login(doctor)

    response = client.get(reverse("clinic:medication_stop", args=[patient.pk, medication.pk]))

    assert response.context["form"]["stopped_on"].value() == date(2026, 11, 24)
    assert 'value="2026-11-24"' in response.content.decode()


def test_it_offers_today_as_the_resolve_date(client, doctor, patient):
    condition = condition_create(patient=patient, user=doctor, name="Iron deficiency anemia")
    client.force_login(doctor)

    response = client.get(reverse("clinic:condition_resolve", args=[patient.pk, condition.pk]))

    assert response.context["form"]["resolved_on"].value() == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("line", "dose", "unit", "route", "frequency"),
    [
        ("Reglan 10 mg tab PO TID", "10", "mg", "PO", "TID"),
        ("Lasix 40mg", "40", "mg", "", ""),
        ("Levothyroxine 75 mcg mane", "75", "µg", "", "in the morning"),
        ("Ropinirole 0,25 mg nocte", "0.25", "mg", "", "at night"),
        ("Morphine 10mg PO q4h", "10", "mg", "PO", "every 4 hours"),
        ("Salbutamol inh 2 puffs QID", "2", "puffs", "inhaled", "QID"),
        ("Sertraline 50 mg once daily", "50", "mg", "", "once daily"),
        ("Zofran", "", "", "", ""),
        # Look-alikes: a number without a unit, and letters inside a word, are not read.
        ("Vitamin B12", "", "", "", ""),
        ("Pimozide 2", "", "", "", ""),
        ("Bisoprolol Tidy", "", "", "", ""),
    ],
)
def test_it_reads_dose_unit_route_and_frequency_from_the_line(line, dose, unit, route, frequency):
    assert parse_dosage(line) == Dosage(dose, unit, route, frequency)


def test_it_fills_the_columns_the_line_states(doctor, patient):
    medication = medication_create(patient=patient, user=doctor, line="Ondansetron 4 mg PO BID")

    assert (medication.dose, medication.dose_unit) == ("4", "mg")
    assert (medication.route, medication.frequency) == ("PO", "BID")


def test_it_keeps_what_the_doctor_wrote_in_a_column(doctor, patient):
    medication = medication_create(
        patient=patient, user=doctor, line="Ondansetron 4 mg PO BID", dose="8", frequency="TID"
    )

    assert (medication.dose, medication.dose_unit) == ("8", "")
    assert (medication.route, medication.frequency) == ("PO", "TID")


def test_it_shows_the_parsed_columns_on_the_record(client, doctor, patient):
    medication_create(
        patient=patient,
        user=doctor,
        line="Reglan 10 mg tab PO TID",
        confirmed_codes={"drug.antiemetic-dopamine-antagonist"},
    )
    client.force_login(doctor)

    html = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
    row = html.split('id="medication-')[1].split("</tr>")[0]

    assert '<td class="text-nowrap med-dose">10 mg</td>' in row
    assert '<td class="med-route">PO</td>' in row
    assert '<td class="med-frequency">TID</td>' in row


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("N18.4", "Kidney disease"),
        ("I10", "Cardiovascular disease"),
        ("D50.9", "Anemia and Iron deficiency"),
        ("J44", "Chronic obstructive pulmonary disease"),
    ],
)
def test_it_names_a_condition_from_its_code(doctor, patient, code, name):
    condition = condition_create(patient=patient, user=doctor, name="", icd10=code)

    assert condition.name == name


def test_it_keeps_the_name_the_doctor_wrote(doctor, patient):
    condition = condition_create(patient=patient, user=doctor, name="CKD 4", icd10="N18.4")

    assert condition.name == "CKD 4"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("K35", "does not name ICD-10 K35"),  # appendicitis: a valid code the base does not know
        ("", "or give an ICD-10 code"),
    ],
)
def test_it_asks_for_a_name_the_code_does_not_give(client, doctor, patient, code, reason):
    client.force_login(doctor)
    url = reverse("clinic:condition_create", args=[patient.pk])

    response = client.post(url, {"name": "", "icd10": code})
    html = response.content.decode()

    assert response.status_code == 422
    assert html.count(reason) == 1
    assert not Condition.objects.exists()


def test_it_adds_a_condition_by_code_alone_through_the_form(client, doctor, patient):
    client.force_login(doctor)
    url = reverse("clinic:condition_create", args=[patient.pk])

    response = client.post(url, {"name": "", "icd10": "n18.4"})

    assert response.status_code == 302
    assert Condition.objects.get().name == "Kidney disease"


def test_it_takes_the_loinc_code_from_the_analyte(doctor, patient):
    lab = lab_result_create(
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )

    assert lab.loinc == ANALYTES["ferritin"].loinc[0]


def test_it_refuses_a_loinc_code_of_another_analyte_on_every_road(doctor, patient):
    with pytest.raises(ValidationError) as refused:
        lab_result_create(
            patient=patient,
            user=doctor,
            analyte="ferritin",
            value=Decimal("30"),
            unit="ng/mL",
            collected_on=date(2026, 11, 1),
            loinc="718-7",
        )

    assert refused.value.message_dict["loinc"] == ["LOINC 718-7 is Hemoglobin, not Ferritin."]


def test_it_keeps_a_matching_loinc_code(doctor, patient):
    code = ANALYTES["ferritin"].loinc[-1]
    lab = lab_result_create(
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
        loinc=code,
    )

    assert lab.loinc == code
