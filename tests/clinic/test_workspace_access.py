"""Every patient-scoped URL: 404 outside the care team (GET and POST), open to the team."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.services.medications import medication_create
from clinic.services.records import condition_create, lab_result_create, visit_note_create
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")

PATIENT_URLS = ["patient", "patient_print", "patient_edit", "patient_delivery"]
NEW_ENTRY_URLS = ["lab_create", "condition_create", "medication_create", "visit_create"]
ENTRY_URLS = {
    "lab": ["lab_edit", "lab_error"],
    "condition": ["condition_edit", "condition_resolve", "condition_error"],
    "medication": ["medication_edit", "medication_stop", "medication_error"],
    "visit": ["visit_edit", "visit_error"],
}
ALL_NAMES = [
    *PATIENT_URLS,
    *NEW_ENTRY_URLS,
    *(name for names in ENTRY_URLS.values() for name in names),
    "finding_acknowledge",
]


@pytest.fixture
def urls(make_patient, doctor) -> dict[str, str]:
    patient = make_patient(pregnancy_due_date=date(2027, 3, 1))
    entries = {
        "lab": lab_result_create(
            at=NOW,
            patient=patient,
            user=doctor,
            analyte="ferritin",
            value=Decimal("30"),
            unit="ng/mL",
            collected_on=date(2026, 11, 1),
        ),
        "condition": condition_create(
            at=NOW, patient=patient, user=doctor, name="Diabetes", icd10="E11"
        ),
        "medication": medication_create(at=NOW, patient=patient, user=doctor, line="Zofran 4 mg"),
        "visit": visit_note_create(
            at=NOW, patient=patient, user=doctor, visit_date=date(2026, 11, 2), text="Seen"
        ),
    }
    found = {name: reverse(f"clinic:{name}", args=[patient.pk]) for name in PATIENT_URLS}
    found |= {name: reverse(f"clinic:{name}", args=[patient.pk]) for name in NEW_ENTRY_URLS}
    for kind, names in ENTRY_URLS.items():
        for name in names:
            found[name] = reverse(f"clinic:{name}", args=[patient.pk, entries[kind].pk])
    found["finding_acknowledge"] = reverse(
        "clinic:finding_acknowledge", args=[patient.pk, "cause.iron-deficiency"]
    )
    found["patient_obj"] = patient
    return found


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_answers_404_outside_the_care_team(client, other_doctor, urls, name):
    client.force_login(other_doctor)

    assert client.get(urls[name]).status_code == 404
    assert client.post(urls[name], {"reason": "x", "version": "1"}).status_code == 404


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_opens_to_a_colleague_on_the_care_team(client, colleague, urls, name):
    urls["patient_obj"].care_team.add(colleague)
    client.force_login(colleague)

    assert client.get(urls[name]).status_code == 200


def test_it_sends_anonymous_users_to_the_login(client, urls):
    response = client.get(urls["patient"])

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_404_for_an_entry_of_another_patient(client, doctor, make_patient, urls):
    other = make_patient()
    client.force_login(doctor)
    lab_pk = urls["lab_edit"].split("/")[-3]

    response = client.get(reverse("clinic:lab_edit", args=[other.pk, lab_pk]))

    assert response.status_code == 404
