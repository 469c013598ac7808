"""Search-as-you-type on the entry forms: our own endpoint and script, no outside service."""

from __future__ import annotations

from django.urls import reverse


def suggest(client, user, **params):
    client.force_login(user)
    return client.get(reverse("clinic:suggest"), params)


def test_it_answers_drug_names_as_json(client, doctor):
    response = suggest(client, doctor, kind="drug", q="zolo")

    assert response.status_code == 200
    assert response.json()["terms"][0] == {
        "text": "Zoloft",
        "label": "sertraline (SSRI antidepressant)",
    }


def test_it_answers_codes_and_conditions(client, doctor):
    codes = suggest(client, doctor, kind="icd10", q="N18").json()["terms"]
    names = suggest(client, doctor, kind="condition", q="kidney").json()["terms"]

    assert codes[0] == {"text": "N18", "label": "Kidney disease"}
    assert names[0]["text"] == "Kidney disease"


def test_it_names_the_parameter_of_a_bad_kind(client, doctor):
    response = suggest(client, doctor, kind="allergy", q="pen")

    assert response.status_code == 400
    assert response.json() == {"error": "kind: expected one of drug, condition, icd10"}


def test_it_suggests_nothing_before_anything_is_typed(client, doctor):
    response = suggest(client, doctor, kind="drug", q=" ")

    assert response.status_code == 200
    assert response.json() == {"terms": []}


def test_it_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("clinic:suggest"), {"kind": "drug", "q": "zolo"})

    assert response.status_code == 302


def test_the_forms_mark_the_fields_and_load_our_script(client, doctor, patient):
    client.force_login(doctor)

    medication = client.get(reverse("clinic:medication_create", args=[patient.pk])).content
    condition = client.get(reverse("clinic:condition_create", args=[patient.pk])).content

    assert b'data-suggest="drug"' in medication
    assert b'data-suggest="condition"' in condition
    assert b'data-suggest="icd10"' in condition
    assert b'src="/static/clinic/js/suggest.js"' in medication
    assert b"https://" not in medication.split(b"<body")[1]  # nothing from another site
