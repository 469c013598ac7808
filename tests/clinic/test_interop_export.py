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
    Allergy,
    Condition,
    FhirLink,
    FindingAcknowledgement,
    LabResult,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS
from clinic.selectors.findings import patient_findings
from clinic.services import entries, medications, patients, records
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
    records.allergy_create(
        at=NOW,
        patient=patient,
        user=doctor,
        substance="Penicillin",
        code="http://snomed.info/sct|91936005",
        category="medication",
        criticality="high",
        recorded_on=date(2019, 5, 2),
        reaction="Hives, wheezing",
    )
    return patient  # fmt: skip


# One finding of each kind the record's data carries: a test fails if the export drops one.
EVERY_KIND = {
    "hereditary.family-history",  # the family history
    "lifestyle.smoking",
    "lifestyle.alcohol",
    "lifestyle.caffeine",
    "caution.augmentation",  # the visits' answers, on a dopaminergic drug
    "cause.pregnancy",
    "cause.iron-deficiency",  # labs
    "cause.diabetes",  # conditions
    "drug.antiemetic-dopamine-antagonist",  # medications
}


@pytest.fixture
def whole_record(full_record, doctor):
    """The full record, and RLS in the family, the three habits, and visits: an IRLS total at
    each, the criteria asked at the first, augmentation signs at the latest on pramipexole."""
    patient = patients.patient_update(
        at=NOW,
        patient=full_record,
        user=doctor,
        expected_version=full_record.version,
        family_history_rls="yes",
        smokes=True,
        uses_alcohol=True,
        uses_caffeine=True,
    )
    line = "Mirapex 0.25 mg at night"
    decision = medications.medication_warning_decision(line, "")
    medications.medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line=line,
        confirmed_codes=decision.codes,
        decision=decision,
    )
    records.visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=TODAY - timedelta(days=90),
        text="First visit",
        irls_score=14,
        criterion_urge=True,
        criterion_rest=True,
        criterion_movement=True,
        criterion_evening=True,
        criterion_not_other=False,
    )
    records.visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=TODAY - timedelta(days=10),
        text="Worse",
        irls_score=26,
        aug_earlier_onset=True,
        aug_spread=True,
        aug_higher_doses=False,
    )
    return patient  # fmt: skip


def visits():
    answers = ["irls_score", *CRITERIA_FIELDS, *AUGMENTATION_FIELDS]
    return sorted(VisitNote.objects.current().values_list("visit_date", *answers))


def patient_facts():
    return list(Patient.objects.values_list(
        "mrn", "family_history_rls", "smokes", "uses_alcohol", "uses_caffeine",
        "pregnancy_due_date", "last_delivery_date",
    ))  # fmt: skip


def record_rows():
    # The import keeps a pregnancy Condition as a problem-list row as well as the due date, so
    # the exported pregnancy comes back as a row "Pregnancy" too; the findings are the same.
    conditions = Condition.objects.current().exclude(name="Pregnancy")
    return (
        sorted(conditions.values_list("name", "icd10", "status", "resolved_on")),
        sorted(Medication.objects.current().values_list("line", "atc", "status", "stopped_on")),
        sorted(Allergy.objects.current().values_list(
            "substance", "code", "category", "criticality", "status", "recorded_on", "reaction",
        )),
    )  # fmt: skip


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
    for model in (LabResult, Condition, Medication, VisitNote, Allergy, StoredFinding,
                  FindingAcknowledgement, FhirLink, LogEntry, Patient):  # fmt: skip
        model.objects.all().delete()


