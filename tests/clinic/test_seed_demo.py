"""The `seed_demo` command: a demo clinic that is idempotent, refuses production, and shows
every finding code of the knowledge spec."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from clinic.demo.patients import (
    ACCOUNTS,
    DEMO_PASSWORD,
    HEALTHY_MRN,
    PATIENTS,
    PREGNANT_MRN,
    STRUCK_OUT_HEMOGLOBIN_MRN,
    SWITCHED_TO_ALTERNATIVES_MRN,
)
from clinic.models import (
    Condition,
    FollowUpTask,
    LabResult,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from clinic.selectors.findings import patient_findings
from clinic.snapshots import with_snapshot_data
from rls import CODES
from tests.conftest import TODAY

TRACKED_MODELS = (Patient, LabResult, Condition, Medication, VisitNote, FollowUpTask)


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def findings_by_mrn() -> dict[str, set[str]]:
    patients = with_snapshot_data(Patient.objects.all())
    return {
        p.mrn: {f.code for f in patient_findings(p, as_of=timezone.localdate())} for p in patients
    }


def database_state() -> dict[str, object]:
    """Return every demo row with its version and timestamps: what a no-op run must not touch."""
    state: dict[str, object] = {
        model.__name__: sorted(
            model.objects.values_list("pk", "version", "updated_at", "updated_by")
        )
        for model in TRACKED_MODELS
    }
    state["users"] = sorted(User.objects.values_list("pk", "username", "password", "is_staff"))
    state["care_team"] = sorted(Patient.care_team.through.objects.values_list("patient", "user"))
    state["groups"] = sorted(User.groups.through.objects.values_list("user", "group"))
    state["findings"] = sorted(StoredFinding.objects.values_list("patient", "code", "fingerprint"))
    return state


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The demo accounts' passwords are hashed on every seed; Argon2 would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="class")
def demo_clinic(django_db_setup, django_db_blocker):
    """Seed the demo once for a class of tests, in a transaction rolled back after the class."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        time_machine.travel(f"{TODAY.isoformat()} 12:00:00+00:00", tick=False),
        transaction.atomic(),
    ):
        seed("--force")
        yield TODAY
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_clinic, frozen_today, db):
    """The seeded demo clinic, each test's changes rolled back; return the seeding day."""
    return demo_clinic


def test_it_refuses_to_run_with_debug_off_unless_forced(settings, db):
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"DJANGO_DEBUG=true.*--force"):
        seed()

    assert not User.objects.filter(username__startswith="demo-").exists()
    assert not Patient.objects.exists()


def test_it_runs_without_force_when_debug_is_on(settings, frozen_today, db):
    settings.DEBUG = True

    output = seed()

    assert Patient.objects.count() == len(PATIENTS)
    assert f"patients: {len(PATIENTS)} created, 0 updated, 0 unchanged" in output
    assert "accounts: 3 created" in output


