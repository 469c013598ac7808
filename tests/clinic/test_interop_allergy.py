"""FHIR import of AllergyIntolerance: kept, mapped, withdrawn, idempotent, refused naming the
field; and the findings do not read allergies."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from clinic.interop.fhir_import import FhirImporter
from clinic.models import Allergy, Patient, StoredFinding
from tests.clinic import fhir_bundles as fb
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")
CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"


def run(doctor, *resources):
    importer = FhirImporter(at=NOW, doctor=doctor)
    importer.import_stream(io.BytesIO(json.dumps(fb.bundle(*resources)).encode()))
    importer.refresh_findings()
    return importer.summary


def coded(system: str, code: str) -> dict:
    return {"coding": [{"system": system, "code": code}]}


def peanut(pid: str, **extra) -> dict:
    """A food allergy as US Core writes one: statuses, category, criticality, reactions."""
    stated = {
        "clinicalStatus": coded(CLINICAL, "active"),
        "verificationStatus": coded(VERIFICATION, "confirmed"),
    }
    return fb.allergy(
        pid,
        **(stated | extra),
        type="allergy",
        category=["food"],
        criticality="high",
        code={
            "coding": [{"system": fb.SNOMED, "code": "91935009", "display": "Peanut (substance)"}],
            "text": "Peanuts",
        },
        recordedDate="2019-05-02T10:00:00-04:00",
        reaction=[
            {
                "manifestation": [
                    {"coding": [{"system": fb.SNOMED, "code": "247472004", "display": "Hives"}]},
                    {"text": "Wheezing"},
                ],
                "severity": "severe",
            },
            {"description": "Anaphylaxis in 2018", "manifestation": [{"text": "Anaphylaxis"}]},
        ],
    )


def test_it_keeps_an_allergy_mapped_field_by_field(doctor):
    pid = fb.new_id()
    summary = run(doctor, fb.patient(pid, "AL-1"), peanut(pid))

    allergy = Allergy.objects.get()
    assert allergy.patient == Patient.objects.get(mrn="AL-1")
    assert (allergy.substance, allergy.code) == ("Peanuts", f"{fb.SNOMED}|91935009")
    assert (allergy.category, allergy.criticality, allergy.status) == ("food", "high", "active")
    assert allergy.recorded_on == date(2019, 5, 2)
    assert allergy.reaction == "Hives, Wheezing; Anaphylaxis"
    assert summary.kept["AllergyIntolerance"] == 1


def test_it_names_the_substance_by_the_first_coding_display_without_a_text(doctor):
    pid = fb.new_id()
    run(doctor, fb.patient(pid, "AL-2"), fb.allergy(pid))

    allergy = Allergy.objects.get()
    assert (allergy.substance, allergy.status, allergy.criticality) == ("Penicillin", "active", "")


@pytest.mark.parametrize("clinical", ["inactive", "resolved"])
def test_it_keeps_the_clinical_status(doctor, clinical):
    pid = fb.new_id()
    run(doctor, fb.patient(pid, "AL-3"), peanut(pid, clinicalStatus=coded(CLINICAL, clinical)))

    assert Allergy.objects.get().status == clinical


@pytest.mark.parametrize("verification", ["entered-in-error", "refuted"])
def test_it_skips_an_allergy_the_ehr_withdrew(doctor, verification):
    pid = fb.new_id()
    withdrawn = peanut(pid, verificationStatus=coded(VERIFICATION, verification))
    summary = run(doctor, fb.patient(pid, "AL-4"), withdrawn)

    assert not Allergy.objects.exists()
    assert summary.skipped[("AllergyIntolerance", f"verification status {verification}")] == 1


def test_it_withdraws_a_kept_allergy_the_ehr_marks_entered_in_error(doctor):
    pid = fb.new_id()
    allergy = peanut(pid)
    run(doctor, fb.patient(pid, "AL-5"), allergy)

    withdrawn = allergy | {"verificationStatus": coded(VERIFICATION, "entered-in-error")}
    summary = run(doctor, fb.patient(pid, "AL-5"), withdrawn)

    row = Allergy.objects.get()
    assert row.is_entered_in_error
    assert "entered-in-error" in row.entered_in_error_reason
    assert not Allergy.objects.current().exists()
    assert summary.updated == 1


def test_it_changes_nothing_when_the_same_allergy_comes_twice(doctor):
    pid = fb.new_id()
    resources = (fb.patient(pid, "AL-6"), peanut(pid))
    run(doctor, *resources)
    version = Allergy.objects.get().version

    again = run(doctor, *resources)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Allergy.objects.get().version == version


def test_it_updates_a_changed_allergy_instead_of_adding_one(doctor):
    pid = fb.new_id()
    allergy = peanut(pid)
    run(doctor, fb.patient(pid, "AL-7"), allergy)

    run(doctor, fb.patient(pid, "AL-7"), allergy | {"clinicalStatus": coded(CLINICAL, "resolved")})

    row = Allergy.objects.get()
    assert (row.status, row.version) == ("resolved", 2)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": {"coding": [{"code": "91935009"}]}}, "AllergyIntolerance.code"),
        ({"code": {"text": "x" * 201}}, "AllergyIntolerance.code.text"),
        ({"clinicalStatus": coded(CLINICAL, "remission")}, "AllergyIntolerance.clinicalStatus"),
        ({"verificationStatus": coded(VERIFICATION, "x")}, "AllergyIntolerance.verificationStatus"),
        ({"category": ["household"]}, "AllergyIntolerance.category"),
        ({"recordedDate": "2019-05"}, "AllergyIntolerance.recordedDate"),
        ({"recordedDate": "2031-01-01"}, "AllergyIntolerance recorded_on"),
    ],
)  # fmt: skip
def test_it_refuses_the_patient_of_a_bad_allergy_naming_the_field(doctor, change, field):
    pid, other = fb.new_id(), fb.new_id()
    summary = run(
        doctor,
        fb.patient(pid, "AL-BAD"),
        fb.allergy(pid) | change,
        fb.patient(other, "AL-GOOD"),
        fb.allergy(other),
    )

    assert [(r.patient, r.field) for r in summary.refused] == [("MRN AL-BAD", field)]
    assert list(Patient.objects.values_list("mrn", flat=True)) == ["AL-GOOD"]
    assert Allergy.objects.get().patient.mrn == "AL-GOOD"


def test_an_allergy_changes_no_finding(doctor):
    pid = fb.new_id()
    run(doctor, fb.patient(pid, "AL-8"))
    before = set(StoredFinding.objects.values_list("code", "fingerprint"))

    run(doctor, fb.patient(pid, "AL-8"), peanut(pid))

    assert set(StoredFinding.objects.values_list("code", "fingerprint")) == before
