"""Follow-up tasks: set one on a patient, change or close it, and the doctor's own task list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clinic.forms.base import VersionedForm
from clinic.forms.follow_up import CloseTaskForm, FollowUpTaskForm
from clinic.models import FollowUpTask, Patient
from clinic.selectors.follow_up import own_open_tasks, task_row
from clinic.services import follow_up
from clinic.views.common import (
    back_to_record,
    entry_for,
    form_page,
    patient_for,
    save_or_show,
)

GET_POST = require_http_methods(["GET", "POST"])
# What a link from a finding may fill in ahead (e.g. "recheck ferritin" from an iron gap).
PREFILLED = ("description", "awaited", "awaited_analyte")


@GET_POST
def task_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a follow-up task on the patient."""
    patient = patient_for(request, pk)
    today = timezone.localdate()
    prefilled = {name: request.GET[name] for name in PREFILLED if name in request.GET}
    form = FollowUpTaskForm(
        request.POST or None, initial=prefilled, patient=patient, user=request.user, as_of=today
    )
    return _task_form_page(
        request,
        patient,
        form,
        write=lambda values: follow_up.follow_up_task_create(
            patient=patient, user=request.user, as_of=today, **values
        ),
        message="The task was set.",
        title="Set a follow-up task",
    )


@GET_POST
def task_edit_view(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Change an open task: its words, due day, owner or what closes it."""
    patient = patient_for(request, pk)
    task = entry_for(patient, FollowUpTask, task_pk)
    form = FollowUpTaskForm(
        request.POST or None,
        initial=FollowUpTaskForm.initial_for(task),
        patient=patient,
        user=request.user,
        as_of=timezone.localdate(),
    )
    return _task_form_page(
        request,
        patient,
        form,
        write=lambda values: follow_up.follow_up_task_update(
            task=task, user=request.user, expected_version=form.cleaned_data["version"], **values
        ),
        message="The task was saved.",
        title=f"Change “{task}”",
    )


@GET_POST
def task_close_view(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Close a task by hand, with the reason."""
    patient = patient_for(request, pk)
    task = entry_for(patient, FollowUpTask, task_pk)
    today = timezone.localdate()
    form = CloseTaskForm(
        request.POST or None,
        initial={"version": task.version, "closed_on": today},
        task=task,
        as_of=today,
    )
    return _task_form_page(
        request,
        patient,
        form,
        write=lambda values: follow_up.follow_up_task_close(
            task=task, user=request.user, expected_version=form.cleaned_data["version"], **values
        ),
        message=f"“{task.description}” was closed.",
        title=f"Close “{task}”",
        submit="Close the task",
    )


def _task_form_page(
    request: HttpRequest,
    patient: Patient,
    form: VersionedForm,
    *,
    write: Callable[[dict[str, Any]], FollowUpTask],
    message: str,
    title: str,
    submit: str = "Save",
) -> HttpResponse:
    """Show a task form; on a valid post, write it and go back to the record's tasks."""
    outcome = None
    if form.is_bound and form.is_valid():
        values = form.values()
        outcome = save_or_show(form, lambda: write(values))
        if outcome.saved:
            messages.success(request, message)
            return back_to_record(patient, "tasks")
    return form_page(request, patient, form, title=title, submit=submit, outcome=outcome)


@require_GET
def own_tasks_view(request: HttpRequest) -> HttpResponse:
    """The open tasks the doctor owns, across their patients, soonest due first."""
    today = timezone.localdate()
    rows = [task_row(task, today) for task in own_open_tasks(request.user)]
    return render(request, "clinic/tasks.html", {"rows": rows, "today": today})
