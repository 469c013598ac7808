"""Recognise the condition families in a condition's ICD-10 code or, failing that, its name.

The code decides whenever there is one: names and abbreviations are ambiguous ("MS" is
multiple sclerosis or mitral stenosis; an eye code named "ocular hypertension" is not
cardiovascular), codes are not, and a name never carries a condition across chapters. The name
(and the clinic's local names) is read only when there is no code. History, family history,
screening, "rule out", "no …" and "pre-…" entries raise nothing (rls.knowledge.conditions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rls.knowledge import CODES, CONDITION_FAMILIES
from rls.knowledge.conditions import (
    IMPLIED_CAUSES,
    NOT_HAD_AFTER,
    NOT_HAD_BEFORE,
    NOT_HAD_ICD10,
    NOT_HAD_NEXT,
    PREGNANCY_ICD10,
    PREGNANCY_NAMES,
    SHORTHAND,
)
from rls.knowledge.names_world import (
    CYRILLIC_CONDITIONS,
    CYRILLIC_MINOR_CONDITIONS,
    CYRILLIC_NOT_HAD_AFTER,
    CYRILLIC_NOT_HAD_BEFORE,
)
from rls.phrases import PhraseIndex, Targets
from rls.snapshot import LocalName
from rls.text import normalize_code, tokens

LINE_CACHE_SIZE = 50_000  # conditions remembered per matcher; cleared when full
_ICD10 = re.compile(r"^[A-Z][0-9]{2}[0-9A-Z]{0,5}$")
_RANGE = re.compile(r"^([A-Z])([0-9]{2})-([A-Z])([0-9]{2})$")
# Clauses: "Diabetes; no neuropathy" is two statements, and the "no" belongs to the second.
_CLAUSES = re.compile(r"[;,()\[\]]|\s-\s")
# A bracketed aside that may be the initials of the words before it: "Mitral stenosis (MS)".
_ASIDE = re.compile(r"\(([^()]*)\)")
FAMILY, MINOR, CUE = "family", "minor", "cue"
# Not a finding code: a problem-list pregnancy, which the engine reads only if it can be current.
PREGNANCY_ENTRY = "pregnancy-entry"
BEFORE, AFTER, NEXT, NOTHING = "before", "after", "next", "nothing"


@dataclass(frozen=True, slots=True)
class ConditionMatch:
    code: str  # the finding code, e.g. "cause.diabetes"
    matched: str  # "ICD-10 E11.9", or the words (folded) that named it
    minor: bool = False  # the family's mildest member (plain essential hypertension)


def expand_icd10(spec: str) -> tuple[str, ...]:
    """Expand "E08-E14" to its 3-character categories and fold "E11.4" to "E114"."""
    found = _RANGE.match(spec)
    if not found:
        return (normalize_code(spec),)
    letter, start, end_letter, end = found.groups()
    if letter != end_letter:
        raise ValueError(f"ICD-10 range {spec!r} spans chapters")
    return tuple(f"{letter}{n:02d}" for n in range(int(start), int(end) + 1))


def _prefix_index(specs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    index: dict[str, frozenset[str]] = {}
    for spec, code in specs:
        for prefix in expand_icd10(spec):
            index[prefix] = index.get(prefix, frozenset()) | {code}
    return index


_INCLUDES = _prefix_index(
    [(spec, f.code) for f in CONDITION_FAMILIES for spec in f.icd10]
    + [(implied.icd10, implied.code) for implied in IMPLIED_CAUSES]
    + [(spec, PREGNANCY_ENTRY) for spec in PREGNANCY_ICD10]
)
_EXCLUDES = _prefix_index([(spec, f.code) for f in CONDITION_FAMILIES for spec in f.excludes])
_MINOR = _prefix_index([(spec, f.code) for f in CONDITION_FAMILIES for spec in f.minor_icd10])
_NOT_HAD = frozenset(p for spec in NOT_HAD_ICD10 for p in expand_icd10(spec))


def _name_entries() -> list[tuple[str, Targets]]:
    entries: list[tuple[str, Targets]] = []
    for family in CONDITION_FAMILIES:
        entries += [(name, frozenset({(FAMILY, family.code)})) for name in family.names]
        entries += [(name, frozenset({(MINOR, family.code)})) for name in family.minor_names]
        entries += [(name, frozenset({(CUE, NOTHING)})) for name in family.look_alikes]
    entries += [(name, frozenset({(FAMILY, PREGNANCY_ENTRY)})) for name in PREGNANCY_NAMES]
    for table, kind in ((CYRILLIC_CONDITIONS, FAMILY), (CYRILLIC_MINOR_CONDITIONS, MINOR)):
        for code, names in table.items():
            entries += [(name, frozenset({(kind, code)})) for name in names]
    cue_lists = (
        (NOT_HAD_BEFORE + CYRILLIC_NOT_HAD_BEFORE, BEFORE),
        (NOT_HAD_AFTER + CYRILLIC_NOT_HAD_AFTER, AFTER),
        (NOT_HAD_NEXT, NEXT),
    )
    for cues, kind in cue_lists:
        entries += [(cue, frozenset({(CUE, kind)})) for cue in cues]
    return entries


_BASE_INDEX = PhraseIndex(_name_entries())


def icd10_families(code: str) -> frozenset[str]:
    """Return the family codes an ICD-10 code triggers: included by a prefix, not excluded."""
    if _not_had(code):
        return frozenset()
    included: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    for size in range(1, len(code) + 1):
        prefix = code[:size]
        included |= _INCLUDES.get(prefix, frozenset())
        excluded |= _EXCLUDES.get(prefix, frozenset())
    return included - excluded


def _not_had(code: str) -> bool:
    return code[:1] in _NOT_HAD or code[:3] in _NOT_HAD


def _minor_families(code: str) -> frozenset[str]:
    return frozenset().union(*(_MINOR.get(code[:size], ()) for size in range(1, len(code) + 1)))


class ConditionMatcher:
    """The knowledge base's condition names plus one clinic's local names, compiled."""

    def __init__(self, local_names: tuple[LocalName, ...] = ()) -> None:
        self.index = _BASE_INDEX.copy() if local_names else _BASE_INDEX
        self._cache: dict[tuple[str, str], tuple[ConditionMatch, ...]] = {}
        for local in local_names:
            if local.kind == "condition" and local.target in _FAMILY_CODES:
                self.index.add(tokens(local.name), frozenset({(FAMILY, local.target)}))

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
            minor = _minor_families(code)
            matched = f"ICD-10 {icd10.strip()}"
            return tuple(
                ConditionMatch(f, matched, f in minor) for f in sorted(icd10_families(code))
            )
        by_clause: list[list[ConditionMatch]] = []
        for clause in _CLAUSES.split(_ASIDE.sub(_unless_initials, name)):
            toks = tuple(SHORTHAND.get(token, token) for token in tokens(clause))
            if not toks:
                continue
            if by_clause and self._only_puts_back(toks):
                by_clause[-1] = []  # "Hypothyroidism, resolved": the clause before is not current
            else:
                by_clause.append(self._clause_matches(toks))
        found: dict[str, ConditionMatch] = {}
        for match in (m for matches in by_clause for m in matches):
            current = found.get(match.code)
            if current is None or (current.minor and not match.minor):
                found[match.code] = match
        return tuple(found[f] for f in sorted(found))

    def _only_puts_back(self, toks: tuple[str, ...]) -> bool:
        """Whether a clause is only a cue that follows its condition ("resolved", "ruled out")."""
        scanned = self.index.scan_at(toks)
        kinds = {(kind, value) for _, targets, _ in scanned for kind, value in targets}
        return (CUE, AFTER) in kinds and all(kind == CUE for kind, _ in kinds)

    def _clause_matches(self, toks: tuple[str, ...]) -> list[ConditionMatch]:
        """Return the families a clause names that the patient has, in order."""
        matches: list[ConditionMatch] = []
        negate_rest = False
        negated_at = -1  # the token position a "pre-" or "borderline" qualifies
        for start, targets, phrase in self.index.scan_at(toks):
            cues = {value for kind, value in targets if kind == CUE}
            if AFTER in cues:
                matches.clear()
            if cues & {BEFORE, AFTER}:
                negate_rest = negate_rest or BEFORE in cues
                continue
            if NEXT in cues:
                negated_at = start + len(phrase)
            if cues:
                continue
            if not negate_rest and start != negated_at:
                text = " ".join(phrase)
                matches += [
                    ConditionMatch(family, text, kind == MINOR)
                    for kind, family in sorted(targets)
                    if kind in (FAMILY, MINOR)
                ]
        return matches


def _unless_initials(aside: re.Match[str]) -> str:
    """Drop an aside that spells the initials of the words before it: it names nothing new.

    "Mitral stenosis (MS)" is one valve disease, not also multiple sclerosis.
    """
    words = tokens(aside.group(1))
    initials = words[0] if len(words) == 1 and len(words[0]) >= 2 else ""
    before = tokens(aside.string[: aside.start()])
    spelt = "".join(word[0] for word in before[-len(initials) :]) if initials else ""
    return " " if initials and spelt == initials else aside.group(0)


_FAMILY_CODES = frozenset(f.code for f in CONDITION_FAMILIES) & frozenset(CODES)


@lru_cache(maxsize=64)
def condition_matcher(local_names: tuple[LocalName, ...] = ()) -> ConditionMatcher:
    """Return the compiled matcher for this set of local names (cached: LocalName is hashable)."""
    return ConditionMatcher(local_names)
