"""Recognise the generics and drug classes in a medication line and its ATC code."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rls.findings import Category
from rls.fuzzy import Vocabulary
from rls.knowledge import COMBINATIONS, DRUG_CLASSES, NOT_FLAGGED, DrugClass
from rls.knowledge.drug_text import DOSAGE_FORMS, NOTE_CUES, NOTE_MARKERS
from rls.knowledge.names_world import (
    ATC_COMBINATION_OFFSETS,
    OLDER_NAMES,
    OTC_COMBINATIONS,
    RUSSIAN_COMBINATIONS,
    RUSSIAN_NAMES,
)
from rls.phrases import PhraseIndex, Targets
from rls.snapshot import LocalName
from rls.text import normalize_code, tokens

GENERIC, CLASS, NEGATE, FORM = "generic", "class", "negate", "form"
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
    approximate_from: str = ""  # the misspelt words, when the line was matched approximately

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
ALL_COMBINATIONS = COMBINATIONS + RUSSIAN_COMBINATIONS + OTC_COMBINATIONS
# A parenthesis or bracket: read only when it is not a note ("(low Hct)", "(instead of Reglan)").
_ASIDE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


def _generics(*names: str) -> Targets:
    return frozenset((GENERIC, name) for name in names)


def generic_names() -> dict[str, str]:
    """Return every name of a single generic in the tables (folded) -> the generic."""
    names: dict[str, str] = {}
    for generic in (*(g for c in DRUG_CLASSES for g in c.generics), *NOT_FLAGGED):
        for name in (generic.name, *generic.brands, *generic.synonyms):
            names[" ".join(tokens(name))] = generic.name
    for table in (RUSSIAN_NAMES, OLDER_NAMES):
        for generic_name, spellings in table.items():
            for name in spellings:
                names[" ".join(tokens(name))] = generic_name
    for generic_name in list(names.values()):
        for variant in inn_variants(generic_name):
            names.setdefault(variant, generic_name)  # never over another drug's own name
    return names


def inn_variants(name: str) -> set[str]:
    """Return national spellings of an INN: final -e dropped, f for ph, t for th."""
    if " " in name:
        return set()
    spellings = {name, name[:-1]} if name.endswith("e") else {name}
    spellings |= {s.replace("ph", "f").replace("th", "t") for s in spellings}
    return {s for s in spellings if len(s) >= 6} - {name}


def _base_entries() -> list[tuple[str, Targets]]:
    names = generic_names()
    entries: list[tuple[str, Targets]] = [
        (name, _generics(generic)) for name, generic in names.items()
    ]
    for combination in ALL_COMBINATIONS:
        entries.extend((name, _generics(*combination.ingredients)) for name in combination.names)
        # An ingredient no class lists (losartan, naproxen) is known, and known not to flag.
        entries.extend((i, _generics(i)) for i in combination.ingredients if i not in names)
    for drug_class in DRUG_CLASSES:
        negation = frozenset({(NEGATE, drug_class.code)})
        entries.extend((phrase, negation) for phrase in drug_class.negations)
    entries.extend((form, frozenset({(FORM, "")})) for form in DOSAGE_FORMS)
    return entries


def _base_atc() -> tuple[dict[str, Targets], dict[str, tuple[str, ...]]]:
    exact: dict[str, Targets] = {}
    for generic in (*(g for c in DRUG_CLASSES for g in c.generics), *NOT_FLAGGED):
        for code in generic.atc:
            exact[code] = exact.get(code, frozenset()) | _generics(generic.name)
    for combination in ALL_COMBINATIONS:
        for code in combination.atc:
            exact[code] = exact.get(code, frozenset()) | _generics(*combination.ingredients)
    groups: dict[str, tuple[str, ...]] = {}
    for drug_class in DRUG_CLASSES:
        for group in drug_class.atc_groups:
            groups[group] = (*groups.get(group, ()), drug_class.code)
    return exact, groups


def _shown_names() -> list[tuple[str, str]]:
    """Return (folded name, how to show it) for every name a suggestion may offer."""
    shown = [(variant, generic) for generic in KNOWN_GENERICS for variant in inn_variants(generic)]
    for generic in (*(g for c in DRUG_CLASSES for g in c.generics), *NOT_FLAGGED):
        shown.append((generic.name, generic.name))
        for name in (*generic.brands, *generic.synonyms):
            shown.append((" ".join(tokens(name)), f"{name} ({generic.name})"))
    for table in (RUSSIAN_NAMES, OLDER_NAMES):
        for generic_name, names in table.items():
            shown += [
                (" ".join(tokens(name)), f"{name[:1].upper()}{name[1:]} ({generic_name})")
                for name in names
            ]
    for combination in ALL_COMBINATIONS:
        ingredients = " + ".join(combination.ingredients)
        shown += [(" ".join(tokens(n)), f"{n} ({ingredients})") for n in combination.names]
        shown += [(" ".join(tokens(i)), i) for i in combination.ingredients]
    return shown


def _flagged_words(index: PhraseIndex) -> frozenset[str]:
    """Return the one-word names of drugs we flag: the only names a vowel slip is read as."""
    return frozenset(
        word
        for word, targets in index.words.items()
        if any(
            kind == CLASS or (kind == GENERIC and value in GENERIC_CLASSES)
            for kind, value in targets
        )
    )


_BASE_INDEX = PhraseIndex(_base_entries())
_BASE_SHOWN = _shown_names()
_FLAGGED_WORDS = _flagged_words(_BASE_INDEX)
_BASE_VOCABULARY = Vocabulary(_BASE_SHOWN, _FLAGGED_WORDS)
_ATC_EXACT, _ATC_GROUPS = _base_atc()


class MedicationMatcher:
    """The knowledge base's drug names plus one clinic's local names, compiled for look-ups."""

    def __init__(self, local_names: tuple[LocalName, ...] = ()) -> None:
        self.index = _BASE_INDEX.copy() if local_names else _BASE_INDEX
        shown = list(_BASE_SHOWN)
        # Clinics write the same lines for many patients, and pages re-evaluate records.
        self._cache: dict[tuple[str, str], LineReading] = {}
        for local in local_names:
            target = _local_target(local)
            if local.kind == "medication" and target:
                self.index.add(tokens(local.name), target)
                shown.append((" ".join(tokens(local.name)), f"{local.name} ({local.target})"))
        self.vocabulary = Vocabulary(shown, _FLAGGED_WORDS) if local_names else _BASE_VOCABULARY

    def match(self, line: str, atc: str = "") -> tuple[DrugMatch, ...]:
        """Return the flagged generics and classes in a line, each (generic, class) once."""
        return self.read(line, atc).matches

    def generics(self, line: str) -> tuple[str, ...]:
        """Return every generic the tables name in a line's head, flagged or not."""
        found = self.index.scan(head_tokens(line))
        return tuple(
            sorted({value for targets, _ in found for kind, value in targets if kind == GENERIC})
        )

    def verdict(self, line: str, atc: str = "") -> Verdict:
        """Return whether the tables recognise the line: exactly, approximately, or not."""
        return self.read(line, atc).verdict

    def read(self, line: str, atc: str = "") -> LineReading:
        """Return what a line triggers and whether it was recognised (remembered per line)."""
        key = (line, atc)
        reading = self._cache.get(key)
        if reading is None:
            if len(self._cache) >= LINE_CACHE_SIZE:
                self._cache.clear()
            reading = self._cache[key] = self._read(line, atc)
        return reading

    def clear_cache(self) -> None:
        """Forget remembered lines and words."""
        self._cache.clear()
        self.vocabulary.clear_cache()

    def _read(self, line: str, atc: str) -> LineReading:
        head = head_tokens(line)
        found = self.index.scan(head)
        atc_targets = _atc_targets(normalize_code(atc)) if atc else frozenset()
        if _names_a_drug(found) or atc_targets:
            return LineReading(self._matches(found, atc, atc_targets), Verdict(RECOGNISED))
        near = {word: self.vocabulary.approximate(word) for word in head}
        near_misses = {word: name for word, name in near.items() if name}
        if near_misses:
            corrected = tuple(near_misses.get(word, word) for word in head)
            found = self.index.scan(tuple(" ".join(corrected).split()))
            misspelt = ", ".join(near_misses)
            matches = tuple(
                replace(m, approximate_from=misspelt) for m in self._matches(found, "", frozenset())
            )
            shown = tuple(self.vocabulary.shown[name] for name in near_misses.values())
            return LineReading(matches, Verdict(APPROXIMATE, matched=shown))
        suggestions = self.vocabulary.suggestions(head)
        return LineReading((), Verdict(NOT_RECOGNISED, suggestions=suggestions))

    def _matches(
        self, found: list[tuple[Targets, tuple[str, ...]]], atc: str, atc_targets: Targets
    ) -> tuple[DrugMatch, ...]:
        matches: dict[tuple[str, str], DrugMatch] = {}
        negated: set[str] = set()
        for targets, phrase in found:
            _collect(targets, " ".join(phrase), matches, negated)
        if atc_targets:
            _collect(atc_targets, f"ATC {atc.strip()}", matches, negated)
        with_generic = {m.class_code for m in matches.values() if m.generic}
        return tuple(
            m
            for m in matches.values()
            if m.class_code not in negated and (m.generic or m.class_code not in with_generic)
        )


