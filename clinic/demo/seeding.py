"""Write the demo clinic into the database, idempotently: a second run changes nothing.

Accounts are matched by username and patients by MRN; a patient's records by what identifies
them in the tables (a lab by analyte, unit and value; a condition by name; a medication by its
line; a visit by its text). Dates are relative to the seeding day, so seeding again on a later
day moves them forward instead of piling up copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import models, transaction
from django.utils import timezone

from clinic.demo.patients import ACCOUNTS, DEMO_PASSWORD, PATIENTS
from clinic.demo.rows import Account, Cond, DemoPatient, Lab, Med, Task, Visit, days_before
from clinic.models import (
    CarePlanItem,
    Condition,
    FollowUpTask,
    LabResult,
    Medication,
    Patient,
    Tracked,
    VisitNote,
)
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS
from clinic.services.findings import findings_refresh_all
from clinic.services.follow_up import awaited_answer, closing_fields, tasks_summarize
from rls import ANALYTES, due_date_from_gestational_age

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# What identifies a record of a demo patient across runs (never a date: dates move).
RECORD_KEYS: dict[type[Tracked], tuple[str, ...]] = {
    LabResult: ("analyte", "unit", "value"),
    Condition: ("name",),
    Medication: ("line",),
    VisitNote: ("text",),
    CarePlanItem: ("measure",),
    FollowUpTask: ("description",),
}

Tallies = dict[str, Counter[str]]


@transaction.atomic
def demo_clinic_seed(*, today: date) -> Tallies:
    """Create or update the demo accounts and patients, refresh findings; return the tallies."""
    tallies: Tallies = {"accounts": Counter(), "patients": Counter(), "records": Counter()}
    users = {}
    for account in ACCOUNTS:
        users[account.username], outcome = _account(account)
        tallies["accounts"][outcome] += 1
    for row in PATIENTS:
        patient, outcome = _patient(row, users, today)
        tallies["patients"][outcome] += 1
        tallies["records"].update(_records(patient, row, users, today))
    findings_refresh_all(as_of=today)
    return tallies


def _account(account: Account) -> tuple[User, str]:
    user, created = User.objects.get_or_create(username=account.username)
    changed = _assign(
        user,
        {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "is_staff": account.is_staff,
            "is_active": True,
        },
    )
    if created or not user.check_password(DEMO_PASSWORD):
        # set_password runs no password validators: the weak demo password is deliberate,
        # and only ever set here, for the demo.
        user.set_password(DEMO_PASSWORD)
        changed = True
    if changed:
        user.save()
    group = Group.objects.get(name=account.group)
    if list(user.groups.all()) != [group]:
        user.groups.set([group])
        changed = True
    return user, CREATED if created else UPDATED if changed else UNCHANGED


def _patient(row: DemoPatient, users: dict[str, User], today: date) -> tuple[Patient, str]:
    doctor = users[row.doctor]
    due_date = due_date_from_gestational_age(*row.pregnant, today) if row.pregnant else None
    values = {
        "mrn": row.mrn,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "birth_date": row.birth_date(today),
        "sex": row.sex,
        "pregnancy_due_date": due_date,
        "last_delivery_date": days_before(today, row.delivered_days_ago),
        "family_history_rls": row.family_history,
        "uses_caffeine": "caffeine" in row.habits,
        "uses_alcohol": "alcohol" in row.habits,
        "smokes": "smoking" in row.habits,
        "status": row.status,
        "date_of_death": days_before(today, row.died_days_ago),
        "next_visit_on": days_before(today, _negated(row.next_visit_in_days)),
        "primary_doctor_id": doctor.pk,
    }
    patient, outcome = _save(Patient, Patient.objects.filter(mrn=row.mrn).first(), values, doctor)
    team = {users[username].pk for username in row.care_team}
    if set(patient.care_team.values_list("pk", flat=True)) != team:
        patient.care_team.set(team)
        outcome = UPDATED if outcome == UNCHANGED else outcome
    return patient, outcome


def _records(
    patient: Patient, row: DemoPatient, users: dict[str, User], today: date
) -> Counter[str]:
    doctor = users[row.doctor]
    colleague = users[row.care_team[0]] if row.care_team else doctor
    # Rows are built table by table (callables), so the tasks see the labs and visits saved
    # before them: a task whose awaited result is on the record is seeded closed by it.
    tables: list[tuple[type[Tracked], Any, Callable[[], list[dict[str, Any]]]]] = [
        (LabResult, patient.labresults, lambda: [_lab(lab, today, doctor) for lab in row.labs]),
        (Condition, patient.conditions, lambda: [_condition(c, today) for c in row.conditions]),
        (
            Medication,
            patient.medications,
            lambda: [_medication(m, today) for m in row.medications],
        ),
        (
            VisitNote,
            patient.visitnotes,
            lambda: [_visit(v, today, colleague if v.by_care_team else doctor) for v in row.visits],
        ),
        (
            CarePlanItem,
            patient.care_plan_items,
            lambda: [_care(m, row, today) for m in row.care_plan],
        ),
        (
            FollowUpTask,
            patient.follow_up_tasks,
            lambda: [_task(t, patient, users[t.owner or row.doctor], today) for t in row.tasks],
        ),
    ]
    outcomes: Counter[str] = Counter()
    for model, related, build_rows in tables:
        existing = {_key(model, obj): obj for obj in related.all()}
        for values in build_rows():
            values["patient_id"] = patient.pk
            found = existing.get(tuple(values[name] for name in RECORD_KEYS[model]))
            _obj, outcome = _save(model, found, values, doctor)
            outcomes[outcome] += 1
    tasks_summarize(patient.pk)
    return outcomes


def _key(model: type[Tracked], obj: models.Model) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in RECORD_KEYS[model])


def _lab(lab: Lab, today: date, doctor: User) -> dict[str, Any]:
    unit = ANALYTES[lab.analyte].unit(lab.unit)
    if unit is None:
        raise ValueError(f"demo lab {lab.analyte}: {lab.unit!r} is not one of its units")
    values: dict[str, Any] = {
        "analyte": lab.analyte,
        "value": Decimal(lab.value),
        "unit": unit.symbol,
        "collected_on": days_before(today, lab.days_ago),
        # The model takes the analyte's LOINC code when none is given: compare like with like.
        "loinc": lab.loinc or next(iter(ANALYTES[lab.analyte].loinc), ""),
    }
    if lab.entered_in_error:
        values |= {
            "entered_in_error_reason": lab.entered_in_error,
            "entered_in_error_by_id": doctor.pk,
            # Struck out the day after it was entered; fixed per seeding day, so stable.
            "entered_in_error_at": _noon(today - timedelta(days=lab.days_ago - 1)),
        }
    return values


def _condition(cond: Cond, today: date) -> dict[str, Any]:
    resolved = cond.resolved_days_ago is not None
    return {
        "name": cond.name,
        "icd10": cond.icd10,
        "onset_date": days_before(today, cond.onset_days_ago),
        "status": "resolved" if resolved else "active",
        "resolved_on": days_before(today, cond.resolved_days_ago),
    }


def _medication(med: Med, today: date) -> dict[str, Any]:
    return {
        "line": med.line,
        "atc": med.atc,
        "started_on": days_before(today, med.started_days_ago),
        "stopped_on": days_before(today, med.stopped_days_ago),
        "status": "active" if med.stopped_days_ago is None else "stopped",
        "iron_route": med.iron_route,
    }


def _visit(visit: Visit, today: date, author: User) -> dict[str, Any]:
    return {
        "visit_date": days_before(today, visit.days_ago),
        "irls_score": visit.irls,
        "text": visit.text,
        "author_id": author.pk,
        "course": visit.course,
        "descriptors": list(visit.descriptors),
        **dict(zip(CRITERIA_FIELDS, visit.criteria, strict=True)),
        **dict(zip(AUGMENTATION_FIELDS, visit.augmentation, strict=True)),
    }


def _care(measure: str, row: DemoPatient, today: date) -> dict[str, Any]:
    latest_visit = min((v.days_ago for v in row.visits), default=0)
    return {"measure": measure, "agreed_on": days_before(today, latest_visit)}


def _task(task: Task, patient: Patient, owner: User, today: date) -> dict[str, Any]:
    """A task's row; as on every road, one whose awaited result is on the record is closed by it.

    The labs and visits are seeded first, so the answer is found among them.
    """
    set_on = days_before(today, task.set_days_ago)
    assert set_on is not None
    answer = awaited_answer(
        patient_pk=patient.pk,
        awaited=task.awaited,
        analyte=task.awaited_analyte,
        set_on=set_on,
    )
    still_open = {"closed_on": None, "closed_reason": "", "closed_by_lab": None}
    return {
        "description": task.description,
        "set_on": set_on,
        "due_on": today + timedelta(days=task.due_in_days),
        "awaited": task.awaited,
        "awaited_analyte": task.awaited_analyte,
        "owner_id": owner.pk,
        **(closing_fields(answer) if answer else still_open | {"closed_by_visit": None}),
    }


def _negated(days: int | None) -> int | None:
    return None if days is None else -days


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _save(model: type[Tracked], obj: Tracked | None, values: dict[str, Any], author: User):
    """Create the row, or update it only where it differs; return it and what happened."""
    if obj is None:
        obj = model(**values, created_by=author, updated_by=author)
        outcome = CREATED
    elif _assign(obj, values):
        obj.updated_by = author
        obj.version += 1
        outcome = UPDATED
    else:
        return obj, UNCHANGED
    # Field validation (ICD-10, ATC, choices) catches a mistyped table row with its name;
    # the check constraints are left to the database, as evaluating them in Python for every
    # row costs seconds.
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj, outcome


def _assign(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set the attributes that differ from `values`; return whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
