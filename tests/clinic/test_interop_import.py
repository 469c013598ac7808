"""FHIR import: what each resource type becomes, idempotence, per-patient atomicity."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

import rls
from clinic.interop import bundles
from clinic.interop.bundles import BundleError, read_entries
from clinic.interop.fhir_import import FhirImporter
from clinic.models import (
    Condition,
    FindingsRefresh,
    LabResult,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from tests.clinic import fhir_bundles as fb
from tests.conftest import NOW


def run(doctor, *resources, kind="transaction"):
    importer = FhirImporter(at=NOW, doctor=doctor)
    importer.import_stream(io.BytesIO(json.dumps(fb.bundle(*resources, kind=kind)).encode()))
    importer.refresh_findings()
    return importer.summary


def codes(patient) -> set[str]:
    return set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))


@pytest.mark.usefixtures("frozen_today")
def test_it_imports_a_synthea_patient_into_the_doctors_caseload(doctor):
    summary = run(doctor, *fb.anemic_patient("SYN-1"))

    patient = Patient.objects.get(mrn="SYN-1")
    assert (patient.given_name, patient.family_name, patient.sex) == ("Maria", "Lopez", "female")
    assert patient.birth_date == date(1971, 3, 14)
    assert patient.primary_doctor == doctor
    assert summary.created == 1
    assert summary.refused == []
    assert {
        "cause.anemia",
        "cause.kidney-disease",
        "cause.diabetes",
        "drug.sedating-antihistamine",
        "drug.ssri",
    } <= codes(patient)
    # The stopped metoclopramide is kept, stopped, and raises nothing.
    assert "drug.antiemetic-dopamine-antagonist" not in codes(patient)
    assert Medication.objects.get(patient=patient, line__startswith="Metoclopramide").status == (
        "stopped"
    )


@pytest.mark.usefixtures("frozen_today")
def test_it_counts_what_it_kept_and_skipped_with_the_reason(doctor):
    summary = run(doctor, *fb.anemic_patient())

    assert summary.kept == {
        "Patient": 1,
        "Encounter": 1,
        "Condition": 3,
        "Observation": 2,
        "MedicationRequest": 3,
    }
    assert summary.skipped[("Observation", "not an analyte of the lab catalogue")] == 1
    assert summary.skipped[("Claim", "not a resource type Ekbom keeps")] == 1
    assert summary.skipped[("Organization", "about no patient")] == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_stores_labs_in_their_unit_with_the_canonical_value(doctor):
    run(doctor, *fb.anemic_patient())

    lab = LabResult.objects.get(analyte="hemoglobin")
    assert (lab.value, lab.unit, lab.loinc) == (Decimal("10.1"), "g/dL", "718-7")
    assert lab.value_canonical == Decimal("101")
    assert lab.collected_on == date(2026, 10, 1)


@pytest.mark.usefixtures("frozen_today")
def test_it_files_snomed_conditions_under_their_icd10_code(doctor):
    run(doctor, *fb.anemic_patient())

    stored = dict(Condition.objects.values_list("name", "icd10"))
    assert stored["Chronic kidney disease stage 3"] == "N18.30"
    assert stored["Anemia"] == "D64.9"


@pytest.mark.usefixtures("frozen_today")
def test_it_keeps_prediabetes_without_a_diabetes_finding(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-P"),
        fb.condition(pid, "15777000", "Prediabetes", "2024-01-01"),
    )

    assert Condition.objects.get().icd10 == "R73.03"
    assert "cause.diabetes" not in codes(Patient.objects.get())


@pytest.mark.usefixtures("frozen_today")
def test_it_reads_an_icd10_cm_coding_before_the_snomed_one(doctor):
    pid = fb.new_id()
    both = fb.condition(pid, "44054006", "Diabetes mellitus type 2", "2020-01-01")
    both["code"]["coding"].append(
        {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.65", "display": "T2DM"}
    )
    run(doctor, fb.patient(pid, "SYN-I"), both)

    assert Condition.objects.get().icd10 == "E11.65"


@pytest.mark.usefixtures("frozen_today")
def test_it_resolves_an_abated_condition(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-A"),
        fb.condition(pid, "271737000", "Anemia (disorder)", "2020-01-01", abated="2021-01-01"),
    )

    condition = Condition.objects.get()
    assert (condition.status, condition.resolved_on) == ("resolved", date(2021, 1, 1))
    assert "cause.anemia" not in codes(Patient.objects.get())


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize("status", ["entered-in-error", "cancelled"])
def test_it_never_counts_a_withdrawn_observation(doctor, status):
    pid = fb.new_id()
    low = fb.observation(pid, "718-7", "Hemoglobin", 8.0, "g/dL", "2026-10-01", status=status)
    summary = run(doctor, fb.patient(pid, "SYN-E"), low)

    assert LabResult.objects.count() == 0
    assert summary.skipped[("Observation", f"status {status}")] == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_lets_a_normal_hemoglobin_supersede_an_old_low_one(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-H"),
        fb.observation(pid, "718-7", "Hemoglobin", 9.0, "g/dL", "2024-01-10"),
        fb.observation(pid, "718-7", "Hemoglobin", 13.5, "g/dL", "2026-10-01"),
    )

    assert LabResult.objects.count() == 2
    assert "cause.anemia" not in codes(Patient.objects.get())


@pytest.mark.usefixtures("frozen_today")
def test_it_marks_a_deceased_patient(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-D", deceasedDateTime="2026-06-01T00:00:00Z"),
        fb.medication_request(pid, "312940", "Sertraline 50 MG Oral Tablet", "2026-01-01"),
    )

    patient = Patient.objects.get()
    assert (patient.status, patient.date_of_death) == ("deceased", date(2026, 6, 1))
    assert codes(patient) == set()  # no findings after death


@pytest.mark.usefixtures("frozen_today")
def test_it_records_a_current_pregnancy_as_the_due_date(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-Q", born="1995-01-01"),
        fb.condition(pid, "72892002", "Normal pregnancy (finding)", "2026-08-01"),
    )

    patient = Patient.objects.get()
    assert patient.pregnancy_due_date == date(2027, 5, 8)
    assert "cause.pregnancy" in codes(patient)


@pytest.mark.usefixtures("frozen_today")
def test_it_records_an_ended_pregnancy_as_the_delivery(doctor):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-R", born="1995-01-01"),
        fb.condition(pid, "72892002", "Normal pregnancy", "2025-08-01", abated="2026-05-02"),
    )

    patient = Patient.objects.get()
    assert (patient.pregnancy_due_date, patient.last_delivery_date) == (None, date(2026, 5, 2))


@pytest.mark.usefixtures("frozen_today")
def test_it_takes_an_encounter_only_as_a_visit_date(doctor):
    run(doctor, *fb.anemic_patient())

    visit = VisitNote.objects.get()
    assert visit.visit_date == date(2026, 10, 1)
    assert visit.author == doctor
    assert visit.irls_score is None


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize("status", ["stopped", "completed"])
def test_it_keeps_an_ended_prescription_without_a_finding(doctor, status):
    pid = fb.new_id()
    run(
        doctor,
        fb.patient(pid, "SYN-M"),
        fb.medication_request(
            pid, "1", "Sertraline 50 MG Oral Tablet", "2026-01-01", status=status
        ),
    )

    assert Medication.objects.get().status == "stopped"
    assert "drug.ssri" not in codes(Patient.objects.get())


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize("status", ["entered-in-error", "draft", "cancelled"])
def test_it_skips_a_prescription_that_never_counted(doctor, status):
    pid = fb.new_id()
    summary = run(
        doctor,
        fb.patient(pid, "SYN-N"),
        fb.medication_request(
            pid, "1", "Sertraline 50 MG Oral Tablet", "2026-01-01", status=status
        ),
    )

    assert Medication.objects.count() == 0
    assert summary.skipped[("MedicationRequest", f"status {status}")] == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_changes_nothing_when_the_same_bundle_comes_twice(doctor):
    resources = fb.anemic_patient()
    run(doctor, *resources)
    patient = Patient.objects.get()
    rows = (LabResult.objects.count(), Condition.objects.count(), Medication.objects.count())

    summary = run(doctor, *resources)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    assert Patient.objects.get().version == patient.version
    assert (LabResult.objects.count(), Condition.objects.count(), Medication.objects.count()) == (
        rows
    )


@pytest.mark.usefixtures("frozen_today")
def test_it_updates_a_changed_resource_instead_of_adding_one(doctor):
    resources = fb.anemic_patient()
    run(doctor, *resources)
    hemoglobin = next(r for r in resources if r.get("code", {}).get("text", "").startswith("Hemo"))
    hemoglobin["valueQuantity"]["value"] = 13.9

    summary = run(doctor, *resources)

    assert summary.updated == 1
    assert LabResult.objects.get(analyte="hemoglobin").value == Decimal("13.9")
    assert "cause.anemia" in codes(Patient.objects.get())  # the anemia condition remains


@pytest.mark.usefixtures("frozen_today")
def test_it_withdraws_a_row_the_ehr_marks_entered_in_error(doctor):
    resources = fb.anemic_patient()
    run(doctor, *resources)
    ssri = next(r for r in resources if "Sertraline" in json.dumps(r))
    ssri["status"] = "entered-in-error"

    run(doctor, *resources)

    medication = Medication.objects.get(line__startswith="Sertraline")
    assert medication.is_entered_in_error
    assert "EHR" in medication.entered_in_error_reason
    assert "drug.ssri" not in codes(Patient.objects.get())


@pytest.mark.usefixtures("frozen_today")
def test_it_refuses_only_the_patient_with_a_bad_resource(doctor):
    good = fb.anemic_patient("SYN-GOOD")
    bad_id = fb.new_id()
    bad = [
        fb.patient(bad_id, "SYN-BAD"),
        fb.condition(bad_id, "44054006", "Diabetes mellitus type 2", "2020-01-01"),
        fb.observation(bad_id, "718-7", "Hemoglobin", 12.0, "mg", "2026-10-01"),
    ]
    summary = run(doctor, *bad, *good)

    assert list(Patient.objects.values_list("mrn", flat=True)) == ["SYN-GOOD"]
    assert Condition.objects.filter(patient__mrn="SYN-GOOD").count() == 3
    [refusal] = summary.refused
    assert refusal.resource == f"Observation/{bad[2]['id']}"
    assert refusal.field == "Observation.valueQuantity.unit"
    assert "not a unit of Hemoglobin" in refusal.reason
    assert summary.created == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_names_the_field_a_structurally_bad_resource_gets_wrong(doctor):
    pid = fb.new_id()
    summary = run(doctor, fb.patient(pid, "SYN-X", birthDate="1970-13-45"))

    [refusal] = summary.refused
    assert refusal.field == "Patient.birthDate"
    assert Patient.objects.count() == 0


@pytest.mark.usefixtures("frozen_today")
def test_it_refuses_a_patient_of_a_caseload_the_doctor_cannot_see(doctor, other_doctor):
    run(other_doctor, *fb.anemic_patient("SYN-O"))

    summary = run(doctor, *fb.anemic_patient("SYN-O"))

    assert summary.refused[0].reason == (
        "this patient is in a caseload the importing doctor cannot see"
    )
    assert Patient.objects.get().primary_doctor == other_doctor


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize("kind", ["transaction", "batch", "collection", "searchset"])
def test_it_reads_every_bundle_type_that_carries_resources(doctor, kind):
    summary = run(doctor, *fb.anemic_patient(f"SYN-{kind}"), kind=kind)

    assert summary.created == 1


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"resourceType": "Patient"}, "resourceType: 'Patient', expected 'Bundle'"),
        ({"resourceType": "Bundle", "type": "history"}, "type: 'history'"),
    ],
)
def test_it_refuses_a_document_that_is_not_a_bundle_it_reads(doctor, document, message):
    importer = FhirImporter(at=NOW, doctor=doctor)

    with pytest.raises(BundleError, match=message):
        importer.import_stream(io.BytesIO(json.dumps(document).encode()))


def test_it_refuses_a_file_that_is_not_json(doctor):
    with pytest.raises(BundleError, match="not valid JSON"):
        FhirImporter(at=NOW, doctor=doctor).import_stream(
            io.BytesIO(b'{"resourceType": "Bundle", ')
        )


@pytest.mark.usefixtures("frozen_today")
def test_the_command_imports_a_folder_and_prints_a_summary(doctor, tmp_path, capsys):
    fb.write(tmp_path / "a.json", fb.bundle(*fb.anemic_patient("SYN-A1")))
    fb.write(tmp_path / "b.json", fb.bundle(*fb.anemic_patient("SYN-B1")))

    call_command("import_fhir", str(tmp_path), "--doctor", doctor.username, "--no-progress")

    out = capsys.readouterr().out
    assert "Patients: 2 created, 0 updated, 0 unchanged, 0 refused." in out
    assert "Skipped 2 Claim: not a resource type Ekbom keeps" in out
    assert Patient.objects.count() == 2


@pytest.mark.usefixtures("frozen_today")
def test_the_command_fails_naming_the_refused_patient(doctor, tmp_path, capsys):
    pid = fb.new_id()
    fb.write(tmp_path / "bad.json", fb.bundle(fb.patient(pid, "SYN-Z", birthDate="soon")))

    with pytest.raises(CommandError, match="1 patient"):
        call_command(
            "import_fhir", str(tmp_path / "bad.json"), "--doctor", doctor.username, "--no-progress"
        )

    out = capsys.readouterr().out
    assert f"Refused Patient/{pid}: Patient.birthDate: Date value string" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.json", "--doctor", "doctor"], "missing.json: no such file or folder"),
        (["x.json", "--doctor", "nobody"], "--doctor: no active user 'nobody'"),
    ],
)
def test_the_command_names_a_bad_argument(doctor, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_fhir", *args)


class _CountingStream(io.BytesIO):
    """A file that remembers how many bytes were read so far."""

    read_so_far = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_so_far += len(chunk)
        return chunk


def test_it_streams_a_large_bundle_entry_by_entry():
    many = [fb.observation("p", "718-7", "Hemoglobin", 13.0, "g/dL", "2026-01-01")] * 20_000
    stream = _CountingStream(json.dumps(fb.bundle(*many)).encode())
    total = len(stream.getvalue())

    entries = read_entries(stream)
    first = next(entries)

    assert first.resource_type == "Observation"
    # The first entry arrives after reading a small part of a multi-megabyte file.
    assert total > 5_000_000
    assert stream.read_so_far < total / 50


@pytest.mark.usefixtures("frozen_today")
def test_the_command_shows_a_progress_bar_on_stderr(doctor, tmp_path, capsys):
    fb.write(tmp_path / "a.json", fb.bundle(*fb.anemic_patient("SYN-PB")))

    call_command("import_fhir", str(tmp_path / "a.json"), "--doctor", doctor.username)

    assert "a.json" in capsys.readouterr().err


@pytest.mark.usefixtures("frozen_today")
def test_it_adds_resources_about_a_patient_imported_before(doctor):
    pid = fb.new_id()
    run(doctor, fb.patient(pid, "SYN-L"))
    later = fb.observation(pid, "718-7", "Hemoglobin", 9.0, "g/dL", "2026-11-01")
    later["subject"] = {"reference": f"Patient/{pid}"}

    summary = run(doctor, later, kind="searchset")

    assert summary.refused == []
    assert LabResult.objects.get().patient.mrn == "SYN-L"


@pytest.mark.usefixtures("frozen_today")
def test_it_refuses_resources_about_a_patient_it_never_saw(doctor):
    orphan = fb.observation(fb.new_id(), "718-7", "Hemoglobin", 9.0, "g/dL", "2026-11-01")

    summary = run(doctor, orphan, kind="collection")

    [refusal] = summary.refused
    assert refusal.field == "subject"
    assert LabResult.objects.count() == 0


@pytest.mark.usefixtures("frozen_today")
def test_it_keeps_a_deceased_patients_record_closed_on_reimport(doctor):
    resources = fb.anemic_patient("SYN-DEAD")
    resources[0]["deceasedDateTime"] = "2026-06-01"
    run(doctor, *resources)
    late_lab = fb.observation(resources[0]["id"], "718-7", "Hemoglobin", 9.0, "g/dL", "2026-07-01")

    summary = run(doctor, *resources, late_lab)

    [refusal] = summary.refused
    assert "This record is closed" in refusal.reason
    assert LabResult.objects.filter(patient__mrn="SYN-DEAD").count() == 2


@pytest.mark.usefixtures("frozen_today")
def test_it_reads_the_newest_smoking_status_whatever_the_order(doctor):
    pid = fb.new_id()
    summary = run(
        doctor,
        fb.patient(pid, "SYN-S"),
        fb.smoking_status(pid, "449868002", "Current every day smoker", "2026-09-01"),
        fb.smoking_status(pid, "266919005", "Never smoker", "2019-01-01"),
    )

    patient = Patient.objects.get()
    assert patient.smokes is True
    assert "lifestyle.smoking" in codes(patient)
    assert summary.kept["Observation"] == 2


@pytest.mark.usefixtures("frozen_today")
def test_it_clears_smoking_when_the_ehr_withdraws_the_status(doctor):
    pid = fb.new_id()
    status = fb.smoking_status(pid, "449868002", "Current every day smoker", "2026-09-01")
    run(doctor, fb.patient(pid, "SYN-W"), status)
    status["status"] = "entered-in-error"

    summary = run(doctor, fb.patient(pid, "SYN-W"), status)

    assert Patient.objects.get().smokes is False
    assert summary.updated == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_reads_rls_in_the_family_and_skips_other_family_history(doctor):
    pid = fb.new_id()
    summary = run(
        doctor,
        fb.patient(pid, "SYN-F"),
        fb.family_history(pid, "G25.81", "RLS", system="http://hl7.org/fhir/sid/icd-10-cm"),
        fb.family_history(pid, "254837009", "Malignant neoplasm of breast"),
    )

    patient = Patient.objects.get()
    assert patient.family_history_rls == "yes"
    assert "hereditary.family-history" in codes(patient)
    assert summary.skipped[("FamilyMemberHistory", "not about restless legs syndrome")] == 1


@pytest.mark.usefixtures("frozen_today")
def test_it_keeps_allergies(doctor):
    pid = fb.new_id()
    summary = run(doctor, fb.patient(pid, "SYN-AL"), fb.allergy(pid))

    assert summary.refused == []
    assert "Kept 1 AllergyIntolerance" in summary.lines()  # the rest: test_interop_allergy.py


@pytest.mark.usefixtures("frozen_today")
def test_it_puts_an_irls_total_on_the_visit_of_its_encounter(doctor):
    pid = fb.new_id()
    visit = fb.encounter(pid, "2026-10-01")
    # The total comes before its Encounter: the import takes encounters first.
    run(doctor, fb.patient(pid, "SYN-V"), fb.irls_total(pid, visit["id"], 23, "2026-10-01"), visit)

    note = VisitNote.objects.get()
    assert (note.visit_date, note.irls_score) == (date(2026, 10, 1), 23)


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize(
    ("score", "field", "reason"),
    [
        (55, "Observation irls_score", "less than or equal to 40"),
        ("high", "Observation.valueInteger", "Input should be a valid integer"),
    ],
)
def test_it_refuses_an_irls_total_that_is_not_one(doctor, score, field, reason):
    pid = fb.new_id()
    visit = fb.encounter(pid, "2026-10-01")
    summary = run(
        doctor,
        fb.patient(pid, "SYN-IR"),
        visit,
        fb.irls_total(pid, visit["id"], score, "2026-10-01"),
    )

    [refusal] = summary.refused
    assert refusal.field == field
    assert reason in refusal.reason
    assert Patient.objects.count() == 0


@pytest.mark.usefixtures("frozen_today")
def test_it_skips_an_irls_total_whose_encounter_it_never_kept(doctor):
    pid = fb.new_id()
    summary = run(
        doctor, fb.patient(pid, "SYN-NV"), fb.irls_total(pid, fb.new_id(), 12, "2026-10-01")
    )

    assert summary.refused == []
    assert (
        summary.skipped[("Observation", "no visit of this patient for the encounter it names")] == 1
    )


@pytest.mark.usefixtures("frozen_today")
def test_it_imports_resources_that_come_before_their_patient(doctor):
    first = fb.anemic_patient("SYN-LATE")
    second = fb.anemic_patient("SYN-NEXT")
    # Each patient's resources first, the Patient last, as some exporters write them.
    summary = run(doctor, *first[1:], first[0], *second[1:], second[0])

    assert summary.refused == []
    assert summary.created == 2
    assert Condition.objects.filter(patient__mrn="SYN-LATE").count() == 3
    assert "cause.anemia" in codes(Patient.objects.get(mrn="SYN-LATE"))


def test_it_holds_runs_waiting_for_their_patient_in_bounded_memory(monkeypatch):
    monkeypatch.setattr(bundles, "PENDING_LIMIT", 2)
    read = []

    def entries():
        for position in range(1, 6):  # five runs, each about a patient the file never reaches
            resource = fb.observation(f"p{position}", "718-7", "Hb", 9.0, "g/dL", "2026-01-01")
            read.append(position)
            yield bundles.Entry(resource, "", position)

    groups = bundles.group_by_patient(entries())
    first = next(groups)

    assert first.key == "urn:uuid:p1"
    assert len(read) < 5  # the oldest waiting run went on before the file ended


@pytest.mark.usefixtures("frozen_today")
class TestTheImportsFindingsRefresh:
    """An import re-evaluates each changed patient once, after its writes, not per resource."""

    def test_it_evaluates_each_patient_once_however_many_resources(self, doctor, monkeypatch):
        evaluated = []
        real = rls.evaluate
        monkeypatch.setattr(
            "clinic.services.findings.rls.evaluate",
            lambda snapshot, names=(), **options: (
                evaluated.append(snapshot) or real(snapshot, names, **options)
            ),
        )
        importer = FhirImporter(at=NOW, doctor=doctor)
        importer.import_stream(io.BytesIO(json.dumps(fb.bundle(*fb.anemic_patient())).encode()))
        assert evaluated == []
        assert not StoredFinding.objects.exists()

        importer.refresh_findings()

        assert len(evaluated) == 1
        assert "cause.anemia" in codes(Patient.objects.get())
        assert importer.summary.lines()[-1] == "Stored findings refreshed for 1 patient(s)."

    def test_a_large_import_refreshes_as_background_tasks(
        self, doctor, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr("clinic.interop.fhir_import.REFRESHED_AT_ONCE", 0)
        importer = FhirImporter(at=NOW, doctor=doctor)
        importer.import_stream(io.BytesIO(json.dumps(fb.bundle(*fb.anemic_patient())).encode()))

        with django_capture_on_commit_callbacks(execute=True):
            importer.refresh_findings()

        run = FindingsRefresh.objects.get()
        assert (run.reason, run.patients_total, run.patients_done) == ("import", 1, 1)
        assert run.finished_at is not None
        assert "cause.anemia" in codes(Patient.objects.get())
        assert f"(run {run.pk}; see Findings refreshes in the admin)" in importer.summary.findings

    def test_an_unchanged_patient_is_not_refreshed(self, doctor):
        resources = fb.anemic_patient("SYN-1")
        run(doctor, *resources)
        again = FhirImporter(at=NOW, doctor=doctor)
        again.import_stream(io.BytesIO(json.dumps(fb.bundle(*resources)).encode()))

        again.refresh_findings()

        assert again.summary.unchanged == 1
        assert again.summary.findings == ""
        assert not FindingsRefresh.objects.exists()
