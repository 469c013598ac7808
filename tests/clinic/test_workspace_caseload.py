"""The caseload: own and care-team patients, search, filters and sorts on stored findings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.models import Patient
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.findings import patient_findings_refresh
from clinic.services.medications import medication_create
from clinic.services.records import lab_result_create, visit_note_create
from rls import months_before
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
# Session, user, the count, the page of patients, their stored findings, the recall counts.
# The session is not written: its last save (the log-in) is less than a minute old.
CASELOAD_QUERIES = 6


def names(response) -> list[str]:
    return [row["patient"].family_name for row in response.context["rows"]]


def caseload(client, user, **params):
    client.force_login(user)
    return client.get(reverse("clinic:caseload"), params)


def add_ferritin(patient, user, value="30"):
    lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte="ferritin",
        value=Decimal(value),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )


def add_reglan(patient, user):
    medication_create(
        at=NOW, patient=patient, user=user, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )


def visit(patient, user, day, score=None):
    visit_note_create(
        at=NOW, patient=patient, user=user, visit_date=day, irls_score=score, text="Seen"
    )


def test_it_is_the_home_page(client, doctor):
    response = caseload(client, doctor)

    assert response.status_code == 200
    assert reverse("clinic:caseload") == "/"


def test_it_lists_own_and_care_team_patients_only(client, doctor, colleague, make_patient):
    make_patient(family_name="Own")
    shared = make_patient(family_name="Shared", primary_doctor=colleague)
    shared.care_team.add(doctor)
    make_patient(family_name="Foreign", primary_doctor=colleague)

    assert names(caseload(client, doctor)) == ["Own", "Shared"]


def test_it_hides_inactive_and_deceased_unless_asked(client, doctor, make_patient):
    make_patient(family_name="Active")
    make_patient(family_name="Gone", status="deceased")
    make_patient(family_name="Moved", status="inactive")

    assert names(caseload(client, doctor)) == ["Active"]
    assert names(caseload(client, doctor, include_inactive="on")) == ["Active", "Gone", "Moved"]


def test_it_searches_by_name_and_mrn(client, doctor, make_patient):
    make_patient(family_name="Berg", given_name="Ulla", mrn="A-100")
    make_patient(family_name="Strand", given_name="Eva", mrn="B-200")

    assert names(caseload(client, doctor, q="ulla berg")) == ["Berg"]
    assert names(caseload(client, doctor, q="b-2")) == ["Strand"]


def test_it_shows_findings_as_badges_with_the_drug_name(client, doctor, patient):
    add_reglan(patient, doctor)
    visit(patient, doctor, date(2026, 11, 2), score=24)

    html = caseload(client, doctor).content.decode()

    assert f'data-finding-code="{ANTIEMETIC}"' in html
    assert "metoclopramide</span>" in html
    assert "24 (severe)" in html
    assert "2 Nov 2026" in html


def test_it_filters_by_stored_findings(client, doctor, make_patient):
    drug = make_patient(family_name="Drug")
    add_reglan(drug, doctor)
    iron = make_patient(family_name="Iron")
    add_ferritin(iron, doctor)
    add_ferritin(drug, doctor, value="120")
    make_patient(family_name="Pregnant", pregnancy_due_date=date(2027, 2, 1))

    assert names(caseload(client, doctor, aggravating_drug="on")) == ["Drug"]
    assert names(caseload(client, doctor, iron_or_anemia="on")) == ["Iron"]
    assert names(caseload(client, doctor, pregnant="on")) == ["Pregnant"]


def test_it_filters_data_gaps_and_patients_not_seen_lately(client, doctor, make_patient):
    gap = make_patient(family_name="Gap")
    patient_findings_refresh(as_of=TODAY, patient=gap)
    seen = make_patient(family_name="Seen")
    add_ferritin(seen, doctor, value="120")
    visit(seen, doctor, date(2026, 10, 1))
    old = make_patient(family_name="Old")
    visit(old, doctor, date(2025, 1, 1))

    assert "Gap" in names(caseload(client, doctor, data_gap="on"))
    assert names(caseload(client, doctor, no_visit_months="6")) == ["Gap", "Old"]


def test_not_seen_lately_counts_current_visits_up_to_the_day_it_starts(
    client, doctor, make_patient
):
    since = months_before(TODAY, 6)
    on_the_day = make_patient(family_name="OnTheDay")
    visit(on_the_day, doctor, since)
    day_before = make_patient(family_name="DayBefore")
    visit(day_before, doctor, since - timedelta(days=1))
    # A recent visit entered in error is no visit: only the old one counts.
    withdrawn = make_patient(family_name="Withdrawn")
    visit(withdrawn, doctor, date(2025, 1, 1))
    recent = visit_note_create(
        at=NOW, patient=withdrawn, user=doctor, visit_date=TODAY, irls_score=None, text="Seen"
    )
    entry_mark_entered_in_error(entry=recent, user=doctor, at=NOW, reason="Wrong patient")

    assert names(caseload(client, doctor, no_visit_months="6")) == ["DayBefore", "Withdrawn"]


def test_it_sorts_by_last_visit_and_by_number_of_findings(client, doctor, make_patient):
    early = make_patient(family_name="Early")
    visit(early, doctor, date(2026, 1, 1))
    late = make_patient(family_name="Late")
    visit(late, doctor, date(2026, 11, 1))
    add_reglan(late, doctor)
    make_patient(family_name="Never")

    assert names(caseload(client, doctor, sort="last_visit")) == ["Never", "Early", "Late"]
    assert names(caseload(client, doctor, sort="-last_visit")) == ["Late", "Early", "Never"]
    assert names(caseload(client, doctor, sort="-findings"))[0] == "Late"


def test_it_paginates(client, doctor, make_patient):
    for n in range(27):
        make_patient(family_name=f"P{n:02}")

    second = caseload(client, doctor, page="2")

    assert names(second) == ["P25", "P26"]
    assert "Page 2 of 2" in second.content.decode()


def test_it_falls_back_to_defaults_on_bad_filter_input(client, doctor, patient):
    response = caseload(client, doctor, no_visit_months="many", sort="nonsense", per_page="7")

    assert response.status_code == 200
    assert names(response) == ["Lindqvist"]


@pytest.mark.parametrize("patients", [2, 20])
def test_it_reads_a_page_in_a_fixed_number_of_queries(
    client, doctor, make_patient, django_assert_num_queries, patients
):
    for n in range(patients):
        patient = make_patient(family_name=f"P{n:02}")
        add_reglan(patient, doctor)
        visit(patient, doctor, date(2026, 11, 1), score=12)
    client.force_login(doctor)

    with django_assert_num_queries(CASELOAD_QUERIES):
        response = client.get(reverse("clinic:caseload"), {"sort": "-findings", "per_page": 100})

    assert len(response.context["rows"]) == patients


def test_the_filters_show_what_each_request_asked_for(client, doctor, patient):
    """The filter form's drawing is cached by its data: never another request's values."""
    searched = caseload(client, doctor, q="Lindq", sort="name").content.decode()
    plain = caseload(client, doctor).content.decode()
    paged = caseload(client, doctor, page="1").content.decode()

    assert 'value="Lindq"' in searched
    assert '<option value="name" selected>' in searched
    assert 'value="Lindq"' not in plain
    assert '<option value="triage" selected>' in plain
    assert 'value="Lindq"' not in paged


def test_a_sex_value_from_before_the_choices_is_shown_as_stored(client, doctor, make_patient):
    legacy = make_patient(family_name="Legacy")
    Patient.objects.filter(pk=legacy.pk).update(sex="intersex")  # written around the forms

    response = caseload(client, doctor)

    assert response.status_code == 200
    assert "intersex" in response.content.decode()
