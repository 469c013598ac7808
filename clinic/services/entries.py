"""One entry API: every kind of clinical entry is added, changed, ended and withdrawn alike.

Each write refreshes the patient's stored findings in the same transaction, so the caseload
never shows findings the record page would not. Writes take the moment they happen (`at`)
from their caller and evaluate the findings for its local day: no write reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import localdate

import rls
from clinic.models import ClinicalEntry, Condition, Medication
from clinic.models.records import ConditionStatus, MedicationStatus
from clinic.services.editing import (
    create_validated,
    ensure_not_entered_in_error,
    ensure_record_open,
    mark_entered_in_error,
    update_versioned,
)
from clinic.services.findings import lock_patients, patient_findings_refresh
from clinic.services.follow_up import tasks_close_on_arrival, tasks_recheck_after_change

E = TypeVar("E", bound=ClinicalEntry)
LocalNames = tuple[rls.LocalName, ...]
Endable = TypeVar("Endable", Medication, Condition)


@dataclass(frozen=True, slots=True)
class Ending:
    """How an entry that can end does so: the status it takes and the date field it fills."""

    status: str
    date_field: str
    already: str


ENDINGS: dict[type[Medication | Condition], Ending] = {
    Medication: Ending(
        MedicationStatus.STOPPED, "stopped_on", "This medication is already stopped."
    ),
    Condition: Ending(
        ConditionStatus.RESOLVED, "resolved_on", "This condition is already resolved."
    ),
}


# Each write locks its patient first, so one patient's writes take turns (see findings).
def entry_create(entry: E, *, user: Any, at: datetime, local_names: LocalNames | None = None) -> E:
    """Save a new clinical entry at `at` and refresh its patient's stored findings for that day."""
    lock_patients([entry.patient_id])
    ensure_record_open(entry.patient)
    entry = create_validated(entry, user=user)
    tasks_close_on_arrival(entry, user=user)
    patient_findings_refresh(patient=entry.patient, as_of=localdate(at), local_names=local_names)
    return entry


def entry_update(
    entry: E,
    *,
    user: Any,
    at: datetime,
    expected_version: int,
    values: dict[str, Any],
    local_names: LocalNames | None = None,
) -> E:
    """Change a current clinical entry, version-checked, and refresh the stored findings."""
    lock_patients([entry.patient_id])
    ensure_record_open(entry.patient)
    ensure_not_entered_in_error(entry)
    entry = update_versioned(entry, user=user, expected_version=expected_version, values=values)
    tasks_recheck_after_change(entry, user=user)
    patient_findings_refresh(patient=entry.patient, as_of=localdate(at), local_names=local_names)
    return entry


@transaction.atomic
def entry_end(
    *, entry: Endable, user: Any, at: datetime, ended_on: date, expected_version: int
) -> Endable:
    """Stop a medication or resolve a condition on a date; ended entries trigger no findings."""
    ending = ENDINGS[type(entry)]
    ensure_not_entered_in_error(entry)
    if entry.status == ending.status:
        raise ValidationError(ending.already)
    values = {"status": ending.status, ending.date_field: ended_on}
    return entry_update(entry, user=user, at=at, expected_version=expected_version, values=values)


@transaction.atomic
def entry_mark_entered_in_error(*, entry: E, user: Any, at: datetime, reason: str) -> E:
    """Withdraw any clinical entry from findings and lists, keeping it with the reason."""
    lock_patients([entry.patient_id])
    ensure_record_open(entry.patient)
    entry = mark_entered_in_error(entry, user=user, reason=reason, at=at)
    tasks_recheck_after_change(entry, user=user)
    patient_findings_refresh(patient=entry.patient, as_of=localdate(at))
    return entry
