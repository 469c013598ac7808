"""Advice that matches the finding: iron overload, children, vitamins, stale labs, hypertension."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rls.engine import evaluate
from rls.findings import Severity
from rls.snapshot import Condition, Medication, Pregnancy, Sex
from tests.rls.helpers import AS_OF, codes, finding, lab, snapshot

ADULT = date(1980, 1, 1)
CHILD = date(2016, 5, 1)
OVERLOAD = "caution.iron-overload"
IRON = "cause.iron-deficiency"


def record(*labs, conditions=(), medications=(), **fields):
    return snapshot(
        labs=tuple(labs),
        conditions=tuple(conditions),
        medications=tuple(medications),
        birth_date=fields.pop("birth_date", ADULT),
        **fields,
    )


def advises_iron(advice: str) -> bool:
    return "suggests iron therapy" in advice or "make up for the lack of iron" in advice


@pytest.mark.parametrize(("tsat", "fires"), [(44.9, False), (45, True), (80, True)])
def test_it_warns_of_iron_overload_from_transferrin_saturation_45_or_more(tsat, fires):
    assert (OVERLOAD in codes(record(lab("transferrin_saturation", tsat, "%")))) is fires


@pytest.mark.parametrize(
    "condition",
    [
        Condition("Hereditary haemochromatosis", "E83.110"),
        Condition("Haemochromatosis"),
        Condition("Transfusional iron overload"),
    ],
)
def test_it_never_advises_iron_with_an_overload_condition(condition):
    result = record(lab("ferritin", 40, "ng/mL"), conditions=(condition,))

    iron = finding(result, IRON)
    assert OVERLOAD in codes(result)
    assert not advises_iron(iron.advice)
    assert "must not be given" in iron.advice


def test_it_never_advises_iron_when_saturation_is_45_or_more_and_ferritin_is_low():
    result = record(lab("ferritin", 40, "ng/mL"), lab("transferrin_saturation", 52, "%"))

    assert not advises_iron(finding(result, IRON).advice)
    overload = finding(result, OVERLOAD)
    assert overload.severity == Severity.WARNING
    assert "HFE" in overload.advice  # the overload work-up
    assert "IRLSSG 2018" in overload.source


def test_it_still_advises_iron_just_below_the_overload_limit():
    result = record(lab("ferritin", 40, "ng/mL"), lab("transferrin_saturation", 44, "%"))

    assert advises_iron(finding(result, IRON).advice)


def test_it_drops_iron_from_pregnancy_advice_with_overload():
    result = record(lab("transferrin_saturation", 60, "%"), sex=Sex.FEMALE, pregnancy=Pregnancy(20))

    assert "second-generation iron" not in finding(result, "cause.pregnancy").advice
    assert (
        "second-generation iron"
        in finding(record(sex=Sex.FEMALE, pregnancy=Pregnancy(20)), "cause.pregnancy").advice
    )


def test_it_does_not_read_a_family_history_of_haemochromatosis_as_overload():
    result = record(conditions=(Condition("Family history of haemochromatosis", "Z83.49"),))

    assert OVERLOAD not in codes(result)


@pytest.mark.parametrize(
    ("birth_date", "threshold"),
    [(CHILD, "ferritin < 50 µg/L"), (ADULT, "ferritin ≤ 75 µg/L")],
)
def test_it_names_the_patients_own_iron_threshold_in_the_advice(birth_date, threshold):
    result = record(lab("ferritin", 30, "ng/mL"), birth_date=birth_date)

    assert threshold in finding(result, IRON).advice


def test_it_names_vitamin_d_when_vitamin_d_is_low():
    advice = finding(record(lab("vitamin_d", 12, "ng/mL")), "cause.hypovitaminosis").advice

    assert "replace vitamin D" in advice
    assert "B12" not in advice.split(". ")[-1]


def test_it_names_every_low_vitamin_once():
    result = record(lab("vitamin_d", 30, "nmol/L"), lab("vitamin_b12", 150, "pg/mL"))
    advice = finding(result, "cause.hypovitaminosis").advice

    assert advice.count("replace vitamin D") == 1
    assert "replace vitamin B12" in advice


@pytest.mark.parametrize(
    ("age_days", "severity"),
    [
        (30, Severity.CRITICAL),
        (365, Severity.CRITICAL),  # 12 months to the day: still current
        (367, Severity.INFO),  # older: a data gap, not a critical finding
        (700, Severity.INFO),
    ],
)
def test_it_caps_the_severity_of_a_stale_lab(age_days, severity):
    when = AS_OF - timedelta(days=age_days)
    result = record(lab("ferritin", 12, "ng/mL", when))

    assert finding(result, IRON).severity == severity
    assert ("gap.iron-studies" in codes(result)) is (severity == Severity.INFO)


def test_it_keeps_a_warning_when_a_current_condition_joins_a_stale_lab():
    old = AS_OF - timedelta(days=700)
    result = record(lab("ferritin", 12, "ng/mL", old), conditions=(Condition("IDA", "D50.9"),))

    assert finding(result, IRON).severity == Severity.WARNING


@pytest.mark.parametrize("values", [(20, 120), (120, 20)], ids=["low-first", "low-last"])
def test_it_gives_the_same_answer_for_same_day_results_in_any_order(values):
    results = [lab("ferritin", v, "ng/mL") for v in values]

    assert IRON in codes(record(*results))


def test_it_reads_both_same_day_saturations_whatever_their_order():
    forward = record(lab("transferrin_saturation", 15, "%"), lab("transferrin_saturation", 50, "%"))
    backward = record(*reversed(forward.labs))

    assert evaluate(forward) == evaluate(backward)
    assert {IRON, OVERLOAD} <= codes(forward)


@pytest.mark.parametrize(
    ("condition", "medications", "severity"),
    [
        (Condition("Essential hypertension", "I10"), (), Severity.INFO),
        (Condition("Hypertension"), (), Severity.INFO),
        (Condition("HTN"), (Medication("Lisinopril 10 mg"),), Severity.INFO),
        (
            Condition("Essential hypertension", "I10"),
            (Medication("Amlodipine 5 mg"),),
            Severity.WARNING,
        ),
        (Condition("HTN"), (Medication("Hydrochlorothiazide 25 mg"),), Severity.WARNING),
        (Condition("Hypertensive heart disease", "I11.9"), (), Severity.WARNING),
        (Condition("Heart failure"), (), Severity.WARNING),
    ],
)
def test_it_reports_plain_hypertension_as_information_unless_an_aggravating_drug_is_taken(
    condition, medications, severity
):
    result = record(conditions=(condition,), medications=medications)

    assert finding(result, "cause.cardiovascular-disease").severity == severity


def test_it_warns_when_hypertension_comes_with_another_cardiovascular_disease():
    result = record(conditions=(Condition("HTN"), Condition("Atrial fibrillation", "I48.91")))

    assert finding(result, "cause.cardiovascular-disease").severity == Severity.WARNING


ARTICLE_MISSPELLINGS = ("Dipheningidramine", "Metsuximide", "Zonizamide")


def test_it_writes_drug_names_correctly_in_every_advice_and_title():
    from rls.knowledge import CODES

    for info in CODES.values():
        for wrong in ARTICLE_MISSPELLINGS:
            assert wrong not in info.advice, info.code
            assert wrong not in info.title, info.code


def test_it_still_recognises_the_articles_misspellings_in_a_line():
    result = snapshot(medications=(Medication("Dipheningidramine 50 mg"),))

    assert (
        finding(result, "drug.sedating-antihistamine").title == "Aggravating drug: diphenhydramine"
    )


IRON_ADVICE_WORDS = (
    "suggests iron therapy",
    "lack of iron",
    "giving iron",
    "iron supplements",
    "iron first",
)


def test_no_finding_advises_iron_with_overload_whatever_else_the_record_holds():
    result = record(
        lab("ferritin", 20, "ng/mL"),
        lab("transferrin_saturation", 55, "%"),
        conditions=(Condition("T2DM", "E11.9"),),
        medications=(Medication("Mirapex 0.25 mg"),),
        sex=Sex.FEMALE,
        pregnancy=Pregnancy(30),
    )

    for item in evaluate(result):
        assert not any(words in item.advice for words in IRON_ADVICE_WORDS), item.code
