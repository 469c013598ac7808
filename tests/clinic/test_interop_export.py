"""FHIR export: a valid R4 Bundle from the record page and the command, and a round trip
(export, import into an empty database) that gives the same findings and lab values."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from clinic.interop.fhir_export import FINDING_SYSTEM, patient_bundle
from clinic.interop.fhir_import import FhirImporter
from clinic.models import (
    Condition,
    FhirLink,
    FindingAcknowledgement,
    LabResult,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from clinic.selectors.findings import patient_findings
from clinic.services import entries, medications, records
from clinic.snapshots import with_snapshot_data
from tests.conftest import NOW, TODAY


@pytest.fixture
def full_record(make_patient, doctor):
    """A pregnant patient with labs in several units, coded and uncoded conditions, drugs."""
    patient = make_patient(mrn="RT-1", pregnancy_due_date=TODAY + timedelta(days=120))
    labs = [
        ("hemoglobin", "10.4", "g/dL"),
        ("ferritin", "18", "µg/L"),
        ("egfr", "41", "mL/min/1.73 m²"),
        ("tsh", "6.2", "mIU/L"),
        ("serum_iron", "9.5", "µmol/L"),
    ]
    for analyte, value, unit in labs:
        records.lab_result_create(
            at=NOW,
            patient=patient,
            user=doctor,
            analyte=analyte,
            value=Decimal(value),
            unit=unit,
            collected_on=TODAY - timedelta(days=20),
        )
    records.condition_create(
        at=NOW, patient=patient, user=doctor, name="Type 2 diabetes", icd10="E11.9"
    )
    records.condition_create(at=NOW, patient=patient, user=doctor, name="Rheumatoid arthritis")
    old = records.condition_create(
        at=NOW,
        patient=patient,
        user=doctor,
        name="COPD",
        icd10="J44.9",
        onset_date=date(2020, 1, 1),
    )
    entries.entry_end(
        at=NOW, entry=old, user=doctor, ended_on=date(2021, 1, 1), expected_version=old.version
    )
    medications.medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="Reglan 10 mg tab",
        confirmed_codes=["drug.antiemetic-dopamine-antagonist"],
        started_on=date(2026, 1, 5),
    )
    stopped = medications.medication_create(
        at=NOW, patient=patient, user=doctor, line="Zoloft 50 mg", confirmed_codes=["drug.ssri"]
    )
    entries.entry_end(
        at=NOW,
        entry=stopped,
        user=doctor,
        ended_on=date(2026, 6, 1),
        expected_version=stopped.version,
    )
    return patient  # fmt: skip


def export(patient):
    return patient_bundle(with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get(),
                          as_of=TODAY)  # fmt: skip


def findings_of(patient):
    loaded = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    return sorted((f.code, str(f.severity), f.title) for f in patient_findings(loaded, as_of=TODAY))


def reglan_code(issue):
    return issue["code"]["coding"][0]["code"]


def canonical_labs():
    return sorted(LabResult.objects.values_list("analyte", "value_canonical", "collected_on"))


def empty_the_database():
    for model in (LabResult, Condition, Medication, VisitNote, StoredFinding,
                  FindingAcknowledgement, FhirLink, LogEntry, Patient):  # fmt: skip
        model.objects.all().delete()


@pytest.mark.usefixtures("frozen_today")
def test_it_exports_a_valid_r4_bundle_with_findings_as_detected_issues(full_record):
    bundle = export(full_record)

    Bundle.model_validate(bundle)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("Observation") == 5
    assert types.count("MedicationStatement") == 2
    issues = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == ("DetectedIssue")
    ]
    coded = {i["code"]["coding"][0]["code"] for i in issues}
    assert {c for c, _, _ in findings_of(full_record)} == coded
    reglan = next(i for i in issues if i["code"]["coding"][0]["code"].startswith("drug.anti"))
    assert reglan["code"]["coding"][0]["system"] == FINDING_SYSTEM
    severity = next(s for c, s, _ in findings_of(full_record) if c == reglan_code(reglan))
    assert reglan["severity"] == {"critical": "high", "warning": "moderate"}[severity]
    assert reglan["implicated"][0]["reference"].startswith("MedicationStatement/")
    assert "ondansetron" in reglan["mitigation"][0]["action"]["text"]


@pytest.mark.usefixtures("frozen_today")
def test_it_writes_units_as_ucum_codes(full_record):
    quantities = {
        e["resource"]["code"]["text"]: e["resource"]["valueQuantity"]
        for e in export(full_record)["entry"]
        if e["resource"]["resourceType"] == "Observation"
    }

    assert quantities["eGFR"]["code"] == "mL/min/{1.73_m2}"
    assert quantities["Ferritin"]["code"] == "ug/L"
    assert quantities["TSH"]["code"] == "m[IU]/L"


@pytest.mark.usefixtures("frozen_today")
def test_a_round_trip_into_an_empty_database_gives_the_same_findings(full_record, doctor):
    before, labs = findings_of(full_record), canonical_labs()
    document = json.dumps(export(full_record)).encode()
    empty_the_database()

    importer = FhirImporter(at=NOW, doctor=doctor)
    importer.import_stream(io.BytesIO(document))

    assert importer.summary.refused == []
    restored = Patient.objects.get(mrn="RT-1")
    assert restored.pregnancy_due_date == TODAY + timedelta(days=120)
    assert findings_of(restored) == before
    assert canonical_labs() == labs
    assert importer.summary.skipped[("DetectedIssue", "not a resource type Ekbom keeps")] > 0


@pytest.mark.usefixtures("frozen_today")
def test_the_record_page_downloads_the_bundle_and_audits_it(client, doctor, full_record):
    client.force_login(doctor)

    response = client.get(reverse("clinic:patient_fhir_export", args=[full_record.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response.json()["type"] == "collection"
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__access="export"
    ).exists()


def test_the_record_page_export_answers_404_outside_the_caseload(client, other_doctor, patient):
    client.force_login(other_doctor)

    response = client.get(reverse("clinic:patient_fhir_export", args=[patient.pk]))

    assert response.status_code == 404


@pytest.mark.usefixtures("frozen_today")
def test_the_command_prints_the_bundle(full_record, capsys):
    call_command("export_fhir", "--patient", "RT-1", "--as-of", "2026-11-24")

    bundle = json.loads(capsys.readouterr().out)
    assert bundle["entry"][0]["resource"]["identifier"][0]["value"] == "RT-1"


def test_the_command_names_an_unknown_patient(db):
    with pytest.raises(CommandError, match="--patient: no patient with MRN 'NOPE'"):
        call_command("export_fhir", "--patient", "NOPE")
