"""The engine's verdict on a medication line, asked by the form while the doctor types."""

from __future__ import annotations

from django.urls import reverse

from clinic.models import LocalName


def check(client, user, **params):
    client.force_login(user)
    return client.get(reverse("clinic:medication_check"), params)


def test_it_says_a_misspelt_line_is_not_recognised_and_offers_the_closest_names(client, doctor):
    verdict = check(client, doctor, line="Prozak 20 mg").json()

    assert verdict["status"] == "not_recognised"
    assert any("fluoxetine" in name for name in verdict["suggestions"])


def test_it_says_nothing_is_wrong_with_a_known_line(client, doctor):
    verdict = check(client, doctor, line="Reglan 10 mg tab PO TID").json()

    assert verdict == {"status": "recognised", "matched": [], "suggestions": []}


def test_it_reads_the_clinics_local_names(client, doctor, clinic_admin):
    LocalName.objects.create(
        kind="medication",
        name="Nauseastop",
        target="metoclopramide",
        created_by=clinic_admin,
        updated_by=clinic_admin,
    )

    assert check(client, doctor, line="Nauseastop 10 mg").json()["status"] == "recognised"


def test_it_gives_no_verdict_before_anything_is_typed(client, doctor):
    response = check(client, doctor, line="   ")

    assert response.status_code == 200
    assert response.json()["status"] == ""


def test_it_answers_a_huge_line_without_failing(client, doctor):
    response = check(client, doctor, line="x" * 100_000, atc="Z" * 50)

    assert response.status_code == 200
    assert response.json()["status"] == "not_recognised"


def test_the_medication_form_asks_for_the_verdict(client, doctor, patient):
    client.force_login(doctor)
    page = client.get(reverse("clinic:medication_create", args=[patient.pk])).content.decode()

    assert f'data-verdict-url="{reverse("clinic:medication_check")}"' in page
