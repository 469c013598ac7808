"""The admin keeps the workspace's promises: version-checked saves, frozen withdrawn entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from clinic.models import LabResult, Patient, VisitNote
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.patients import patient_update
from clinic.services.records import lab_result_create, lab_result_update, visit_note_create
from tests.clinic.test_admin import admin_url, change_form_data
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def lab(patient, doctor) -> LabResult:
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("40"),
        unit="µg/L",
        collected_on=date(2026, 11, 1),
    )


def lab_form(lab: LabResult, **changes: object) -> dict[str, object]:
    data = {
        "patient": lab.patient_id,
        "analyte": lab.analyte,
        "value": lab.value,
        "unit": lab.unit,
        "collected_on": lab.collected_on.isoformat(),
        "loinc": lab.loinc,
        "expected_version": lab.version,
    }
    return data | changes


def test_it_refuses_an_admin_save_over_a_newer_workspace_change(admin_client, lab, doctor):
    opened = lab_form(lab)
    lab_result_update(at=NOW, lab=lab, user=doctor, expected_version=1, value=Decimal("25"))

    response = admin_client.post(admin_url(LabResult, "change", lab.pk), opened | {"value": "41"})

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by someone else" in errors
    assert "now “25”" in errors
    lab.refresh_from_db()
    assert (lab.value, lab.version) == (Decimal("25"), 2)


def test_it_saves_the_second_submit_knowingly(admin_client, lab, doctor):
    opened = lab_form(lab) | {"value": "41"}
    lab_result_update(at=NOW, lab=lab, user=doctor, expected_version=1, value=Decimal("25"))
    url = admin_url(LabResult, "change", lab.pk)
    refused = admin_client.post(url, opened)

    again = admin_client.post(url, dict(refused.context["adminform"].form.data.items()))

    assert again.status_code == 302
    lab.refresh_from_db()
    assert (lab.value, lab.version) == (Decimal("41"), 3)


def test_it_refuses_a_patient_save_over_a_newer_workspace_change(admin_client, patient, doctor):
    url = admin_url(Patient, "change", patient.pk)
    opened = change_form_data(admin_client.get(url))
    patient_update(at=NOW, patient=patient, user=doctor, expected_version=1, given_name="Anneli")

    response = admin_client.post(url, opened | {"family_name": "Berg"})

    assert response.status_code == 200
    patient.refresh_from_db()
    assert (patient.given_name, patient.family_name) == ("Anneli", "Lindqvist")


def test_it_records_the_real_version_in_the_audit_trail(admin_client, lab):
    admin_client.post(admin_url(LabResult, "change", lab.pk), lab_form(lab, value="41"))

    entry = LogEntry.objects.get_for_object(lab).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["version"] == ["1", "2"]


def test_it_keeps_an_entry_marked_in_error_as_it_was(admin_client, lab, doctor):
    entry_mark_entered_in_error(at=NOW, entry=lab, user=doctor, reason="Other patient's sample")
    lab.refresh_from_db()

    admin_client.post(admin_url(LabResult, "change", lab.pk), lab_form(lab, value="99"))

    lab.refresh_from_db()
    assert lab.value == Decimal("40")


def accesses(patient, kind: str) -> int:
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        additional_data__patient_id=patient.pk,
        additional_data__access=kind,
    ).count()


def test_it_records_an_access_for_each_admin_read_of_a_patient(
    admin_client, patient, make_patient, doctor
):
    other = make_patient(family_name="Berg")
    note = visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=date(2026, 11, 2),
        text="Legs worse at night",
    )

    admin_client.get(admin_url(Patient, "changelist"))
    admin_client.get(admin_url(Patient, "change", patient.pk))
    admin_client.get(admin_url(VisitNote, "change", note.pk))

    assert (accesses(patient, "admin-list"), accesses(other, "admin-list")) == (1, 1)
    assert accesses(patient, "admin") == 1
    assert accesses(patient, "admin-entry") == 1


def test_it_records_an_access_when_a_workspace_form_shows_a_patient(client, doctor, lab):
    client.force_login(doctor)

    client.get(reverse("clinic:lab_edit", args=[lab.patient_id, lab.pk]))
    client.get(reverse("clinic:patient_edit", args=[lab.patient_id]))

    assert accesses(lab.patient, "form") == 2


def test_it_lands_a_clinic_admin_in_the_admin_not_an_empty_caseload(admin_client):
    response = admin_client.get(reverse("clinic:caseload"))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_it_names_login_throttling_as_login_lockouts(admin_client):
    index = admin_client.get(reverse("admin:index"))

    assert "Login lockouts" in index.content.decode()
