"""The patient export: the record and its findings as JSON, audited, readable by `findings`."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.medications import medication_create
from clinic.services.records import allergy_create, lab_result_create
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def exported(client, doctor, patient):
    lab_result_create(
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )
    medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="Reglan 10 mg tab PO TID",
        confirmed_codes=["drug.antiemetic-dopamine-antagonist"],
    )
    client.force_login(doctor)
    return client.get(reverse("clinic:patient_export", args=[patient.pk]))


def test_it_downloads_the_record_and_its_findings(exported, patient):
    document = json.loads(exported.content)

    assert exported["Content-Disposition"] == (
        f'attachment; filename="ekbom-{patient.mrn}-2026-11-24.json"'
    )
    assert document["patient"]["mrn"] == patient.mrn
    assert document["exported_by"] == "doctor"
    assert document["snapshot"]["medications"][0]["name"] == "Reglan 10 mg tab PO TID"
    codes = {finding["code"] for finding in document["findings"]}
    assert {"cause.iron-deficiency", "drug.antiemetic-dopamine-antagonist"} <= codes


def test_it_gives_the_findings_command_the_same_findings(exported, tmp_path):
    document = json.loads(exported.content)
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(document["snapshot"]), encoding="utf-8")
    out = io.StringIO()

    call_command("findings", str(path), stdout=out)

    assert json.loads(out.getvalue())["findings"] == document["findings"]


def test_it_records_the_export_in_the_audit_trail(exported, doctor, patient):
    (entry,) = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)

    assert entry.actor == doctor
    assert entry.additional_data == {"patient_id": patient.pk, "access": "export"}


def test_it_exports_a_long_overdue_pregnancy_in_a_form_findings_reads_back(
    client, doctor, make_patient, frozen_today, tmp_path
):
    from datetime import timedelta

    overdue = make_patient(pregnancy_due_date=frozen_today - timedelta(days=400))
    client.force_login(doctor)
    document = json.loads(client.get(reverse("clinic:patient_export", args=[overdue.pk])).content)
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(document["snapshot"]), encoding="utf-8")
    out = io.StringIO()

    call_command("findings", str(path), stdout=out)

    assert "pregnancy" not in document["snapshot"]
    assert json.loads(out.getvalue())["findings"] == document["findings"]


def test_it_lists_the_current_allergies_beside_the_snapshot(client, doctor, patient):
    allergy_create(
        at=NOW,
        patient=patient,
        user=doctor,
        substance="Amoxicillin",
        code="http://snomed.info/sct|372687004",
        category="medication",
        criticality="low",
        recorded_on=date(2020, 5, 1),
        reaction="Rash",
    )
    latex = allergy_create(at=NOW, patient=patient, user=doctor, substance="Latex")
    entry_mark_entered_in_error(entry=latex, user=doctor, at=NOW, reason="Another patient's")
    client.force_login(doctor)

    response = client.get(reverse("clinic:patient_export", args=[patient.pk]))

    document = json.loads(response.content)
    assert document["allergies"] == [
        {
            "substance": "Amoxicillin",
            "code": "http://snomed.info/sct|372687004",
            "category": "medication",
            "criticality": "low",
            "status": "active",
            "recorded_on": "2020-05-01",
            "reaction": "Rash",
        }
    ]
    assert "allergies" not in document["snapshot"]  # the engine does not read them
