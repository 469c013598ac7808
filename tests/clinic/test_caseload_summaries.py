"""The caseload's stored summaries follow every write: counts by severity, open or not, last
visit and IRLS totals; the clinic refresh and the migration's backfill agree with them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps

from clinic.models import Patient, StoredFinding
from clinic.selectors.findings import live_finding
from clinic.services.acknowledgements import finding_acknowledge
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.findings import findings_refresh_all
from clinic.services.medications import medication_create
from clinic.services.records import lab_result_create, visit_note_create
from clinic.services.summaries import SUMMARY_FIELDS
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def summary(patient) -> tuple[int, date | None]:
    fresh = Patient.objects.get(pk=patient.pk)
    return fresh.stored_finding_count, fresh.last_visit_on


def test_a_visit_and_its_withdrawal_move_the_last_visit(patient, doctor):
    visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 3, 1), text="Seen"
    )
    later = visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 9, 1), text="Seen again"
    )
    assert summary(patient)[1] == date(2026, 9, 1)

    entry_mark_entered_in_error(at=NOW, entry=later, user=doctor, reason="Wrong patient.")

    assert summary(patient)[1] == date(2026, 3, 1)


def test_the_finding_count_is_the_number_of_stored_findings(patient, doctor):
    lab_result_create(at=NOW,
        patient=patient, user=doctor, analyte="ferritin", value=Decimal("30"), unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )  # fmt: skip

    count = StoredFinding.objects.filter(patient=patient).count()
    assert count > 0
    assert summary(patient)[0] == count


def test_the_clinic_refresh_repairs_a_summary_written_behind_its_back(patient, doctor):
    visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 5, 5), text="Seen"
    )
    Patient.objects.filter(pk=patient.pk).update(stored_finding_count=99, last_visit_on=None)

    findings_refresh_all(as_of=TODAY)

    assert summary(patient) == (
        StoredFinding.objects.filter(patient=patient).count(),
        date(2026, 5, 5),
    )


IRON = "cause.iron-deficiency"
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
SEVERITY_COUNTS = (
    "critical_finding_count",
    "warning_finding_count",
    "open_critical_count",
    "open_warning_count",
)


def counts(patient) -> tuple[int, int, int, int]:
    return Patient.objects.values_list(*SEVERITY_COUNTS).get(pk=patient.pk)


def add_ferritin(patient, user, value: str, day=date(2026, 11, 1)):
    lab_result_create(at=NOW,
        patient=patient, user=user, analyte="ferritin", value=Decimal(value), unit="ng/mL",
        collected_on=day,
    )  # fmt: skip


def acknowledge(patient, user, code):
    finding = live_finding(patient, code, as_of=TODAY)
    finding_acknowledge(
        patient=patient, user=user, code=code, fingerprint=finding.fingerprint(),
        reason="Known, treated.", as_of=TODAY,
    )  # fmt: skip


def irls(patient) -> tuple[int | None, int | None]:
    return Patient.objects.values_list("latest_irls_score", "previous_irls_score").get(
        pk=patient.pk
    )


def test_the_severity_counts_are_the_stored_findings_by_severity(patient, doctor):
    add_ferritin(patient, doctor, "40")  # iron deficiency: a warning
    medication_create(  # critical
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )

    stored = StoredFinding.objects.filter(patient=patient)
    critical = stored.filter(severity="critical").count()
    warning = stored.filter(severity="warning").count()
    assert critical >= 1
    assert warning >= 1
    assert counts(patient) == (critical, warning, critical, warning)


def test_acknowledging_closes_a_finding_until_its_evidence_changes(patient, doctor):
    add_ferritin(patient, doctor, "10")
    critical, warning, _, _ = counts(patient)

    acknowledge(patient, doctor, IRON)

    assert counts(patient) == (critical, warning, critical - 1, warning)

    add_ferritin(patient, doctor, "9", day=date(2026, 11, 10))  # new evidence: open again

    assert counts(patient) == (critical, warning, critical, warning)


def test_a_finding_that_falls_to_a_warning_is_counted_as_one(patient, doctor):
    add_ferritin(patient, doctor, "10")
    before = counts(patient)

    add_ferritin(patient, doctor, "40", day=date(2026, 11, 10))  # still low, no longer critical

    assert counts(patient) == (before[0] - 1, before[1] + 1, before[2] - 1, before[3] + 1)


def test_the_irls_totals_are_the_two_latest_scored_current_visits(patient, doctor):
    def seen(day, score=None):
        return visit_note_create(
            at=NOW, patient=patient, user=doctor, visit_date=day, irls_score=score, text="Seen"
        )

    seen(date(2026, 2, 1), 25)
    assert irls(patient) == (25, None)
    seen(date(2026, 5, 1), 18)
    seen(date(2026, 6, 1))  # not scored: skipped
    latest = seen(date(2026, 8, 1), 12)
    assert irls(patient) == (12, 18)

    entry_mark_entered_in_error(at=NOW, entry=latest, user=doctor, reason="Wrong patient.")

    assert irls(patient) == (18, 25)


def test_the_refresh_and_the_backfill_store_the_same_summaries(patient, doctor):
    add_ferritin(patient, doctor, "10")
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    acknowledge(patient, doctor, IRON)
    for day, score in ((date(2026, 3, 1), 20), (date(2026, 9, 1), 14)):
        visit_note_create(
            at=NOW, patient=patient, user=doctor, visit_date=day, irls_score=score, text="Seen"
        )
    kept = Patient.objects.values_list(*SUMMARY_FIELDS).get(pk=patient.pk)
    wiped = dict.fromkeys(SEVERITY_COUNTS, 0) | {"latest_irls_score": None}

    Patient.objects.filter(pk=patient.pk).update(**wiped)
    import_module("clinic.migrations.0022_caseload_severity_summaries").backfill(apps, None)
    assert Patient.objects.values_list(*SUMMARY_FIELDS).get(pk=patient.pk) == kept

    Patient.objects.filter(pk=patient.pk).update(**wiped)
    findings_refresh_all(as_of=TODAY)
    assert Patient.objects.values_list(*SUMMARY_FIELDS).get(pk=patient.pk) == kept
