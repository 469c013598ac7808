"""Every patient-scoped workspace URL answers 404 to a doctor outside the patient's caseload.

The URLs are discovered from the resolver, so a page, form or export added later is covered
without editing this file; a parameter the test cannot fill fails loudly instead of skipping.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from clinic.models import Condition, LabResult, Medication, Patient, VisitNote
from tests.clinic.urlwalk import ENTRY_PARAMETERS, make_records, route_values, workspace_routes

PATIENT_SCOPED = [route for route in workspace_routes() if route.parameters]


def _row_counts() -> dict[str, int]:
    models = (Patient, LabResult, Condition, Medication, VisitNote)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def caseload(doctor, make_patient, frozen_today):
    patient = make_patient(family_name="Caseloadpatient")
    return patient, make_records(patient, doctor)


def test_it_finds_patient_scoped_urls_of_every_kind():
    names = {route.url_name for route in PATIENT_SCOPED}

    assert {"patient", "patient_edit", "lab_edit", "visit_create"} <= names


@pytest.mark.parametrize("route", PATIENT_SCOPED, ids=str)
def test_it_hides_another_caseloads_patient_behind_a_404(
    client, caseload, doctor, other_doctor, route
):
    patient, records = caseload
    url = route.path(route_values(route, patient, records))
    before = _row_counts()
    client.force_login(other_doctor)

    answers = {"GET": client.get(url).status_code, "POST": client.post(url, {}).status_code}

    assert answers == {"GET": 404, "POST": 404}
    assert _row_counts() == before
    assert not LogEntry.objects.filter(actor=other_doctor).exists()


@pytest.mark.parametrize("route", PATIENT_SCOPED, ids=str)
def test_it_serves_the_same_url_to_the_patients_own_doctor(client, caseload, doctor, route):
    patient, records = caseload
    url = route.path(route_values(route, patient, records))
    client.force_login(doctor)

    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})

    assert response.status_code in {200, 302}, f"{url} answered {response.status_code}"


@pytest.mark.parametrize(
    "route", [r for r in PATIENT_SCOPED if ENTRY_PARAMETERS & set(r.parameters)], ids=str
)
def test_it_refuses_another_patients_entry_under_ones_own_patient(
    client, caseload, other_doctor, make_patient, route
):
    _patient, records = caseload
    own_patient = make_patient(primary_doctor=other_doctor)
    values = route_values(route, own_patient, records)  # own patient, the doctor's entry
    client.force_login(other_doctor)

    assert client.get(route.path(values)).status_code == 404
    assert client.post(route.path(values), {}).status_code == 404


def test_it_shows_the_patient_to_a_colleague_on_the_care_team(client, caseload, colleague):
    patient, _records = caseload
    patient.care_team.add(colleague)
    client.force_login(colleague)

    assert client.get(patient.get_absolute_url()).status_code == 200


def test_it_leaves_another_caseloads_patient_off_the_caseload_page(client, caseload, other_doctor):
    client.force_login(other_doctor)

    response = client.get("/")

    assert response.status_code == 200
    assert "Caseloadpatient" not in response.text
