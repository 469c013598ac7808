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
    create_validated,
    ensure_not_entered_in_error,
    mark_entered_in_error,
    update_versioned,
)
from clinic.services.findings import patient_findings_refresh


@transaction.atomic
def lab_result_create(*, patient: Patient, user: Any, **fields: Any) -> LabResult:
    """Add a lab result to the patient's record."""
    lab = create_validated(LabResult(patient=patient, **fields), user=user)
    patient_findings_refresh(patient=patient)
    return lab


@transaction.atomic
def lab_result_update(
    *, lab: LabResult, user: Any, expected_version: int, **fields: Any
) -> LabResult:
    """Correct a lab result, refusing if a colleague changed it meanwhile."""
    ensure_not_entered_in_error(lab)
    lab = update_versioned(lab, user=user, expected_version=expected_version, values=fields)
    patient_findings_refresh(patient=lab.patient)
    return lab


@transaction.atomic
def lab_result_mark_entered_in_error(*, entry: LabResult, user: Any, reason: str) -> LabResult:
    """Withdraw a lab result from findings and lists, keeping it with the reason."""
    entry = mark_entered_in_error(entry, user=user, reason=reason)
    patient_findings_refresh(patient=entry.patient)
    return entry


@transaction.atomic
def condition_create(*, patient: Patient, user: Any, **fields: Any) -> Condition:
    """Add an active condition to the patient's record."""
    condition = create_validated(Condition(patient=patient, **fields), user=user)
    patient_findings_refresh(patient=patient)
    return condition


@transaction.atomic
def condition_update(
    *, condition: Condition, user: Any, expected_version: int, **fields: Any
) -> Condition:
    """Change a condition's name, code or onset, refusing if a colleague changed it meanwhile."""
    ensure_not_entered_in_error(condition)
    condition = update_versioned(
        condition, user=user, expected_version=expected_version, values=fields
    )
    patient_findings_refresh(patient=condition.patient)
    return condition


@transaction.atomic
def condition_resolve(
    *, condition: Condition, user: Any, resolved_on: date, expected_version: int
) -> Condition:
    """Mark a condition resolved on a date; resolved conditions trigger no findings."""
    ensure_not_entered_in_error(condition)
    if condition.status == ConditionStatus.RESOLVED:
        raise ValidationError("This condition is already resolved.")
    condition = update_versioned(
        condition,
        user=user,
        expected_version=expected_version,
        values={"status": ConditionStatus.RESOLVED, "resolved_on": resolved_on},
    )
    patient_findings_refresh(patient=condition.patient)
    return condition


@transaction.atomic
def condition_mark_entered_in_error(*, entry: Condition, user: Any, reason: str) -> Condition:
    """Withdraw a condition from findings and lists, keeping it with the reason."""
    entry = mark_entered_in_error(entry, user=user, reason=reason)
    patient_findings_refresh(patient=entry.patient)
    return entry


@transaction.atomic
def visit_note_create(*, patient: Patient, user: Any, **fields: Any) -> VisitNote:
    """Add a visit note written by `user`."""
    note = create_validated(VisitNote(patient=patient, author=user, **fields), user=user)
    patient_findings_refresh(patient=patient)
    return note


@transaction.atomic
def visit_note_update(
    *, note: VisitNote, user: Any, expected_version: int, **fields: Any
) -> VisitNote:
    """Correct a visit note, refusing if a colleague changed it meanwhile."""
    ensure_not_entered_in_error(note)
    note = update_versioned(note, user=user, expected_version=expected_version, values=fields)
    patient_findings_refresh(patient=note.patient)
    return note


@transaction.atomic
def visit_note_mark_entered_in_error(*, entry: VisitNote, user: Any, reason: str) -> VisitNote:
    """Withdraw a visit note from the lists, keeping it with the reason."""
    entry = mark_entered_in_error(entry, user=user, reason=reason)
    patient_findings_refresh(patient=entry.patient)
    return entry
