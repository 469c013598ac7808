"""`seed_clinic`: a realistic synthetic clinic, the same for the same seed, and `bench_caseload`
printing its table on it."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max, Min

from clinic.demo.clinic_seed import HEAVY, MRN_PREFIX, clinic_seed
from clinic.models import Condition, LabResult, Medication, Patient, StoredFinding, VisitNote

TODAY = date(2026, 11, 24)


def seed(patients: int, seed: int = 7) -> None:
    call_command(
        "seed_clinic", "--patients", str(patients), "--seed", str(seed),
        "--today", TODAY.isoformat(), verbosity=0, stdout=io.StringIO(),
    )  # fmt: skip


def digest() -> list[tuple]:
    patients = Patient.objects.order_by("mrn").values_list(
        "mrn", "family_name", "birth_date", "sex", "pregnancy_due_date", "status"
    )
    labs = LabResult.objects.order_by("patient__mrn", "pk").values_list(
        "patient__mrn", "analyte", "value", "collected_on"
    )
    # Codes, not fingerprints: a fingerprint names row ids, which a rolled-back run still used.
    findings = StoredFinding.objects.order_by("patient__mrn", "code").values_list(
        "patient__mrn", "code", "severity"
    )
    return [*patients, *labs, *findings]


@pytest.mark.django_db
def test_it_writes_the_same_clinic_for_the_same_seed():
    runs = []
    for _ in range(2):
        with transaction.atomic():
            seed(40)
            runs.append(digest())
            transaction.set_rollback(True)
    with transaction.atomic():
        seed(40, seed=8)
        other = digest()
        transaction.set_rollback(True)

    assert runs[0] == runs[1]
    assert runs[0] != other


@pytest.mark.django_db
def test_it_draws_records_within_the_clinics_ranges_and_evaluates_everyone():
    seed(60)

    per_patient = Patient.objects.annotate(
        labs=Count("labresults", distinct=True),
        meds=Count("medications", distinct=True),
        conds=Count("conditions", distinct=True),
        visits=Count("visitnotes", distinct=True),
    )
    heavy = per_patient.get(mrn=f"{MRN_PREFIX}0000000")
    others = per_patient.exclude(pk=heavy.pk).aggregate(
        min_labs=Min("labs"), max_labs=Max("labs"), max_meds=Max("meds"),
        max_conds=Max("conds"), max_visits=Max("visits"),
    )  # fmt: skip
    assert (heavy.labs, heavy.meds, heavy.conds, heavy.visits) == (
        HEAVY.labs, HEAVY.medications, HEAVY.conditions, HEAVY.visits,
    )  # fmt: skip
    assert others["min_labs"] >= 5
    assert others["max_labs"] <= 200
    assert others["max_meds"] <= 30
    assert others["max_conds"] <= 20
    assert others["max_visits"] <= 60
    assert not Patient.objects.filter(pregnancy_due_date__isnull=False, sex="male").exists()
    assert StoredFinding.objects.values("patient").distinct().count() > 30
    assert Medication.objects.exists()
    assert Condition.objects.exists()
    assert VisitNote.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_seed_a_clinic_twice():
    seed(3)

    with pytest.raises(CommandError, match="already holds a seeded clinic"):
        seed(3)


@pytest.mark.django_db
def test_it_refuses_a_clinic_of_no_patients():
    with pytest.raises(CommandError, match="--patients"):
        call_command("seed_clinic", "--patients", "0", verbosity=0)


@pytest.mark.django_db
def test_the_benchmark_prints_its_table_and_the_ratios_line(settings):
    settings.DEBUG = True
    clinic_seed(patients=30, seed=1, today=TODAY)
    out = io.StringIO()

    call_command("bench_caseload", "--existing", "--repeat", "2", stdout=out)

    lines = out.getvalue().splitlines()
    assert "30 patients" in lines[0]
    assert any(line.strip().startswith("record page, heavy patient") for line in lines)
    assert re.fullmatch(r"ratios: caseload/admin \d+\.\d\d, caseload/raw-sql \d+\.\d", lines[-1])
