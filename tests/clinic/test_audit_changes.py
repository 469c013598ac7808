"""Change entries: every create, change and deletion of clinical data, with who, where and what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from clinic.audit import AuditlogMiddleware
from clinic.models import (
    Condition,
    FindingAcknowledgement,
    LabResult,
    LocalName,
    Medication,
    VisitNote,
)


def _tracked(user) -> dict:
    return {"created_by": user, "updated_by": user}


def _lab(patient, user):
    return LabResult.objects.create(
        patient=patient,
        analyte="ferritin",
        value=Decimal("42"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
        **_tracked(user),
    )


def _condition(patient, user):
    return Condition.objects.create(patient=patient, name="Iron deficiency", **_tracked(user))


def _medication(patient, user):
    return Medication.objects.create(patient=patient, line="Sertraline 50 mg", **_tracked(user))


def _visit(patient, user):
    return VisitNote.objects.create(
        patient=patient,
        visit_date=date(2026, 11, 2),
        author=user,
        text="Worse at night",
        **_tracked(user),
    )


def _acknowledgement(patient, user):
    return FindingAcknowledgement.objects.create(
        patient=patient, code="iron.low", fingerprint="f" * 64, reason="Known", acknowledged_by=user
    )


RECORD_FACTORIES = [_lab, _condition, _medication, _visit, _acknowledgement]


def _entries_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


@pytest.mark.parametrize("factory", RECORD_FACTORIES)
def test_it_records_the_creation_of_a_patient_record_with_who_and_the_patient(
    factory, doctor, patient
):
    with set_actor(doctor, remote_addr="192.0.2.10"):
        record = factory(patient, doctor)

    (entry,) = _entries_for(record)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == doctor
    assert entry.remote_addr == "192.0.2.10"
    assert entry.additional_data == {"patient_id": patient.pk}


def test_it_records_what_changed_in_a_record(doctor, patient):
    condition = _condition(patient, doctor)
    condition.status = "resolved"
    condition.resolved_on = date(2026, 11, 20)
    with set_actor(doctor, remote_addr="192.0.2.10"):
        condition.save()

    update = _entries_for(condition).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["status"] == ["active", "resolved"]
    assert update.changes_dict["resolved_on"] == ["None", "2026-11-20"]
    assert "updated_at" not in update.changes_dict


def test_it_records_a_deletion_with_the_patient(doctor, patient):
    medication = _medication(patient, doctor)
    medication_pk = medication.pk
    medication.delete()

    deletion = LogEntry.objects.get(
        action=LogEntry.Action.DELETE,
        object_id=medication_pk,
        additional_data__patient_id=patient.pk,
    )
    assert deletion.object_repr == "Sertraline 50 mg"


def test_it_records_patient_changes_and_care_team_changes(doctor, colleague, patient):
    patient.family_name = "Berg"
    patient.save()
    patient.care_team.add(colleague)

    entries = _entries_for(patient)
    assert [entry.action for entry in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.UPDATE,
    ]
    assert entries[1].changes_dict["family_name"] == ["Lindqvist", "Berg"]
    assert entries[2].changes["care_team"]["operation"] == "add"
    assert all(entry.additional_data == {"patient_id": patient.pk} for entry in entries)


def test_it_records_local_name_changes(doctor):
    LocalName.objects.create(
        kind="medication", name="Cerucal", target="metoclopramide", **_tracked(doctor)
    )

    entry = LogEntry.objects.get(content_type__model="localname")
    assert entry.action == LogEntry.Action.CREATE
    assert entry.additional_data is None


def test_it_filters_the_trail_by_patient(doctor, make_patient):
    mine, theirs = make_patient(), make_patient()
    _lab(mine, doctor)
    _visit(theirs, doctor)

    trail = LogEntry.objects.filter(additional_data__patient_id=mine.pk)

    assert {entry.content_type.model for entry in trail} == {"patient", "labresult"}


def test_it_attaches_the_request_user_and_address_through_the_middleware(doctor, patient):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.44", HTTP_X_FORWARDED_FOR="10.0.0.1")
    request.user = doctor

    def view(_request):
        _condition(patient, doctor)
        return HttpResponse()

    AuditlogMiddleware(view)(request)

    entry = LogEntry.objects.get(content_type__model="condition")
    assert (entry.actor, entry.remote_addr) == (doctor, "192.0.2.44")


def test_it_serves_the_patient_filter_from_an_index(doctor, make_patient):
    patients = [make_patient() for _ in range(3)]
    trail = LogEntry.objects.filter(additional_data__patient_id=patients[0].pk)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, LogEntry._meta.db_table)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE auditlog_logentry")
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = trail.order_by("-timestamp").explain()

    assert constraints["clinic_audit_patient_idx"]["index"]
    # SQLite receives the JSON path as a bound parameter, which its planner cannot match to the
    # expression index; PostgreSQL (production) gets it inlined and uses the index.
    if connection.vendor == "postgresql":
        assert "clinic_audit_patient_idx" in plan
