"""The engine as a whole: ordering, severity, patient facts, one finding per code."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rls.engine import clear_caches, evaluate
from rls.findings import Category, Evidence, Finding, Severity, build_evidence, build_finding
from rls.knowledge import CATEGORY_ORDER, CODES
from rls.lab_rules import latest_results
from rls.snapshot import Condition, Habit, LabResult, Medication, Pregnancy, Sex
from tests.rls.helpers import AS_OF, RECENT, codes, finding, lab, snapshot

SPEC_CODES = {
    "cause.anemia", "cause.iron-deficiency", "cause.diabetes", "cause.endocrine-disorder",
    "cause.hypovitaminosis", "cause.rheumatoid-arthritis", "cause.kidney-disease", "cause.copd",
    "cause.alcohol", "cause.cardiovascular-disease", "cause.autoimmune-disease",
    "cause.neurological-disorder", "cause.nerve-injury", "cause.peripheral-neuropathy",
    "cause.pregnancy", "associated.parkinsons-disease", "associated.essential-tremor",
    "associated.tourette-syndrome", "associated.huntingtons-disease", "associated.als",
    "associated.post-polio-syndrome", "drug.alcohol-containing",
    "drug.antiemetic-dopamine-antagonist", "drug.sedating-antihistamine",
    "drug.tricyclic-antidepressant", "drug.ssri", "drug.serotonergic-antidepressant",
    "drug.lithium", "drug.calcium-channel-blocker", "drug.typical-antipsychotic",
    "drug.atypical-antipsychotic", "drug.aggravating-anticonvulsant", "drug.diuretic",
    "drug.caffeine-containing", "caution.benzodiazepine", "caution.opioid",
    "caution.dopaminergic", "lifestyle.caffeine", "lifestyle.alcohol", "lifestyle.smoking",
    "hereditary.family-history", "gap.iron-studies", "gap.hemoglobin",
}  # fmt: skip
# Added by the follow-up work (augmentation screening, iron recheck after therapy).
FOLLOW_UP_CODES = {"caution.augmentation", "gap.iron-recheck"}
# Codes beyond the spec's, each with its guideline in rls/knowledge/sources.py.
ADDED_CODES = {"caution.iron-overload", "caution.alpha2delta-in-pregnancy"}

FULL_LABS = (
    lab("ferritin", 150, "ng/mL"),
    lab("hemoglobin", 140, "g/L"),
)


def busy_record():
    return snapshot(
        sex=Sex.FEMALE,
        birth_date=date(1985, 3, 2),
        pregnancy=Pregnancy(31),
        family_history_rls=True,
        habits=frozenset(Habit),
        conditions=(Condition("Parkinson's disease", "G20"), Condition("T2DM")),
        medications=(Medication("Reglan 10 mg"), Medication("Mirapex 0.25"), Medication("Prozac")),
        labs=(lab("ferritin", 20, "ng/mL"), lab("hemoglobin", 100, "g/L", date(2024, 1, 1))),
    )


def test_it_knows_every_code_of_the_spec_and_no_other():
    assert set(CODES) == SPEC_CODES | FOLLOW_UP_CODES | ADDED_CODES


def test_it_finds_nothing_but_the_gaps_in_an_empty_record():
    assert [f.code for f in evaluate(snapshot())] == ["gap.hemoglobin", "gap.iron-studies"]


def test_it_finds_nothing_at_all_in_a_healthy_record_with_recent_labs():
    assert evaluate(snapshot(labs=FULL_LABS, family_history_rls=False)) == []


def test_it_sorts_by_severity_then_category_then_code():
    findings = evaluate(busy_record())
    rank = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}

    keys = [(rank[f.severity], CATEGORY_ORDER[f.category], f.code) for f in findings]

    assert keys == sorted(keys)
    assert [f.code for f in findings][:2] == [
        "cause.iron-deficiency",
        "drug.antiemetic-dopamine-antagonist",
    ]
    assert len({f.code for f in findings}) == len(findings)


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("drug.antiemetic-dopamine-antagonist", Severity.CRITICAL),
        ("cause.iron-deficiency", Severity.CRITICAL),
        ("cause.anemia", Severity.INFO),  # a hemoglobin from 2024: stale, a data gap
        ("cause.pregnancy", Severity.WARNING),
        ("cause.diabetes", Severity.WARNING),
        ("drug.ssri", Severity.WARNING),
        ("caution.dopaminergic", Severity.WARNING),
        ("associated.parkinsons-disease", Severity.INFO),
        ("lifestyle.smoking", Severity.INFO),
        ("hereditary.family-history", Severity.INFO),
        ("gap.hemoglobin", Severity.INFO),
    ],
)
def test_it_grades_severity_by_the_documented_rule(code, severity):
    assert finding(busy_record(), code).severity == severity


def test_it_takes_the_highest_severity_among_the_evidence():
    record = snapshot(
        conditions=(Condition("Iron deficiency", "E61.1"),), labs=(lab("ferritin", 12, "ng/mL"),)
    )

    result = finding(record, "cause.iron-deficiency")

    assert result.severity == Severity.CRITICAL
    assert [e.kind for e in result.evidence] == ["condition", "lab"]


@pytest.mark.parametrize(
    ("habit", "code"),
    [
        (Habit.CAFFEINE, "lifestyle.caffeine"),
        (Habit.ALCOHOL, "lifestyle.alcohol"),
        (Habit.SMOKING, "lifestyle.smoking"),
    ],
)
def test_it_reports_each_recorded_habit(habit, code):
    assert code in codes(snapshot(habits=frozenset({habit})))


@pytest.mark.parametrize(("history", "fires"), [(True, True), (False, False), (None, False)])
def test_it_reports_a_family_history_only_when_recorded_true(history, fires):
    assert ("hereditary.family-history" in codes(snapshot(family_history_rls=history))) is fires


def test_it_reports_pregnancy_with_the_articles_advice():
    result = finding(snapshot(pregnancy=Pregnancy(31)), "cause.pregnancy")

    assert result.evidence[0].text == "Pregnant, gestational week 31 (trimester 3)"
    assert "third trimester" in result.advice
    assert "first month" in result.advice
    assert "folic acid" in result.advice


def test_it_says_where_every_finding_comes_from():
    for info in CODES.values():
        assert info.source.startswith(("Article:", "AASM", "WHO", "IRLSSG")), info.code
        assert info.title, info.code
        assert info.advice, info.code


def test_it_titles_cautions_with_the_drug_and_names_the_aasm_alternatives():
    result = finding(snapshot(medications=(Medication("Mirapex 0.25 mg"),)), "caution.dopaminergic")

    assert result.title == "Treatment caution: pramipexole"
    assert result.category == Category.TREATMENT_CAUTION
    assert "augmentation" in result.advice
    assert result.alternatives == ("gabapentin enacarbil", "gabapentin", "pregabalin")


def test_it_gives_the_same_answer_twice_and_after_forgetting_remembered_rows():
    record = busy_record()
    first = evaluate(record)

    assert evaluate(record) == first
    clear_caches()
    assert evaluate(record) == first


def test_it_finds_the_same_without_remembering_rows():
    record = busy_record()
    clear_caches()

    assert evaluate(record, remember=False) == evaluate(record)


def test_it_takes_the_latest_usable_results_whatever_the_order_of_the_labs():
    labs = (
        lab("ferritin", 20, "ng/mL", date(2024, 1, 1)),
        lab("hemoglobin", 100, "g/L", date(2024, 5, 1)),
        lab("ferritin", 90, "ng/mL", date(2024, 6, 1)),
        lab("ferritin", 40, "ng/mL", date(2024, 6, 1)),
        lab("ferritin", 1, "furlongs", date(2024, 7, 1)),  # unreadable: passed over
    )

    for order in (labs, labs[::-1], labs[1:] + labs[:1]):
        latest = latest_results(order, AS_OF)
        assert sorted(latest) == ["ferritin", "hemoglobin"]
        assert sorted(r.value for r in latest["ferritin"]) == [40, 90]
    assert list(latest_results(labs, AS_OF)) == ["ferritin", "hemoglobin"]
    assert list(latest_results(labs[1:], AS_OF)) == ["hemoglobin", "ferritin"]


def test_it_evaluates_a_large_record_in_reasonable_time():
    medications = tuple(Medication(f"Sertraline {i} mg") for i in range(200))
    labs = tuple(
        LabResult("ferritin", 50 + i, "ng/mL", RECENT - timedelta(days=300 - i)) for i in range(300)
    )

    result = evaluate(snapshot(medications=medications, labs=labs, as_of=AS_OF))

    assert len(finding(snapshot(medications=medications), "drug.ssri").evidence) == 200
    assert "cause.iron-deficiency" not in {f.code for f in result}


def test_it_builds_the_same_evidence_and_findings_as_their_constructors():
    fields = ("lab", "Ferritin 20 ng/mL", "lab:1", RECENT, 20.0, "µg/L", "ferritin ≤ 75", "x")
    evidence = Evidence(*fields)
    built = build_evidence(*fields)
    finding = (
        "cause.iron-deficiency",
        Category.SECONDARY_CAUSE,
        Severity.CRITICAL,
        "Iron deficiency",
        (evidence,),
        "Give iron.",
        ("a",),
        "AASM 2024",
    )

    assert (built, hash(built)) == (evidence, hash(evidence))
    assert build_evidence("patient", "Smoking recorded") == Evidence("patient", "Smoking recorded")
    assert build_finding(*finding) == Finding(*finding)
    assert build_finding(*finding).fingerprint() == Finding(*finding).fingerprint()
