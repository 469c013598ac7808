"""Reads of follow-up tasks: a patient's panel, a doctor's own list, the possible owners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from clinic.access import patients_for_user
from clinic.models import FollowUpTask, Patient
from clinic.models.patients import ACTIVE_DOCTOR
from clinic.selectors.caseload import DUE_SOON_DAYS

# Closed tasks stay on the record page this long, so the outcome of a recent recheck shows.
CLOSED_SHOWN_DAYS = 180


# Findings a task answers: what the task is and which result closes it ("Set a task…").
TASKS_FOR_FINDINGS = {
    "gap.iron-recheck": ("Recheck ferritin and transferrin saturation", "ferritin"),
    "gap.iron-studies": ("Check ferritin and transferrin saturation", "ferritin"),
    "gap.hemoglobin": ("Check hemoglobin", "hemoglobin"),
}


def task_prefill(code: str) -> str:
    """The task form's query string for a finding a task answers; empty for any other finding."""
    if code not in TASKS_FOR_FINDINGS:
        return ""
    description, analyte = TASKS_FOR_FINDINGS[code]
    return urlencode({"description": description, "awaited": "lab", "awaited_analyte": analyte})


@dataclass(frozen=True, slots=True)
class TaskRow:
    task: FollowUpTask
    overdue: bool
    due_soon: bool


@dataclass(frozen=True, slots=True)
class TaskPanel:
    open: list[TaskRow]
    recently_closed: list[FollowUpTask]


def task_panel(patient: Patient, today: date) -> TaskPanel:
    """Return the patient's open tasks by due day and those closed in the last months (1 query)."""
    recent = Q(closed_on__gte=today - timedelta(days=CLOSED_SHOWN_DAYS))
    tasks = FollowUpTask.objects.filter(Q(closed_on__isnull=True) | recent, patient=patient)
    tasks = tasks.select_related("owner", "updated_by")
    open_rows, closed = [], []
    for task in tasks:
        if task.is_open:
            open_rows.append(task_row(task, today))
        else:
            closed.append(task)
    closed.sort(key=lambda t: (t.closed_on, t.pk), reverse=True)
    return TaskPanel(open=open_rows, recently_closed=closed)


def task_row(task: FollowUpTask, today: date) -> TaskRow:
    soon_end = today + timedelta(days=DUE_SOON_DAYS - 1)
    return TaskRow(task, overdue=task.due_on < today, due_soon=today <= task.due_on <= soon_end)


def own_open_tasks(user: Any) -> QuerySet[FollowUpTask]:
    """The open tasks `user` owns, on records they can see and that are not closed, by due day."""
    visible = patients_for_user(user).filter(date_of_death__isnull=True).values("pk")
    tasks = FollowUpTask.objects.open().filter(owner=user, patient__in=visible)
    return tasks.select_related("patient").order_by("due_on", "pk")


def possible_owners(patient: Patient) -> QuerySet[Any]:
    """The doctors who can own a task for the patient: the primary doctor and the care team."""
    team = Q(pk=patient.primary_doctor_id) | Q(care_team_patients=patient)
    users = get_user_model().objects.filter(team, **ACTIVE_DOCTOR).distinct()
    return users.order_by("last_name", "first_name", "username")
