"""Who may see which patient. Every view fetches patients and their records through here.

A doctor sees the patients they are primary doctor for or on the care team of. A patient
outside that caseload answers 404, exactly like one that does not exist, so a URL reveals
nothing about another caseload.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from clinic.models import Patient, PatientQuerySet

User = AbstractUser | AnonymousUser
M = TypeVar("M", bound=Model)


def patients_for_user(user: User) -> PatientQuerySet:
    """Return the patients `user` may see and change in the workspace."""
    if not user.is_authenticated or not user.is_active:
        return Patient.objects.none()
    return Patient.objects.in_caseload_of(user)


def limit_to_admin_caseload(rows: QuerySet[M], user: User, patient: str) -> QuerySet[M]:
    """Keep the rows whose patient (the field path `patient`) `user` may see in the admin.

    Clinic admins see every caseload: their queryset is left alone, with no `IN (SELECT ...)`
    that would make PostgreSQL read the whole patient table for every changelist.
    """
    if user.has_perm("clinic.view_every_caseload"):
        return rows
    return rows.filter(**{f"{patient}__in": patients_for_user(user).values("pk")})


def get_patient_for_user(user: User, pk: int) -> Patient:
    """Return the patient if `user` may see them; raise Http404 otherwise."""
    return get_object_or_404(patients_for_user(user), pk=pk)
