"""The admin page that uploads a FHIR bundle into a chosen caseload."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinic.models import FhirLink, Patient
from tests.clinic import fhir_bundles as fb
from tests.conftest import make_user

UPLOAD = "admin:clinic_fhirlink_upload"


def upload(document) -> SimpleUploadedFile:
    return SimpleUploadedFile("bundle.json", json.dumps(document).encode(), "application/json")


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


@pytest.mark.usefixtures("frozen_today")
def test_it_imports_an_uploaded_bundle_into_the_chosen_doctors_caseload(admin_client, doctor):
    response = admin_client.post(
        reverse(UPLOAD),
        {"bundle": upload(fb.bundle(*fb.anemic_patient("SYN-UP"))), "doctor": doctor.pk},
    )

    assert response.status_code == 200
    assert Patient.objects.get(mrn="SYN-UP").primary_doctor == doctor
    assert "Patients: 1 created, 0 updated, 0 unchanged, 0 refused." in response.content.decode()
    assert FhirLink.objects.filter(resource_type="Patient").count() == 1


def test_it_names_the_field_when_the_file_is_not_a_bundle(admin_client, doctor):
    response = admin_client.post(
        reverse(UPLOAD), {"bundle": upload({"resourceType": "Patient"}), "doctor": doctor.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["bundle"] == [
        "resourceType: 'Patient', expected 'Bundle'"
    ]
    assert Patient.objects.count() == 0


def test_it_lets_staff_without_every_caseload_import_only_into_their_own(client, doctor):
    staff_doctor = make_user("staffdoc", "Doctors", staff=True)
    client.force_login(staff_doctor)

    response = client.post(
        reverse(UPLOAD),
        {"bundle": upload(fb.bundle(*fb.anemic_patient("SYN-S"))), "doctor": doctor.pk},
    )

    assert "doctor" in response.context["form"].errors
    assert Patient.objects.count() == 0


def test_it_refuses_the_page_to_users_who_may_not_add_patients(client, db):
    viewer = make_user("viewer", "Doctors", staff=True)
    viewer.groups.clear()
    client.force_login(viewer)

    assert client.get(reverse(UPLOAD)).status_code == 403
