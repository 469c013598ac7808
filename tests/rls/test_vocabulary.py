"""Search-as-you-type offers exactly the words the engine recognises."""

from __future__ import annotations

import pytest

from rls import TERM_KINDS, match_condition, match_medication, suggest_terms


def texts(kind, typed):
    return [t.text for t in suggest_terms(kind, typed)]


def test_it_offers_generics_and_brands_by_their_start():
    assert "sertraline" in texts("drug", "sert")
    assert texts("drug", "Zolo")[0] == "Zoloft"
    assert "Reglan" in texts("drug", "regl")


def test_it_puts_word_starts_before_matches_inside_a_word():
    found = texts("drug", "reg")

    assert found.index("Reglan") < found.index("pregabalin")


def test_it_offers_condition_families_and_their_everyday_names():
    assert texts("condition", "kidn")[0] == "Kidney disease"
    assert "iron deficiency anemia" in texts("condition", "anem")


@pytest.mark.parametrize(("typed", "first"), [("n18", "N18"), ("D5", "D50"), ("E11.", "E11")])
def test_it_offers_icd10_codes_with_the_family_they_name(typed, first):
    terms = suggest_terms("icd10", typed)

    assert terms[0].text == first
    assert terms[0].label


def test_it_names_every_family_a_shared_code_belongs_to():
    d50 = next(t for t in suggest_terms("icd10", "D50") if t.text == "D50")

    assert d50.label == "Anemia and Iron deficiency"


def test_every_offered_drug_is_one_the_engine_knows_or_clears():
    for term in suggest_terms("drug", "a", limit=10_000):
        if term.label != "safer alternative" and "not known to aggravate" not in term.label:
            assert match_medication(term.text), term


def test_every_offered_code_is_one_the_engine_recognises():
    for term in suggest_terms("icd10", "", limit=10) + suggest_terms("icd10", "e", limit=500):
        assert match_condition("", term.text), term


@pytest.mark.parametrize("typed", ["", "   ", "zzzz-nothing"])
def test_it_offers_nothing_for_nothing_known(typed):
    for kind in TERM_KINDS:
        assert suggest_terms(kind, typed) == []


def test_it_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown term kind"):
        suggest_terms("allergy", "pen")  # type: ignore[arg-type]
