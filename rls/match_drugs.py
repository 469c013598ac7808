"""Recognise the generics and drug classes in a medication line and its ATC code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rls.findings import Category
from rls.knowledge import COMBINATIONS, DRUG_CLASSES, NOT_FLAGGED, DrugClass
from rls.phrases import PhraseIndex, Targets
from rls.snapshot import LocalName
from rls.text import normalize_code, tokens

GENERIC, CLASS, NEGATE = "generic", "class", "negate"
LINE_CACHE_SIZE = 50_000  # lines remembered per matcher; cleared when full


@dataclass(frozen=True, slots=True)
class DrugMatch:
    """A generic (or a whole class) recognised in a medication line, and what it triggers."""

    generic: str  # "" when only the class is known: an ATC group, a local name for a class
    class_code: str  # the finding code, e.g. "drug.antiemetic-dopamine-antagonist"
    class_label: str
    category: Category
    alternatives: tuple[str, ...]
    matched_text: str  # the words (folded) or "ATC <code>" that were recognised

    @property
    def name(self) -> str:
        """Return the generic, or the class label when no generic is known."""
        return self.generic or self.class_label


CLASSES: dict[str, DrugClass] = {c.code: c for c in DRUG_CLASSES}
GENERIC_CLASSES: dict[str, tuple[str, ...]] = {}
for _class in DRUG_CLASSES:
    for _generic in _class.generics:
        GENERIC_CLASSES[_generic.name] = (*GENERIC_CLASSES.get(_generic.name, ()), _class.code)
KNOWN_GENERICS = frozenset(GENERIC_CLASSES) | {g.name for g in NOT_FLAGGED}


def _generics(*names: str) -> Targets:
    return frozenset((GENERIC, name) for name in names)


def _base_entries() -> list[tuple[str, Targets]]:
    entries: list[tuple[str, Targets]] = []
    for generic in (*(g for c in DRUG_CLASSES for g in c.generics), *NOT_FLAGGED):
        for name in (generic.name, *generic.brands, *generic.synonyms):
            entries.append((name, _generics(generic.name)))
    for combination in COMBINATIONS:
        entries.extend((name, _generics(*combination.ingredients)) for name in combination.names)
    for drug_class in DRUG_CLASSES:
        negation = frozenset({(NEGATE, drug_class.code)})
        entries.extend((phrase, negation) for phrase in drug_class.negations)
    return entries


def _base_atc() -> tuple[dict[str, Targets], dict[str, tuple[str, ...]]]:
    exact: dict[str, Targets] = {}
    for generic in (*(g for c in DRUG_CLASSES for g in c.generics), *NOT_FLAGGED):
        for code in generic.atc:
            exact[code] = exact.get(code, frozenset()) | _generics(generic.name)
    for combination in COMBINATIONS:
        for code in combination.atc:
            exact[code] = exact.get(code, frozenset()) | _generics(*combination.ingredients)
    groups: dict[str, tuple[str, ...]] = {}
    for drug_class in DRUG_CLASSES:
        for group in drug_class.atc_groups:
            groups[group] = (*groups.get(group, ()), drug_class.code)
    return exact, groups


_BASE_INDEX = PhraseIndex(_base_entries())
_ATC_EXACT, _ATC_GROUPS = _base_atc()


class MedicationMatcher:
    """The knowledge base's drug names plus one clinic's local names, compiled for look-ups."""

    def __init__(self, local_names: tuple[LocalName, ...] = ()) -> None:
        self.index = _BASE_INDEX.copy() if local_names else _BASE_INDEX
        # Clinics write the same lines for many patients, and pages re-evaluate records.
        self._cache: dict[tuple[str, str], tuple[DrugMatch, ...]] = {}
        for local in local_names:
            target = _local_target(local)
            if local.kind == "medication" and target:
                self.index.add(tokens(local.name), target)

    def match(self, line: str, atc: str = "") -> tuple[DrugMatch, ...]:
        """Return the flagged generics and classes in a line, each (generic, class) once."""
        key = (line, atc)
        matches = self._cache.get(key)
        if matches is None:
            if len(self._cache) >= LINE_CACHE_SIZE:
                self._cache.clear()
            matches = self._cache[key] = self._match(line, atc)
        return matches

    def clear_cache(self) -> None:
        """Forget remembered lines."""
        self._cache.clear()

    def _match(self, line: str, atc: str) -> tuple[DrugMatch, ...]:
        found: dict[tuple[str, str], DrugMatch] = {}
        negated: set[str] = set()
        for targets, phrase in self.index.scan(tokens(line)):
            _collect(targets, " ".join(phrase), found, negated)
        if atc:
            _collect(_atc_targets(normalize_code(atc)), f"ATC {atc.strip()}", found, negated)
        with_generic = {m.class_code for m in found.values() if m.generic}
        return tuple(
            m
            for m in found.values()
            if m.class_code not in negated and (m.generic or m.class_code not in with_generic)
        )


def _local_target(local: LocalName) -> Targets:
    if local.target in CLASSES:
        return frozenset({(CLASS, local.target)})
    if local.target in KNOWN_GENERICS:
        return _generics(local.target)
    return frozenset()  # an unknown target (e.g. renamed upstream) is ignored, not guessed


def _atc_targets(code: str) -> Targets:
    if code in _ATC_EXACT:  # a generic's own code wins over its group (N05AB04 prochlorperazine)
        return _ATC_EXACT[code]
    return frozenset(
        (CLASS, class_code)
        for size in range(1, len(code) + 1)
        for class_code in _ATC_GROUPS.get(code[:size], ())
    )


def _collect(
    targets: Targets, text: str, found: dict[tuple[str, str], DrugMatch], negated: set[str]
) -> None:
    for kind, value in sorted(targets):  # sorted: the same line always reads the same way
        if kind == NEGATE:
            negated.add(value)
        elif kind == CLASS:
            found.setdefault(("", value), _drug_match("", value, text))
        else:
            for class_code in GENERIC_CLASSES.get(value, ()):
                found.setdefault((value, class_code), _drug_match(value, class_code, text))


def _drug_match(generic: str, class_code: str, text: str) -> DrugMatch:
    drug_class = CLASSES[class_code]
    return DrugMatch(
        generic, class_code, drug_class.label, drug_class.category, drug_class.alternatives, text
    )


@lru_cache(maxsize=64)
def medication_matcher(local_names: tuple[LocalName, ...] = ()) -> MedicationMatcher:
    """Return the compiled matcher for this set of local names (cached: LocalName is hashable)."""
    return MedicationMatcher(local_names)
