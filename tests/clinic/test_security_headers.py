"""Pages with patient data are never stored by a browser or proxy; the export's name is safe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.services.records import lab_result_create
from tests.clinic.test_admin import admin_url
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")

PATIENT_PAGES = ["patient", "patient_print", "patient_export", "patient_edit", "lab_create"]


@pytest.mark.parametrize("name", PATIENT_PAGES)
def test_it_forbids_storing_a_page_with_patient_data(client, doctor, patient, name):
    client.force_login(doctor)

    response = client.get(reverse(f"clinic:{name}", args=[patient.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_forbids_storing_a_lab_edit_form_and_the_admin_patient_page(
    client, doctor, clinic_admin, patient
):
    lab = lab_result_create(
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )
    client.force_login(doctor)
    edit = client.get(reverse("clinic:lab_edit", args=[patient.pk, lab.pk]))
    client.force_login(clinic_admin)
    admin_page = client.get(admin_url(type(patient), "change", patient.pk))

    assert "no-store" in edit["Cache-Control"]
    assert "no-store" in admin_page["Cache-Control"]


@pytest.mark.parametrize(
    ("mrn", "part"),
    [
        ('X1.HTML"; X="', "X1-HTML-X"),
        ("AB-12_3", "AB-12_3"),
        ("../../etc", "etc"),
        ('"";', "patient"),
    ],
)
def test_it_builds_the_export_file_name_from_a_sanitised_mrn(
    client, doctor, make_patient, mrn, part
):
    patient = make_patient(mrn=mrn)
    client.force_login(doctor)

    response = client.get(reverse("clinic:patient_export", args=[patient.pk]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="ekbom-{part}-2026-11-24.json"'
    )