RECOGNISED, APPROXIMATE, NOT_RECOGNISED = "recognised", "approximate", "not_recognised"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the knowledge base recognised a medication line, so it could be checked."""

    status: str  # RECOGNISED, APPROXIMATE (a near miss taken as the name) or NOT_RECOGNISED
    matched: tuple[str, ...] = ()  # APPROXIMATE: the known names the line was taken as
    suggestions: tuple[str, ...] = ()  # NOT_RECOGNISED: the closest known names, best first

    @property
    def checked(self) -> bool:
        """Return whether the line was checked against the knowledge base at all."""
        return self.status != NOT_RECOGNISED

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "matched": list(self.matched),
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True, slots=True)
class LineReading:
    matches: tuple[DrugMatch, ...]
    verdict: Verdict


def _names_a_drug(found: list[tuple[Targets, tuple[str, ...]]]) -> bool:
    return any(kind in (GENERIC, CLASS) for targets, _ in found for kind, _ in targets)


def head_tokens(line: str) -> tuple[str, ...]:
    """Return the tokens that say what the line's drug is: not its notes or indication.

    An aside in brackets that is a note ("(low Hct)", "(instead of Reglan)") is dropped, one
    that names an ingredient ("(ondansetron)") is kept, and the line ends at the first word
    that starts an indication or a note ("for alcohol withdrawal", "instead of Reglan").
    """
    toks = tokens(_ASIDE.sub(_aside, line))
    for i in range(len(toks)):
        if toks[i] in NOTE_CUES or toks[i : i + 2] in NOTE_CUES:
            return toks[:i]
    return toks


def _aside(found: re.Match[str]) -> str:
    words = tokens(found.group(1) or found.group(2) or "")
    is_note = any(w in NOTE_MARKERS or w in NOTE_CUES for w in words) or any(
        words[i : i + 2] in NOTE_CUES for i in range(len(words))
    )
    return " " if is_note else f" {found.group(1) or found.group(2)} "


def _local_target(local: LocalName) -> Targets:
    if local.target in CLASSES:
        return frozenset({(CLASS, local.target)})
    if local.target in KNOWN_GENERICS:
        return _generics(local.target)
    return frozenset()  # an unknown target (e.g. renamed upstream) is ignored, not guessed


def _atc_targets(code: str) -> Targets:
    if code in _ATC_EXACT:  # a generic's own code wins over its group (N05AB04 prochlorperazine)
        return _ATC_EXACT[code]
    single = _combination_ingredient(code)
    if single:
        return single
    return frozenset(
        (CLASS, class_code)
        for size in range(1, len(code) + 1)
        for class_code in _ATC_GROUPS.get(code[:size], ())
    )


def _combination_ingredient(code: str) -> Targets:
    """Return the generic a WHO combination code contains: R06AA52 holds R06AA02's."""
    if len(code) != 7 or not code[5:].isdigit():
        return frozenset()
    number = int(code[5:])
    for offset in ATC_COMBINATION_OFFSETS:
        if offset < number < offset + 20:
            single = _ATC_EXACT.get(f"{code[:5]}{number - offset:02d}")
            if single:
                return single
    return frozenset()


def _collect(
    targets: Targets, text: str, found: dict[tuple[str, str], DrugMatch], negated: set[str]
) -> None:
    for kind, value in sorted(targets):  # sorted: the same line always reads the same way
        if kind == FORM:
            continue
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
