"""The engine's snapshot, built from the database: the same whichever road reads the rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

import rls
from clinic.demo.seeding import demo_clinic_seed
from clinic.models import Patient
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS
from clinic.snapshots import (
    build_snapshot,
    load_record_rows,
    snapshot_from_rows,
    with_snapshot_data,
)
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def demo(db) -> list[Patient]:
    demo_clinic_seed(today=TODAY)
    return list(with_snapshot_data(Patient.objects.order_by("pk")))


@pytest.mark.parametrize("as_of", [TODAY, TODAY + timedelta(days=400)])
def test_it_builds_the_same_snapshot_from_rows_as_from_the_record_pages_prefetch(demo, as_of):
    records = load_record_rows([patient.pk for patient in demo])

    from_rows = [snapshot_from_rows(patient, records[patient.pk], as_of) for patient in demo]

    assert from_rows == [build_snapshot(patient, as_of) for patient in demo]
    assert sum(len(snapshot.visits) for snapshot in from_rows) > 20  # a varied clinic


def test_it_maps_each_column_to_the_engines_field_of_that_name(demo):
    snapshots = [build_snapshot(patient, TODAY) for patient in demo]
    assert all(
        any(getattr(s, kind) for s in snapshots) for kind in ("conditions", "iron_therapies")
    )
    for patient in demo:
        snapshot = build_snapshot(patient, TODAY)

        assert snapshot.conditions == tuple(
            rls.Condition(
                name=c.name,
                icd10=c.icd10,
                status=rls.ConditionStatus(c.status),
                ref=f"condition:{c.pk}",
                onset=c.onset_date,
            )
            for c in patient.conditions.all()
        )
        assert snapshot.medications == tuple(
            rls.Medication(
                name=m.line,
                atc=m.atc,
                status=rls.MedicationStatus(m.status),
                ref=f"medication:{m.pk}",
            )
            for m in patient.medications.all()
        )
        assert snapshot.iron_therapies == tuple(
            rls.IronTherapy(
                route=rls.IronRoute(m.iron_route),
                started_on=m.started_on,
                name=m.line,
                ref=f"medication:{m.pk}",
            )
            for m in patient.medications.all()
            if m.iron_route and m.status == "active"
        )
        assert snapshot.labs == tuple(
            rls.LabResult(
                analyte=lab.analyte,
                value=float(lab.value),
                unit=lab.unit,
                date=lab.collected_on,
                ref=f"lab:{lab.pk}",
            )
            for lab in patient.labresults.all()
        )
        assert snapshot.visits == tuple(
            rls.Visit(
                date=v.visit_date,
                irls_total=v.irls_score,
                criteria=rls.CriteriaAnswers(
                    **{name: getattr(v, column) for column, name in CRITERIA_FIELDS.items()}
                ),
                augmentation=rls.AugmentationAnswers(
                    **{name: getattr(v, column) for column, name in AUGMENTATION_FIELDS.items()}
                ),
                ref=f"visit:{v.pk}",
            )
            for v in patient.visitnotes.all()
        )


def test_it_gives_patients_without_rows_an_empty_record(patient):
    records = load_record_rows([patient.pk])

    snapshot = snapshot_from_rows(patient, records[patient.pk], TODAY)

    assert (snapshot.conditions, snapshot.medications, snapshot.labs, snapshot.visits) == (
        (),
        (),
        (),
        (),
    )
