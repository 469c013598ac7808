"""The RLS knowledge base as data: drug classes, condition families, lab limits, finding codes."""

from __future__ import annotations

from rls.findings import Category
from rls.knowledge.codes import NON_DRUG_CODES, CodeInfo
from rls.knowledge.conditions import CONDITION_FAMILIES
from rls.knowledge.drugs_cautions import CAUTION_CLASSES
from rls.knowledge.drugs_combinations import COMBINATIONS, NOT_FLAGGED
from rls.knowledge.drugs_general import GENERAL_CLASSES
from rls.knowledge.drugs_psychiatric import PSYCHIATRIC_CLASSES
from rls.knowledge.model import Combination, ConditionFamily, DrugClass, Generic
from rls.text import tokens

__all__ = [
    "CATEGORY_ORDER",
    "CODES",
    "COMBINATIONS",
    "CONDITION_FAMILIES",
    "DRUG_CLASSES",
    "NOT_FLAGGED",
    "CodeInfo",
    "Combination",
    "ConditionFamily",
    "DrugClass",
    "Generic",
    "local_name_targets",
    "protected_drug",
]

# The order the finding catalogue lists the categories in; findings of equal severity sort by it.
CATEGORY_ORDER: dict[Category, int] = {
    Category.SECONDARY_CAUSE: 0,
    Category.ASSOCIATED_CONDITION: 1,
    Category.AGGRAVATING_DRUG: 2,
    Category.TREATMENT_CAUTION: 3,
    Category.LIFESTYLE: 4,
    Category.HEREDITARY: 5,
    Category.DATA_GAP: 6,
}

DRUG_CLASSES: tuple[DrugClass, ...] = GENERAL_CLASSES + PSYCHIATRIC_CLASSES + CAUTION_CLASSES


def _drug_code_info(drug_class: DrugClass) -> CodeInfo:
    return CodeInfo(
        drug_class.code,
        drug_class.category,
        drug_class.label,
        drug_class.advice,
        drug_class.source,
        drug_class.alternatives,
    )


# Every finding code the engine can emit, with its category, title, advice and source.
CODES: dict[str, CodeInfo] = {
    info.code: info for info in (*NON_DRUG_CODES, *map(_drug_code_info, DRUG_CLASSES))
}


def local_name_targets(kind: str) -> list[tuple[str, str]]:
    """Return the (value, label) choices a LocalName of this kind may target."""
    if kind == "medication":
        classes = [(c.code, f"Any {c.label} ({c.code})") for c in DRUG_CLASSES]
        generics = sorted(
            (g.name, f"{g.name} ({c.label})") for c in DRUG_CLASSES for g in c.generics
        )
        return classes + generics
    if kind == "condition":
        return [(f.code, f"{CODES[f.code].title} ({f.code})") for f in CONDITION_FAMILIES]
    raise ValueError(f"unknown local name kind {kind!r}: expected 'medication' or 'condition'")


def _protected_names() -> dict[tuple[str, ...], str]:
    """Map each name of an RLS treatment or a recommended alternative to what it is."""
    by_name = {g.name: g for c in DRUG_CLASSES for g in c.generics} | {
        g.name: g for g in NOT_FLAGGED
    }
    roles: dict[str, str] = {}
    for drug_class in DRUG_CLASSES:
        for name in drug_class.alternatives:
            roles.setdefault(name, f"a safer alternative to {drug_class.label}")
    for drug_class in DRUG_CLASSES:
        if drug_class.category == Category.TREATMENT_CAUTION:
            for treatment in (*(g.name for g in drug_class.generics), *drug_class.alternatives):
                roles[treatment] = "an RLS treatment"
    protected: dict[tuple[str, ...], str] = {}
    for generic_name, role in roles.items():
        generic = by_name.get(generic_name, Generic(generic_name))
        for spelling in (generic.name, *generic.brands, *generic.synonyms):
            protected[tokens(spelling)] = f"{generic.name}, {role}"
    return protected


_PROTECTED = _protected_names()


def protected_drug(name: str) -> str | None:
    """Return what the knowledge base knows `name` as, if it is an RLS treatment or a safer
    alternative (a local name must not silently turn it into something else), else None."""
    return _PROTECTED.get(tokens(name))
