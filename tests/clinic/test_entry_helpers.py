"""Data entry helpers: what the forms fill in and catch before a tired doctor saves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.dosage import Dosage, parse_dosage
from clinic.forms.medications import DUPLICATE_MESSAGE
from clinic.forms.records import SAME_DAY_MESSAGE
from clinic.models import Condition
from clinic.services.entries import entry_end
from clinic.services.medications import duplicate_therapies, medication_create
from clinic.services.records import condition_create, lab_result_create
from rls import ANALYTES
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_it_offers_today_as_the_stop_date(client, doctor, patient):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Ondansetron 4 mg", started_on=date(2026, 1, 5)
    )
    client.force_login(doctor)

    response = client.get(reverse("clinic:medication_stop", args=[patient.pk, medication.pk]))

    assert response.context["form"]["stopped_on"].value() == date(2026, 11, 24)
    assert 'value="2026-11-24"' in response.content.decode()


def test_it_offers_today_as_the_resolve_date(client, doctor, patient):
    condition = condition_create(
        at=NOW, patient=patient, user=doctor, name="Iron deficiency anemia"
    )
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
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Ondansetron 4 mg PO BID"
    )

    assert (medication.dose, medication.dose_unit) == ("4", "mg")
    assert (medication.route, medication.frequency) == ("PO", "BID")


def test_it_keeps_what_the_doctor_wrote_in_a_column(doctor, patient):
    medication = medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="Ondansetron 4 mg PO BID",
        dose="8",
        frequency="TID",
    )

    assert (medication.dose, medication.dose_unit) == ("8", "")
    assert (medication.route, medication.frequency) == ("PO", "TID")


def test_it_shows_the_parsed_columns_on_the_record(client, doctor, patient):
    medication_create(
        at=NOW,
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
    condition = condition_create(at=NOW, patient=patient, user=doctor, name="", icd10=code)

    assert condition.name == name


def test_it_keeps_the_name_the_doctor_wrote(doctor, patient):
    condition = condition_create(at=NOW, patient=patient, user=doctor, name="CKD 4", icd10="N18.4")

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
        at=NOW,
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
            at=NOW,
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
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
        loinc=code,
    )

    assert lab.loinc == code


@pytest.fixture
def on_sertraline(doctor, patient):
    return medication_create(
        at=NOW, patient=patient, user=doctor, line="Sertraline 50 mg", confirmed_codes={"drug.ssri"}
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Sertraline 100 mg", "the same drug (sertraline)"),
        ("Zoloft 50 mg", "the same drug (sertraline)"),
        ("Escitalopram 10 mg", "the same class"),
    ],
)
def test_it_warns_of_duplicate_therapy(patient, on_sertraline, line, reason):
    duplicates = duplicate_therapies(patient, line)

    assert [d.other for d in duplicates] == ["Sertraline 50 mg"]
    assert duplicates[0].reason.startswith(reason)


@pytest.mark.parametrize("line", ["Ondansetron 4 mg", "Mirtazapine 15 mg", "Ferrous sulfate"])
def test_it_does_not_call_other_drugs_duplicates(patient, on_sertraline, line):
    assert duplicate_therapies(patient, line) == []


def test_it_ignores_stopped_medications_and_the_one_being_edited(doctor, patient, on_sertraline):
    assert duplicate_therapies(patient, "Sertraline 50 mg", exclude_pk=on_sertraline.pk) == []
    other = medication_create(
        at=NOW, patient=patient, user=doctor, line="Lasix 40 mg", confirmed_codes={"drug.diuretic"}
    )
    entry_end(at=NOW, entry=other, user=doctor, ended_on=date(2026, 11, 20), expected_version=1)

    assert duplicate_therapies(patient, "Lasix 20 mg") == []


def test_it_knows_the_same_brand_written_twice(doctor, patient):
    medication_create(at=NOW, patient=patient, user=doctor, line="Movicol 1 sachet")

    assert duplicate_therapies(patient, "Movicol 2 sachets")[0].reason == "the same drug name"


def test_the_form_asks_to_confirm_a_duplicate(client, doctor, patient, on_sertraline):
    client.force_login(doctor)
    url = reverse("clinic:medication_create", args=[patient.pk])
    data = {"line": "Escitalopram 10 mg", "warned_codes": "drug.ssri", "confirm_warning": "on"}

    asked = client.post(url, data)
    confirmed = client.post(url, data | {"confirm_duplicate": "on"})

    html = asked.content.decode()
    assert asked.status_code == 422
    assert "Possible duplicate therapy" in html
    assert "Already active: <strong>Sertraline 50 mg</strong>" in html
    assert html.count(DUPLICATE_MESSAGE) == 1
    assert confirmed.status_code == 302


def add_ferritin(patient, user, value, day=date(2026, 11, 1), unit="ng/mL"):
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte="ferritin",
        value=Decimal(value),
        unit=unit,
        collected_on=day,
    )


def post_ferritin(client, patient, value, **extra):
    data = {"analyte": "ferritin", "value": value, "unit": "ng/mL", "collected_on": "2026-11-01"}
    return client.post(reverse("clinic:lab_create", args=[patient.pk]), data | extra)


def test_it_asks_before_a_very_different_result_of_the_same_day(client, doctor, patient):
    add_ferritin(patient, doctor, "30")
    client.force_login(doctor)

    asked = post_ferritin(client, patient, "300")
    kept = post_ferritin(client, patient, "300", confirm_same_day="on")

    html = asked.content.decode()
    assert asked.status_code == 422
    assert "Ferritin <strong>30 ng/mL</strong> on 1 Nov 2026" in html
    assert html.count(SAME_DAY_MESSAGE) == 1
    assert kept.status_code == 302


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("33", "2026-11-01"),  # within a quarter of the first: a repeat, not a slip
        ("300", "2026-11-02"),  # another day
    ],
)
def test_it_lets_a_close_or_other_day_result_through(client, doctor, patient, value, day):
    add_ferritin(patient, doctor, "30")
    client.force_login(doctor)

    response = post_ferritin(client, patient, value, collected_on=day)

    assert response.status_code == 302


def test_it_compares_same_day_results_in_one_unit(client, doctor, patient):
    add_ferritin(patient, doctor, "30", unit="µg/L")
    client.force_login(doctor)

    assert post_ferritin(client, patient, "30").status_code == 302  # 30 ng/mL is 30 µg/L


def test_it_does_not_compare_a_result_with_itself_when_correcting(client, doctor, patient):
    lab = add_ferritin(patient, doctor, "30")
    client.force_login(doctor)
    url = reverse("clinic:lab_edit", args=[patient.pk, lab.pk])
    data = {"analyte": "ferritin", "unit": "ng/mL", "collected_on": "2026-11-01", "version": "1"}

    assert client.post(url, data | {"value": "300"}).status_code == 302
