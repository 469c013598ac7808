"""The knowledge tables themselves: sources, unique names, valid local-name targets."""

from __future__ import annotations

from collections import defaultdict

import pytest

from rls.knowledge import (
    COMBINATIONS,
    CONDITION_FAMILIES,
    DRUG_CLASSES,
    NOT_FLAGGED,
    local_name_targets,
)
from rls.knowledge.lab_thresholds import LAB_LIMITS, OPERATORS
from rls.labs import ANALYTES
from rls.match_drugs import KNOWN_GENERICS
from rls.text import tokens


def test_it_cites_a_source_for_every_drug_class_and_lab_limit():
    for drug_class in DRUG_CLASSES:
        assert drug_class.source.startswith("Article:"), drug_class.code
    for limit in LAB_LIMITS:
        assert limit.source, limit.text
        assert limit.op in OPERATORS
        assert limit.analyte in ANALYTES


def test_it_gives_every_name_to_one_drug_only():
    owners = defaultdict(set)
    generics = [g for c in DRUG_CLASSES for g in c.generics] + list(NOT_FLAGGED)
    for generic in generics:
        for name in (generic.name, *generic.brands, *generic.synonyms):
            owners[tokens(name)].add(generic.name)
    for combination in COMBINATIONS:
        for name in combination.names:
            owners[tokens(name)].add("+".join(combination.ingredients))

    assert {name: who for name, who in owners.items() if len(who) > 1} == {}


def test_it_files_each_generic_in_one_class():
    seen = defaultdict(list)
    for drug_class in DRUG_CLASSES:
        for generic in drug_class.generics:
            seen[generic.name].append(drug_class.code)

    assert {name: classes for name, classes in seen.items() if len(classes) > 1} == {}


def test_it_builds_combinations_from_at_least_one_known_generic():
    for combination in COMBINATIONS:
        assert set(combination.ingredients) & KNOWN_GENERICS, combination.names


def test_it_offers_every_generic_and_drug_class_as_a_medication_target():
    values = {value for value, _label in local_name_targets("medication")}

    assert "metoclopramide" in values
    assert "pipofezine" in values
    assert {c.code for c in DRUG_CLASSES} <= values
    assert "ondansetron" not in values  # a local name for an alternative would trigger nothing
    assert not any(value.startswith(("cause.", "associated.")) for value in values)


def test_it_offers_every_condition_triggered_code_as_a_condition_target():
    values = [value for value, _label in local_name_targets("condition")]

    assert values == [family.code for family in CONDITION_FAMILIES]
    assert "cause.pregnancy" not in values  # pregnancy comes from the snapshot, not a condition
    assert "associated.als" in values


def test_it_refuses_an_unknown_local_name_kind():
    with pytest.raises(ValueError, match="unknown local name kind"):
        local_name_targets("lab")
