"""The caseload's IRLS trend marker and sort, recall filters and counts; closed records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.services.patients import patient_update
from clinic.services.records import visit_note_create
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def scores(patient, doctor, *totals):
    for n, total in enumerate(totals):
        visit_note_create(
            at=NOW,
            patient=patient,
            user=doctor,
            visit_date=date(2025, 1, 1) + timedelta(days=7 * n),  # 50 visits stay in the past
            irls_score=total,
            text=f"Visit {n}",
        )


def caseload(client, user, **params):
    client.force_login(user)
    return client.get(reverse("clinic:caseload"), params)


def rows(response):
    return {row["patient"].family_name: row for row in response.context["rows"]}


@pytest.fixture
def course(make_patient, doctor):
    """Four patients whose last two IRLS totals tell each trend, by band."""
    totals = {
        "Worse": (10, 11),  # mild → moderate: the band boundary
        "Same": (20, 11),  # nine points, still moderate
        "Better": (11, 10),
        "Once": (30,),  # one total: no trend
    }
    for name, values in totals.items():
        scores(make_patient(family_name=name), doctor, *values)


def test_it_marks_each_patients_trend_since_the_previous_visit(client, doctor, course):
    found = rows(caseload(client, doctor))

    assert {name: str(row["trend"]) for name, row in found.items()} == {
        "Worse": "worse",
        "Same": "unchanged",
        "Better": "better",
        "Once": "None",
    }


def test_it_sorts_by_trend_worse_first_as_the_engine_judges_it(client, doctor, course):
    response = caseload(client, doctor, sort="trend")

    assert [row["patient"].family_name for row in response.context["rows"]] == [
        "Worse",
        "Same",
        "Better",
        "Once",
    ]


@pytest.fixture
def recalls(make_patient, doctor):
    due = {
        "Yesterday": TODAY - timedelta(days=1),
        "Today": TODAY,
        "SixDays": TODAY + timedelta(days=6),
        "SevenDays": TODAY + timedelta(days=7),
        "NoRecall": None,
    }
    for name, day in due.items():
        make_patient(family_name=name, next_visit_on=day)
    make_patient(
        family_name="Deceased",
        next_visit_on=TODAY - timedelta(days=30),
        status="deceased",
        date_of_death=TODAY - timedelta(days=10),
    )


def test_it_filters_overdue_and_due_this_week_at_their_boundaries(client, doctor, recalls):
    overdue = rows(caseload(client, doctor, recall="overdue"))
    due = rows(caseload(client, doctor, recall="due_this_week"))

    assert set(overdue) == {"Yesterday"}
    assert set(due) == {"Today", "SixDays"}


def test_it_counts_recalls_in_the_header_leaving_out_the_deceased(client, doctor, recalls):
    response = caseload(client, doctor)
    html = response.content.decode()

    assert response.context["recalls"] == {"overdue": 1, "due_this_week": 2}
    assert "1 overdue" in html
    assert "2 due this week" in html
    assert "Deceased" not in rows(response)  # left out by default
    assert "Deceased" in rows(caseload(client, doctor, include_inactive="on"))


def test_a_visit_closes_the_recall_it_was_awaiting_and_can_set_the_next(doctor, make_patient):
    patient = make_patient(next_visit_on=date(2026, 11, 1))

    visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 10, 20), text="Early"
    )
    patient.refresh_from_db()
    assert patient.next_visit_on == date(2026, 11, 1)  # came before the recall: still awaited

    visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 11, 3), text="Seen"
    )
    patient.refresh_from_db()
    assert patient.next_visit_on is None

    visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=date(2026, 11, 20),
        text="x",
        see_again_months=6,
    )
    patient.refresh_from_db()
    assert patient.next_visit_on == date(2027, 5, 20)


def test_it_reads_the_caseload_in_the_same_queries_with_fifty_visits_each(
    client, doctor, make_patient
):
    patients = [make_patient(family_name=f"P{n}") for n in range(3)]
    for patient in patients:
        scores(patient, doctor, 12, 25)
    client.force_login(doctor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("clinic:caseload"), {"sort": "trend"})
        assert len(response.context["rows"]) == 3
        return len(captured)

    few = queries()
    for patient in patients:
        scores(patient, doctor, *([15] * 48))

    assert queries() == few


def test_a_date_of_death_takes_the_patient_off_the_recall_counts(client, doctor, make_patient):
    patient = make_patient(next_visit_on=TODAY - timedelta(days=3))
    assert caseload(client, doctor).context["recalls"]["overdue"] == 1

    patient_update(
        at=NOW, patient=patient, user=doctor, expected_version=patient.version, date_of_death=TODAY
    )

    assert caseload(client, doctor).context["recalls"]["overdue"] == 0
