"""Data entry helpers: what the forms fill in and catch before a tired doctor saves."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from clinic.services.medications import medication_create
from clinic.services.records import condition_create

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_it_offers_today_as_the_stop_date(client, doctor, patient):
    medication = medication_create(
        patient=patient, user=doctor, line="Ondansetron 4 mg", started_on=date(2026, 1, 5)
    )
    client.force_login(doctor)

    response = client.get(reverse("clinic:medication_stop", args=[patient.pk, medication.pk]))

    assert response.context["form"]["stopped_on"].value() == date(2026, 11, 24)
    assert 'value="2026-11-24"' in response.content.decode()


def test_it_offers_today_as_the_resolve_date(client, doctor, patient):
    condition = condition_create(patient=patient, user=doctor, name="Iron deficiency anemia")
    client.force_login(doctor)

    response = client.get(reverse("clinic:condition_resolve", args=[patient.pk, condition.pk]))

    assert response.context["form"]["resolved_on"].value() == date(2026, 11, 24)
