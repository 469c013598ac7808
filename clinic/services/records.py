"""Add and correct lab results, conditions and visit notes (ending and withdrawing: entries)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from clinic.models import Condition, LabResult, Patient, VisitNote
from clinic.services.entries import entry_create, entry_update


@transaction.atomic
def lab_result_create(*, patient: Patient, user: Any, **fields: Any) -> LabResult:
    """Add a lab result to the patient's record."""
    return entry_create(LabResult(patient=patient, **fields), user=user)


@transaction.atomic
def lab_result_update(
    *, lab: LabResult, user: Any, expected_version: int, **fields: Any
) -> LabResult:
    """Correct a lab result, refusing if a colleague changed it meanwhile."""
    return entry_update(lab, user=user, expected_version=expected_version, values=fields)


@transaction.atomic
def condition_create(*, patient: Patient, user: Any, **fields: Any) -> Condition:
    """Add an active condition to the patient's record."""
    return entry_create(Condition(patient=patient, **fields), user=user)


@transaction.atomic
def condition_update(
    *, condition: Condition, user: Any, expected_version: int, **fields: Any
) -> Condition:
    """Change a condition's name, code or onset, refusing if a colleague changed it meanwhile."""
    return entry_update(condition, user=user, expected_version=expected_version, values=fields)


@transaction.atomic
def visit_note_create(*, patient: Patient, user: Any, **fields: Any) -> VisitNote:
    """Add a visit note written by `user`."""
    return entry_create(VisitNote(patient=patient, author=user, **fields), user=user)


@transaction.atomic
def visit_note_update(
    *, note: VisitNote, user: Any, expected_version: int, **fields: Any
) -> VisitNote:
    """Correct a visit note, refusing if a colleague changed it meanwhile."""
    return entry_update(note, user=user, expected_version=expected_version, values=fields)
