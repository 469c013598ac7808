"""Background refresh of stored findings on the task framework: chunked, counted, retried,
scheduled daily by the workers, and run in-process where there is no worker."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic import tasks
from clinic.models import FindingsRefresh, LabResult, Patient, StoredFinding
from clinic.tasks import (
    refresh_clinic_findings,
    rules_changed,
    schedule_daily_refresh,
    start_findings_refresh,
)
from rls import RULES_VERSION
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def owner(db) -> User:
    """A plain account owning the patients: transactional tests cannot rely on migrated groups."""
    return User.objects.create_user("owner")


@pytest.fixture
def low_ferritin_patients(owner):
    """Three patients with a low ferritin written behind the services' back (nothing stored)."""
    by = {"primary_doctor": owner, "created_by": owner, "updated_by": owner}
    patients = [
        Patient.objects.create(
            mrn=f"TASK-{n}",
            given_name="Anna",
            family_name="Lindqvist",
            birth_date=date(1970, 5, 17),
            sex="female",
            **by,
        )
        for n in range(3)
    ]
    for patient in patients:
        LabResult.objects.create(
            patient=patient, analyte="ferritin", value=Decimal("30"), unit="ng/mL",
            collected_on=date(2026, 11, 1), created_by=owner, updated_by=owner,
        )  # fmt: skip
    assert not StoredFinding.objects.exists()
    return patients


def iron_findings() -> int:
    return StoredFinding.objects.filter(code="cause.iron-deficiency").count()


def test_a_refresh_runs_in_process_in_chunks_and_is_recorded(
    low_ferritin_patients, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 2)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = start_findings_refresh(
            [p.pk for p in low_ferritin_patients], reason="manual", as_of=TODAY
        )

    run.refresh_from_db()
    assert len(callbacks) == 1
    assert iron_findings() == 3
    assert (run.patients_done, run.patients_total) == (3, 3)
    assert run.finished_at is not None


def test_a_chunk_that_the_database_refuses_is_retried(
    low_ferritin_patients, monkeypatch, django_capture_on_commit_callbacks
):
    real = tasks.findings_refresh_chunk
    calls = []

    def refused_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError("deadlock detected")
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "findings_refresh_chunk", refused_once)

    with django_capture_on_commit_callbacks(execute=True):
        run = start_findings_refresh(
            [p.pk for p in low_ferritin_patients], reason="manual", as_of=TODAY
        )

    run.refresh_from_db()
    assert len(calls) == 2
    assert iron_findings() == 3
    assert run.patients_done == 3


def test_a_chunk_refused_every_time_gives_up_after_the_last_attempt(patient, monkeypatch):
    attempts = []

    def refused(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks, "findings_refresh_chunk", refused)
    run = FindingsRefresh.objects.create(
        reason="manual", as_of=date(2026, 11, 24), patients_total=1
    )

    tasks.refresh_findings_chunk.enqueue(run.pk, [patient.pk], "2026-11-24")

    run.refresh_from_db()
    assert len(attempts) == tasks.MAX_ATTEMPTS
    assert (run.patients_done, run.finished_at) == (0, None)


def test_a_refresh_of_no_one_is_finished_at_once(db):
    run = start_findings_refresh([], reason="import", as_of=TODAY)

    assert run.finished_at is not None