class TestTheSeededDemo:
    """Read the demo seeded once; a test that seeds again is rolled back after it."""

    def test_it_changes_nothing_when_run_twice(self, seeded):
        before = database_state()

        output = seed("--force")

        assert database_state() == before
        assert f"patients: 0 created, 0 updated, {len(PATIENTS)} unchanged" in output
        assert "records: 0 created, 0 updated" in output

    def test_it_moves_dates_forward_without_duplicates_on_a_later_day(self, seeded):
        counts = {model: model.objects.count() for model in TRACKED_MODELS}
        later = seeded + timedelta(days=45)

        with time_machine.travel(later, tick=False):
            seed("--force")

        assert {model: model.objects.count() for model in TRACKED_MODELS} == counts
        pregnant = Patient.objects.get(mrn=PREGNANT_MRN)
        assert pregnant.gestational_week_on(later) == 31
        newest_visit = VisitNote.objects.filter(patient__mrn=HEALTHY_MRN).latest("visit_date")
        assert newest_visit.visit_date == later - timedelta(days=20)
        assert newest_visit.version == 2

    def test_it_creates_the_demo_accounts_with_the_demo_password(self, seeded):
        for account in ACCOUNTS:
            user = User.objects.get(username=account.username)
            assert user.check_password(DEMO_PASSWORD)
            assert [group.name for group in user.groups.all()] == [account.group]
            assert user.is_staff is account.is_staff
            assert user.get_full_name()
        assert User.objects.get(username="demo-admin").has_perm("clinic.reassign_patient")

    def test_it_spreads_the_patients_over_both_doctors_with_shared_care(self, seeded):
        doctor, doctor2 = (
            User.objects.get(username="demo-doctor"),
            User.objects.get(username="demo-doctor2"),
        )
        patients = Patient.objects.all()

        assert patients.count() >= 40
        assert patients.filter(primary_doctor=doctor).count() >= 15
        assert patients.filter(primary_doctor=doctor2).count() >= 15
        assert patients.filter(primary_doctor=doctor, care_team=doctor2).exists()
        assert patients.filter(primary_doctor=doctor2, care_team=doctor).exists()
        assert {"active", "inactive", "deceased"} == set(patients.values_list("status", flat=True))
        for patient in patients:
            assert patient.created_by_id == patient.updated_by_id == patient.primary_doctor_id
            assert patient.mrn.startswith("DEMO-")

    def test_it_evaluates_to_every_finding_code_of_the_engine(self, seeded):
        # The engine's code table is the catalogue (docs/findings.md, tests/rls).
        expected = set(CODES)
        shown = {code for row in PATIENTS for code in row.shows}
        found = set().union(*findings_by_mrn().values())

        assert sorted(expected - shown) == [], "codes no demo patient is meant to show"
        assert sorted(shown - expected) == [], "demo tables name codes the engine does not have"
        assert sorted(expected - found) == [], "codes no demo patient's record triggers"

    def test_it_shows_each_patient_exactly_the_findings_the_demo_table_lists(self, seeded):
        found = findings_by_mrn()

        differences = {
            row.mrn: {
                "missing": set(row.shows) - found[row.mrn],
                "extra": found[row.mrn] - set(row.shows),
            }
            for row in PATIENTS
            if found[row.mrn] != set(row.shows)
        }

        assert differences == {}

    def test_it_gives_the_healthy_patient_no_findings(self, seeded):
        found = findings_by_mrn()

        assert found[HEALTHY_MRN] == set()
        # Every aggravating drug stopped and replaced by the article's alternative.
        assert found[SWITCHED_TO_ALTERNATIVES_MRN] == set()
        # A hemoglobin of 69 g/L struck out as entered in error is not anemia.
        assert "cause.anemia" not in found[STRUCK_OUT_HEMOGLOBIN_MRN]

    def test_it_keeps_the_pregnant_patient_in_her_third_trimester(self, seeded):
        pregnant = Patient.objects.get(mrn=PREGNANT_MRN)

        assert pregnant.trimester_on(seeded) == 3
        assert pregnant.gestational_week_on(seeded) == 31

    def test_it_stores_the_findings_it_evaluates(self, seeded):
        stored: dict[str, set[str]] = {}
        for mrn, code in StoredFinding.objects.values_list("patient__mrn", "code"):
            stored.setdefault(mrn, set()).add(code)

        assert stored == {mrn: codes for mrn, codes in findings_by_mrn().items() if codes}

    def test_it_records_visits_in_every_irls_band_and_labs_in_mixed_units(self, seeded):
        bands = {note.irls_band for note in VisitNote.objects.all()}
        units = set(LabResult.objects.values_list("analyte", "unit"))

        assert bands >= {"", "none", "mild", "moderate", "severe", "very severe"}
        assert {("hemoglobin", "g/L"), ("hemoglobin", "g/dL"), ("hemoglobin", "mmol/L")} <= units
        assert {("ferritin", "µg/L"), ("ferritin", "ng/mL"), ("hba1c", "mmol/mol")} <= units
        assert {("vitamin_d", "nmol/L"), ("vitamin_b12", "pmol/L"), ("folate", "nmol/L")} <= units
        assert Medication.objects.filter(status="stopped").exists()
        assert Condition.objects.filter(status="resolved").exists()
        assert LabResult.objects.exclude(entered_in_error_at=None).count() == 1

    def test_it_shows_open_overdue_and_closed_follow_up_tasks(self, seeded):
        by_mrn = {t.patient.mrn: t for t in FollowUpTask.objects.select_related("patient")}

        iron_recheck, after_infusion = by_mrn["DEMO-0049"], by_mrn["DEMO-0048"]
        assert iron_recheck.is_overdue(seeded)
        assert iron_recheck.patient.next_task_due_on == iron_recheck.due_on
        assert after_infusion.closed_by_lab.analyte == "ferritin"
        assert after_infusion.closed_on == seeded - timedelta(days=150)
        assert by_mrn["DEMO-0047"].owner.username == "demo-doctor"  # on the care team
