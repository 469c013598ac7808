"""Conditions: ICD-10 codes and subcodes, names and abbreviations, exclusions, local names."""

from __future__ import annotations

import pytest

from rls.engine import match_condition
from rls.snapshot import ConditionStatus, LocalName
from tests.rls.helpers import codes, conditions, finding

NEURO = "cause.neurological-disorder"


@pytest.mark.parametrize(
    ("icd10", "expected"),
    [
        ("D50.9", {"cause.anemia", "cause.iron-deficiency"}),
        ("D64.9", {"cause.anemia"}),
        ("E61.1", {"cause.iron-deficiency"}),
        ("E11.9", {"cause.diabetes"}),
        ("E11.65", {"cause.diabetes"}),
        ("E1165", {"cause.diabetes"}),
        ("e11.65", {"cause.diabetes"}),
        ("E10.9", {"cause.diabetes"}),
        ("E08.9", {"cause.diabetes"}),
        ("E11.42", {"cause.diabetes", "cause.peripheral-neuropathy"}),
        ("E10.40", {"cause.diabetes", "cause.peripheral-neuropathy"}),
        ("E11.22", {"cause.diabetes", "cause.kidney-disease"}),
        ("E03.9", {"cause.endocrine-disorder"}),
        ("E21.0", {"cause.endocrine-disorder"}),
        ("E06.3", {"cause.endocrine-disorder", "cause.autoimmune-disease"}),
        ("E27.1", {"cause.endocrine-disorder", "cause.autoimmune-disease"}),
        ("E55.9", {"cause.hypovitaminosis"}),
        ("D51.0", {"cause.anemia", "cause.hypovitaminosis", "cause.autoimmune-disease"}),
        ("D52.9", {"cause.anemia", "cause.hypovitaminosis"}),
        ("M05.79", {"cause.rheumatoid-arthritis"}),
        ("M06.9", {"cause.rheumatoid-arthritis"}),
        ("N18.3", {"cause.kidney-disease"}),
        ("N19", {"cause.kidney-disease"}),
        ("Z99.2", {"cause.kidney-disease"}),
        ("J44.9", {"cause.copd"}),
        ("J43.9", {"cause.copd"}),
        ("F10.20", {"cause.alcohol"}),
        ("T51.0X1A", {"cause.alcohol"}),
        ("I10", {"cause.cardiovascular-disease"}),
        ("I83.90", {"cause.cardiovascular-disease"}),
        ("I12.9", {"cause.cardiovascular-disease", "cause.kidney-disease"}),
        ("M32.9", {"cause.autoimmune-disease"}),
        ("M35.0", {"cause.autoimmune-disease"}),
        ("K90.0", {"cause.autoimmune-disease"}),
        ("K50.90", {"cause.autoimmune-disease"}),
        ("L40.5", {"cause.autoimmune-disease"}),
        ("M45", {"cause.autoimmune-disease"}),
        ("G70.00", {"cause.autoimmune-disease"}),
        ("G35", {NEURO}),
        ("G40.909", {NEURO}),
        ("G21.11", {NEURO}),
        ("S34.1", {"cause.nerve-injury"}),
        ("S84.0", {"cause.nerve-injury"}),
        ("T91.3", {"cause.nerve-injury"}),
        ("G95.9", {"cause.nerve-injury"}),
        ("G62.1", {"cause.peripheral-neuropathy", "cause.alcohol"}),
        ("G61.0", {"cause.peripheral-neuropathy"}),
        ("G63.2", {"cause.peripheral-neuropathy", "cause.diabetes"}),
        ("G20", {"associated.parkinsons-disease"}),
        ("G20.A1", {"associated.parkinsons-disease"}),
        ("G25.0", {"associated.essential-tremor"}),
        ("F95.2", {"associated.tourette-syndrome"}),
        ("G10", {"associated.huntingtons-disease"}),
        ("G12.2", {"associated.als"}),
        ("G12.21", {"associated.als"}),
        ("G14", {"associated.post-polio-syndrome"}),
    ],
)
def test_it_maps_icd10_codes_and_subcodes(icd10, expected):
    assert set(match_condition("", icd10)) == expected


@pytest.mark.parametrize(
    "icd10",
    ["G25.81", "G25.8", "G2581", "G47.61", "G47.33", "G47.00", "M17.1", "F32.1", "R73.03"],
)
def test_it_never_reads_rls_plmd_sleep_disorders_or_unrelated_codes_as_causes(icd10):
    assert match_condition("", icd10) == []


