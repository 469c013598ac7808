"""Every patient-scoped workspace URL answers 404 to a doctor outside the patient's caseload.

The URLs are discovered from the resolver, so a page, form or export added later is covered
without editing this file; a parameter the test cannot fill fails loudly instead of skipping.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from clinic.models import Condition, LabResult, Medication, Patient, VisitNote
from clinic.services.findings import patient_findings
from tests.clinic.urlwalk import Route, workspace_routes

PATIENT_SCOPED = [route for route in workspace_routes() if route.parameters]
ENTRY_PARAMETERS = {"entry_pk", "lab_pk", "condition_pk", "medication_pk", "visit_pk"}


def _tracked(user) -> dict:
    return {"created_by": user, "updated_by": user}


def _records(patient: Patient, user) -> dict[str, object]:
    return {
        "lab": LabResult.objects.create(
            patient=patient,
            analyte="ferritin",
            value=Decimal("20"),
            unit="ng/mL",
            collected_on=date(2026, 11, 1),
            **_tracked(user),
        ),
        "condition": Condition.objects.create(patient=patient, name="Anaemia", **_tracked(user)),
        "medication": Medication.objects.create(
            patient=patient, line="Metoclopramide 10 mg", **_tracked(user)
        ),
        "visit": VisitNote.objects.create(
            patient=patient,
            visit_date=date(2026, 11, 2),
            author=user,
            text="Seen",
            **_tracked(user),
        ),
    }


def _entry_kind(route: Route) -> str:
    kind = route.default_args.get("kind") or route.url_name.split("_")[0]
    return {"labs": "lab", "conditions": "condition", "visits": "visit"}.get(kind, kind)


def _values(route: Route, patient: Patient, records: dict[str, object]) -> dict[str, object]:
    """Fill each parameter of `route` from objects of `patient`; fail on one it cannot fill."""
    values: dict[str, object] = {}
    for name in route.parameters:
        if name in {"pk", "patient_pk"}:
            values[name] = patient.pk
        elif name in ENTRY_PARAMETERS:
            kind = _entry_kind(route) if name == "entry_pk" else name.removesuffix("_pk")
            if kind not in records:
                raise AssertionError(f"{route.name}: no {kind!r} record to fill {name}; add one")
            values[name] = records[kind].pk
        elif name == "code":
            values[name] = patient_findings(patient)[0].code
        else:
            raise AssertionError(f"{route.name}: cannot fill parameter {name!r}; teach this test")
    return values


def _row_counts() -> dict[str, int]:
    models = (Patient, LabResult, Condition, Medication, VisitNote)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def caseload(doctor, make_patient, frozen_today):
    patient = make_patient(family_name="Caseloadpatient")
    return patient, _records(patient, doctor)


def test_it_finds_patient_scoped_urls_of_every_kind():
    names = {route.url_name for route in PATIENT_SCOPED}

    assert {"patient", "patient_edit", "lab_edit", "visit_create"} <= names


@pytest.mark.parametrize("route", PATIENT_SCOPED, ids=str)
def test_it_hides_another_caseloads_patient_behind_a_404(
    client, caseload, doctor, other_doctor, route
):
    patient, records = caseload
    url = route.path(_values(route, patient, records))
    before = _row_counts()
    client.force_login(other_doctor)

    answers = {"GET": client.get(url).status_code, "POST": client.post(url, {}).status_code}

    assert answers == {"GET": 404, "POST": 404}
    assert _row_counts() == before
    assert not LogEntry.objects.filter(actor=other_doctor).exists()


@pytest.mark.parametrize("route", PATIENT_SCOPED, ids=str)
def test_it_serves_the_same_url_to_the_patients_own_doctor(client, caseload, doctor, route):
    patient, records = caseload
    url = route.path(_values(route, patient, records))
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
    values = _values(route, own_patient, records)  # own patient, the doctor's entry
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
