"""Writes to a patient's clinical entries: lab results, conditions, visit notes.

Each write refreshes the patient's stored findings in the same transaction, so the caseload
never shows findings the record page would not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from clinic.models import Condition, LabResult, Patient, VisitNote
from clinic.models.records import ConditionStatus
from clinic.services.editing import (
    ensure_not_entered_in_error,
    entry_create,
    entry_update,
    entry_withdraw,
)


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
def lab_result_mark_entered_in_error(*, entry: LabResult, user: Any, reason: str) -> LabResult:
    """Withdraw a lab result from findings and lists, keeping it with the reason."""
    return entry_withdraw(entry, user=user, reason=reason)


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
def condition_resolve(
    *, condition: Condition, user: Any, resolved_on: date, expected_version: int
) -> Condition:
    """Mark a condition resolved on a date; resolved conditions trigger no findings."""
    ensure_not_entered_in_error(condition)
    if condition.status == ConditionStatus.RESOLVED:
        raise ValidationError("This condition is already resolved.")
    return entry_update(
        condition,
        user=user,
        expected_version=expected_version,
        values={"status": ConditionStatus.RESOLVED, "resolved_on": resolved_on},
    )


@transaction.atomic
def condition_mark_entered_in_error(*, entry: Condition, user: Any, reason: str) -> Condition:
    """Withdraw a condition from findings and lists, keeping it with the reason."""
    return entry_withdraw(entry, user=user, reason=reason)


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


@transaction.atomic
def visit_note_mark_entered_in_error(*, entry: VisitNote, user: Any, reason: str) -> VisitNote:
    """Withdraw a visit note from the lists, keeping it with the reason."""
    return entry_withdraw(entry, user=user, reason=reason)