# Problem-list shorthand reads as the words it stands for, and only completes a name.
SHORTHAND_NAMES = [
    ("EtOH abuse", {"cause.alcohol"}),
    ("ETOH dependence", {"cause.alcohol"}),
    ("Fe deficiency", {"cause.iron-deficiency"}),
    ("Iron def", {"cause.iron-deficiency"}),
    ("Fe def anemia", {"cause.anemia", "cause.iron-deficiency"}),
    ("B12 def", {"cause.hypovitaminosis"}),
    ("HFrEF", {"cause.cardiovascular-disease"}),
    ("EtOH", set()),  # drinking, not a disorder: shorthand only completes a name
    ("EtOH use", set()),
    ("Fe", set()),
    ("History of EtOH abuse", set()),
]
# Initials in brackets name the words before them, not a second condition.
INITIALS_IN_BRACKETS = [
    ("Mitral stenosis (MS)", {"cause.cardiovascular-disease"}),  # not multiple sclerosis
    ("Ankylosing spondylitis (AS)", {"cause.autoimmune-disease"}),
    ("Multiple sclerosis (MS)", {NEURO}),
    ("Mitral stenosis; MS", {"cause.cardiovascular-disease", NEURO}),  # two entries
    ("Mitral stenosis (MS) and diabetes", {"cause.cardiovascular-disease", "cause.diabetes"}),
    ("Hypertension (RA)", {"cause.cardiovascular-disease", "cause.rheumatoid-arthritis"}),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Type 2 diabetes mellitus", {"cause.diabetes"}),
        ("T2DM", {"cause.diabetes"}),
        ("DM2, insulin-requiring", {"cause.diabetes"}),
        ("Diabetes insipidus", {"cause.endocrine-disorder"}),
        ("Diabetic polyneuropathy", {"cause.diabetes", "cause.peripheral-neuropathy"}),
        ("Iron deficiency anaemia", {"cause.anemia", "cause.iron-deficiency"}),
        ("CKD stage 3b", {"cause.kidney-disease"}),
        ("ESRD on hemodialysis", {"cause.kidney-disease"}),
        ("COPD GOLD 2", {"cause.copd"}),
        ("MS, relapsing-remitting", {NEURO}),
        ("Hashimoto's thyroiditis", {"cause.endocrine-disorder", "cause.autoimmune-disease"}),
        ("Sjögren's syndrome", {"cause.autoimmune-disease"}),
        ("Coeliac disease", {"cause.autoimmune-disease"}),
        ("Rheumatoid arthritis, seropositive", {"cause.rheumatoid-arthritis"}),
        ("Hypertension", {"cause.cardiovascular-disease"}),
        ("Vitamin D deficiency", {"cause.hypovitaminosis"}),
        ("Alcohol use disorder", {"cause.alcohol"}),
        ("Spinal cord injury, T10", {"cause.nerve-injury"}),
        ("Parkinson's disease", {"associated.parkinsons-disease"}),
        ("ALS", {"associated.als"}),
        ("Post-polio syndrome", {"associated.post-polio-syndrome"}),
        ("Restless legs syndrome", set()),
        ("Periodic limb movement disorder", set()),
        ("Prediabetes", set()),
        *SHORTHAND_NAMES,
        *INITIALS_IN_BRACKETS,
    ],
)
def test_it_reads_names_and_abbreviations_when_there_is_no_code(name, expected):
    assert set(match_condition(name)) == expected


def test_it_lets_the_code_decide_over_an_ambiguous_name():
    # "MS" is mitral stenosis here, not multiple sclerosis.
    assert match_condition("MS", "I05.0") == ["cause.cardiovascular-disease"]


def test_it_judges_a_coded_condition_by_its_code_alone():
    assert match_condition("Diabetes on insulin", "Z79.4") == ["cause.diabetes"]  # implied
    assert match_condition("Diabetes, diet-controlled", "M17.1") == []


def test_it_reports_a_specific_associated_condition_not_also_as_neurological():
    assert codes(conditions(("Parkinson disease", "G20"))) >= {"associated.parkinsons-disease"}
    assert NEURO not in codes(conditions(("Parkinson disease", "G20")))


def test_it_ignores_resolved_conditions():
    record = conditions(("Iron deficiency anemia", "D50.9"), status=ConditionStatus.RESOLVED)

    assert codes(record) == {"gap.iron-studies", "gap.hemoglobin"}


def test_it_aggregates_two_conditions_of_one_family_and_names_what_matched():
    result = finding(conditions(("T2DM", ""), ("Type 1 diabetes", "E10.9")), "cause.diabetes")

    assert [e.matched for e in result.evidence] == ["t 2 dm", "ICD-10 E10.9"]
    assert result.title == "Diabetes"


@pytest.mark.parametrize(
    ("local", "name", "code"),
    [
        (
            LocalName("condition", "Zuckerkrankheit", "cause.diabetes"),
            "Zuckerkrankheit",
            "cause.diabetes",
        ),
        (
            LocalName("condition", "Shaky hands", "associated.essential-tremor"),
            "shaky-hands",
            "associated.essential-tremor",
        ),
    ],
)
def test_it_applies_local_condition_names(local, name, code):
    assert code not in match_condition(name)
    assert code in match_condition(name, local_names=(local,))
    assert code in codes(conditions((name, "")), (local,))


def test_it_ignores_a_local_condition_name_aimed_at_a_drug_code():
    local = LocalName("condition", "Odd thing", "drug.ssri")

    assert match_condition("Odd thing", local_names=(local,)) == []
