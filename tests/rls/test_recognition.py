"""Unrecognised lines are said, not hidden: exact, approximate and not-recognised verdicts."""

from __future__ import annotations

import pytest

from rls import (
    APPROXIMATE,
    NOT_RECOGNISED,
    RECOGNISED,
    LocalName,
    findings_to_json,
    medication_verdicts,
    recognise_medication,
)
from rls.engine import flagged_codes
from rls.fuzzy import APPROXIMATE_SCORE, SUGGESTION_SCORE, Vocabulary
from rls.snapshot import Medication
from tests.rls.helpers import finding, snapshot

ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"


@pytest.mark.parametrize(
    "line",
    [
        "Reglan 10 mg",
        "Zofran 4 mg",  # an alternative: recognised, nothing to flag
        "Losartan 50 mg",  # an ingredient the tables list: recognised, nothing to flag
        "Реглан 10 мг",
        "Amitriptylin 25 mg",
        "Paracetamol 1 g",
    ],
)
def test_it_recognises_names_in_its_tables(line):
    verdict = recognise_medication(line)

    assert verdict.status == RECOGNISED
    assert verdict.checked


def test_it_recognises_a_line_by_a_known_atc_code_alone():
    assert recognise_medication("Our house mixture", "A03FA01").status == RECOGNISED


@pytest.mark.parametrize(
    ("line", "taken_as"),
    [
        ("metoclopramde 10 mg", "metoclopramide"),
        ("Amitriptylline 25 mg", "amitriptyline"),
        ("Dimedrl 50 mg", "Dimedrol (diphenhydramine)"),
    ],
)
def test_it_matches_a_near_miss_above_the_high_score_and_says_so(line, taken_as):
    verdict = recognise_medication(line)

    assert verdict.status == APPROXIMATE
    assert verdict.matched == (taken_as,)
    assert verdict.checked


def test_it_tells_the_finding_that_the_line_was_matched_approximately():
    result = finding(snapshot(medications=(Medication("metoclopramde 10 mg"),)), ANTIEMETIC)

    assert result.evidence[0].matched == (
        "metoclopramide (matched approximately from 'metoclopramde')"
    )


@pytest.mark.parametrize(
    ("line", "taken_as", "code"),
    [
        ("Trazadone 50 mg qhs", "trazodone", "drug.serotonergic-antidepressant"),
        ("Flouxetine 20 mg", "fluoxetine", "drug.ssri"),
        ("Sertralene 50 mg", "sertraline", "drug.ssri"),
        ("Benedryl 25 mg", "Benadryl (diphenhydramine)", "drug.sedating-antihistamine"),
        ("Amlodopine 5 mg", "amlodipine", "drug.calcium-channel-blocker"),
        ("Clonazapam 0.5 mg", "clonazepam", "caution.benzodiazepine"),
        ("Тразадон 50 мг", "Тразодон (trazodone)", "drug.serotonergic-antidepressant"),
    ],
)
def test_it_reads_a_slipped_vowel_in_a_drug_we_flag_as_that_drug_and_says_so(line, taken_as, code):
    verdict = recognise_medication(line)

    assert verdict.status == APPROXIMATE
    assert verdict.matched == (taken_as,)
    assert code in finding_codes(line)


def test_it_reads_a_vowel_slip_only_where_the_consonants_name_one_drug():
    vocabulary = Vocabulary(
        [("panadol", "Panadol (paracetamol)"), ("pindolol", "pindolol")], ["pindolol"]
    )

    assert vocabulary.approximate("pindalol") is None  # "pndl" is Panadol's too


def test_it_reads_a_vowel_slip_only_towards_the_closest_name():
    shown = [("trazodone", "trazodone"), ("trazadonexx", "Trazadonexx (other)")]
    vocabulary = Vocabulary(shown, ["trazodone"])

    # Two letters added to "trazadone" score 90, a slipped vowel 89: the closer name wins.
    assert vocabulary.approximate("trazadone") is None


def test_it_reads_no_vowel_slip_in_a_short_word_or_far_from_the_name():
    vocabulary = Vocabulary(
        [("xanax", "Xanax"), ("sertraline", "sertraline")], ["xanax", "sertraline"]
    )

    assert vocabulary.approximate("xenex") is None  # five letters
    assert vocabulary.approximate("soratoline") is None  # same consonants, scores under 80
    assert vocabulary.approximate("sertralene") == "sertraline"


@pytest.mark.parametrize(
    ("line", "first_suggestion"),
    [
        ("Xanac 1 mg", "Xanax (alprazolam)"),
        ("Реглн 10 мг", "Реглан (metoclopramide)"),  # a slip, but too short to be sure
        ("Prozak 20 mg", "Prozac (fluoxetine)"),
        ("Citalopran 20 mg", "citalopram"),  # a consonant changed: offered, not taken
        ("Metformen 500 mg", "metformin"),  # a vowel slip towards a drug we do not flag
        ("Zolpidam 5 mg", "zolpidem"),
    ],
)
def test_it_offers_the_closest_names_below_the_high_score_and_flags_nothing(line, first_suggestion):
    verdict = recognise_medication(line)

    assert verdict.status == NOT_RECOGNISED
    assert not verdict.checked
    assert verdict.suggestions[0] == first_suggestion
    assert not finding_codes(line)


def finding_codes(line: str) -> set[str]:
    return set(flagged_codes(line))


