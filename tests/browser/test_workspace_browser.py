"""A doctor's round in a real browser: find a patient, add a drug and a lab, acknowledge."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from clinic.services.findings import patient_findings_refresh
from clinic.services.medications import medication_create
from clinic.services.records import condition_create
from tests.conftest import NOW, PASSWORD, TODAY

pytestmark = [
    pytest.mark.browser,
    # Live-server tests flush the database; restore the groups the migrations created (and
    # tests/conftest.py creates them again if an earlier transactional test flushed them).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
IRON = "cause.iron-deficiency"


def finding(page: Page, code: str):
    return page.locator(f'#findings article[data-finding-code="{code}"]')


def log_in(page: Page, base: str) -> None:
    page.set_default_timeout(5_000)
    page.goto(f"{base}/")
    page.get_by_label("Username").fill("doctor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()


def add_ferritin(page: Page, value: str) -> None:
    page.get_by_role("link", name="Add lab result").click()
    page.get_by_label("Analyte").select_option("ferritin")
    expect(page.get_by_label("Unit").locator("option")).to_have_text(
        ["Choose a unit", "ng/mL", "µg/L"]
    )
    page.get_by_label("Value").fill(value)
    page.get_by_label("Unit").select_option("ng/mL")
    page.get_by_label("Collection date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()


def test_it_warns_highlights_and_reopens_findings(page: Page, live_server, make_patient):
    patient = make_patient(family_name="Lindqvist", given_name="Anna")
    make_patient(family_name="Other", given_name="Olle")
    patient_findings_refresh(as_of=TODAY, patient=patient)
    log_in(page, live_server.url)

    page.get_by_label("Search name or MRN").fill("Lindqvist")
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("link", name="Lindqvist, Anna").click()
    expect(finding(page, "gap.iron-studies")).to_be_visible()

    page.get_by_role("link", name="Add medication").click()
    page.get_by_label("Medication").fill("Reglan 10 mg")
    page.get_by_role("button", name="Save").click()
    warning = page.locator(".drug-warning")
    expect(warning).to_contain_text(re.compile("ondansetron|granisetron"))
    expect(warning).to_contain_text("dopamine-antagonist antiemetic")
    page.get_by_label(re.compile("still want to add this medication")).check()
    page.get_by_role("button", name="Save").click()
    expect(finding(page, ANTIEMETIC)).to_contain_text("Reglan 10 mg")
    expect(page.locator("#medications tr.flagged")).to_contain_text("safer alternative")

    add_ferritin(page, "30")
    expect(finding(page, IRON)).to_contain_text("ferritin ≤ 75 µg/L")

    iron = finding(page, IRON)
    iron.get_by_text("Acknowledge…").click()
    iron.get_by_label("Reason for acknowledging").fill("Iron infusion booked")
    iron.get_by_role("button", name="Acknowledge").click()
    expect(finding(page, IRON)).to_have_class(re.compile("is-acknowledged"))

    add_ferritin(page, "25")
    expect(finding(page, IRON)).not_to_have_class(re.compile("is-acknowledged"))
    expect(finding(page, IRON)).to_contain_text("Reopened")


def row_names(page: Page) -> list[str]:
    return page.locator("table.caseload tbody th[scope=row] > a").all_inner_texts()


def test_it_triages_the_caseload_and_leads_the_record_with_the_worst(
    page: Page, live_server, make_patient, doctor
):
    quiet = make_patient(family_name="Aaron", given_name="Ada")
    critical = make_patient(family_name="Zeller", given_name="Zoe")
    medication_create(
        at=NOW, patient=critical, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    condition_create(at=NOW, patient=critical, user=doctor, name="Heart failure", icd10="I50.9")
    for patient in (quiet, critical):
        patient_findings_refresh(as_of=TODAY, patient=patient)
    log_in(page, live_server.url)

    assert row_names(page) == ["Zeller, Zoe", "Aaron, Ada"]
    expect(page.locator(f'tr[data-patient="{critical.pk}"]')).to_contain_text("Not opened yet")

    page.get_by_role("link", name="Zeller, Zoe").click()
    cards = page.locator("#findings article.finding")
    expect(cards.first).to_have_attribute("data-finding-code", ANTIEMETIC)
    expect(page.locator(".severity-counts")).to_contain_text("1 critical")

    page.goto(f"{live_server.url}/")
    expect(page.locator(f'tr[data-patient="{critical.pk}"]')).not_to_contain_text("Not opened")


def test_it_fits_a_phone_without_sideways_scroll(page: Page, live_server, make_patient, doctor):
    patient = make_patient(family_name="Vanderbilt-Ashworth", given_name="Maximiliana")
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    condition_create(at=NOW, patient=patient, user=doctor, name="Heart failure", icd10="I50.9")
    patient_findings_refresh(as_of=TODAY, patient=patient)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(page.get_by_label("Search name or MRN")).to_be_hidden()
    name = page.get_by_role("link", name="Vanderbilt-Ashworth, Maximiliana").bounding_box()
    chip = page.locator(f'[data-finding-code="{ANTIEMETIC}"]').bounding_box()
    assert name
    assert chip
    assert chip["y"] > name["y"] + name["height"] / 2  # the findings sit under the name

    page.get_by_role("button", name="Search and filters").click()
    expect(page.get_by_label("Search name or MRN")).to_be_visible()
    page.get_by_role("link", name="Vanderbilt-Ashworth, Maximiliana").click()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_it_suggests_drug_names_as_the_doctor_types(page: Page, live_server, patient):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/patients/{patient.pk}/medications/new/")

    page.get_by_label("Medication").press_sequentially("Zolo", delay=20)

    options = page.locator("#id_line-suggestions option")
    expect(options.first).to_have_attribute("value", "Zoloft")
    expect(options.first).to_have_attribute("label", re.compile("sertraline"))


def test_it_says_before_saving_that_a_line_is_not_recognised(page: Page, live_server, patient):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/patients/{patient.pk}/medications/new/")
    line = page.get_by_label("Medication")

    line.fill("Prozak 20 mg PO in the morning")
    verdict = page.locator(".medication-verdict")
    expect(verdict).to_contain_text("Not recognised")
    verdict.get_by_role("button", name=re.compile("fluoxetine")).first.click()

    expect(line).to_have_value("Prozac 20 mg PO in the morning")
    expect(verdict).to_have_attribute("data-status", "recognised")
    expect(verdict).not_to_contain_text("Not recognised")

    line.fill("Metoclopramde 10 mg")  # a near miss above the confidence: read, and said so
    expect(verdict).to_contain_text("Read approximately as metoclopramide")


CRITERIA = (
    "Urge to move the legs, with unpleasant sensations",
    "Begins or worsens at rest",
    "Relieved by movement",
    "Worse or only in the evening or at night",
    "Not solely accounted for by another condition",
)


def add_visit(page: Page, day, irls: str, *, criteria: bool = False, see_again: str = "") -> None:
    page.get_by_role("link", name="Add visit note").click()
    page.get_by_label("Visit date").fill(day.isoformat())
    page.get_by_label("IRLS total score").fill(irls)
    if criteria:
        for label in CRITERIA:
            page.get_by_label(label).select_option("true")
    page.get_by_label("Note").fill("Follow-up visit")
    if see_again:
        page.get_by_label("See again").select_option(label=see_again)
    page.get_by_role("button", name="Save").click()


@pytest.fixture
def migrated_groups(transactional_db):
    """Recreate the groups the migrations made: a live-server test may run after a flush."""
    import_module("clinic.migrations.0002_groups").create_groups(apps, None)


@pytest.mark.usefixtures("migrated_groups")
def test_a_follow_up_visit_updates_the_course_and_sets_a_recall(
    page: Page, live_server, make_patient
):
    patient = make_patient(family_name="Lindqvist", given_name="Anna")
    patient_findings_refresh(as_of=TODAY, patient=patient)
    today = timezone.localdate()
    log_in(page, live_server.url)
    page.get_by_role("link", name="Lindqvist, Anna").click()

    add_visit(page, today - timedelta(days=120), "24", criteria=True)
    expect(page.locator("#criteria-status")).to_contain_text("Criteria met")
    expect(page.locator("#irls-trend")).to_have_count(0)

    add_visit(page, today - timedelta(days=60), "9", see_again="in 1 month")
    expect(page.locator("#irls-trend")).to_contain_text("better since the previous visit")
    expect(page.locator("#irls-chart circle.point")).to_have_count(2)
    expect(page.locator("#next-visit")).to_contain_text("overdue")

    page.get_by_role("link", name="Caseload").first.click()
    row = page.locator(f'tr[data-patient="{patient.pk}"]')
    expect(row.locator("[data-trend]")).to_have_attribute("data-trend", "better")
    expect(page.locator("#recall-overdue")).to_have_text("1 overdue")
    page.locator("#recall-overdue").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(row).to_contain_text("overdue")


@pytest.mark.usefixtures("migrated_groups")
def test_a_task_set_on_the_record_closes_when_its_result_arrives(
    page: Page, live_server, make_patient
):
    patient = make_patient(family_name="Lindqvist", given_name="Anna")
    patient_findings_refresh(as_of=TODAY, patient=patient)
    log_in(page, live_server.url)
    page.get_by_role("link", name="Lindqvist, Anna").click()

    page.get_by_role("link", name="Set a task", exact=True).click()
    page.get_by_label("Task").fill("Recheck ferritin")
    page.get_by_label("a lab result").check()
    page.get_by_label("Awaited lab result").select_option("ferritin")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#tasks-open")).to_contain_text("Recheck ferritin")
    expect(page.locator("#tasks-open")).to_contain_text("closes on a ferritin result")

    page.get_by_role("link", name="My tasks").click()
    expect(page.locator("#own-tasks tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Lindqvist, Anna").click()

    add_ferritin(page, "80")
    expect(page.locator("#tasks-open")).to_have_count(0)
    page.locator("#tasks-closed summary").click()
    expect(page.locator("#tasks-closed")).to_contain_text("The ferritin result of")
