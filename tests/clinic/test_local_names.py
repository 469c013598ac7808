"""Local names added in the admin reach the engine on the next evaluation, without a restart."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import Condition, LocalName, Medication, Patient
from clinic.selectors.findings import patient_findings
from clinic.snapshots import with_snapshot_data

ADD_URL = reverse("admin:clinic_localname_add")


def codes_of(patient: Patient) -> set[str]:
    fresh = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    return {finding.code for finding in patient_findings(fresh, as_of=timezone.localdate())}


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def test_it_maps_a_regional_brand_to_a_generic_on_the_next_evaluation(
    admin_client, patient, doctor
):
    Medication.objects.create(
        patient=patient, line="Nauseastop 10 mg", created_by=doctor, updated_by=doctor
    )
    assert "drug.antiemetic-dopamine-antagonist" not in codes_of(patient)

    response = admin_client.post(
        ADD_URL, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
    )

    assert response.status_code == 302
    assert "drug.antiemetic-dopamine-antagonist" in codes_of(patient)


def test_it_maps_a_local_condition_name_to_a_family(admin_client, patient, doctor):
    Condition.objects.create(
        patient=patient, name="Sugar sickness", created_by=doctor, updated_by=doctor
    )

    admin_client.post(
        ADD_URL, {"kind": "condition", "name": "sugar sickness", "target": "cause.diabetes"}
    )

    assert "cause.diabetes" in codes_of(patient)


def test_it_refuses_a_target_of_the_other_kind(admin_client):
    response = admin_client.post(
        ADD_URL, {"kind": "condition", "name": "Nauseastop", "target": "metoclopramide"}
    )

    assert response.status_code == 200
    assert "is not a known condition" in response.content.decode()
    assert not LocalName.objects.exists()


def test_it_refuses_a_second_spelling_of_the_same_name(admin_client):
    admin_client.post(
        ADD_URL, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
    )

    response = admin_client.post(
        ADD_URL, {"kind": "medication", "name": "NAUSEASTOP", "target": "phenytoin"}
    )

    assert response.status_code == 200
    assert "already mapped for this kind" in response.content.decode()
    assert LocalName.objects.count() == 1
