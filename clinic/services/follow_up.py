"""Writes to follow-up tasks: set, change, close by hand, and close when the awaited entry comes.

Every write keeps `Patient.next_task_due_on` (the earliest open task's due day) current in
the same transaction, so the caseload's overdue and due-this-week filters read one column.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from clinic.formats import day_text
from clinic.models import Awaited, FollowUpTask, LabResult, Patient, VisitNote
from clinic.services.editing import create_validated, ensure_record_open, update_versioned
from clinic.services.findings import lock_patients

ALREADY_CLOSED = "This task is already closed."


@transaction.atomic
def follow_up_task_create(
    *, patient: Patient, user: Any, as_of: date, **fields: Any
) -> FollowUpTask:
    """Set a task for the patient on `as_of`: a description, a due day, an owner, what closes it."""
    lock_patients([patient.pk])
    ensure_record_open(patient)
    task = create_validated(FollowUpTask(patient=patient, set_on=as_of, **fields), user=user)
    tasks_summarize(patient.pk)
    return task


@transaction.atomic
def follow_up_task_update(
    *, task: FollowUpTask, user: Any, expected_version: int, **fields: Any
) -> FollowUpTask:
    """Change an open task (its words, due day, owner or what closes it), version-checked."""
    lock_patients([task.patient_id])
    ensure_record_open(task.patient)
    if not task.is_open:
        raise ValidationError(ALREADY_CLOSED)
    task = update_versioned(task, user=user, expected_version=expected_version, values=fields)
    tasks_summarize(task.patient_id)
    return task


@transaction.atomic
def follow_up_task_close(
    *, task: FollowUpTask, user: Any, closed_on: date, reason: str, expected_version: int
) -> FollowUpTask:
    """Close a task by hand; the reason is required and kept with it."""
    lock_patients([task.patient_id])
    ensure_record_open(task.patient)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the task is closed."})
    if not task.is_open:
        raise ValidationError(ALREADY_CLOSED)
    values = {"closed_on": closed_on, "closed_reason": reason}
    task = update_versioned(task, user=user, expected_version=expected_version, values=values)
    tasks_summarize(task.patient_id)
    return task


def tasks_close_on_arrival(entry: Any, *, user: Any) -> list[FollowUpTask]:
    """Close the patient's open tasks that a newly saved lab result or visit note answers.

    Called inside the write that saved `entry`, whichever road it came by (workspace, admin,
    import). Only an entry dated on or after the day a task was set answers it.
    """
    answered = _answered_by(entry)
    if answered is None or entry.is_entered_in_error:
        return []
    waiting = FollowUpTask.objects.open().filter(answered, patient_id=entry.patient_id)
    tasks = list(waiting.select_for_update())
    for task in tasks:
        _close_with(task, entry, user=user)
    if tasks:
        tasks_summarize(entry.patient_id)
    return tasks


def tasks_recheck_after_change(entry: Any, *, user: Any) -> list[FollowUpTask]:
    """Re-judge the tasks a corrected or withdrawn entry closed, and those it now answers.

    An entry marked entered in error no longer counts clinically, so it cannot be the answer
    a task was waiting for: its tasks reopen, unless another current entry answers them. A
    corrected date or analyte may answer a different task.
    """
    if isinstance(entry, LabResult):
        closed = FollowUpTask.objects.filter(closed_by_lab=entry)
    elif isinstance(entry, VisitNote):
        closed = FollowUpTask.objects.filter(closed_by_visit=entry)
    else:
        return []
    tasks = list(closed.select_for_update())
    for task in tasks:
        _reopen(task, user=user)
    if tasks:
        tasks_summarize(entry.patient_id)
    return tasks + tasks_close_on_arrival(entry, user=user)


def tasks_hand_over(patient: Patient, *, user: Any) -> list[FollowUpTask]:
    """Give the primary doctor the open tasks of owners who no longer follow the patient.

    A doctor taken off the care team, or a primary doctor the patient was reassigned away
    from, loses the record from their caseload and the task from their list: the task would
    wait for no one. Run after every change to who follows a patient; each task handed over
    is versioned and audited like any other change.
    """
    orphaned = (
        FollowUpTask.objects.open()
        .filter(patient=patient)
        .exclude(owner_id=patient.primary_doctor_id)
        .exclude(owner__care_team_patients=patient)
    )
    tasks = list(orphaned.select_for_update().order_by("pk"))
    for task in tasks:
        task.owner_id = patient.primary_doctor_id
        _save(task, user=user)
    return tasks


def _answered_by(entry: Any) -> Q | None:
    """The open tasks this entry answers, as a filter; None for an entry that answers none."""
    if isinstance(entry, LabResult):
        return Q(
            awaited=Awaited.LAB,
            awaited_analyte=entry.analyte,
            set_on__lte=entry.collected_on,
        )
    if isinstance(entry, VisitNote):
        return Q(awaited=Awaited.VISIT, set_on__lte=entry.visit_date)
    return None


def _close_with(
    task: FollowUpTask, entry: Any, *, user: Any, unless_unchanged_from: tuple | None = None
) -> None:
    for name, value in closing_fields(entry).items():
        setattr(task, name, value)
    if _closing(task) != unless_unchanged_from:
        _save(task, user=user)


def closing_fields(entry: LabResult | VisitNote) -> dict[str, Any]:
    """The fields of a task closed by `entry`: the day, the reason in words, the link."""
    if isinstance(entry, LabResult):
        return {
            "closed_on": entry.collected_on,
            "closed_by_lab": entry,
            "closed_by_visit": None,
            "closed_reason": (
                f"The {entry.get_analyte_display().lower()} result of "
                f"{day_text(entry.collected_on)} arrived."
            ),
        }
    return {
        "closed_on": entry.visit_date,
        "closed_by_lab": None,
        "closed_by_visit": entry,
        "closed_reason": f"The visit of {day_text(entry.visit_date)} took place.",
    }


def _closing(task: FollowUpTask) -> tuple:
    return (task.closed_on, task.closed_reason, task.closed_by_lab_id, task.closed_by_visit_id)


def _reopen(task: FollowUpTask, *, user: Any) -> None:
    before = _closing(task)
    task.closed_on, task.closed_reason = None, ""
    task.closed_by_lab = task.closed_by_visit = None
    answer = _current_answer(task)
    if answer is not None:
        _close_with(task, answer, user=user, unless_unchanged_from=before)
    else:
        _save(task, user=user)


def _current_answer(task: FollowUpTask) -> LabResult | VisitNote | None:
    return awaited_answer(
        patient_pk=task.patient_id,
        awaited=task.awaited,
        analyte=task.awaited_analyte,
        set_on=task.set_on,
    )


def awaited_answer(
    *, patient_pk: int, awaited: str, analyte: str, set_on: date
) -> LabResult | VisitNote | None:
    """The earliest current entry that answers such a task, if one was saved since `set_on`."""
    if awaited == Awaited.LAB:
        labs = LabResult.objects.current().filter(
            patient_id=patient_pk, analyte=analyte, collected_on__gte=set_on
        )
        return labs.order_by("collected_on", "pk").first()
    if awaited == Awaited.VISIT:
        visits = VisitNote.objects.current().filter(patient_id=patient_pk, visit_date__gte=set_on)
        return visits.order_by("visit_date", "pk").first()
    return None


def _save(task: FollowUpTask, *, user: Any) -> None:
    """Save a task changed on a user's behalf by their write: versioned and audited.

    Only the constraints are checked: a lab result must never be refused because a task it
    answers has an owner who has since left the care team.
    """
    task.updated_by = user
    task.version += 1
    task.validate_constraints()
    task.save()


def tasks_summarize(patient_pk: int) -> None:
    """Store the earliest due day of the patient's open tasks on the patient row."""
    earliest = FollowUpTask.objects.open().filter(patient=OuterRef("pk")).order_by("due_on")
    Patient.objects.filter(pk=patient_pk).update(
        next_task_due_on=Subquery(earliest.values("due_on")[:1])
    )
