"""Add and correct lab results, conditions, visit notes and allergies (ending and withdrawing:
entries)."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from django.db import transaction

from clinic.models import Allergy, Condition, LabResult, Patient, VisitNote
from clinic.services.entries import ensure_record_open, entry_create, entry_update


@transaction.atomic
def lab_result_create(*, patient: Patient, user: Any, at: datetime, **fields: Any) -> LabResult:
    """Add a lab result to the patient's record."""
    return entry_create(LabResult(patient=patient, **fields), user=user, at=at)


@transaction.atomic
def lab_result_update(
    *, lab: LabResult, user: Any, at: datetime, expected_version: int, **fields: Any
) -> LabResult:
    """Correct a lab result, refusing if a colleague changed it meanwhile."""
    return entry_update(lab, user=user, at=at, expected_version=expected_version, values=fields)


@transaction.atomic
def condition_create(*, patient: Patient, user: Any, at: datetime, **fields: Any) -> Condition:
    """Add an active condition to the patient's record."""
    return entry_create(Condition(patient=patient, **fields), user=user, at=at)


@transaction.atomic
def condition_update(
    *, condition: Condition, user: Any, at: datetime, expected_version: int, **fields: Any
) -> Condition:
    """Change a condition's name, code or onset, refusing if a colleague changed it meanwhile."""
    return entry_update(
        condition, user=user, at=at, expected_version=expected_version, values=fields
    )


@transaction.atomic
def visit_note_create(
    *,
    patient: Patient,
    user: Any,
    at: datetime,
    see_again_months: int | None = None,
    **fields: Any,
) -> VisitNote:
    """Add a visit note written by `user`; "see again in N months" sets the patient's recall."""
    note = entry_create(VisitNote(patient=patient, author=user, **fields), user=user, at=at)
    if see_again_months is not None:
        recall_set(patient=patient, user=user, due_on=add_months(note.visit_date, see_again_months))
    elif patient.next_visit_on is not None and patient.next_visit_on <= note.visit_date:
        recall_set(patient=patient, user=user, due_on=None)  # the awaited visit has come
    return note


@transaction.atomic
def visit_note_update(
    *,
    note: VisitNote,
    user: Any,
    at: datetime,
    expected_version: int,
    see_again_months: int | None = None,
    **fields: Any,
) -> VisitNote:
    """Correct a visit note, refusing if a colleague changed it meanwhile."""
    note = entry_update(note, user=user, at=at, expected_version=expected_version, values=fields)
    if see_again_months is not None:
        recall_set(
            patient=note.patient, user=user, due_on=add_months(note.visit_date, see_again_months)
        )
    return note


@transaction.atomic
def allergy_create(*, patient: Patient, user: Any, at: datetime, **fields: Any) -> Allergy:
    """Add an allergy or intolerance the EHR states to the patient's record."""
    return entry_create(Allergy(patient=patient, **fields), user=user, at=at)


@transaction.atomic
def allergy_update(
    *, allergy: Allergy, user: Any, at: datetime, expected_version: int, **fields: Any
) -> Allergy:
    """Correct an allergy as the EHR now states it, refusing if it changed meanwhile."""
    return entry_update(allergy, user=user, at=at, expected_version=expected_version, values=fields)


def recall_set(*, patient: Patient, user: Any, due_on: date | None) -> Patient:
    """Set (or clear) the date the patient is next due (audited like any patient change)."""
    ensure_record_open(patient)
    current = Patient.objects.select_for_update().get(pk=patient.pk)
    current.next_visit_on = due_on
    current.updated_by = user
    current.version += 1
    current.full_clean()
    current.save()
    patient.next_visit_on, patient.version = current.next_visit_on, current.version
    return current


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
