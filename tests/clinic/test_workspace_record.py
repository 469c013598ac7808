"""The patient record: explained findings, highlighted rows, trends, in-error toggle, print."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import FindingAcknowledgement, Patient, StoredFinding
from clinic.selectors.findings import patient_findings
from clinic.selectors.record import LATEST_SHOWN
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.follow_up import follow_up_task_close, follow_up_task_create
from clinic.services.medications import medication_create
from clinic.services.records import (
    allergy_create,
    condition_create,
    lab_result_create,
    visit_note_create,
)
from clinic.snapshots import with_snapshot_data
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
# Session, user; the patient with its primary doctor, then one read each of its labs,
# conditions, medications (with who confirmed a warning), visit notes (with their authors) and
# allergies, each with the rows marked in error when they are shown, and of its care team;
# what the doctor saw last time, local names, acknowledgements, the care plan, the follow-up
# tasks; the access audit entry (insert); noting what the doctor sees now (savepoint, upsert of
# when, insert of the findings, release). The session is not saved: it was within the minute.
RECORD_QUERIES = 19
# Opened again with the same findings: noting it is one UPDATE of when.
RECORD_QUERIES_UNCHANGED = RECORD_QUERIES - 3
# Opened again with a finding gone and one changed: the upsert, a delete and an upsert of the
# findings, in a savepoint.
RECORD_QUERIES_CHANGED = RECORD_QUERIES + 1


def add_lab(patient, user, analyte="ferritin", value="30", unit="ng/mL", day=date(2026, 11, 1)):
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte=analyte,
        value=Decimal(value),
        unit=unit,
        collected_on=day,
    )


def add_reglan(patient, user):
    return medication_create(
        at=NOW, patient=patient, user=user, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )


@pytest.fixture
def rich_patient(patient, doctor):
    add_lab(patient, doctor)
    add_reglan(patient, doctor)
    condition_create(at=NOW, patient=patient, user=doctor, name="Type 2 diabetes", icd10="E11")
    visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=date(2026, 11, 2),
        irls_score=24,
        text="Worse",
    )
    return patient


def record(client, user, patient, **params):
    client.force_login(user)
    return client.get(reverse("clinic:patient", args=[patient.pk]), params)


def test_it_explains_each_finding_with_evidence_advice_alternative_and_source(
    client, doctor, rich_patient
):
    html = record(client, doctor, rich_patient).content.decode()

    assert f'data-finding-code="{ANTIEMETIC}"' in html
    assert "Reglan 10 mg" in html
    assert "ondansetron, granisetron" in html
    assert "ferritin ≤ 75 µg/L" in html
    assert "Article: &quot;What to exclude?&quot;" in html


def test_it_tells_severity_by_word_and_icon(client, doctor, rich_patient):
    html = record(client, doctor, rich_patient).content.decode()

    assert "Critical:" in html
    assert "bi-exclamation-octagon-fill" in html


def test_it_highlights_the_rows_behind_findings(client, doctor, rich_patient):
    html = record(client, doctor, rich_patient).content.decode()
    medication_row = html.split('id="medication-')[1].split("</tr>")[0]
    condition_row = html.split('id="condition-')[1].split("</tr>")[0]
    lab_row = html.split('id="lab-')[1].split("</tr>")[0]

    assert "dopamine-antagonist antiemetic" in medication_row
    assert "safer alternative: ondansetron, granisetron" in medication_row
    assert "Secondary cause: Diabetes" in condition_row
    assert "Across the threshold: ferritin ≤ 75 µg/L" in lab_row


def test_it_draws_a_trend_chart_with_the_threshold(client, doctor, rich_patient):
    add_lab(rich_patient, doctor, value="90", day=date(2026, 6, 1))
    html = record(client, doctor, rich_patient).content.decode()
    chart = html.split('data-analyte="ferritin"')[1].split("</figure>")[0]

    assert chart.count("<circle") == 2
    assert 'class="threshold"' in chart
    assert "<polyline" in chart
    assert "1 Jun 2026: 90 µg/L" in chart


def test_it_agrees_with_the_stored_findings(client, doctor, rich_patient):
    fresh = with_snapshot_data(Patient.objects.filter(pk=rich_patient.pk)).get()
    live = patient_findings(fresh, as_of=timezone.localdate())
    stored = StoredFinding.objects.filter(patient=rich_patient)

    assert {(f.code, f.fingerprint()) for f in live} == {(s.code, s.fingerprint) for s in stored}
    html = record(client, doctor, rich_patient).content.decode()
    for finding in live:
        assert f'<article class="finding sev-{finding.severity}' in html
        assert f'data-finding-code="{finding.code}"' in html


def test_it_hides_entries_in_error_unless_asked(client, doctor, patient):
    lab = add_lab(patient, doctor)
    entry_mark_entered_in_error(at=NOW, entry=lab, user=doctor, reason="Other patient's sample")

    hidden = record(client, doctor, patient).content.decode()
    shown = record(client, doctor, patient, in_error="1").content.decode()

    assert 'id="lab-' not in hidden
    assert "Other patient&#x27;s sample" not in hidden
    assert "Other patient&#x27;s sample" in shown
    assert "cause.iron-deficiency" not in hidden


def test_it_shows_pregnancy_week_and_trimester(client, doctor, make_patient, frozen_today):
    pregnant = make_patient(pregnancy_due_date=frozen_today + timedelta(weeks=10))

    html = record(client, doctor, pregnant).content.decode()

    assert "Pregnant, week 30, trimester 3" in html


def test_it_collapses_an_acknowledged_finding_until_the_evidence_changes(client, doctor, patient):
    add_lab(patient, doctor)
    client.force_login(doctor)
    fresh = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    live = patient_findings(fresh, as_of=timezone.localdate())
    iron = next(f for f in live if f.code == "cause.iron-deficiency")
    url = reverse("clinic:finding_acknowledge", args=[patient.pk, iron.code])

    response = client.post(url, {"fingerprint": iron.fingerprint(), "reason": "Iron prescribed"})
    collapsed = record(client, doctor, patient).content.decode()
    add_lab(patient, doctor, value="40", day=date(2026, 11, 20))
    reopened = record(client, doctor, patient).content.decode()

    assert response.status_code == 302
    assert 'is-acknowledged" data-finding-code="cause.iron-deficiency"' in collapsed
    assert "Iron prescribed" in collapsed
    assert 'is-acknowledged" data-finding-code="cause.iron-deficiency"' not in reopened
    assert "Reopened: the evidence changed" in reopened
    assert FindingAcknowledgement.objects.count() == 1


def test_it_refuses_an_acknowledgement_of_changed_evidence(client, doctor, patient):
    add_lab(patient, doctor)
    client.force_login(doctor)
    url = reverse("clinic:finding_acknowledge", args=[patient.pk, "cause.iron-deficiency"])

    response = client.post(url, {"fingerprint": "stale", "reason": "Seen"})

    assert response.status_code == 422
    assert "review it again" in response.content.decode()
    assert not FindingAcknowledgement.objects.exists()


def test_it_requires_a_reason_to_acknowledge(client, doctor, patient):
    add_lab(patient, doctor)
    client.force_login(doctor)
    url = reverse("clinic:finding_acknowledge", args=[patient.pk, "cause.iron-deficiency"])

    response = client.post(url, {"fingerprint": "x", "reason": " "})

    assert response.status_code == 422
    assert not FindingAcknowledgement.objects.exists()


def test_it_prints_the_findings_and_the_lists(client, doctor, rich_patient):
    client.force_login(doctor)

    html = client.get(reverse("clinic:patient_print", args=[rich_patient.pk])).content.decode()

    assert f'data-finding-code="{ANTIEMETIC}"' in html
    for text in ("Reglan 10 mg", "Type 2 diabetes", "Worse"):
        assert text in html
    assert "Acknowledge…" not in html


@pytest.mark.parametrize("rows", [2, 20])
def test_it_reads_the_record_in_a_fixed_number_of_queries(
    client, doctor, patient, django_assert_num_queries, rows
):
    for day in range(rows):
        add_lab(patient, doctor, value=str(20 + day), day=date(2026, 1, 1) + timedelta(days=day))
        condition_create(at=NOW, patient=patient, user=doctor, name=f"Condition {day}")
        medication_create(at=NOW, patient=patient, user=doctor, line=f"Ondansetron {day} mg")
        allergy_create(at=NOW, patient=patient, user=doctor, substance=f"Substance {day}")
        visit_note_create(
            at=NOW, patient=patient, user=doctor, visit_date=date(2026, 2, 1), text="x"
        )
        task = follow_up_task_create(
            patient=patient, user=doctor, as_of=TODAY, description=f"Task {day}", due_on=TODAY,
            owner=doctor,
        )  # fmt: skip
        if day % 2:
            follow_up_task_close(
                task=task, user=doctor, closed_on=TODAY, reason="Done", expected_version=1
            )
    add_reglan(patient, doctor)
    client.force_login(doctor)

    url = reverse("clinic:patient", args=[patient.pk])
    with django_assert_num_queries(RECORD_QUERIES):
        response = client.get(url, {"in_error": "1"})
    assert response.status_code == 200

    with django_assert_num_queries(RECORD_QUERIES_UNCHANGED):
        assert client.get(url, {"in_error": "1"}).status_code == 200

    reglan = patient.medications.get(line="Reglan 10 mg")
    entry_mark_entered_in_error(at=NOW, entry=reglan, user=doctor, reason="Other patient's")
    add_lab(patient, doctor, value="15", day=TODAY)
    with django_assert_num_queries(RECORD_QUERIES_CHANGED):
        assert client.get(url, {"in_error": "1"}).status_code == 200


def test_it_asks_to_record_the_delivery_when_the_due_date_is_long_past(
    client, doctor, make_patient, frozen_today
):
    overdue = make_patient(pregnancy_due_date=frozen_today - timedelta(days=15))
    on_time = make_patient(pregnancy_due_date=frozen_today - timedelta(days=14))

    html = record(client, doctor, overdue).content.decode()

    assert "please record the delivery" in html
    assert "Pregnant, week" not in html
    assert "cause.pregnancy" not in html
    assert overdue.gestational_week_on(frozen_today) is None
    assert on_time.gestational_week_on(frozen_today) == 42


def test_it_marks_a_medication_line_the_knowledge_base_does_not_recognise(client, doctor, patient):
    medication_create(at=NOW, patient=patient, user=doctor, line="Prozak 20 mg in the morning")
    medication_create(at=NOW, patient=patient, user=doctor, line="Ondansetron 4 mg")

    html = record(client, doctor, patient).content.decode()

    assert html.count('data-testid="not-recognised"') == 1
    assert "Not recognised: not checked against the knowledge base." in html
    assert "Closest known: Prozac (fluoxetine)." in html


def test_it_says_when_a_line_was_matched_approximately(client, doctor, patient):
    medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="metoclopramde 10 mg",
        confirmed_codes={ANTIEMETIC},
    )

    html = record(client, doctor, patient).content.decode()

    assert 'data-testid="matched-approximately"' in html
    assert "Matched approximately as metoclopramide." in html
    assert 'data-testid="not-recognised"' not in html


class TestALongHistory:
    """The record lists the newest rows of a long history; "Show all" lists every one."""

    @pytest.fixture
    def long_history(self, patient, doctor):
        first = date(2025, 1, 1)
        for day in range(LATEST_SHOWN + 1):
            add_lab(patient, doctor, value=str(30 + day), day=first + timedelta(days=day))
            visit_note_create(
                at=NOW,
                patient=patient,
                user=doctor,
                visit_date=first + timedelta(days=day),
                text="x",
            )
        return patient

    def record(self, client, doctor, patient, **params):
        client.force_login(doctor)
        return client.get(reverse("clinic:patient", args=[patient.pk]), params)

    def test_it_lists_the_newest_rows_and_offers_the_rest(self, client, doctor, long_history):
        page = self.record(client, doctor, long_history).context["page"]
        html = self.record(client, doctor, long_history).content.decode()

        assert len(page.labs) == len(page.visits) == LATEST_SHOWN
        assert (page.labs_total, page.visits_total) == (LATEST_SHOWN + 1,) * 2
        assert page.labs[0].collected_on > page.labs[-1].collected_on  # newest first
        assert date(2025, 1, 1) not in {lab.collected_on for lab in page.labs}
        assert f"Show all {LATEST_SHOWN + 1} results" in html
        assert f"Show all {LATEST_SHOWN + 1} visit notes" in html

    def test_show_all_lists_every_row(self, client, doctor, long_history):
        page = self.record(client, doctor, long_history, all="labs").context["page"]

        assert len(page.labs) == LATEST_SHOWN + 1
        assert len(page.visits) == LATEST_SHOWN

    def test_a_short_history_offers_nothing_more(self, client, doctor, rich_patient):
        html = self.record(client, doctor, rich_patient).content.decode()

        assert "Show all" not in html
        assert "All results" in html

    def test_the_charts_and_the_print_view_still_read_every_row(self, client, doctor, long_history):
        page = self.record(client, doctor, long_history).context["page"]
        printed = client.get(reverse("clinic:patient_print", args=[long_history.pk]))

        ferritin = next(s for s in page.series if s.key == "ferritin")
        assert len(ferritin.chart.points) == LATEST_SHOWN + 1
        assert len(printed.context["page"].labs) == LATEST_SHOWN + 1
        assert len(printed.context["page"].visits) == LATEST_SHOWN + 1

    def test_each_rows_links_lead_to_its_own_forms(self, client, doctor, rich_patient):
        page = self.record(client, doctor, rich_patient).context["page"]

        lab, medication = page.labs[0], page.medications[0]
        pks = [rich_patient.pk, lab.pk]
        assert lab.links == {
            "edit": reverse("clinic:lab_edit", args=pks),
            "error": reverse("clinic:lab_error", args=pks),
        }
        assert medication.links["end"] == reverse(
            "clinic:medication_stop", args=[rich_patient.pk, medication.pk]
        )


class TestAllergies:
    def test_it_lists_the_current_allergies_read_only_beside_the_medications(
        self, client, doctor, patient
    ):
        allergy_create(
            at=NOW, patient=patient, user=doctor, substance="Penicillin", criticality="high",
            reaction="Hives", recorded_on=date(2019, 5, 2),
        )  # fmt: skip
        withdrawn = allergy_create(at=NOW, patient=patient, user=doctor, substance="Latex")
        entry_mark_entered_in_error(at=NOW, entry=withdrawn, user=doctor, reason="Wrong chart")
        client.force_login(doctor)

        response = client.get(reverse("clinic:patient", args=[patient.pk]))

        assert [a.substance for a in response.context["page"].allergies] == ["Penicillin"]
        html = response.content.decode()
        section = html[html.index('id="allergies"') : html.index('id="conditions"')]
        assert "from the EHR" in section
        for text in ("Penicillin", "High", "Hives", "2 May 2019"):
            assert text in section
        assert "Latex" not in section
        assert "Edit" not in section
        shown = client.get(reverse("clinic:patient", args=[patient.pk]), {"in_error": "1"})
        assert "Allergy: " in shown.content.decode()
        assert "Wrong chart" in shown.content.decode()

    def test_it_says_none_are_recorded(self, client, doctor, patient):
        client.force_login(doctor)

        html = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()

        section = html[html.index('id="allergies"') : html.index('id="conditions"')]
        assert "None recorded." in section
