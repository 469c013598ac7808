"""The caseload's stored summaries (finding count, last visit) follow every write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from clinic.models import Patient, StoredFinding
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.findings import findings_refresh_all
from clinic.services.records import lab_result_create, visit_note_create
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