@pytest.mark.usefixtures("frozen_today")
def test_it_exports_a_valid_r4_bundle_with_findings_as_detected_issues(full_record):
    bundle = export(full_record)

    Bundle.model_validate(bundle)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    categories = [
        e["resource"]["category"][0]["coding"][0]["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert categories.count("laboratory") == 5
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
def test_it_writes_the_current_allergies_as_allergy_intolerances(full_record, doctor):
    withdrawn = records.allergy_create(at=NOW, patient=full_record, user=doctor, substance="Latex")
    entries.entry_mark_entered_in_error(at=NOW, entry=withdrawn, user=doctor, reason="Wrong chart")

    allergies = [
        e["resource"]
        for e in export(full_record)["entry"]
        if e["resource"]["resourceType"] == "AllergyIntolerance"
    ]

    assert len(allergies) == 1
    (allergy,) = allergies
    assert allergy["code"] == {
        "coding": [{"system": "http://snomed.info/sct", "code": "91936005"}],
        "text": "Penicillin",
    }
    assert allergy["clinicalStatus"]["coding"][0]["code"] == "active"
    assert (allergy["category"], allergy["criticality"]) == (["medication"], "high")
    assert allergy["recordedDate"] == "2019-05-02"
    assert allergy["reaction"][0]["manifestation"] == [{"text": "Hives, wheezing"}]


@pytest.mark.usefixtures("frozen_today")
def test_it_writes_units_as_ucum_codes(full_record):
    quantities = {
        e["resource"]["code"]["text"]: e["resource"]["valueQuantity"]
        for e in export(full_record)["entry"]
        if "valueQuantity" in e["resource"]
    }

    assert quantities["eGFR"]["code"] == "mL/min/{1.73_m2}"
    assert quantities["Ferritin"]["code"] == "ug/L"
    assert quantities["TSH"]["code"] == "m[IU]/L"


@pytest.mark.usefixtures("frozen_today")
def test_a_round_trip_into_an_empty_database_gives_the_same_findings(whole_record, doctor):
    before, labs, facts = findings_of(whole_record), canonical_labs(), patient_facts()
    rows, visited = record_rows(), visits()
    document = json.dumps(export(whole_record)).encode()
    empty_the_database()

    importer = FhirImporter(at=NOW, doctor=doctor)
    importer.import_stream(io.BytesIO(document))
    importer.refresh_findings()

    assert importer.summary.refused == []
    assert {code for code, _, _ in before} >= EVERY_KIND
    restored = Patient.objects.get(mrn="RT-1")
    assert findings_of(restored) == before
    assert patient_facts() == facts
    assert canonical_labs() == labs
    assert record_rows() == rows
    assert visits() == visited
    assert importer.summary.skipped[("DetectedIssue", "not a resource type Ekbom keeps")] > 0


@pytest.mark.usefixtures("frozen_today")
def test_a_second_import_of_the_same_export_changes_nothing(whole_record, doctor):
    document = json.dumps(export(whole_record)).encode()
    empty_the_database()
    FhirImporter(doctor=doctor, at=NOW).import_stream(io.BytesIO(document))
    visited, facts = visits(), patient_facts()

    again = FhirImporter(doctor=doctor, at=NOW)
    again.import_stream(io.BytesIO(document))

    assert (again.summary.created, again.summary.updated, again.summary.unchanged) == (0, 0, 1)
    assert (visits(), patient_facts()) == (visited, facts)


@pytest.mark.usefixtures("frozen_today")
def test_it_writes_habits_family_history_and_visits_in_standard_shapes(whole_record):
    resources = [e["resource"] for e in export(whole_record)["entry"]]

    social = {
        r["code"]["coding"][0]["code"]: r
        for r in resources
        if r["resourceType"] == "Observation"
        and r["category"][0]["coding"][0]["code"] == "social-history"
    }
    smoking = social["72166-2"]["valueCodeableConcept"]["coding"][0]
    assert (smoking["system"], smoking["code"]) == ("http://snomed.info/sct", "77176002")
    assert social["11331-6"]["valueCodeableConcept"]["coding"][0]["code"] == "219006"
    assert social["caffeine-intake"]["valueBoolean"] is True
    [family] = [r for r in resources if r["resourceType"] == "FamilyMemberHistory"]
    assert family["condition"][0]["code"]["coding"][0]["code"] == "32914008"
    encounters = [r for r in resources if r["resourceType"] == "Encounter"]
    assert sorted(e["period"]["start"] for e in encounters) == ["2026-08-26", "2026-11-14"]
    irls = [r for r in resources if r["id"].endswith("-irls-score")]
    assert sorted(r["valueInteger"] for r in irls) == [14, 26]
    assert all(r["encounter"]["reference"].startswith("Encounter/") for r in irls)


@pytest.mark.usefixtures("frozen_today")
def test_it_writes_a_habit_not_recorded_as_unknown(full_record):
    resources = [e["resource"] for e in export(full_record)["entry"]]

    social = {
        r["code"]["coding"][0]["code"]: r
        for r in resources
        if r["resourceType"] == "Observation" and "social-history" in json.dumps(r["category"])
    }
    assert social["72166-2"]["valueCodeableConcept"]["coding"][0]["code"] == "266927001"
    assert social["11331-6"]["dataAbsentReason"]["coding"][0]["code"] == "unknown"
    assert "FamilyMemberHistory" not in {r["resourceType"] for r in resources}


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