def test_the_daily_refresh_runs_once_a_day(
    low_ferritin_patients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refresh_clinic_findings.call(reason="daily", as_of="2026-11-24")
        refresh_clinic_findings.call(reason="daily", as_of="2026-11-24")

    assert FindingsRefresh.objects.filter(reason="daily").count() == 1
    assert iron_findings() == 3


def a_run(reason: str, rules_version: str) -> FindingsRefresh:
    return FindingsRefresh.objects.create(
        reason=reason, as_of=TODAY, patients_total=0, rules_version=rules_version
    )


def test_a_refresh_records_the_rules_it_ran_on(db):
    run = start_findings_refresh([], reason="import", as_of=TODAY)

    assert run.rules_version == RULES_VERSION


def test_the_rules_changed_until_a_whole_clinic_refresh_ran_on_them(db):
    assert rules_changed()  # no refresh yet: nothing says the stored findings follow them
    a_run("daily", "")  # a run from before versions were recorded
    a_run("import", RULES_VERSION)  # covers its patients only
    assert rules_changed()

    a_run("manual", RULES_VERSION)
    assert not rules_changed()

    a_run("daily", "0123456789ab")  # the last whole-clinic run is what counts
    assert rules_changed()


def test_a_rules_refresh_does_nothing_once_the_rules_are_applied(
    low_ferritin_patients, django_capture_on_commit_callbacks
):
    a_run("daily", RULES_VERSION)

    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_clinic_findings.call(reason="rules") == 0

    assert iron_findings() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_starting_on_new_rules_refreshes_the_clinic(low_ferritin_patients, settings):
    settings.TASKS = DATABASE_TASKS
    a_run("daily", "0123456789ab")  # the release before

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    rules_run = FindingsRefresh.objects.get(reason="rules")
    assert (rules_run.patients_done, rules_run.rules_version) == (3, RULES_VERSION)
    assert iron_findings() == 3

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    assert FindingsRefresh.objects.filter(reason="rules").count() == 1


def test_the_command_refreshes_only_on_new_rules_when_asked(low_ferritin_patients):
    out = io.StringIO()
    call_command("refresh_findings", "--if-rules-changed", stdout=out)
    call_command("refresh_findings", "--if-rules-changed", stdout=out)

    refreshed, skipped = out.getvalue().splitlines()
    assert FindingsRefresh.objects.get().reason == "rules"
    assert iron_findings() == 3
    assert refreshed.startswith("Refreshed the findings of 3 patients")
    assert skipped == "The stored findings already follow these findings rules."


def test_in_process_tasks_book_no_schedule(db):
    schedule_daily_refresh()

    assert not DBTaskResult.objects.exists()


def test_a_worker_needs_the_database_backend(db):
    with pytest.raises(CommandError, match="not a database backend"):
        call_command("worker", "--batch")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_share_a_refresh_and_book_the_next_daily_one(
    low_ferritin_patients, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    settings.EKBOM_REFRESH_HOUR = 2
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 2)
    run = start_findings_refresh(
        [p.pk for p in low_ferritin_patients], reason="import", as_of=TODAY
    )
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_findings_chunk").count() == 2
    assert iron_findings() == 0

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    run.refresh_from_db()
    assert iron_findings() == 3
    assert (run.patients_done, run.finished_at is not None) == (3, True)
    booked = DBTaskResult.objects.get(status="READY")
    assert booked.task_path == "clinic.tasks.refresh_clinic_findings"
    assert booked.run_after > timezone.now()
    assert booked.run_after - timezone.now() <= timedelta(days=1)
    assert timezone.localtime(booked.run_after).hour == 2

    schedule_daily_refresh()

    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_chunk_is_retried_later_on_the_database_backend(
    low_ferritin_patients, settings, monkeypatch
):
    patient = low_ferritin_patients[0]
    settings.TASKS = DATABASE_TASKS

    def refused(*args, **kwargs):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(tasks, "findings_refresh_chunk", refused)

    tasks.refresh_findings_chunk.enqueue(1, [patient.pk], "2026-11-24")
    call_command("db_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [1, [patient.pk], "2026-11-24", 2]
    assert retry.run_after > timezone.now()


def test_the_admin_shows_when_the_last_refresh_ran_and_whom_it_covered(client, clinic_admin):
    FindingsRefresh.objects.create(
        reason="daily", as_of=date(2026, 11, 24), patients_total=1234, patients_done=1234,
        finished_at=timezone.now(), rules_version="0123456789ab",
    )  # fmt: skip
    client.force_login(clinic_admin)

    page = client.get(reverse("admin:clinic_findingsrefresh_changelist")).content.decode()

    assert "1234" in page
    assert "daily (time alone changes findings)" in page
    assert "0123456789ab" in page  # which findings rules it ran on


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("EKBOM_TASKS", "celery", "EKBOM_TASKS must be one of immediate, database"),
        ("EKBOM_REFRESH_HOUR", "24", "EKBOM_REFRESH_HOUR must be an hour from 0 to 23"),
    ],
)
def test_settings_refuse_a_bad_task_setting(variable, value, message):
    env = os.environ | {variable: value, "DJANGO_DEBUG": "true"}

    run = subprocess.run(
        [sys.executable, "-c", "import clinic.settings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert run.returncode != 0
    assert message in run.stderr
