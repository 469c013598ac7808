"""Lab rules: thresholds just either side, units, age, sex, pregnancy, stale and future results."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rls.findings import Severity
from rls.lab_rules import months_before
from rls.labs import ANALYTES, normalize_unit, to_canonical
from rls.snapshot import Pregnancy, Sex
from tests.rls.helpers import AS_OF, codes, finding, lab, snapshot

ADULT = date(1980, 1, 1)


def labs(*results, **fields):
    return snapshot(labs=tuple(results), birth_date=fields.pop("birth_date", ADULT), **fields)


@pytest.mark.parametrize(
    ("result", "code", "fires"),
    [
        (lab("ferritin", 75, "ng/mL"), "cause.iron-deficiency", True),
        (lab("ferritin", 75.1, "µg/L"), "cause.iron-deficiency", False),
        (lab("ferritin", 75, "ug/L"), "cause.iron-deficiency", True),
        (lab("transferrin_saturation", 19.9, "%"), "cause.iron-deficiency", True),
        (lab("transferrin_saturation", 20, "%"), "cause.iron-deficiency", False),
        (lab("hba1c", 6.5, "%"), "cause.diabetes", True),
        (lab("hba1c", 6.4, "%"), "cause.diabetes", False),
        (lab("hba1c", 48, "mmol/mol"), "cause.diabetes", True),
        (lab("hba1c", 47, "mmol/mol"), "cause.diabetes", False),
        (lab("tsh", 0.39, "mIU/L"), "cause.endocrine-disorder", True),
        (lab("tsh", 0.4, "mIU/L"), "cause.endocrine-disorder", False),
        (lab("tsh", 4.0, "µIU/mL"), "cause.endocrine-disorder", False),
        (lab("tsh", 4.01, "uIU/mL"), "cause.endocrine-disorder", True),
        (lab("folate", 2.9, "ng/mL"), "cause.hypovitaminosis", True),
        (lab("folate", 3, "ng/mL"), "cause.hypovitaminosis", False),
        (lab("folate", 6.7, "nmol/L"), "cause.hypovitaminosis", True),
        (lab("folate", 6.9, "nmol/L"), "cause.hypovitaminosis", False),
        (lab("vitamin_b12", 199, "pg/mL"), "cause.hypovitaminosis", True),
        (lab("vitamin_b12", 200, "pg/mL"), "cause.hypovitaminosis", False),
        (lab("vitamin_b12", 147, "pmol/L"), "cause.hypovitaminosis", True),
        (lab("vitamin_b12", 149, "pmol/L"), "cause.hypovitaminosis", False),
        (lab("vitamin_d", 19.9, "ng/mL"), "cause.hypovitaminosis", True),
        (lab("vitamin_d", 20, "ng/mL"), "cause.hypovitaminosis", False),
        (lab("vitamin_d", 49, "nmol/L"), "cause.hypovitaminosis", True),
        (lab("vitamin_d", 50, "nmol/L"), "cause.hypovitaminosis", False),
        (lab("egfr", 59, "mL/min/1.73 m²"), "cause.kidney-disease", True),
        (lab("egfr", 60, "mL/min/1.73m2"), "cause.kidney-disease", False),
    ],
)
def test_it_fires_just_across_each_threshold_in_each_unit(result, code, fires):
    assert (code in codes(labs(result))) is fires


@pytest.mark.parametrize(
    ("value", "unit", "sex", "fires"),
    [
        (129, "g/L", Sex.MALE, True),
        (130, "g/L", Sex.MALE, False),
        (12.9, "g/dL", Sex.MALE, True),
        (8.0, "mmol/L", Sex.MALE, True),  # 128.9 g/L
        (8.1, "mmol/L", Sex.MALE, False),  # 130.5 g/L
        (119, "g/L", Sex.FEMALE, True),
        (120, "g/L", Sex.FEMALE, False),
        (125, "g/L", Sex.FEMALE, False),
        (119, "g/L", Sex.UNKNOWN, True),
        (125, "g/L", Sex.UNKNOWN, False),
        (125, "g/L", Sex.OTHER, False),
    ],
)
def test_it_applies_the_who_2024_adult_hemoglobin_cutoffs(value, unit, sex, fires):
    record = labs(lab("hemoglobin", value, unit), sex=sex)

    assert ("cause.anemia" in codes(record)) is fires


@pytest.mark.parametrize(
    ("week", "value", "fires"),
    [
        (1, 109, True),
        (13, 109, True),
        (13, 110, False),
        (14, 109, False),
        (14, 104, True),
        (27, 105, False),
        (27, 104, True),
        (28, 109, True),
        (28, 110, False),
        (40, 109, True),
    ],
)
def test_it_applies_the_trimester_cutoffs_in_pregnancy(week, value, fires):
    record = labs(lab("hemoglobin", value, "g/L"), sex=Sex.FEMALE, pregnancy=Pregnancy(week))

    assert ("cause.anemia" in codes(record)) is fires


@pytest.mark.parametrize(
    ("age_days", "value", "fires"),
    [
        (90, 80, False),  # under 6 months: WHO 2024 sets no cut-off
        (365, 104, True),
        (365, 105, False),
        (3 * 365, 109, True),
        (3 * 365, 110, False),
        (8 * 365, 114, True),
        (8 * 365, 115, False),
        (13 * 365, 119, True),
        (13 * 365, 120, False),
    ],
)
def test_it_applies_the_child_hemoglobin_cutoffs(age_days, value, fires):
    record = labs(lab("hemoglobin", value, "g/L"), birth_date=AS_OF - timedelta(days=age_days))

    assert ("cause.anemia" in codes(record)) is fires


@pytest.mark.parametrize(
    ("age", "value", "fires"), [(10, 49, True), (10, 60, False), (17, 60, False), (18, 60, True)]
)
def test_it_uses_the_childrens_ferritin_limit_under_18(age, value, fires):
    born = date(AS_OF.year - age, 1, 1)
    record = labs(lab("ferritin", value, "ng/mL"), birth_date=born)

    assert ("cause.iron-deficiency" in codes(record)) is fires


def test_it_reads_a_patient_without_birth_date_as_an_adult():
    record = snapshot(labs=(lab("ferritin", 60, "ng/mL"),))

    assert "cause.iron-deficiency" in codes(record)


def test_it_uses_the_latest_result_and_on_equal_dates_the_last_listed():
    old_low = lab("ferritin", 10, "ng/mL", date(2026, 1, 1))
    new_ok = lab("ferritin", 150, "ng/mL", date(2026, 6, 1))
    same_day_low = lab("ferritin", 40, "ng/mL", date(2026, 6, 1), ref="lab:3")

    assert "cause.iron-deficiency" not in codes(labs(old_low, new_ok))
    result = finding(labs(old_low, new_ok, same_day_low), "cause.iron-deficiency")
    assert result.evidence[0].ref == "lab:3"


def test_it_ignores_results_dated_after_as_of():
    future_low = lab("ferritin", 10, "ng/mL", AS_OF + timedelta(days=1))
    future_hb = lab("hemoglobin", 140, "g/L", AS_OF + timedelta(days=1))

    found = codes(labs(future_low, future_hb))

    assert "cause.iron-deficiency" not in found
    assert {"gap.iron-studies", "gap.hemoglobin"} <= found


def test_it_still_reports_a_stale_result_but_flags_the_gap():
    stale = date(2024, 3, 1)

    result = labs(lab("ferritin", 20, "ng/mL", stale), lab("hemoglobin", 140, "g/L", stale))

    assert {"cause.iron-deficiency", "gap.iron-studies", "gap.hemoglobin"} <= codes(result)
    assert finding(result, "gap.iron-studies").evidence[0].date == stale


@pytest.mark.parametrize(
    ("days_before", "gap"),
    [(0, False), (365, False), (366, True)],  # AS_OF - 365 days is exactly 12 months earlier
)
def test_it_counts_a_result_exactly_12_months_old_as_recent(days_before, gap):
    when = AS_OF - timedelta(days=days_before)
    record = labs(lab("transferrin_saturation", 30, "%", when), lab("hemoglobin", 140, "g/L", when))

    assert ("gap.iron-studies" in codes(record)) is gap
    assert ("gap.hemoglobin" in codes(record)) is gap


def test_it_needs_only_one_of_ferritin_or_tsat_to_close_the_iron_gap():
    assert "gap.iron-studies" not in codes(labs(lab("ferritin", 150, "ng/mL")))
    assert "gap.iron-studies" not in codes(labs(lab("transferrin_saturation", 30, "%")))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 24), date(2025, 11, 24)),
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2026, 3, 31), date(2025, 3, 31)),
    ],
)
def test_it_counts_calendar_months_back(on, expected):
    assert months_before(on, 12) == expected


def test_it_carries_canonical_value_unit_date_and_threshold_in_the_evidence():
    result = finding(labs(lab("hemoglobin", 10.5, "g/dL", ref="lab:1")), "cause.anemia")

    evidence = result.evidence[0]
    assert (evidence.kind, evidence.ref, evidence.value, evidence.unit) == (
        "lab",
        "lab:1",
        105,
        "g/L",
    )
    assert evidence.text == "Hemoglobin 10.5 g/dL"
    assert evidence.threshold.startswith("hemoglobin < 120 g/L")
    assert "WHO 2024" in evidence.threshold


def test_it_names_the_aasm_threshold_for_ferritin():
    evidence = finding(labs(lab("ferritin", 40, "ng/mL")), "cause.iron-deficiency").evidence[0]

    assert evidence.threshold == "ferritin ≤ 75 µg/L (AASM 2024 guideline)"


@pytest.mark.parametrize(
    ("result", "severity"),
    [
        (lab("ferritin", 29, "ng/mL"), Severity.CRITICAL),
        (lab("ferritin", 30, "ng/mL"), Severity.WARNING),
        (lab("hemoglobin", 99, "g/L"), Severity.CRITICAL),  # woman: 21 g/L below 120
        (lab("hemoglobin", 100, "g/L"), Severity.WARNING),
    ],
)
def test_it_makes_a_lab_finding_critical_when_far_across_the_limit(result, severity):
    record = labs(result, sex=Sex.FEMALE)
    code = "cause.iron-deficiency" if result.analyte == "ferritin" else "cause.anemia"

    assert finding(record, code).severity == severity


def test_it_leaves_out_results_it_cannot_read():
    unreadable = lab("ferritin", 10, "furlongs")
    implausible = lab("hemoglobin", 1_000, "g/L")

    assert codes(labs(unreadable, implausible)) == {"gap.iron-studies", "gap.hemoglobin"}


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "canonical"),
    [
        ("tsh", 4.5, "mU/L", 4.5),  # UK
        ("tsh", 4.5, "m[IU]/L", 4.5),  # UCUM
        ("tsh", 4.5, "u[IU]/mL", 4.5),  # UCUM
        ("tsh", 4.5, "µU/mL", 4.5),
        ("egfr", 55, "mL/min/{1.73_m2}", 55),  # UCUM annotation
        ("egfr", 55, "ml/min/1.73m^2", 55),
        ("creatinine", 90, "micromol/L", 90),  # UK
        ("creatinine", 90, "umol/L", 90),  # UCUM
        ("ferritin", 40, "microgram/L", 40),
        ("ferritin", 40, "ug/L", 40),
        ("folate", 2.5, "ug/L", 2.5),  # UK folate, = ng/mL
        ("vitamin_d", 15, "ug/L", 15),
        ("hemoglobin", 12, "g/dl", 120),
        ("hemoglobin", 120, "gram/litre", 120),
        ("transferrin_saturation", 15, "percent", 15),
        ("magnesium", 1.6, "meq/L", 0.8),
    ],
)
def test_it_reads_uk_and_ucum_spellings_of_every_unit(analyte, value, unit, canonical):
    assert to_canonical(analyte, value, unit) == pytest.approx(canonical, rel=1e-3)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("10*9/L", "10^9/L"),
        ("x10^9/L", "10*9/L"),
        ("10**9/l", "10*9/L"),
        ("mL/min/{1.73_m2}", "mL/min/1.73 m²"),
    ],
)
def test_it_folds_ucum_powers_and_annotations_to_one_key(left, right):
    assert normalize_unit(left) == normalize_unit(right)


@pytest.mark.parametrize(
    ("analyte", "unit"), [("tsh", "mg/L"), ("egfr", "mL/min"), ("ferritin", "mg/dL")]
)
def test_it_still_refuses_a_unit_that_is_not_the_analytes(analyte, unit):
    assert ANALYTES[analyte].unit(unit) is None
