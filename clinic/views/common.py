"""What the workspace views share: fetching through access, form pages, service errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from clinic.access import get_patient_for_user
from clinic.audit import record_access
from clinic.forms.base import replace_data, show_errors
from clinic.models import Patient
from clinic.services.editing import StaleEditError

FORM_TEMPLATE = "clinic/form_page.html"


def patient_for(request: HttpRequest, pk: int) -> Patient:
    """Return the patient if the user may see them (404 otherwise)."""
    return get_patient_for_user(request.user, pk)


def entry_for(patient: Patient, model: type[Model], entry_pk: int) -> Any:
    """Return one of the patient's entries; another patient's entry answers 404."""
    entries = model._default_manager.select_related("patient")
    return get_object_or_404(entries, pk=entry_pk, patient=patient)


@dataclass(slots=True)
class Outcome:
    """What a service write did: its result if saved, the conflict if refused as stale."""

    saved: bool
    result: Any = None
    conflict: StaleEditError | None = None


def save_or_show(form: forms.Form, write: Callable[[], Any]) -> Outcome:
    """Run a service write, turning its refusals into errors shown on the form."""
    try:
        return Outcome(saved=True, result=write())
    except StaleEditError as stale:
        # Let a second submit knowingly replace the colleague's values with these. The conflict
        # box above the form says what happened; repeating it as a form error said it twice.
        replace_data(form, version=stale.current_version)
        return Outcome(saved=False, conflict=stale)
    except ValidationError as error:
        show_errors(form, error)
        return Outcome(saved=False)


def form_page(
    request: HttpRequest,
    patient: Patient | None,
    form: forms.Form,
    *,
    title: str,
    submit: str = "Save",
    outcome: Outcome | None = None,
    template: str = FORM_TEMPLATE,
    **extra: Any,
) -> HttpResponse:
    """Render a form page; a form with errors answers 422 so tests and tools can tell."""
    context = {"patient": patient, "form": form, "title": title, "submit": submit}
    if patient is not None and request.method == "GET":
        record_access(request, patient, "form")
    conflict = outcome.conflict if outcome else None
    status = 422 if form.is_bound and (form.errors or conflict) else 200
    return render(request, template, context | {"conflict": conflict} | extra, status=status)


def back_to_record(patient: Patient, anchor: str = "") -> HttpResponse:
    """Redirect to the patient's record, at a section."""
    return redirect(patient.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def create_entry(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type,
    service: Callable[..., Any],
    title: str,
    anchor: str,
    message: str,
    **extra: Any,
) -> HttpResponse:
    """Show and handle a form that adds an entry to the patient's record."""
    patient = patient_for(request, pk)
    form = form_class(request.POST or None, patient=patient)
    outcome = None
    if form.is_bound and form.is_valid():
        outcome = save_or_show(
            form,
            lambda: service(patient=patient, user=request.user, at=timezone.now(), **form.values()),
        )
        if outcome.saved:
            messages.success(request, message)
            return back_to_record(patient, anchor)
    return form_page(request, patient, form, title=title, outcome=outcome, **extra)


def change_entry(
    request: HttpRequest,
    pk: int,
    entry_pk: int,
    *,
    model: type[Model],
    form_class: type,
    service: Callable[..., Any],
    title: str,
    anchor: str,
    message: str,
    initial: Callable[[Any], dict[str, Any]] | None = None,
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
    template: str = FORM_TEMPLATE,
) -> HttpResponse:
    """Show and handle a version-checked form that changes one of the patient's entries."""
    patient = patient_for(request, pk)
    entry = entry_for(patient, model, entry_pk)
    start = initial(entry) if initial else {"version": entry.version}
    kwargs = form_kwargs(entry) if form_kwargs else {}
    form = form_class(request.POST or None, initial=start, patient=patient, **kwargs)
    outcome = None
    if form.is_bound and form.is_valid():
        values = form.values()
        version = form.cleaned_data["version"]
        outcome = save_or_show(
            form,
            lambda: service(
                entry, user=request.user, at=timezone.now(), expected_version=version, **values
            ),
        )
        if outcome.saved:
            messages.success(request, message)
            return back_to_record(patient, anchor)
    return form_page(
        request, patient, form, title=title, outcome=outcome, template=template, entry=entry
    )
