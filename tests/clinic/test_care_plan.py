"""The care plan: a checklist through a validated service, and the patient's handout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.models import CarePlanItem
from clinic.services.care_plan import care_plan_update
from clinic.services.patients import patient_update
from clinic.services.records import lab_result_create
from tests.conftest import NOW

pytestmark = pytest.mark.django_db


def plan(patient):
    return {i.measure: i for i in CarePlanItem.objects.current().filter(patient=patient)}


def test_it_adds_keeps_and_ends_measures(patient, doctor):
    care_plan_update(
        patient=patient,
        user=doctor,
        measures=["exercise", "limit-caffeine"],
        agreed_on=date(2026, 3, 1),
    )
    care_plan_update(
        patient=patient, user=doctor, measures=["exercise", "iron"], agreed_on=date(2026, 6, 1)
    )

    current = plan(patient)
    assert set(current) == {"exercise", "iron"}
    assert current["exercise"].agreed_on == date(2026, 3, 1)  # kept from the first visit
    ended = CarePlanItem.objects.get(measure="limit-caffeine")
    assert ended.ended_on == date(2026, 6, 1)
    assert LogEntry.objects.filter(additional_data__patient_id=patient.pk).count() >= 4


def test_it_refuses_an_unknown_measure_and_writes_nothing(patient, doctor):
    with pytest.raises(ValidationError, match="Unknown care-plan measure: yoga"):
        care_plan_update(
            patient=patient, user=doctor, measures=["exercise", "yoga"], agreed_on=date(2026, 3, 1)
        )
    assert not CarePlanItem.objects.exists()


def test_it_refuses_changes_to_a_closed_record(patient, doctor):
    patient = patient_update(
        at=NOW,
        patient=patient,
        user=doctor,
        expected_version=patient.version,
        date_of_death=date(2026, 1, 1),
    )
    with pytest.raises(ValidationError, match="record is closed"):
        care_plan_update(
            patient=patient, user=doctor, measures=["exercise"], agreed_on=date(2025, 12, 1)
        )


def test_the_checklist_flags_replenishment_where_the_labs_show_a_lack(client, doctor, patient):
    lab_result_create(
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("20"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )
    client.force_login(doctor)

    html = client.get(reverse("clinic:care_plan", args=[patient.pk])).content.decode()

    assert "Iron replenishment (the labs show a lack)" in html
    assert "Folic acid (the labs show a lack)" not in html
    assert "Mud applications" in html


def test_the_checklist_saves_and_the_handout_explains_it_plainly(client, doctor, patient):
    client.force_login(doctor)
    url = reverse("clinic:care_plan", args=[patient.pk])

    response = client.post(
        url, {"measures": ["evening-stroll", "magnesium"], "agreed_on": "2026-11-02"}
    )

    assert response.status_code == 302
    assert set(plan(patient)) == {"evening-stroll", "magnesium"}
    handout = client.get(reverse("clinic:patient_handout", args=[patient.pk])).content.decode()
    assert "Your plan for restless legs" in handout
    assert "Take a short, easy walk in the evening" in handout
    assert "Medicines to make up what your body lacks" in handout
    assert handout.count('class="handout-item"') == 2
    record = client.get(patient.get_absolute_url()).content.decode()
    assert "Evening stroll" in record


def test_the_checklist_names_the_field_of_a_bad_date(client, doctor, patient):
    client.force_login(doctor)

    response = client.post(
        reverse("clinic:care_plan", args=[patient.pk]),
        {"measures": ["exercise"], "agreed_on": "2999-01-01"},
    )

    assert response.status_code == 422
    assert "The agreed date cannot be in the future." in response.content.decode()
    assert not CarePlanItem.objects.exists()


def test_it_refuses_to_save_an_unchanged_plan(patient, doctor):
    care_plan_update(
        patient=patient, user=doctor, measures=["exercise"], agreed_on=date(2026, 3, 1)
    )

    with pytest.raises(ValidationError, match="the care plan is unchanged"):
        care_plan_update(
            patient=patient, user=doctor, measures=["exercise"], agreed_on=date(2026, 4, 1)
        )
    assert plan(patient)["exercise"].agreed_on == date(2026, 3, 1)
