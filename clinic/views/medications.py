"""Medications: add (warned before an aggravating drug is saved), change, stop."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinic.forms.medications import MedicationForm, StopMedicationForm
from clinic.models import Medication
from clinic.services import entries, medications
from clinic.views.common import change_entry, create_entry

GET_POST = require_http_methods(["GET", "POST"])
TEMPLATE = "clinic/medication_form.html"


@GET_POST
def medication_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a medication; an aggravating one shows its warning and needs confirming."""
    return create_entry(
        request,
        pk,
        form_class=MedicationForm,
        service=medications.medication_create,
        title="Add a medication",
        anchor="medications",
        message="The medication was added.",
        template=TEMPLATE,
    )


@GET_POST
def medication_edit_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Change a medication line; a newly matched aggravating class needs confirming."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=Medication,
        form_class=MedicationForm,
        service=lambda m, **kw: medications.medication_update(medication=m, **kw),
        initial=MedicationForm.initial_for,
        form_kwargs=lambda m: {"already_confirmed": m.warning_codes, "medication_pk": m.pk},
        title="Edit a medication",
        anchor="medications",
        message="The medication was saved.",
        template=TEMPLATE,
    )


@GET_POST
def medication_stop_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Stop a medication; stopped medications trigger no findings."""
    return change_entry(
        request,
        pk,
        entry_pk,
        model=Medication,
        form_class=StopMedicationForm,
        service=lambda m, stopped_on, **kw: entries.entry_end(entry=m, ended_on=stopped_on, **kw),
        # Most stops are recorded the day they happen.
        initial=lambda m: {"version": m.version, "stopped_on": timezone.localdate()},
        form_kwargs=lambda m: {"medication": m},
        title="Stop a medication",
        anchor="medications",
        message="The medication was stopped.",
    )
