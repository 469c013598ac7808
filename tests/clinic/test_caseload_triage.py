"""The caseload triages: who needs attention first, what is new, whose patient, which page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.models import RecordSeen
from clinic.selectors.caseload import CHIP_KINDS, Badge
from clinic.selectors.findings import live_finding
from clinic.services.acknowledgements import finding_acknowledge
from clinic.services.findings import patient_findings_refresh
from clinic.services.medications import medication_create
from clinic.services.records import condition_create, lab_result_create
from clinic.templatetags.clinic_tags import finding_chip
from rls import Category
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
IRON = "cause.iron-deficiency"


def names(response) -> list[str]:
    return [row["patient"].family_name for row in response.context["rows"]]


def caseload(client, user, **params):
    client.force_login(user)
    return client.get(reverse("clinic:caseload"), params)


def open_record(client, user, patient) -> str:
    client.force_login(user)
    return client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()


def add_reglan(patient, user):
    medication_create(
        at=NOW, patient=patient, user=user, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )


def add_ferritin(patient, user, value="30", day=date(2026, 11, 1)):
    lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte="ferritin",
        value=Decimal(value),
        unit="ng/mL",
        collected_on=day,
    )


def acknowledge(patient, user, code):
    finding = live_finding(patient, code, as_of=TODAY)
    assert finding is not None
    finding_acknowledge(
        patient=patient,
        user=user,
        code=code,
        fingerprint=finding.fingerprint(),
        reason="Seen",
        as_of=TODAY,
    )


def row_html(html: str, patient) -> str:
    return html.split(f'data-patient="{patient.pk}"')[1].split("</tr>")[0]


@pytest.fixture
def round_of_three(doctor, make_patient):
    """Aaron has nothing open, Berg a warning (heart failure), Zeller a critical drug."""
    quiet = make_patient(family_name="Aaron")
    warning = make_patient(family_name="Berg")
    condition_create(at=NOW, patient=warning, user=doctor, name="Heart failure", icd10="I50.9")
    critical = make_patient(family_name="Zeller")
    add_reglan(critical, doctor)
    for patient in (quiet, warning, critical):
        add_ferritin(patient, doctor, value="150")  # iron studies present: no data gap
        lab_result_create(
            at=NOW,
            patient=patient,
            user=doctor,
            analyte="hemoglobin",
            value=Decimal("14"),
            unit="g/dL",
            collected_on=date(2026, 11, 1),
        )
        patient_findings_refresh(as_of=TODAY, patient=patient)
    return quiet, warning, critical


def test_it_puts_open_critical_first_then_warnings_then_names(client, doctor, round_of_three):
    assert names(caseload(client, doctor)) == ["Zeller", "Berg", "Aaron"]


def test_it_drops_an_acknowledged_critical_below_open_warnings(client, doctor, round_of_three):
    _, _, critical = round_of_three
    acknowledge(critical, doctor, ANTIEMETIC)

    assert names(caseload(client, doctor)) == ["Berg", "Aaron", "Zeller"]


def test_it_sorts_by_severity_acknowledged_or_not(client, doctor, round_of_three):
    _, _, critical = round_of_three
    acknowledge(critical, doctor, ANTIEMETIC)

    assert names(caseload(client, doctor, sort="severity")) == ["Zeller", "Berg", "Aaron"]


def test_it_sorts_patients_changed_since_last_seen_first(client, doctor, round_of_three):
    _quiet, warning, _critical = round_of_three
    for patient in round_of_three:
        open_record(client, doctor, patient)
    add_ferritin(warning, doctor, value="20", day=date(2026, 11, 20))

    assert names(caseload(client, doctor, sort="changed"))[0] == "Berg"


def test_it_marks_what_is_new_since_the_doctor_last_looked(client, doctor, patient):
    add_ferritin(patient, doctor, value="150")
    open_record(client, doctor, patient)
    seen = caseload(client, doctor).content.decode()
    add_reglan(patient, doctor)

    changed = caseload(client, doctor).content.decode()
    row = row_html(changed, patient)

    assert "New since last seen" not in row_html(seen, patient)
    assert "New since last seen" in row
    assert f'is-new" data-finding-code="{ANTIEMETIC}"' in row
    assert "is-new" not in row.split('data-finding-code="gap.hemoglobin"')[0].split("<span")[-1]


def test_it_marks_a_never_opened_record(client, doctor, patient):
    add_reglan(patient, doctor)

    row = row_html(caseload(client, doctor).content.decode(), patient)

    assert "Not opened yet" in row


def test_it_remembers_each_doctor_separately(client, doctor, colleague, patient):
    patient.care_team.add(colleague)
    add_reglan(patient, doctor)
    open_record(client, doctor, patient)

    row = row_html(caseload(client, colleague).content.decode(), patient)

    assert "Not opened yet" in row
    assert RecordSeen.objects.filter(user=doctor).count() == 1


def test_it_marks_a_changed_finding_new_on_the_record(client, doctor, patient):
    add_ferritin(patient, doctor, value="30")
    first = open_record(client, doctor, patient)
    add_ferritin(patient, doctor, value="20", day=date(2026, 11, 20))

    again = open_record(client, doctor, patient)
    third = open_record(client, doctor, patient)

    assert "New since you last looked" not in first  # a first look has nothing to compare
    iron = again.split(f'data-finding-code="{IRON}"')[1].split("</article>")[0]
    assert "New since you last looked" in iron
    assert "New since you last looked" not in third


def test_it_draws_acknowledged_chips_apart_from_open_ones(client, doctor, patient):
    add_reglan(patient, doctor)
    add_ferritin(patient, doctor)
    acknowledge(patient, doctor, IRON)

    row = row_html(caseload(client, doctor).content.decode(), patient)
    iron = row.split(f'data-finding-code="{IRON}"')[0].rsplit("<span", 1)[1]
    drug = row.split(f'data-finding-code="{ANTIEMETIC}"')[0].rsplit("<span", 1)[1]

    assert "is-acknowledged" in iron
    assert "is-acknowledged" not in drug
    assert "acknowledged" in row.split(f'data-finding-code="{IRON}"')[1].split("</span>")[0]


def test_it_tells_chips_apart_by_meaning_with_icon_and_words(client, doctor, patient):
    add_reglan(patient, doctor)
    add_ferritin(patient, doctor)

    row = row_html(caseload(client, doctor).content.decode(), patient)

    assert f'data-finding-code="{ANTIEMETIC}" data-kind="drug"' in row
    assert f'data-finding-code="{IRON}" data-kind="cause"' in row
    assert 'data-kind="gap"' in row  # no hemoglobin this year
    assert "bi-capsule" in row
    assert "aggravating drug" in row  # said in words too, for screen readers


def test_it_gives_every_category_a_chip_kind():
    assert set(CHIP_KINDS) == set(Category)
    meanings = {CHIP_KINDS[c] for c in CHIP_KINDS}
    assert {"drug", "cause", "caution", "gap"} <= meanings


def test_it_marks_and_filters_care_team_patients(client, doctor, colleague, make_patient):
    make_patient(family_name="Own")
    shared = make_patient(family_name="Kessler", primary_doctor=colleague)
    shared.care_team.add(doctor)

    everyone = caseload(client, doctor)
    html = everyone.content.decode()

    assert names(everyone) == ["Kessler", "Own"]
    assert "Care team · Colleague" in row_html(html, shared)
    assert "Care team" not in html.split('data-patient="')[2].split("</tr>")[0]
    assert names(caseload(client, doctor, whose="own")) == ["Own"]
    assert names(caseload(client, doctor, whose="team")) == ["Kessler"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Lindqvist, Anna", ["Lindqvist"]),
        ("lindqvist,anna", ["Lindqvist"]),
        ("Anna", ["Lindqvist"]),
        ("0015", ["Lindqvist"]),
        ("DEMO-00", ["Lindqvist", "Olsen"]),
        ("Lindqvist, Olle", []),
        ("Olsen, Anna", []),
    ],
)
def test_it_finds_a_patient_as_the_list_writes_them(client, doctor, make_patient, query, found):
    make_patient(family_name="Lindqvist", given_name="Anna", mrn="DEMO-0015")
    make_patient(family_name="Olsen", given_name="Olle", mrn="DEMO-0016")

    assert names(caseload(client, doctor, q=query)) == found


# Not named "page": pytest-playwright would take the test for a browser test.
@pytest.mark.parametrize("asked", ["99", "0", "abc"])
def test_it_says_there_is_no_such_page(client, doctor, patient, asked):
    response = caseload(client, doctor, page=asked)

    assert response.status_code == 404
    assert f"There is no page {asked} of this list: it has 1 page." in response.content.decode()


def test_it_still_shows_an_existing_page(client, doctor, patient):
    response = caseload(client, doctor, page="1")

    assert response.status_code == 200
    assert names(response) == ["Lindqvist"]


def test_it_folds_the_filters_away_behind_a_button_on_a_phone(client, doctor, patient):
    html = caseload(client, doctor).content.decode()

    assert 'data-bs-target="#caseload-filters"' in html
    assert 'id="caseload-filters" class="card card-body mb-3 collapse d-md-block"' in html


def test_it_puts_an_overdue_recall_after_warnings_and_before_names(
    client, doctor, make_patient, round_of_three
):
    quiet, warning, critical = round_of_three
    overdue = make_patient(family_name="Young", next_visit_on=date(2026, 11, 23))
    make_patient(family_name="Xavier", next_visit_on=TODAY)  # due today: not overdue yet
    for patient in (quiet, warning, critical):
        patient.next_visit_on = date(2026, 11, 1)  # overdue too, but their findings come first
        patient.save(update_fields=["next_visit_on"])
    patient_findings_refresh(as_of=TODAY, patient=overdue)

    rows = names(caseload(client, doctor))

    assert rows[:2] == ["Zeller", "Berg"]
    assert rows.index("Young") < rows.index("Xavier")
    assert rows.index("Aaron") < rows.index("Young")  # overdue as well, and A before Y


def test_a_chip_escapes_what_it_shows():
    hostile = Badge(
        code='drug."x"',
        category="aggravating_drug",
        severity="critical",
        text="<script>alert(1)</script>",
        kind="drug",
        new=True,
    )

    html = finding_chip(hostile, never_seen=False)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-finding-code="drug.&quot;x&quot;"' in html
    assert 'title="Aggravating drug: &lt;script&gt;' in html
    assert '<span class="chip-new" aria-hidden="true">new</span>' in html
