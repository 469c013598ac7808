"""IRLS bands and pregnancy dating."""

from datetime import date, timedelta

import pytest

from rls.irls import irls_band
from rls.pregnancy import (
    due_date_from_gestational_age,
    gestational_week,
    pregnancy_is_current,
    trimester,
)
from rls.snapshot import Condition, Medication, Pregnancy, Sex
from tests.rls.helpers import AS_OF, codes, finding, lab, snapshot


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (10, "mild"),
        (11, "moderate"),
        (20, "moderate"),
        (21, "severe"),
        (30, "severe"),
        (31, "very severe"),
        (40, "very severe"),
    ],
)
def test_it_bands_irls_totals_at_each_boundary(score, band):
    assert irls_band(score) == band


@pytest.mark.parametrize("score", [-1, 41])
def test_it_refuses_an_irls_total_outside_0_to_40(score):
    with pytest.raises(ValueError, match="0–40"):
        irls_band(score)


def test_it_dates_a_pregnancy_from_its_gestational_age():
    due = due_date_from_gestational_age(31, 2, on=date(2026, 11, 24))

    assert due == date(2027, 1, 24)
    assert gestational_week(due, date(2026, 11, 24)) == 31
    assert gestational_week(due, date(2026, 11, 28)) == 31
    assert gestational_week(due, date(2026, 11, 29)) == 32


@pytest.mark.parametrize(
    ("week", "expected"), [(1, 1), (13, 1), (14, 2), (27, 2), (28, 3), (41, 3)]
)
def test_it_derives_the_trimester(week, expected):
    assert trimester(week) == expected


@pytest.mark.parametrize(
    ("days_past_due", "current"), [(-100, True), (0, True), (14, True), (15, False), (400, False)]
)
def test_it_ends_a_pregnancy_two_weeks_after_its_due_date(days_past_due, current):
    due = date(2026, 6, 1)

    assert pregnancy_is_current(due, due + timedelta(days=days_past_due)) is current


def entry_record(name="Pregnant state", icd10="Z33.1", onset_days=60, **fields):
    onset = None if onset_days is None else AS_OF - timedelta(days=onset_days)
    fields.setdefault("sex", Sex.FEMALE)
    fields.setdefault("birth_date", date(1994, 4, 1))
    return snapshot(conditions=(Condition(name, icd10, onset=onset),), **fields)


@pytest.mark.parametrize(
    ("fields", "pregnant"),
    [
        ({}, True),
        ({"name": "Pregnancy", "icd10": ""}, True),
        ({"name": "Gestational hypertension", "icd10": "O13"}, True),
        ({"onset_days": 294}, True),
        ({"onset_days": 295}, False),  # no pregnancy lasts longer: an entry left active
        ({"onset_days": None}, False),  # no onset: cannot tell that it is current
        ({"onset_days": -1}, False),  # not begun yet on the as-of date
        ({"birth_date": date(1956, 4, 1)}, False),  # 70 years old
        ({"birth_date": date(1972, 1, 1)}, True),  # 54
        ({"birth_date": date(1971, 11, 1)}, False),  # 55
        ({"name": "Postpartum care", "icd10": "Z39.2"}, False),
        ({"name": "Puerperal infection", "icd10": "O86.0"}, False),  # after delivery
        ({"name": "History of pregnancy", "icd10": ""}, False),
    ],
)
def test_it_reads_a_problem_list_pregnancy_only_when_it_can_be_current(fields, pregnant):
    assert ("cause.pregnancy" in codes(entry_record(**fields))) is pregnant


def test_it_never_reads_a_problem_list_pregnancy_for_a_man():
    from rls.snapshot import Sex

    assert "cause.pregnancy" not in codes(entry_record(sex=Sex.MALE))


def test_it_applies_the_pregnancy_hemoglobin_cut_off_to_a_problem_list_pregnancy():
    pregnant = entry_record(labs=(lab("hemoglobin", 115, "g/L"),))
    old_entry = entry_record(onset_days=400, labs=(lab("hemoglobin", 115, "g/L"),))

    assert "cause.anemia" not in codes(pregnant)  # 115 ≥ 110: not anaemic in pregnancy
    assert "cause.anemia" in codes(old_entry)  # 115 < 120: anaemic when not pregnant


def pregnant_with(*lines, **fields):
    fields.setdefault("pregnancy", Pregnancy(20))
    return snapshot(sex=Sex.FEMALE, medications=tuple(Medication(line) for line in lines), **fields)


@pytest.mark.parametrize(
    ("line", "pregnant", "fires"),
    [
        ("Gabapentin 300 mg at night", True, True),
        ("Lyrica 75 mg", True, True),
        ("Horizant 600 mg", True, True),
        ("Gabapentin 300 mg at night", False, False),  # outside pregnancy α2δ ligands treat RLS
        ("Zofran 4 mg", True, False),
    ],
)
def test_it_cautions_about_alpha2delta_ligands_only_during_pregnancy(line, pregnant, fires):
    record = pregnant_with(line) if pregnant else pregnant_with(line, pregnancy=None)

    assert ("caution.alpha2delta-in-pregnancy" in codes(record)) is fires


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        ("Mirapex 0.25 mg", "caution.dopaminergic", "lack the safety data"),
        ("OxyContin 10 mg", "caution.opioid", "second and third trimesters"),
    ],
)
def test_it_replaces_the_generic_caution_with_the_pregnancy_one(line, code, words):
    assert words in finding(pregnant_with(line), code).advice
    assert words not in finding(pregnant_with(line, pregnancy=None), code).advice


def test_it_gives_a_problem_list_pregnancy_the_pregnancy_cautions():
    record = entry_record(medications=(Medication("Mirapex 0.25 mg"),))

    assert "lack the safety data" in finding(record, "caution.dopaminergic").advice
