"""SNOMED CT concepts file conditions under the ICD-10 codes the condition families match."""

import pytest

from rls import SNOMED_BY_CONCEPT, match_condition
from rls.knowledge import CONDITION_FAMILIES
from rls.knowledge.sources import SOURCES


def _families(concept: str) -> set[str]:
    mapped = SNOMED_BY_CONCEPT[concept]
    return set(match_condition("", icd10=mapped.icd10))


def test_it_maps_a_concept_to_every_condition_family_the_engine_knows():
    reached = {code for concept in SNOMED_BY_CONCEPT for code in _families(concept)}

    # Post-polio syndrome has no concept here yet: an EHR's display text still names it.
    unmapped = {"associated.post-polio-syndrome"}

    assert {f.code for f in CONDITION_FAMILIES} - unmapped <= reached


@pytest.mark.parametrize(
    ("concept", "families"),
    [
        ("44054006", {"cause.diabetes"}),
        ("433144002", {"cause.kidney-disease"}),
        ("127013003", {"cause.diabetes", "cause.kidney-disease"}),
        ("87522002", {"cause.anemia", "cause.iron-deficiency"}),
        ("21983002", {"cause.endocrine-disorder", "cause.autoimmune-disease"}),
        ("49049000", {"associated.parkinsons-disease"}),
    ],
)
def test_it_files_a_concept_under_its_families(concept, families):
    assert _families(concept) == families


def test_it_keeps_prediabetes_out_of_diabetes():
    assert _families("15777000") == set()


def test_it_cites_a_source_the_catalogue_lists():
    labels = {s.label for s in SOURCES}

    assert {c.source for c in SNOMED_BY_CONCEPT.values()} <= labels
