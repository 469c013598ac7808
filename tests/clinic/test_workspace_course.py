"""The record's course panel, the iron-therapy marker on the lab chart, and closed records."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.services.medications import medication_create
from clinic.services.patients import patient_update
from clinic.services.records import lab_result_create, visit_note_create
from tests.conftest import NOW

pytestmark = pytest.mark.django_db
MET = {
    "criterion_urge": True,
    "criterion_rest": True,
    "criterion_movement": True,
    "criterion_evening": True,
    "criterion_not_other": True,
}


def visit(patient, user, day, score=None, **fields):
    return visit_note_create(
        at=NOW, patient=patient, user=user, visit_date=day, irls_score=score, text="Seen", **fields
    )


def record(client, user, patient):
    client.force_login(user)
    return client.get(reverse("clinic:patient", args=[patient.pk]))


def test_it_shows_the_criteria_status_with_its_date_and_the_trend(client, doctor, patient):
    visit(patient, doctor, date(2026, 3, 1), 24, **MET)
    visit(patient, doctor, date(2026, 9, 1), 9, criterion_urge=True, see_again_months=1)

    html = record(client, doctor, patient).content.decode()

    # The last visit left four criteria unasked: the status comes from the March visit.
    assert 'data-status="met"' in html
    assert "Criteria met</strong> on 1 Mar 2026" in html
    assert "9 (mild)" in html
    assert 'data-trend="better"' in html
    assert "1 Oct 2026" in html
    assert "overdue" in html  # 1 Oct 2026 is before today
    assert html.count('class="band"') == 3  # the IRLS chart's band lines


def test_it_says_when_criteria_were_never_assessed_and_no_trend_from_one_score(
    client, doctor, patient
):
    visit(patient, doctor, date(2026, 9, 1), 15)

    html = record(client, doctor, patient).content.decode()

    assert "Criteria not assessed</strong>" in html
    assert "data-trend" not in html
    assert "no recall set" in html


def test_it_marks_the_start_of_iron_therapy_on_the_ferritin_chart(client, doctor, patient):
    for day, value in [(date(2026, 1, 5), "20"), (date(2026, 5, 5), "180")]:
        lab_result_create(
            at=NOW,
            patient=patient,
            user=doctor,
            analyte="ferritin",
            value=Decimal(value),
            unit="ng/mL",
            collected_on=day,
        )
    medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="Ferric carboxymaltose 1000 mg",
        started_on=date(2026, 2, 1),
        iron_route="iv",
    )

    html = record(client, doctor, patient).content.decode()

    assert html.count('<line class="marker"') == 1
    assert "IV iron started, 1 Feb 2026" in html


def test_a_closed_record_offers_no_changes_and_says_why(client, doctor, patient):
    visit(patient, doctor, date(2026, 1, 5), 20)
    patient_update(
        at=NOW,
        patient=patient,
        user=doctor,
        expected_version=patient.version,
        date_of_death=date(2026, 2, 1),
    )

    html = record(client, doctor, patient).content.decode()

    assert "This record is closed" in html
    assert "died 1 Feb 2026 aged 55" in html
    assert "Add visit note" not in html
    assert "Add medication" not in html
    assert "Entered in error</a>" not in html
    response = client.post(
        reverse("clinic:visit_create", args=[patient.pk]),
        {"visit_date": "2026-01-20", "text": "Late entry"},
    )
    assert response.status_code == 422
    assert "This record is closed" in response.content.decode()
    assert patient.visitnotes.count() == 1


def test_it_reads_the_record_in_the_same_queries_with_fifty_visits(client, doctor, patient):
    def add_visits(first, count):
        for n in range(first, first + count):
            visit(
                patient,
                doctor,
                date(2022, 1, 1) + timedelta(days=20 * n),
                n % 41,
                descriptors=["crawling"],
                aug_earlier_onset=True,
                **MET,
            )

    def queries():
        url = reverse("clinic:patient", args=[patient.pk])
        # Counted at a second opening, once the first has noted what changed: both counts are
        # of an opening that finds what the doctor saw last time.
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(doctor)
    add_visits(0, 1)
    one = queries()
    add_visits(1, 49)

    assert queries() == one
