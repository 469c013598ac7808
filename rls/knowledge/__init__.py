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
