"""Conditions the patient does not have, codes that decide, ranges that do not sweep too wide."""

from __future__ import annotations

import pytest

from rls.engine import match_condition

DIABETES = "cause.diabetes"


@pytest.mark.parametrize(
    "icd10",
    [
        "Z83.3",  # family history of diabetes mellitus
        "Z82.0",  # family history of epilepsy
        "Z80.0",
        "Z84.1",
        "Z86.73",  # personal history of TIA
        "Z87.891",
        "Z13.1",  # screening for diabetes
        "Z13.0",
        "Z11.3",
        "Z03.8",  # observation for suspected disease, ruled out
        "Z15.0",
        "Z14.1",  # cystic fibrosis carrier
        "Z22.5",
        "Z91.81",
        "R76.8",  # positive antibody, no disease
        "R73.03",  # prediabetes
        "R80.9",
        "R03.0",  # raised blood pressure reading without hypertension
    ],
)
def test_it_never_raises_a_cause_from_history_screening_or_finding_codes(icd10):
    assert match_condition("Diabetes mellitus type 2; hypertension; anaemia", icd10) == []


@pytest.mark.parametrize(
    ("icd10", "expected"),
    [
        ("Z99.2", {"cause.kidney-disease"}),  # dialysis now: a Z code the patient has
        ("Z79.4", {DIABETES}),  # long-term insulin: implies diabetes
        ("E11.9", {DIABETES}),
    ],
)
def test_it_still_reads_z_codes_that_describe_the_present(icd10, expected):
    assert set(match_condition("", icd10)) == expected


# A cue alone in its clause is said of the clause just before it (the comma once hid it).
LONE_CUES = [
    "Hypothyroidism, resolved",  # raised endocrine: the comma had ended the clause
    "Hypothyroidism, resolved 2019",
    "Anaemia (ruled out)",
    "Diabetes - excluded",
    "Lupus, suspected",
    "Анемия, исключена",
]
# What a lone cue leaves alone: the other clauses, and words that are not cues ("resolving").
BEYOND_A_LONE_CUE = [
    ("Hypothyroidism, resolving", {"cause.endocrine-disorder"}),  # not a cue: still present
    ("Hypothyroidism, on levothyroxine", {"cause.endocrine-disorder"}),
    ("Diabetes, anaemia ruled out", {DIABETES}),  # the cue has its own condition
    ("Diabetes, negative for neuropathy", {DIABETES}),
    ("Hypothyroidism, resolved; diabetes", {DIABETES}),
    ("Diabetes, hypertension, resolved", {DIABETES}),  # only the clause just before
]


@pytest.mark.parametrize(
    "name",
    [
        "History of diabetes",
        "Hx of iron deficiency anaemia",
        "h/o DVT",
        "PMH: stroke",
        "Family history of diabetes",
        "FH Parkinson's disease",
        "Mother: rheumatoid arthritis",
        "Screening for diabetes",
        "Diabetes screening",
        "Rule out multiple sclerosis",
        "R/O anaemia",
        "Anaemia ruled out",
        "No diabetes",
        "Denies COPD",
        "Negative for coeliac disease",
        "Pre-diabetes",
        "Pre diabetic",
        "Borderline diabetes",
        "Risk of diabetes",
        "At risk for CKD",
        "Suspected lupus",
        "Sickle cell trait",
        "Thalassaemia minor",
        "Acute kidney injury",
        "AKI stage 2",
        "Acute renal failure, resolved",
        "Ocular hypertension",
        "Idiopathic intracranial hypertension",
        "Portal hypertension",
        "White coat hypertension",
        "Optic neuropathy",
        "Ischaemic optic neuropathy",
        "Hypermobility syndrome",
        "Drug-induced akathisia",
        "Resolved iron deficiency",
        *LONE_CUES,
    ],
)
def test_it_raises_nothing_for_entries_the_patient_does_not_have(name):
    assert match_condition(name) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Diabetes; no neuropathy", {DIABETES}),
        ("Type 2 diabetes without complications", {DIABETES}),
        ("Anaemia, not iron deficiency", {"cause.anemia"}),
        ("Hypertension; family history of diabetes", {"cause.cardiovascular-disease"}),
        ("Pre-existing diabetes", {DIABETES}),
        ("Non-insulin-dependent diabetes", {DIABETES}),
        ("Acute on chronic renal failure", {"cause.kidney-disease"}),
        ("Pulmonary hypertension", {"cause.cardiovascular-disease"}),
        ("Diabetic peripheral neuropathy", {DIABETES, "cause.peripheral-neuropathy"}),
        ("Alcoholic liver disease", {"cause.alcohol"}),
        ("Alcoholic polyneuropathy", {"cause.alcohol", "cause.peripheral-neuropathy"}),
        ("Haemochromatosis", {"caution.iron-overload"}),
        *BEYOND_A_LONE_CUE,
    ],
)
def test_it_still_raises_what_the_patient_has_next_to_a_cue(name, expected):
    assert set(match_condition(name)) == expected


@pytest.mark.parametrize(
    ("name", "icd10"),
    [
        ("Hypertensive retinopathy", "H35.0"),
        ("Ocular hypertension", "H40.0"),
        ("Optic neuropathy", "H47.0"),
        ("Neuropathy of the eye, hypertension", "H47.0"),
    ],
)
def test_it_never_carries_a_name_across_chapters_when_coded(name, icd10):
    assert match_condition(name, icd10) == []


@pytest.mark.parametrize(
    ("icd10", "code", "fires"),
    [
        ("D56.3", "cause.anemia", False),  # thalassaemia trait: a carrier
        ("D56.1", "cause.anemia", True),  # beta thalassaemia: anaemia
        ("D57.3", "cause.anemia", False),  # sickle-cell trait
        ("D57.1", "cause.anemia", True),  # sickle-cell disease
        ("N17.9", "cause.kidney-disease", False),  # acute kidney injury
        ("N18.4", "cause.kidney-disease", True),
        ("M35.7", "cause.autoimmune-disease", False),  # hypermobility syndrome
        ("M35.3", "cause.autoimmune-disease", True),  # polymyalgia rheumatica
        ("G25.71", "cause.neurological-disorder", False),  # drug-induced akathisia
        ("G25.3", "cause.neurological-disorder", True),  # myoclonus
        ("T51.1X1A", "cause.alcohol", False),  # methanol
        ("T51.0X1A", "cause.alcohol", True),  # ethanol
        ("K70.30", "cause.alcohol", True),  # alcoholic cirrhosis implies alcohol
        ("K74.60", "cause.alcohol", False),  # cirrhosis, unspecified
        ("G63.2", DIABETES, True),  # diabetic polyneuropathy implies diabetes
        ("G63.3", DIABETES, False),
        ("E83.110", "caution.iron-overload", True),  # hereditary haemochromatosis
        ("E61.1", "caution.iron-overload", False),  # iron deficiency
    ],
)
def test_it_keeps_the_icd10_ranges_to_what_the_article_means(icd10, code, fires):
    assert (code in match_condition("", icd10)) is fires
