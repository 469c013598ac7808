"""Twenty doctors saving a lab result to one patient at the same moment: all saved, no 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection

from clinic.models import Patient
from tests.clinic.parallel_writes import outcome, post_labs_in_parallel

PARALLEL = 20
ROOT = Path(__file__).resolve().parents[2]


def assert_all_saved_and_consistent(result: dict) -> None:
    assert result["statuses"] == [302] * PARALLEL
    assert result["labs"] == PARALLEL
    assert result["stored"] == result["live"]
    assert result["stored"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; the SQLite file test below covers SQLite",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_lab_posts_to_one_patient_all_save_on_postgresql():
    # A plain account and patient: a transactional test cannot rely on the migrated groups.
    doctor = User.objects.create_user("ward-doctor")
    patient = Patient.objects.create(
        mrn="PAR-1", given_name="Anna", family_name="Lindqvist", birth_date=date(1970, 5, 17),
        sex="female", primary_doctor=doctor, created_by=doctor, updated_by=doctor,
    )  # fmt: skip
    statuses = post_labs_in_parallel(patient.pk, doctor, PARALLEL)

    assert_all_saved_and_consistent(outcome(patient.pk, statuses))


def test_parallel_lab_posts_to_one_patient_all_save_on_a_sqlite_file(tmp_path):
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'ward.sqlite3'}"}

    run = subprocess.run(
        [sys.executable, "-m", "tests.clinic.parallel_writes", str(PARALLEL)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    assert_all_saved_and_consistent(json.loads(run.stdout.strip().splitlines()[-1]))
