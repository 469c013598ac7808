"""Record writes: versions, stale edits, entered in error, stored findings kept current."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clinic.models import Condition, LabResult, StoredFinding
from clinic.services.editing import StaleEditError
from clinic.services.entries import entry_end, entry_mark_entered_in_error
from clinic.services.findings import patient_findings_refresh
from clinic.services.patients import patient_create, patient_record_delivery, patient_update
from clinic.services.records import (
    condition_create,
    lab_result_create,
    lab_result_update,
    visit_note_create,
)
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def stored_codes(patient) -> set[str]:
    return set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))


def add_ferritin(patient, user, value="30", day=date(2026, 11, 1)) -> LabResult:
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte="ferritin",
        value=Decimal(value),
        unit="ng/mL",
        collected_on=day,
        loinc="",
    )


def test_it_refreshes_stored_findings_in_the_same_write(patient, doctor):
    add_ferritin(patient, doctor)

    assert "cause.iron-deficiency" in stored_codes(patient)


def test_it_bumps_the_version_and_records_who_changed_it(patient, doctor, colleague):
    lab = add_ferritin(patient, doctor)

    updated = lab_result_update(
        at=NOW, lab=lab, user=colleague, expected_version=1, value=Decimal("120"), unit="ng/mL"
    )

    assert (updated.version, updated.updated_by, updated.created_by) == (2, colleague, doctor)
    assert "cause.iron-deficiency" not in stored_codes(patient)


def test_it_refuses_a_stale_edit_and_names_what_changed(patient, doctor, colleague):
    lab = add_ferritin(patient, doctor)
    lab_result_update(at=NOW, lab=lab, user=colleague, expected_version=1, value=Decimal("120"))

    with pytest.raises(StaleEditError) as refused:
        lab_result_update(at=NOW, lab=lab, user=doctor, expected_version=1, value=Decimal("40"))

    change = refused.value.changes[0]
    assert (change.field, change.theirs, change.yours) == ("value", "120", "40")
    assert refused.value.current_version == 2
    assert LabResult.objects.get(pk=lab.pk).value == Decimal("120")


def test_it_refuses_a_stale_patient_edit_including_the_care_team(patient, doctor, colleague):
    patient_update(at=NOW, patient=patient, user=doctor, expected_version=1, given_name="Annika")

    with pytest.raises(StaleEditError) as refused:
        patient_update(
            at=NOW,
            patient=patient,
            user=colleague,
            expected_version=1,
            given_name="Anne",
            care_team=[colleague],
        )

    fields = {c.field: (c.theirs, c.yours) for c in refused.value.changes}
    assert fields["given name"] == ("Annika", "Anne")
    assert fields["care team"] == ("—", "Colleague")


def test_it_makes_the_creating_doctor_the_primary_doctor(doctor, colleague):
    patient = patient_create(
        at=NOW,
        user=doctor,
        care_team=[colleague],
        mrn="X1",
        given_name="Ola",
        family_name="Nordmann",
        birth_date=date(1980, 1, 1),
        sex="male",
    )

    assert patient.primary_doctor == doctor
    assert list(patient.care_team.all()) == [colleague]
    assert stored_codes(patient) == {"gap.iron-studies", "gap.hemoglobin"}


def test_it_never_reassigns_the_primary_doctor(patient, doctor, colleague):
    with pytest.raises(ValueError, match="clinic admins"):
        patient_update(
            at=NOW, patient=patient, user=doctor, expected_version=1, primary_doctor=colleague
        )


def test_it_records_a_delivery_keeping_its_date(make_patient, doctor):
    patient = make_patient(pregnancy_due_date=date(2026, 12, 20))
    patient_findings_refresh(as_of=TODAY, patient=patient)
    assert "cause.pregnancy" in stored_codes(patient)

    delivered = patient_record_delivery(
        at=NOW, patient=patient, user=doctor, delivered_on=date(2026, 11, 20), expected_version=1
    )

    assert (delivered.pregnancy_due_date, delivered.last_delivery_date) == (
        None,
        date(2026, 11, 20),
    )
    assert "cause.pregnancy" not in stored_codes(patient)


def test_it_keeps_an_entry_marked_in_error_out_of_findings(patient, doctor):
    lab = add_ferritin(patient, doctor)

    marked = entry_mark_entered_in_error(at=NOW, entry=lab, user=doctor, reason="Wrong patient")

    assert "cause.iron-deficiency" not in stored_codes(patient)
    assert marked.entered_in_error_by == doctor
    assert LabResult.objects.filter(pk=lab.pk).exists()
    assert not LabResult.objects.current().filter(pk=lab.pk).exists()


def test_it_requires_a_reason_to_mark_an_entry_in_error(patient, doctor):
    condition = condition_create(at=NOW, patient=patient, user=doctor, name="Diabetes", icd10="E11")

    with pytest.raises(ValidationError) as refused:
        entry_mark_entered_in_error(at=NOW, entry=condition, user=doctor, reason="   ")

    assert "reason" in refused.value.message_dict
    assert Condition.objects.current().filter(pk=condition.pk).exists()


def test_it_refuses_to_mark_an_entry_in_error_twice(patient, doctor):
    note = visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 11, 2), text="ok"
    )
    entry_mark_entered_in_error(at=NOW, entry=note, user=doctor, reason="Duplicate")

    with pytest.raises(ValidationError, match="already"):
        entry_mark_entered_in_error(at=NOW, entry=note, user=doctor, reason="Again")


def test_it_resolves_a_condition_and_drops_its_finding(patient, doctor):
    condition = condition_create(
        at=NOW, patient=patient, user=doctor, name="Type 2 diabetes", icd10="E11"
    )
    assert "cause.diabetes" in stored_codes(patient)

    entry_end(at=NOW, entry=condition, user=doctor, ended_on=date(2026, 11, 1), expected_version=1)

    assert "cause.diabetes" not in stored_codes(patient)


def test_it_validates_with_the_model_before_saving(patient, doctor):
    with pytest.raises(ValidationError) as refused:
        condition_create(at=NOW, patient=patient, user=doctor, name="Diabetes", icd10="diabetes")

    assert "icd10" in refused.value.message_dict
    assert not Condition.objects.exists()


def test_it_refuses_to_end_an_entry_twice(patient, doctor):
    condition = condition_create(
        at=NOW, patient=patient, user=doctor, name="Type 2 diabetes", icd10="E11"
    )
    entry_end(at=NOW, entry=condition, user=doctor, ended_on=date(2026, 11, 1), expected_version=1)

    with pytest.raises(ValidationError, match="already resolved"):
        entry_end(
            at=NOW,
            entry=Condition.objects.get(),
            user=doctor,
            ended_on=date(2026, 11, 2),
            expected_version=2,
        )
