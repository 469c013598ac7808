"""The words the knowledge base knows, offered as a doctor types: drugs, conditions, ICD-10 codes.

Search-as-you-type reads these lists, so what the form suggests is exactly what the engine
recognises: picking a suggestion can never produce a line the engine does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from rls.knowledge import CODES, CONDITION_FAMILIES, DRUG_CLASSES, NOT_FLAGGED
from rls.match_conditions import expand_icd10
from rls.text import fold

TermKind = Literal["drug", "condition", "icd10"]
TERM_KINDS: tuple[TermKind, ...] = ("drug", "condition", "icd10")
NOT_FLAGGED_LABEL = "not known to aggravate RLS"


@dataclass(frozen=True, slots=True)
class Term:
    """A word to offer: what goes in the field, and what the list says about it."""

    text: str  # "sertraline", "Zoloft", "Diabetes", "E11"
    label: str  # "SSRI antidepressant", "sertraline (SSRI antidepressant)", "Diabetes"


def suggest_terms(kind: TermKind, typed: str, limit: int = 10) -> list[Term]:
    """Return up to `limit` terms of `kind` for what was typed: word starts first, then inside."""
    wanted = fold(typed.strip()).replace(".", "")
    if not wanted:
        return []
    terms = _terms(kind)
    starts = [t for t in terms if _folded(t).startswith(wanted)]
    inside = [t for t in terms if wanted in _folded(t) and t not in starts]
    words = [t for t in inside if f" {wanted}" in f" {_folded(t)}"]
    rest = [t for t in inside if t not in words]
    return (starts + words + rest)[:limit]


def _folded(term: Term) -> str:
    return fold(term.text).replace(".", "")


@cache
def _terms(kind: TermKind) -> tuple[Term, ...]:
    if kind == "drug":
        return _unique(_drug_terms())
    if kind == "condition":
        return _unique(_condition_terms())
    if kind == "icd10":
        return _unique(_icd10_terms())
    raise ValueError(f"unknown term kind {kind!r}: expected one of {TERM_KINDS}")


def _drug_terms() -> list[Term]:
    terms = []
    for drug_class in DRUG_CLASSES:
        for generic in drug_class.generics:
            terms.append(Term(generic.name, drug_class.label))
            terms += [Term(b, f"{generic.name} ({drug_class.label})") for b in generic.brands]
        terms += [Term(alt, "safer alternative") for alt in drug_class.alternatives]
    for generic in NOT_FLAGGED:
        terms.append(Term(generic.name, NOT_FLAGGED_LABEL))
        terms += [Term(b, f"{generic.name} ({NOT_FLAGGED_LABEL})") for b in generic.brands]
    return sorted(terms, key=lambda t: fold(t.text))


def _condition_terms() -> list[Term]:
    terms = []
    for family in CONDITION_FAMILIES:
        title = CODES[family.code].title
        terms.append(Term(title, f"ICD-10 {', '.join(family.icd10)}"))
        terms += [Term(name, title) for name in family.names if len(name) > 3]
    return sorted(terms, key=lambda t: fold(t.text))


def _icd10_terms() -> list[Term]:
    titles: dict[str, list[str]] = {}
    for family in CONDITION_FAMILIES:
        for spec in family.icd10:
            for code in expand_icd10(spec) if "-" in spec else (spec,):
                titles.setdefault(code, []).append(CODES[family.code].title)
    return [Term(code, " and ".join(titles[code])) for code in sorted(titles)]


def _unique(terms: list[Term]) -> tuple[Term, ...]:
    """Keep the first term of each text (case-insensitive): a list offers a word once."""
    seen: set[str] = set()
    kept = []
    for term in terms:
        key = fold(term.text)
        if key not in seen:
            seen.add(key)
            kept.append(term)
    return tuple(kept)
