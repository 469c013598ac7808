"""The record leads with what matters: order, counts, reopened findings, charts, wording, print."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.formats import day_text, number_text
from clinic.models import FindingAcknowledgement
from clinic.selectors.charts import axis_ticks
from clinic.selectors.findings import live_finding
from clinic.services.acknowledgements import finding_acknowledge
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.medications import medication_create
from clinic.services.records import condition_create, lab_result_create
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")
TODAY = date(2026, 11, 24)
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
IRON = "cause.iron-deficiency"


def add_lab(patient, user, value="30", unit="ng/mL", day=date(2026, 11, 1), analyte="ferritin"):
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte=analyte,
        value=Decimal(value),
        unit=unit,
        collected_on=day,
    )


def record(client, user, patient) -> str:
    client.force_login(user)
    return client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()


def finding_codes(html: str) -> list[str]:
    panel = html.split('id="findings"')[1].split("</section>\n\n")[0]
    return re.findall(r'<article class="finding[^"]*" data-finding-code="([^"]+)"', panel)


def acknowledge(patient, user, code, reason="Seen"):
    finding = live_finding(patient, code, as_of=TODAY)
    assert finding is not None
    return finding_acknowledge(
        patient=patient,
        user=user,
        code=code,
        fingerprint=finding.fingerprint(),
        reason=reason,
        as_of=TODAY,
    )


def test_it_puts_a_critical_drug_before_warnings_whatever_its_category(client, doctor, patient):
    condition_create(at=NOW, patient=patient, user=doctor, name="Heart failure", icd10="I50.9")
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Lasix 40 mg", confirmed_codes={"drug.diuretic"}
    )

    codes = finding_codes(record(client, doctor, patient))

    assert codes[0] == ANTIEMETIC  # critical, though its category comes after causes
    # Among the warnings, the secondary cause comes before the aggravating drug.
    assert codes.index("cause.cardiovascular-disease") < codes.index("drug.diuretic")
    # The information-only data gaps come last.
    assert codes[-1].startswith("gap.")


def test_it_counts_each_severity_in_the_header(client, doctor, patient):
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    condition_create(at=NOW, patient=patient, user=doctor, name="Heart failure", icd10="I50.9")

    html = record(client, doctor, patient)
    counts = html.split('class="small mb-0 severity-counts"')[1].split("</p>")[0]

    assert re.search(r'data-severity="critical">.*?1 critical</span>', counts)
    assert re.search(r'data-severity="warning">.*?1 warning</span>', counts)
    assert re.search(r'data-severity="info">.*?2 info</span>', counts)  # two data gaps


def test_it_says_what_changed_when_a_finding_reopens(client, doctor, patient):
    add_lab(patient, doctor, value="30")
    acknowledge(patient, doctor, IRON, reason="Iron infusion booked")
    add_lab(patient, doctor, value="25", day=date(2026, 11, 20))

    html = record(client, doctor, patient)
    card = html.split(f'data-finding-code="{IRON}"')[1].split("</article>")[0]

    assert "Reopened" in card
    assert "Earlier acknowledgement by Doctor on" in card
    assert "“Iron infusion booked”" in card
    assert "New: Ferritin 25 ng/mL on 20 Nov 2026" in card
    assert "No longer: Ferritin 30 ng/mL on 1 Nov 2026" in card


def test_it_keeps_the_evidence_a_doctor_acknowledged(doctor, patient):
    add_lab(patient, doctor, value="30")

    acknowledgement = acknowledge(patient, doctor, IRON)

    assert any("Ferritin 30 ng/mL on 1 Nov 2026" in line for line in acknowledgement.evidence)


def test_it_says_plainly_when_an_old_acknowledgement_kept_no_evidence(client, doctor, patient):
    add_lab(patient, doctor, value="30")
    acknowledge(patient, doctor, IRON, reason="Seen before the upgrade")
    FindingAcknowledgement.objects.update(evidence=[])
    add_lab(patient, doctor, value="25", day=date(2026, 11, 20))

    card = record(client, doctor, patient).split(f'data-finding-code="{IRON}"')[1]

    assert "“Seen before the upgrade”" in card
    assert "was not kept" in card.split("</article>")[0]


def test_it_does_not_mark_an_unchanged_acknowledged_finding_as_changed(client, doctor, patient):
    add_lab(patient, doctor, value="30")
    acknowledge(patient, doctor, IRON)

    card = record(client, doctor, patient).split(f'data-finding-code="{IRON}"')[1]

    assert "What changed" not in card.split("</article>")[0]
    assert "Reopened" not in card.split("</article>")[0]


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (116.8, 131.2, [115, 120, 125, 130, 135]),
        (61.5, 223.5, [50, 100, 150, 200, 250]),
        (12, 110, [0, 25, 50, 75, 100, 125]),
        (0.3, 0.9, [0.2, 0.4, 0.6, 0.8, 1.0]),
        (-2, 3, [-2, 0, 2, 4]),
        (300, 300, [260, 280, 300, 320, 340]),
    ],
)
def test_it_draws_round_y_ticks_covering_the_values(low, high, ticks):
    assert axis_ticks(low, high) == pytest.approx(ticks)


def test_it_never_starts_a_positive_axis_below_zero():
    assert axis_ticks(0.5, 40)[0] == 0


def test_it_labels_the_y_axis_with_round_ticks_and_the_unit(client, doctor, patient):
    add_lab(patient, doctor, value="30", day=date(2026, 6, 1))
    add_lab(patient, doctor, value="87.3")

    chart = record(client, doctor, patient).split('data-analyte="ferritin"')[1].split("</svg>")[0]
    ticks = re.findall(r'class="tick y-tick"[^>]*>([^<]+)<', chart)

    assert ticks == ["20", "40", "60", "80", "100"]
    assert '<text class="unit"' in chart
    assert ">µg/L</text>" in chart


def test_it_shows_the_card_value_in_the_unit_of_its_chart(client, doctor, patient):
    add_lab(patient, doctor, value="30", day=date(2026, 6, 1))
    add_lab(patient, doctor, value="11.8", unit="g/dL", analyte="hemoglobin")
    add_lab(patient, doctor, value="12.5", unit="g/dL", analyte="hemoglobin", day=date(2026, 6, 1))

    card = record(client, doctor, patient).split('data-analyte="hemoglobin"')[1].split("<svg")[0]

    assert "<strong>118 g/L</strong>" in card
    assert "entered as 11.8 g/dL" in card


def test_it_shows_a_single_result_as_a_value_not_a_trend(client, doctor, patient):
    add_lab(patient, doctor, value="30")

    card = record(client, doctor, patient).split('data-analyte="ferritin"')[1].split("</div>")[0]

    assert "<svg" not in card
    assert "<strong>30 µg/L</strong>" in card
    assert "One result so far" in card


def test_it_writes_dates_one_way_in_running_text(client, doctor, patient):
    add_lab(patient, doctor, value="30", day=date(2025, 4, 4))

    html = record(client, doctor, patient)
    main = html.split("<main")[1]

    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", re.sub(r'"[^"]*"', "", main))
    assert "since 24 Nov 2025; latest 4 Apr 2025" in html
    assert "latest 4 Apr 2025 on 4 Apr 2025" not in html


def test_it_names_people_by_full_name(client, doctor, patient):
    doctor.last_name = "Jensen"
    doctor.save()
    lab = add_lab(patient, doctor)
    entry_mark_entered_in_error(at=NOW, entry=lab, user=doctor, reason="Wrong patient")

    client.force_login(doctor)
    html = client.get(reverse("clinic:patient", args=[patient.pk]), {"in_error": "1"})
    in_error = html.content.decode().split('id="in-error"')[1]

    assert "<td>Doctor Jensen</td>" in in_error
    assert "<td>doctor</td>" not in in_error
    assert "Lab: Ferritin 30 ng/mL on 1 Nov 2026" in in_error


def test_it_writes_numbers_without_trailing_zeros(client, doctor, patient):
    add_lab(patient, doctor, value="90")
    add_lab(patient, doctor, value="100", day=date(2026, 6, 1))

    labs = record(client, doctor, patient).split('id="labs"')[1]

    assert '<td class="text-end">90</td>' in labs
    assert '<td class="text-end">100</td>' in labs
    assert "90.0000" not in labs
    assert "1E+2" not in labs


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("90.0000"), "90"),
        (Decimal("1E+2"), "100"),
        (Decimal("12.50"), "12.5"),
        (0.1 + 0.2, "0.3"),
        (118.0, "118"),
    ],
)
def test_it_drops_trailing_zeros_and_exponents(value, text):
    assert number_text(value) == text


def test_it_writes_a_day_without_a_leading_zero():
    assert day_text(date(2025, 4, 4)) == "4 Apr 2025"


def test_it_shows_a_stale_edit_once(client, doctor, colleague, patient):
    lab = add_lab(patient, doctor, value="30")
    url = reverse("clinic:lab_edit", args=[patient.pk, lab.pk])
    data = {"analyte": "ferritin", "unit": "ng/mL", "collected_on": "2026-11-01", "version": "1"}
    client.force_login(colleague)
    patient.care_team.add(colleague)
    client.post(url, data | {"value": "120"})
    client.force_login(doctor)

    response = client.post(url, data | {"value": "40"})
    html = response.content.decode()

    assert response.status_code == 422
    assert html.count("Someone else changed this") == 1
    assert "changed by someone else" not in html
    assert "<td>120</td><td>40</td>" in html


def test_it_prints_name_mrn_and_date_on_every_page_and_the_charts(client, doctor, patient):
    add_lab(patient, doctor, value="30", day=date(2026, 6, 1))
    add_lab(patient, doctor, value="60")
    client.force_login(doctor)

    html = client.get(reverse("clinic:patient_print", args=[patient.pk])).content.decode()
    running = html.split('class="print-running-header"')[1].split("</div>")[0]

    assert f"Anna Lindqvist · MRN {patient.mrn} · printed 24 Nov 2026" in running
    assert 'data-analyte="ferritin"' in html
    assert "<svg" in html


def test_it_repeats_the_running_header_on_each_printed_page(settings):
    css = (settings.BASE_DIR / "static/clinic/css/ekbom.css").read_text(encoding="utf-8")
    print_rules = css.split("@media print")[1]

    assert ".print-running-header" in print_rules
    assert "position: fixed" in print_rules.split(".print-running-header")[1].split("}")[0]
