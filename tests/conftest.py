"""Fixtures shared by every test: doctors of two caseloads, a clinic admin, patients, records."""

from __future__ import annotations

import importlib
import itertools
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from clinic.models import Patient

TODAY = date(2026, 11, 24)
# The moment the writes of a test happen (frozen_today's noon), passed to every service.
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
PASSWORD = "correct-horse-battery-staple"
_mrns = itertools.count(100_001)


def make_user(username: str, group: str, *, staff: bool = False) -> User:
    user = User.objects.create_user(
        username, password=PASSWORD, first_name=username.title(), is_staff=staff
    )
    user.groups.add(migrated_group(group))
    return user


def migrated_group(name: str) -> Group:
    """Return a group the migrations created, creating it again as they do if it is gone.

    Transactional tests (live server, concurrent writes) end with a flush that empties every
    table, the migrated groups included; a later test in the same process then finds none.
    """
    try:
        return Group.objects.get(name=name)
    except Group.DoesNotExist:
        groups = importlib.import_module("clinic.migrations.0002_groups")
        every = importlib.import_module("clinic.migrations.0006_every_caseload_permission")
        tasks = importlib.import_module("clinic.migrations.0019_follow_up_tasks")
        allergies = importlib.import_module("clinic.migrations.0021_allergy")
        groups.create_groups(apps, None)
        every.grant_to_clinic_admins(apps, None)
        tasks.grant_task_permissions(apps, None)
        allergies.grant_allergy_permissions(apps, None)
        return Group.objects.get(name=name)


@pytest.fixture
def doctor(db) -> User:
    """The doctor whose caseload the tests work in."""
    return make_user("doctor", "Doctors")


@pytest.fixture
def colleague(db) -> User:
    """A doctor who may be put on the care team of the doctor's patients."""
    return make_user("colleague", "Doctors")


@pytest.fixture
def other_doctor(db) -> User:
    """A doctor of another caseload, who must never see the doctor's patients."""
    return make_user("outsider", "Doctors")


@pytest.fixture
def clinic_admin(db) -> User:
    return make_user("clinicadmin", "Clinic admins", staff=True)


@pytest.fixture
def make_patient(doctor):
    """Return a factory of patients in the doctor's caseload (fields overridable)."""

    def make(**fields) -> Patient:
        owner = fields.pop("primary_doctor", doctor)
        defaults = {
            "mrn": f"MRN{next(_mrns)}",
            "given_name": "Anna",
            "family_name": "Lindqvist",
            "birth_date": date(1970, 5, 17),
            "sex": "female",
            "primary_doctor": owner,
            "created_by": owner,
            "updated_by": owner,
        }
        return Patient.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def patient(make_patient) -> Patient:
    return make_patient()


@pytest.fixture
def frozen_today():
    """Freeze time at TODAY (noon UTC) so date-dependent rules are reproducible."""
    import time_machine

    with time_machine.travel("2026-11-24 12:00:00+00:00", tick=False):
        yield TODAY


@pytest.fixture(autouse=True)
def _unhashed_static_files(settings):
    """Serve static files by their source names: the hashed manifest exists after collectstatic."""
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test users' passwords cheaply; Argon2 costs ~0.1 s a user (tested on its own)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_reset_padding_and_fresh_throttles(settings):
    """Answer reset requests at once (the padding has its own test) with empty throttles."""
    from django.core.cache import cache

    settings.PASSWORD_RESET_MIN_SECONDS = 0
    cache.clear()
