"""Creating and editing patients, and recording a delivery."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinic.forms.patients import DeliveryForm, PatientEditForm, PatientForm
from clinic.services.patients import patient_create, patient_record_delivery, patient_update
from clinic.views.common import back_to_record, form_page, patient_for, save_or_show


@require_http_methods(["GET", "POST"])
def patient_create_view(request: HttpRequest) -> HttpResponse:
    """Add a patient to the user's own caseload."""
    form = PatientForm(request.POST or None, primary_doctor=request.user)
    if form.is_bound and form.is_valid():
        outcome = save_or_show(
            form, lambda: patient_create(user=request.user, at=timezone.now(), **form.values())
        )
        if outcome.saved:
            messages.success(request, f"{outcome.result.full_name} was added to your caseload.")
            return back_to_record(outcome.result)
    return form_page(request, None, form, title="New patient", submit="Add patient")


@require_http_methods(["GET", "POST"])
def patient_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a patient's details; the primary doctor is changed by clinic admins only."""
    patient = patient_for(request, pk)
    form = PatientEditForm(
        request.POST or None,
        initial=PatientForm.initial_for(patient),
        primary_doctor=patient.primary_doctor,
    )
    outcome = None
    if form.is_bound and form.is_valid():
        values = form.values()
        outcome = save_or_show(
            form,
            lambda: patient_update(
                patient=patient,
                user=request.user,
                at=timezone.now(),
                expected_version=form.cleaned_data["version"],
                **values,
            ),
        )
        if outcome.saved:
            messages.success(request, "The patient's details were saved.")
            return back_to_record(patient)
    return form_page(request, patient, form, title="Edit patient", outcome=outcome)


@require_http_methods(["GET", "POST"])
def delivery_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a delivery: the pregnancy ends and the delivery date is kept."""
    patient = patient_for(request, pk)
    form = DeliveryForm(request.POST or None, initial={"version": patient.version}, patient=patient)
    outcome = None
    if form.is_bound and form.is_valid():
        outcome = save_or_show(
            form,
            lambda: patient_record_delivery(
                patient=patient,
                user=request.user,
                at=timezone.now(),
                delivered_on=form.cleaned_data["delivered_on"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if outcome.saved:
            messages.success(request, "The delivery was recorded.")
            return back_to_record(patient)
    return form_page(
        request, patient, form, title="Record a delivery", submit="Record", outcome=outcome
    )
