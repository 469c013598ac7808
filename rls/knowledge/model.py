"""The shapes of the knowledge tables: drug classes, combination products, condition families."""

from __future__ import annotations

from dataclasses import dataclass

from rls.findings import Category


@dataclass(frozen=True, slots=True)
class Generic:
    """One medicine by its international name, with the other names a record may use."""

    name: str  # the INN (or the usual English generic), lower case
    atc: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()  # US, EU and Russian-market brands, the article's spellings
    synonyms: tuple[str, ...] = ()  # USAN/BAN spellings and abbreviations ("HCTZ", "frusemide")


def generic(
    name: str, atc: str | tuple[str, ...] = (), *brands: str, aka: tuple[str, ...] = ()
) -> Generic:
    """Build a Generic row tersely: name, ATC code(s), brand names..., aka=(synonyms)."""
    codes = (atc,) if isinstance(atc, str) else atc
    return Generic(name, tuple(c for c in codes if c), brands, aka)


@dataclass(frozen=True, slots=True)
class DrugClass:
    """A class of medicines that triggers one finding code."""

    code: str  # "drug.ssri", "caution.opioid"
    category: Category
    label: str  # "SSRI antidepressant"
    generics: tuple[Generic, ...]
    advice: str
    source: str
    alternatives: tuple[str, ...] = ()
    # ATC groups every member of which belongs to the class; a specific generic's own ATC
    # code is matched first, so a group never catches an alternative filed under it.
    atc_groups: tuple[str, ...] = ()
    # Words that make a line a member of the class without naming a generic ("tincture").
    markers: tuple[str, ...] = ()
    # Words that, anywhere in the line, cancel the class ("alcohol-free", "iodine").
    negations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Combination:
    """A product sold under one name that contains several generics; each ingredient counts."""

    names: tuple[str, ...]  # brand names and British "co-" names
    ingredients: tuple[str, ...]  # generic names; those no class lists are simply not flagged
    atc: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConditionFamily:
    """ICD-10 codes and everyday names that trigger one condition finding code."""

    code: str  # "cause.diabetes"
    icd10: tuple[str, ...]  # category prefixes ("E11", "E11.4") or ranges ("E08-E14")
    names: tuple[str, ...] = ()  # names and abbreviations, matched as whole words
    excludes: tuple[str, ...] = ()  # prefixes under `icd10` that belong elsewhere
    note: str = ""  # why the codes go beyond the article's words, where they do
    # Look-alike names that are not this family and must not read as it ("acute kidney
    # injury" is not chronic kidney disease): matched first, longest wins, and trigger nothing.
    look_alikes: tuple[str, ...] = ()
    # Codes and names of the family's mildest member, reported as information only
    # (plain essential hypertension) unless the engine finds a reason to warn.
    minor_icd10: tuple[str, ...] = ()
    minor_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImpliedCause:
    """An ICD-10 code outside a family's ranges whose very title names the family's cause.

    "Alcoholic polyneuropathy" (G62.1) implies alcohol; "long-term use of insulin" (Z79.4)
    implies diabetes. Each row cites the classification whose title says so.
    """

    icd10: str  # a category prefix, e.g. "K70" or "G62.1"
    code: str  # the finding code it implies, e.g. "cause.alcohol"
    title: str  # the code's title, which is the reason
    source: str