@pytest.mark.parametrize(
    "line",
    [
        "chlorpropamide 250 mg",  # a sulfonylurea, not chlorpromazine
        "hydroxyurea 500 mg",  # not hydroxyzine
        "Celebrex 200 mg",  # not Celexa
        "Methimazole 10 mg",  # an antithyroid drug the tables do not list: not metamizole
    ],
)
def test_it_never_takes_a_different_drug_of_similar_spelling_for_a_known_one(line):
    verdict = recognise_medication(line)

    assert verdict.status == NOT_RECOGNISED
    assert not finding_codes(line)


# What an RLS caseload takes most: iron, and the magnesium and vitamins the article advises.
RLS_CASELOAD_LINES = [
    "Iron 65 mg daily",  # was "not recognised", offered Piriton (chlorphenamine)
    "Ferrous sulfate 325 mg BID",
    "Ferrous sulphate 200 mg",
    "Ferrous fumarate 324 mg",
    "Slow Fe 142 mg",
    "Ferric maltol (Feraccru) 30 mg",
    "Venofer 200 mg IV",
    "Ferinject 1000 mg IV infusion",
    "Injectafer 750 mg",
    "Monofer 1 g",
    "Feraheme 510 mg",
    "Magnesium oxide 400 mg nightly",  # the article advises magnesium
    "Vitamin D3 2000 IU",
    "Vitamin B12 1000 mcg",
    "Vitamin C 500 mg with the iron",
    "Сорбифер Дурулес 1 таб",
    "Мальтофер 100 мг",
    "Венофер 200 мг в/в",
    "Магне B6 2 таб",
]


@pytest.mark.parametrize(
    "line",
    [
        "Metformin ER 500 mg BID",  # was "not recognised", offered metopimazine
        "Levothyroxine 75 mcg mane",
        "L-thyroxine 50 mcg",
        "Eliquis 5 mg BID",
        "Omeprazole 20 mg daily",
        "Albuterol HFA 2 puffs PRN",
        "Alendronate 70 mg weekly",
        "Dexamethasone 4 mg",  # was "not recognised", offered methadone
        "Hydroxychloroquine 200 mg BID",  # offered hydrochlorothiazide
        "Lipitor 20 mg",
        "Zolpidem 5 mg qhs",  # a Z-drug: not a benzodiazepine
        "Ambien 10 mg",
        "Имован 7,5 мг",
        "Amiodarone 200 mg daily",  # was offered Amidone (methadone)
        "Clonidine 0.1 mg BID",
        *RLS_CASELOAD_LINES,
    ],
)
def test_it_reads_common_unflagged_medicines_as_checked(line):
    verdict = recognise_medication(line)

    assert verdict.status == RECOGNISED
    assert not finding_codes(line)


def test_it_recognises_intravenous_iron_by_its_atc_group_alone():
    assert recognise_medication("Infusion as per protocol", "B03AC").status == RECOGNISED


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Ferrous sulfate 325 mg + doxylamine 25 mg", "drug.sedating-antihistamine"),
        ("Iron and metoclopramide", "drug.antiemetic-dopamine-antagonist"),
        ("Magnesium with caffeine", "drug.caffeine-containing"),
    ],
)
def test_it_still_flags_a_drug_named_beside_the_iron(line, code):
    assert code in finding_codes(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hydralazine 25 mg TID",  # was offered hydroxyzine, a sedating antihistamine
        "Famotidine 20 mg",  # was offered Amidone (methadone)
        "Digoxin 125 mcg",  # was offered doxepin
        "Doxycycline 100 mg",  # was offered doxylamine
    ],
)
def test_it_offers_no_different_drug_for_a_correctly_spelt_one_it_does_not_know(line):
    verdict = recognise_medication(line)

    assert verdict.status == NOT_RECOGNISED
    assert verdict.suggestions == ()


def test_it_gives_no_suggestions_for_a_line_with_no_name_in_it():
    verdict = recognise_medication("1 tab PO daily")

    assert verdict.status == NOT_RECOGNISED
    assert verdict.suggestions == ()


def test_it_offers_the_clinics_local_names_too():
    local = (LocalName("medication", "Nauseastop", "metoclopramide"),)

    assert recognise_medication("Nauseastop 10 mg", local_names=local).status == RECOGNISED
    assert recognise_medication("Nauseastopp", local_names=local).status == APPROXIMATE
    assert recognise_medication("Nauseastop 10 mg").status == NOT_RECOGNISED


def test_it_keeps_the_approximate_score_above_the_suggestion_score():
    assert 90 <= APPROXIMATE_SCORE <= 100
    assert SUGGESTION_SCORE < APPROXIMATE_SCORE


def test_it_puts_every_medication_rows_verdict_in_the_json_contract():
    record = snapshot(
        medications=(
            Medication("Reglan 10 mg", ref="medication:1"),
            Medication("Prozak 20 mg", ref="medication:2"),
        )
    )

    document = findings_to_json([], medication_verdicts(record))

    assert document["medications"] == [
        {
            "ref": "medication:1",
            "name": "Reglan 10 mg",
            "status": "recognised",
            "matched": [],
            "suggestions": [],
        },
        {
            "ref": "medication:2",
            "name": "Prozak 20 mg",
            "status": "not_recognised",
            "matched": [],
            "suggestions": ["Prozac (fluoxetine)"],
        },
    ]
    assert "medications" not in findings_to_json([])
