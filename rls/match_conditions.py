"""Recognise the condition families in a condition's ICD-10 code or, failing that, its name.

The code decides when it names a family: names and abbreviations are ambiguous ("MS" is
multiple sclerosis or mitral stenosis), codes are not. The name (and the clinic's local names)
is read when there is no code, or when the code names no family (Z79.4, R73.03, G25.81).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rls.knowledge import CODES, CONDITION_FAMILIES
from rls.phrases import PhraseIndex
from rls.snapshot import LocalName
from rls.text import normalize_code, tokens

LINE_CACHE_SIZE = 50_000  # conditions remembered per matcher; cleared when full
_ICD10 = re.compile(r"^[A-Z][0-9]{2}[0-9A-Z]{0,5}$")
_RANGE = re.compile(r"^([A-Z])([0-9]{2})-([A-Z])([0-9]{2})$")


@dataclass(frozen=True, slots=True)
class ConditionMatch:
    code: str  # the finding code, e.g. "cause.diabetes"
    matched: str  # "ICD-10 E11.9", or the words (folded) that named it


def expand_icd10(spec: str) -> tuple[str, ...]:
    """Expand "E08-E14" to its 3-character categories and fold "E11.4" to "E114"."""
    found = _RANGE.match(spec)
    if not found:
        return (normalize_code(spec),)
    letter, start, end_letter, end = found.groups()
    if letter != end_letter:
        raise ValueError(f"ICD-10 range {spec!r} spans chapters")
    return tuple(f"{letter}{n:02d}" for n in range(int(start), int(end) + 1))


def _prefix_index(attribute: str) -> dict[str, frozenset[str]]:
    index: dict[str, frozenset[str]] = {}
    for family in CONDITION_FAMILIES:
        for spec in getattr(family, attribute):
            for prefix in expand_icd10(spec):
                index[prefix] = index.get(prefix, frozenset()) | {family.code}
    return index


_INCLUDES = _prefix_index("icd10")
_EXCLUDES = _prefix_index("excludes")
_BASE_INDEX = PhraseIndex(
    (name, frozenset({("code", family.code)}))
    for family in CONDITION_FAMILIES
    for name in family.names
)


def icd10_families(code: str) -> frozenset[str]:
    """Return the family codes an ICD-10 code triggers: included by a prefix, not excluded."""
    included: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    for size in range(1, len(code) + 1):
        prefix = code[:size]
        included |= _INCLUDES.get(prefix, frozenset())
        excluded |= _EXCLUDES.get(prefix, frozenset())
    return included - excluded


class ConditionMatcher:
    """The knowledge base's condition names plus one clinic's local names, compiled."""

    def __init__(self, local_names: tuple[LocalName, ...] = ()) -> None:
        self.index = _BASE_INDEX.copy() if local_names else _BASE_INDEX
        self._cache: dict[tuple[str, str], tuple[ConditionMatch, ...]] = {}
        for local in local_names:
            if local.kind == "condition" and local.target in _FAMILY_CODES:
                self.index.add(tokens(local.name), frozenset({("code", local.target)}))

    def match(self, name: str, icd10: str = "") -> tuple[ConditionMatch, ...]:
        """Return the condition families this condition triggers, each once, sorted by code."""
        key = (name, icd10)
        matches = self._cache.get(key)
        if matches is None:
            if len(self._cache) >= LINE_CACHE_SIZE:
                self._cache.clear()
            matches = self._cache[key] = self._match(name, icd10)
        return matches

    def clear_cache(self) -> None:
        """Forget remembered lines."""
        self._cache.clear()

    def _match(self, name: str, icd10: str) -> tuple[ConditionMatch, ...]:
        code = normalize_code(icd10)
        if _ICD10.match(code):
            families = icd10_families(code)
            if families:
                return tuple(ConditionMatch(f, f"ICD-10 {icd10.strip()}") for f in sorted(families))
        found: dict[str, ConditionMatch] = {}
        for targets, phrase in self.index.scan(tokens(name)):
            for _, family in sorted(targets):
                found.setdefault(family, ConditionMatch(family, " ".join(phrase)))
        return tuple(found[f] for f in sorted(found))


_FAMILY_CODES = frozenset(f.code for f in CONDITION_FAMILIES) & frozenset(CODES)


@lru_cache(maxsize=64)
def condition_matcher(local_names: tuple[LocalName, ...] = ()) -> ConditionMatcher:
    """Return the compiled matcher for this set of local names (cached: LocalName is hashable)."""
    return ConditionMatcher(local_names)
