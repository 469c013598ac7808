"""The bulk refresh (commands, tasks, seeding) stores exactly what the per-patient refresh does.

The bulk path reads a batch's records as plain rows in a few queries; the per-patient path
(every record write) reads them as model objects. Both must give the engine the same snapshot.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from clinic.demo.seeding import demo_clinic_seed
from clinic.models import Patient, StoredFinding
from clinic.services.findings import findings_refresh_all, patient_findings_refresh
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
# A later day: results grow old, pregnancies move on, iron courses come due for a recheck.
LATER = TODAY + timedelta(days=400)


@pytest.fixture
def demo(db) -> None:
    demo_clinic_seed(today=TODAY)


def stored(*, evaluated_on: bool = True) -> list[tuple]:
    columns = ["patient__mrn", "code", "category", "severity", "title", "fingerprint"]
    rows = StoredFinding.objects.values_list(*columns, *(["evaluated_on"] * evaluated_on))
    summaries = Patient.objects.values_list("mrn", "stored_finding_count", "last_visit_on")
    return sorted(rows) + sorted(summaries)


def forget_stored_findings() -> None:
    StoredFinding.objects.all().delete()
    Patient.objects.update(stored_finding_count=0, last_visit_on=None)


def refresh_each_patient(as_of) -> None:
    for patient in Patient.objects.order_by("pk"):
        patient_findings_refresh(patient=patient, as_of=as_of)


@pytest.mark.parametrize("as_of", [TODAY, LATER])
def test_it_stores_the_same_findings_as_the_per_patient_refresh(demo, as_of):
    forget_stored_findings()
    refresh_each_patient(as_of)
    one_by_one = stored()
    forget_stored_findings()

    findings_refresh_all(as_of=as_of, batch_size=7)

    assert stored() == one_by_one
    assert len({row[1] for row in one_by_one if len(row) == 7}) > 20  # a varied clinic


def test_it_brings_yesterdays_findings_to_what_the_per_patient_refresh_stores(demo):
    refresh_each_patient(LATER)
    one_by_one = stored(evaluated_on=False)
    forget_stored_findings()
    findings_refresh_all(as_of=TODAY)
    today = stored(evaluated_on=False)

    findings_refresh_all(as_of=LATER)

    # Unchanged findings keep the day they were first stored, so the day is left out here.
    assert stored(evaluated_on=False) == one_by_one != today
