"""Writes to patients: create, update, record a delivery."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import localdate

from clinic.models import Patient
from clinic.models.patients import ACTIVE_DOCTOR, NOT_A_DOCTOR, PatientStatus
from clinic.services.editing import Change, StaleEditError, create_validated, update_versioned
from clinic.services.findings import patient_findings_refresh
from clinic.services.follow_up import tasks_hand_over


@transaction.atomic
def patient_create(
    *, user: Any, at: datetime, care_team: Iterable[Any] = (), **fields: Any
) -> Patient:
    """Create a patient in `user`'s own caseload, with colleagues on the care team."""
    patient = create_validated(Patient(primary_doctor=user, **fields), user=user)
    patient.care_team.set(_doctors_only([member for member in care_team if member != user]))
    patient_findings_refresh(patient=patient, as_of=localdate(at))
    return patient


@transaction.atomic
def patient_update(
    *,
    patient: Patient,
    user: Any,
    at: datetime,
    expected_version: int,
    care_team: Iterable[Any] | None = None,
    **fields: Any,
) -> Patient:
    """Change a patient's details (never the primary doctor: clinic admins reassign patients).

    Open tasks of doctors taken off the care team pass to the primary doctor.
    """
    if "primary_doctor" in fields:
        raise ValueError("Only clinic admins reassign a patient, through the admin.")
    if fields.get("date_of_death") is not None:
        fields["status"] = PatientStatus.DECEASED  # the record closes with the date of death
    try:
        updated = update_versioned(
            patient, user=user, expected_version=expected_version, values=fields
        )
    except StaleEditError as stale:
        if care_team is not None:
            stale.changes.extend(_care_team_change(patient, care_team))
        raise
    if care_team is not None:
        updated.care_team.set(
            _doctors_only([m for m in care_team if m.pk != updated.primary_doctor_id])
        )
        tasks_hand_over(updated, user=user)
    patient_findings_refresh(patient=updated, as_of=localdate(at))
    return updated


@transaction.atomic
def patient_record_delivery(
    *, patient: Patient, user: Any, at: datetime, delivered_on: date, expected_version: int
) -> Patient:
    """Record a delivery: clear the expected delivery date and keep the delivery date."""
    if patient.pregnancy_due_date is None:
        raise ValidationError("No pregnancy is recorded for this patient.")
    updated = update_versioned(
        patient,
        user=user,
        expected_version=expected_version,
        values={"pregnancy_due_date": None, "last_delivery_date": delivered_on},
    )
    patient_findings_refresh(patient=updated, as_of=localdate(at))
    return updated


def _care_team_change(patient: Patient, care_team: Iterable[Any]) -> list[Change]:
    stored = patient.care_team.model.objects.filter(care_team_patients=patient)
    theirs = sorted(str(u.get_full_name() or u) for u in stored)
    yours = sorted(str(u.get_full_name() or u) for u in care_team)
    if theirs == yours:
        return []
    return [Change("care team", ", ".join(theirs) or "—", ", ".join(yours) or "—")]


def _doctors_only(members: list[Any]) -> list[Any]:
    """Refuse a care team member who is not an active doctor (every road, not only forms)."""
    if not members:
        return members
    pks = {member.pk for member in members}
    doctors = get_user_model().objects.filter(pk__in=pks, **ACTIVE_DOCTOR)
    if doctors.count() != len(pks):
        raise ValidationError({"care_team": NOT_A_DOCTOR})
    return members
