"""Lab results, conditions and visit notes: add, correct, resolve, mark entered in error."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinic.forms.records import (
    ConditionForm,
    EnteredInErrorForm,
    LabResultForm,
    ResolveConditionForm,
    VisitNoteForm,
)
from clinic.models import Condition, LabResult, Medication, VisitNote
from clinic.services import entries, records
from clinic.views.common import (
    back_to_record,
    change_entry,
    create_entry,
    entry_for,
    form_page,
    patient_for,
    save_or_show,
)

GET_POST = require_http_methods(["GET", "POST"])
LAB_TEMPLATE = "clinic/lab_form.html"


@GET_POST
def lab_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a lab result."""
    return create_entry(
        request,
        pk,
        form_class=LabResultForm,
        service=records.lab_result_create,
        title="Add a lab result",
        anchor="labs",
        message="The lab result was added.",
        template=LAB_TEMPLATE,
    )


@GET_POST
def lab_edit_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Correct a lab result."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=LabResult,
        form_class=LabResultForm,
        service=lambda lab, **kw: records.lab_result_update(lab=lab, **kw),
        initial=LabResultForm.initial_for,
        form_kwargs=lambda lab: {"lab_pk": lab.pk},
        title="Correct a lab result",
        anchor="labs",
        message="The lab result was corrected.",
        template=LAB_TEMPLATE,
    )


@GET_POST
def condition_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a condition."""
    return create_entry(
        request,
        pk,
        form_class=ConditionForm,
        service=records.condition_create,
        title="Add a condition",
        anchor="conditions",
        message="The condition was added.",
    )


@GET_POST
def condition_edit_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Correct a condition's name, ICD-10 code or onset."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=Condition,
        form_class=ConditionForm,
        service=lambda c, **kw: records.condition_update(condition=c, **kw),
        initial=ConditionForm.initial_for,
        title="Edit a condition",
        anchor="conditions",
        message="The condition was saved.",
    )


@GET_POST
def condition_resolve_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Mark a condition resolved."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=Condition,
        form_class=ResolveConditionForm,
        service=lambda c, resolved_on, **kw: entries.entry_end(entry=c, ended_on=resolved_on, **kw),
        # Most resolutions are recorded the day they are established.
        initial=lambda c: {"version": c.version, "resolved_on": timezone.localdate()},
        form_kwargs=lambda c: {"condition": c},
        title="Resolve a condition",
        anchor="conditions",
        message="The condition was marked resolved.",
    )


@GET_POST
def visit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a visit note."""
    return create_entry(
        request,
        pk,
        form_class=VisitNoteForm,
        service=records.visit_note_create,
        title="Add a visit note",
        anchor="visits",
        message="The visit note was added.",
    )


@GET_POST
def visit_edit_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Correct a visit note."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=VisitNote,
        form_class=VisitNoteForm,
        service=lambda note, **kw: records.visit_note_update(note=note, **kw),
        initial=VisitNoteForm.initial_for,
        title="Edit a visit note",
        anchor="visits",
        message="The visit note was saved.",
    )


# Which model each kind of entry is, and the record section it is listed in.
ERROR_KINDS: dict[str, tuple[type[Model], str]] = {
    "lab": (LabResult, "labs"),
    "condition": (Condition, "conditions"),
    "medication": (Medication, "medications"),
    "visit": (VisitNote, "visits"),
}


@GET_POST
def mark_error_view(request: HttpRequest, pk: int, entry_pk: int, kind: str) -> HttpResponse:
    """Mark an entry entered in error, with a reason; it stays retrievable."""
    model, anchor = ERROR_KINDS[kind]
    patient = patient_for(request, pk)
    entry = entry_for(patient, model, entry_pk)
    form = EnteredInErrorForm(request.POST or None)
    outcome = None
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        outcome = save_or_show(
            form,
            lambda: entries.entry_mark_entered_in_error(
                entry=entry, user=request.user, at=timezone.now(), reason=reason
            ),
        )
        if outcome.saved:
            messages.success(request, f"“{entry}” was marked entered in error.")
            return back_to_record(patient, anchor)
    title = f"Mark “{entry}” entered in error"
    return form_page(
        request, patient, form, title=title, submit="Mark entered in error", outcome=outcome
    )
