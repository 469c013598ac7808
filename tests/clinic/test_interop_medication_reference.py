"""Orders that name their drug by medicationReference: contained, in the bundle, or by display."""

from __future__ import annotations

import io
import json

import pytest

from clinic.interop import bundles
from clinic.interop.fhir_import import FhirImporter
from clinic.interop.fhir_medication import MedicationIndex
from clinic.models import Medication, Patient, StoredFinding
from tests.clinic import fhir_bundles as fb
from tests.conftest import NOW

SERTRALINE = ("312940", "Sertraline 50 MG Oral Tablet", "N06AB06")

pytestmark = pytest.mark.usefixtures("frozen_today")


def run(doctor, *resources, importer=None):
    importer = importer or FhirImporter(doctor=doctor, at=NOW)
    importer.import_stream(io.BytesIO(json.dumps(fb.bundle(*resources)).encode()))
    importer.refresh_findings()
    return importer.summary


def sertraline(**extra):
    rxnorm, display, atc = SERTRALINE
    return fb.medication(rxnorm, display, atc=atc, **extra)


def the_medication(mrn: str) -> Medication:
    patient = Patient.objects.get(mrn=mrn)
    assert "drug.ssri" in set(
        StoredFinding.objects.filter(patient=patient).values_list("code", flat=True)
    )
    return Medication.objects.get(patient=patient)


def test_it_reads_the_drug_of_a_contained_medication(doctor):
    pid = fb.new_id()
    contained = sertraline(mid="med1")
    order = fb.medication_request_by_reference(pid, "#med1", "2026-09-01", contained=[contained])

    summary = run(doctor, fb.patient(pid, "REF-C"), order)

    assert summary.refused == []
    medication = the_medication("REF-C")
    assert (medication.line, medication.atc) == ("Sertraline 50 MG Oral Tablet", "N06AB06")


def test_it_reads_the_drug_of_a_medication_earlier_in_the_bundle_by_full_url(doctor):
    pid = fb.new_id()
    drug = sertraline()
    order = fb.medication_request_by_reference(pid, f"urn:uuid:{drug['id']}", "2026-09-01")

    summary = run(doctor, drug, fb.patient(pid, "REF-B"), order)

    assert summary.refused == []
    assert the_medication("REF-B").atc == "N06AB06"
    assert summary.skipped[("Medication", "read as the drug of the orders that name it")] == 1


def test_it_waits_for_a_medication_that_comes_after_the_order(doctor):
    pid, other = fb.new_id(), fb.new_id()
    drug = sertraline()
    order = fb.medication_request_by_reference(pid, f"Medication/{drug['id']}", "2026-09-01")

    summary = run(doctor, fb.patient(pid, "REF-A"), order, fb.patient(other, "REF-O"), drug)

    assert summary.refused == []
    assert summary.created == 2
    assert the_medication("REF-A").line == "Sertraline 50 MG Oral Tablet"


def test_it_falls_back_to_the_display_of_a_reference_it_cannot_follow(doctor):
    pid = fb.new_id()
    order = fb.medication_request_by_reference(
        pid, "Medication/on-the-ehr-server", "2026-09-01", display="Sertraline 50 MG Oral Tablet"
    )

    summary = run(doctor, fb.patient(pid, "REF-D"), order)

    assert summary.refused == []
    medication = the_medication("REF-D")
    assert (medication.line, medication.atc) == ("Sertraline 50 MG Oral Tablet", "")


def test_it_refuses_the_patient_when_nothing_names_the_drug(doctor):
    pid, good = fb.new_id(), fb.new_id()
    order = fb.medication_request_by_reference(pid, "Medication/unknown", "2026-09-01")

    summary = run(doctor, fb.patient(pid, "REF-X"), order, fb.patient(good, "REF-OK"))

    [refusal] = summary.refused
    assert refusal.resource == f"MedicationRequest/{order['id']}"
    assert refusal.field == "MedicationRequest.medicationReference"
    assert "no contained Medication, Medication in the bundle or display" in refusal.reason
    assert "Medication/unknown" in refusal.reason
    assert list(Patient.objects.values_list("mrn", flat=True)) == ["REF-OK"]


def test_it_names_the_field_a_referenced_medication_gets_wrong(doctor):
    pid = fb.new_id()
    drug = sertraline() | {"code": {"coding": "Sertraline"}}
    order = fb.medication_request_by_reference(pid, f"urn:uuid:{drug['id']}", "2026-09-01")

    [refusal] = run(doctor, drug, fb.patient(pid, "REF-W"), order).refused

    assert refusal.field == "MedicationRequest.medicationReference"
    assert "Medication.code.coding" in refusal.reason


def test_it_updates_the_line_when_only_the_referenced_medication_changes(doctor):
    pid = fb.new_id()
    drug = sertraline()
    order = fb.medication_request_by_reference(pid, f"urn:uuid:{drug['id']}", "2026-09-01")
    run(doctor, drug, fb.patient(pid, "REF-U"), order)
    drug["code"]["text"] = "Sertraline 100 MG Oral Tablet"

    summary = run(doctor, drug, fb.patient(pid, "REF-U"), order)

    assert summary.updated == 1
    assert Medication.objects.get().line == "Sertraline 100 MG Oral Tablet"


def test_it_changes_nothing_when_the_same_referencing_bundle_comes_twice(doctor):
    pid = fb.new_id()
    drug = sertraline()
    resources = [
        drug,
        fb.patient(pid, "REF-I"),
        fb.medication_request_by_reference(pid, f"urn:uuid:{drug['id']}", "2026-09-01"),
    ]
    run(doctor, *resources)

    summary = run(doctor, *resources)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


def test_it_holds_orders_awaiting_their_medication_in_bounded_memory(monkeypatch):
    monkeypatch.setattr(bundles, "PENDING_LIMIT", 2)
    read = []

    def entries():
        for position in range(1, 6):  # five patients whose orders name a Medication never sent
            pid = f"p{position}"
            for resource in (
                fb.patient(pid, pid),
                fb.medication_request_by_reference(pid, "Medication/never", "2026-01-01"),
            ):
                read.append(position)
                yield bundles.Entry(resource, f"urn:uuid:{resource['id']}", len(read))

    first = next(bundles.group_by_patient(entries()))

    assert first.key == "Patient/p1"
    assert len(set(read)) < 5  # the oldest waiting patient went on before the file ended


def test_it_remembers_a_bounded_number_of_medications():
    index = MedicationIndex(limit=2)
    old, new = sertraline(mid="old"), sertraline(mid="new")

    index.add(old)
    index.add(new, "urn:uuid:new")

    assert "Medication/old" not in index
    assert index.get("Medication/new") is new
    assert index.get("urn:uuid:new") is new
