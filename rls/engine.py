"""The findings engine: a patient snapshot in, findings out, each citing its source.

Severity, in one paragraph. A finding is CRITICAL when a lab value is far across its limit
(hemoglobin more than 20 g/L below the patient's WHO 2024 cut-off, or ferritin below 30 µg/L:
iron stores exhausted) or when the patient takes a drug the article says "significantly
aggravates" RLS (a dopamine-antagonist antiemetic: metoclopramide, prochlorperazine ...). It is
a WARNING for every other secondary cause, aggravating drug and treatment caution, and INFO for
associated conditions, lifestyle, family history and data gaps. A finding with several pieces
of evidence takes the highest severity among them, with two caps: a finding resting only on
lab results older than the data-gap window (12 months) is INFO, whatever the values (the data
gap is the finding, not a two-year-old ferritin); and plain essential hypertension alone is
INFO unless the patient takes a calcium channel blocker or a diuretic.

Advice follows the facts: with iron overload (transferrin saturation ≥ 45 % or an overload
condition, IRLSSG 2018) no finding advises iron; a child's iron advice names the child's
threshold; a low vitamin adds the sentence saying which vitamin to replace.

Findings are sorted by severity, then by category (rls.knowledge.CATEGORY_ORDER), then by code;
there is one finding per code, its evidence listing every row that triggered it.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from rls.findings import (
    SEVERITY_RANK,
    Category,
    Evidence,
    Finding,
    Severity,
    build_evidence,
    build_finding,
)
from rls.followup import followup_signals
from rls.knowledge import CATEGORY_ORDER, CODES, CodeInfo
from rls.knowledge.codes import (
    ALPHA2DELTA_GENERICS,
    CHILD_IRON_ADVICE,
    NO_IRON_ADVICE,
    PREGNANCY_CAUTION_ADVICE,
)
from rls.knowledge.conditions import CHILDBEARING_AGES, PREGNANCY_ENTRY_DAYS
from rls.lab_rules import age_in_months, clear_lab_caches, lab_signals
from rls.match_conditions import PREGNANCY_ENTRY, ConditionMatcher, condition_matcher
from rls.match_drugs import DrugMatch, MedicationMatcher, Verdict, medication_matcher
from rls.pregnancy import trimester
from rls.signal import Signal
from rls.snapshot import (
    Condition,
    ConditionStatus,
    Habit,
    LocalName,
    MedicationStatus,
    Sex,
    Snapshot,
)

__all__ = [
    "DrugMatch",
    "MedicationVerdict",
    "clear_caches",
    "evaluate",
    "flagged_codes",
    "match_condition",
    "match_medication",
    "medication_is_flagged",
    "medication_verdicts",
    "recognise_medication",
]

_BASE_SEVERITY = {
    Category.SECONDARY_CAUSE: Severity.WARNING,
    Category.AGGRAVATING_DRUG: Severity.WARNING,
    Category.TREATMENT_CAUTION: Severity.WARNING,
    Category.ASSOCIATED_CONDITION: Severity.INFO,
    Category.LIFESTYLE: Severity.INFO,
    Category.HEREDITARY: Severity.INFO,
    Category.DATA_GAP: Severity.INFO,
}
# The article: dopamine-antagonist antiemetics "significantly aggravate the symptoms".
CRITICAL_DRUG_CLASSES = frozenset({"drug.antiemetic-dopamine-antagonist"})
# The antihypertensives the article says aggravate RLS: with one, hypertension is a warning.
AGGRAVATING_ANTIHYPERTENSIVES = frozenset({"drug.calcium-channel-blocker", "drug.diuretic"})
IRON_OVERLOAD = "caution.iron-overload"
CHILD_AGE = 18  # years: AASM 2024's paediatric iron threshold applies below it
# The matchers evaluations use, whose remembered lines clear_caches() forgets; held weakly, so
# a matcher every cache has dropped is not kept alive here.
_MATCHERS_USED: weakref.WeakSet[MedicationMatcher | ConditionMatcher] = weakref.WeakSet()


def evaluate(
    snapshot: Snapshot, local_names: Sequence[LocalName] = (), *, remember: bool = True
) -> list[Finding]:
    """Return the findings for a snapshot, most severe first, one per code (none after death).

    `remember=False`: for a refresh of many patients, which meets each row once. Remembering a
    row's signals then only costs its hashing, and leaves a hundred objects a patient alive for
    Python's cyclic collector to walk, again and again. Same findings either way.
    """
    if snapshot.date_of_death is not None and snapshot.as_of > snapshot.date_of_death:
        return []
    medications, conditions = _matchers(tuple(local_names))
    medication_signals = _remembered_medication if remember else _medication_signals
    condition_signals = _remembered_condition if remember else _condition_signals
    signals: list[Signal] = []
    # The row loops compare with locals: each enum member look-up is a descriptor call.
    active_medication, active_condition = MedicationStatus.ACTIVE, ConditionStatus.ACTIVE
    for medication in snapshot.medications:
        if medication.status == active_medication:
            signals.extend(
                medication_signals(medications, medication.name, medication.atc, medication.ref)
            )
    for condition in snapshot.conditions:
        if condition.status == active_condition:
            signals.extend(
                condition_signals(conditions, condition.name, condition.icd10, condition.ref)
            )
    age_months = age_in_months(snapshot.birth_date, snapshot.as_of)
    entry = None if snapshot.pregnancy else _pregnancy_entry(snapshot, conditions, age_months)
    signals.extend(
        lab_signals(
            snapshot, age_months, pregnant_week_unknown=entry is not None, remember=remember
        )
    )
    signals.extend(_patient_signals(snapshot))
    if entry is not None:
        signals.append(_pregnancy_entry_signal(entry))
    signals.extend(followup_signals(snapshot, signals))
    pregnant = snapshot.pregnancy is not None or entry is not None
    if pregnant:
        signals.extend(_alpha2delta_signals(snapshot, medications))
    child = age_months is not None and age_months < CHILD_AGE * 12
    return _findings(signals, child=child, pregnant=pregnant, remember=remember)


def clear_caches() -> None:
    """Forget remembered rows, lines and lab conversions (compiled matchers are kept)."""
    _remembered_medication.cache_clear()
    _remembered_condition.cache_clear()
    _remembered_finding.cache_clear()
    clear_lab_caches()
    for matcher in list(_MATCHERS_USED):
        matcher.clear_cache()


# Looking local names up hashes each LocalName in Python, so an evaluation does it once for
# both matchers: a clinic with many local names pays for every look-up.
@lru_cache(maxsize=64)
def _matchers(names: tuple[LocalName, ...]) -> tuple[MedicationMatcher, ConditionMatcher]:
    """Return the compiled medication and condition matchers for a clinic's local names."""
    matchers = medication_matcher(names), condition_matcher(names)
    _MATCHERS_USED.update(matchers)
    return matchers


def match_medication(
    line: str, atc: str = "", local_names: Sequence[LocalName] = ()
) -> list[DrugMatch]:
    """Return what a medication line would trigger, to warn before it is saved."""
    return list(medication_matcher(tuple(local_names)).match(line, atc))


def flagged_codes(line: str, atc: str = "", local_names: Sequence[LocalName] = ()) -> list[str]:
    """Return the aggravating-drug and treatment-caution codes a medication line triggers."""
    return sorted({m.class_code for m in match_medication(line, atc, local_names)})


def medication_is_flagged(line: str, atc: str = "", local_names: Sequence[LocalName] = ()) -> bool:
    """Return whether a medication line triggers any aggravating-drug or caution code."""
    return bool(match_medication(line, atc, local_names))


def recognise_medication(
    line: str, atc: str = "", local_names: Sequence[LocalName] = ()
) -> Verdict:
    """Return whether the knowledge base recognises a medication line, to say so on entry.

    "not_recognised" lines were not checked: their verdict offers the closest known names.
    """
    return medication_matcher(tuple(local_names)).verdict(line, atc)


@dataclass(frozen=True, slots=True)
class MedicationVerdict:
    """One medication row of a snapshot and whether the knowledge base recognised it."""

    ref: str
    name: str
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "name": self.name, **self.verdict.to_dict()}


def medication_verdicts(
    snapshot: Snapshot, local_names: Sequence[LocalName] = ()
) -> list[MedicationVerdict]:
    """Return a verdict for every medication row of the snapshot, in its order."""
    matcher = medication_matcher(tuple(local_names))
    return [
        MedicationVerdict(m.ref, m.name, matcher.verdict(m.name, m.atc))
        for m in snapshot.medications
    ]


def match_condition(name: str, icd10: str = "", local_names: Sequence[LocalName] = ()) -> list[str]:
    """Return the condition finding codes a condition (name and ICD-10 code) triggers."""
    return [m.code for m in condition_matcher(tuple(local_names)).match(name, icd10)]


def _findings(
    signals: list[Signal], *, child: bool, pregnant: bool, remember: bool
) -> list[Finding]:
    by_code: dict[str, list[Signal]] = {}
    for signal in signals:
        by_code.setdefault(signal.code, []).append(signal)
    advice = _advice_overrides(by_code, child)
    if pregnant:
        advice = {**advice, **PREGNANCY_CAUTION_ADVICE}
    warn_hypertension = not AGGRAVATING_ANTIHYPERTENSIVES.isdisjoint(by_code)
    finding = _remembered_finding if remember else _finding
    ranked = [
        finding(code, tuple(grouped), advice.get(code), warn_hypertension)
        for code, grouped in by_code.items()
    ]
    ranked.sort(key=itemgetter(0))
    return [finding for _, finding in ranked]


def _advice_overrides(by_code: dict[str, list[Signal]], child: bool) -> dict[str, str]:
    """Return the advice that replaces a code's own, given the rest of the record."""
    if IRON_OVERLOAD in by_code:
        return NO_IRON_ADVICE
    return {"cause.iron-deficiency": CHILD_IRON_ADVICE} if child else {}


def _finding(
    code: str, signals: tuple[Signal, ...], advice: str | None, warn_hypertension: bool
) -> tuple[tuple[int, int, str], Finding]:
    """Build one Finding from its signals, with the key it sorts by."""
    info, severity, severity_rank, category_rank = _STATIC[code]
    evidence: list[Evidence] = []
    drug_names: list[str] = []
    notes: list[str] = []
    capped = True  # every signal stale, or minor without an aggravating antihypertensive
    for signal in signals:
        evidence.append(signal.evidence)
        if signal.critical:
            severity, severity_rank = Severity.CRITICAL, _CRITICAL_RANK
        if signal.drug_names:
            drug_names.extend(n for n in signal.drug_names if n not in drug_names)
        if signal.note and signal.note not in notes:
            notes.append(signal.note)
        if capped and not (signal.stale or (signal.minor and not warn_hypertension)):
            capped = False
    if capped:
        severity, severity_rank = Severity.INFO, _INFO_RANK
    text = advice or info.advice
    if notes:
        text = " ".join([text, *notes])
    finding = build_finding(
        code,
        info.category,
        severity,
        _title(info, drug_names) if drug_names else info.title,
        tuple(evidence),
        text,
        info.alternatives,
        info.source,
    )
    return (severity_rank, category_rank, code), finding


# A record's signals repeat from one evaluation to the next (they come from remembered rows),
# so each code's Finding is remembered, keyed by exactly what builds it: its signals, the advice
# the rest of the record puts in place of its own, and whether hypertension is a warning.
_remembered_finding = lru_cache(maxsize=100_000)(_finding)


# Per code, looked up once: its text, base severity and the ranks findings sort by. (Plain
# strings and ints: enum members hash in Python, which shows in a hot loop.)
_STATIC = {
    code: (
        info,
        _BASE_SEVERITY[info.category],
        SEVERITY_RANK[_BASE_SEVERITY[info.category]],
        CATEGORY_ORDER[info.category],
    )
    for code, info in CODES.items()
}
_CRITICAL_RANK = SEVERITY_RANK[Severity.CRITICAL]
_INFO_RANK = SEVERITY_RANK[Severity.INFO]


def _title(info: CodeInfo, drug_names: list[str]) -> str:
    if info.category == Category.TREATMENT_CAUTION:
        return f"Treatment caution: {', '.join(drug_names)}"
    prefix = "Aggravating drugs" if len(drug_names) > 1 else "Aggravating drug"
    return f"{prefix}: {', '.join(drug_names)}"


def _medication_signals(
    matcher: MedicationMatcher, line: str, atc: str, ref: str
) -> tuple[Signal, ...]:
    by_class: dict[str, list[str]] = {}
    approximate: dict[str, str] = {}
    for match in matcher.match(line, atc):
        by_class.setdefault(match.class_code, []).append(match.name)
        if match.approximate_from:
            approximate[match.class_code] = match.approximate_from
    return tuple(
        Signal(
            class_code,
            build_evidence(
                kind="medication",
                text=line,
                ref=ref,
                matched=_matched_text(names, approximate.get(class_code, "")),
            ),
            class_code in CRITICAL_DRUG_CLASSES,
            tuple(names),
        )
        for class_code, names in by_class.items()
    )


# Rows repeat from one evaluation to the next (every page view re-evaluates the record), so
# each row's signals are remembered per matcher, keyed by the row's (already hashed) strings.
_remembered_medication = lru_cache(maxsize=100_000)(_medication_signals)


def _matched_text(names: list[str], approximate_from: str) -> str:
    text = ", ".join(names)
    return f"{text} (matched approximately from {approximate_from!r})" if approximate_from else text


def _condition_signals(
    matcher: ConditionMatcher, name: str, icd10: str, ref: str
) -> tuple[Signal, ...]:
    return tuple(
        Signal(
            match.code,
            build_evidence(kind="condition", text=name, ref=ref, matched=match.matched),
            minor=match.minor,
        )
        for match in matcher.match(name, icd10)
        if match.code != PREGNANCY_ENTRY
    )


_remembered_condition = lru_cache(maxsize=100_000)(_condition_signals)


def _pregnancy_entry(
    snapshot: Snapshot, matcher: ConditionMatcher, age_months: int | None
) -> Condition | None:
    """Return an active problem-list pregnancy that can be current, if there is one.

    It must have begun within 42 weeks, in a patient who is not male and, if her age is
    known, of childbearing age: an old entry left active does not make a 70-year-old pregnant.
    """
    if snapshot.sex == Sex.MALE:
        return None
    if age_months is not None and not (
        CHILDBEARING_AGES[0] * 12 <= age_months < CHILDBEARING_AGES[1] * 12
    ):
        return None
    for condition in snapshot.conditions:
        onset = condition.onset
        if (
            condition.status == ConditionStatus.ACTIVE
            and onset is not None
            and 0 <= (snapshot.as_of - onset).days <= PREGNANCY_ENTRY_DAYS
            and any(
                m.code == PREGNANCY_ENTRY for m in matcher.match(condition.name, condition.icd10)
            )
        ):
            return condition
    return None


def _alpha2delta_signals(snapshot: Snapshot, matcher: MedicationMatcher) -> list[Signal]:
    """Return a caution for each active α2δ ligand line: read only during a pregnancy."""
    signals = []
    for medication in snapshot.medications:
        if medication.status != MedicationStatus.ACTIVE:
            continue
        found = ALPHA2DELTA_GENERICS & set(matcher.generics(medication.name))
        if found:
            matched = ", ".join(sorted(found))
            evidence = Evidence("medication", medication.name, medication.ref, matched=matched)
            signals.append(Signal("caution.alpha2delta-in-pregnancy", evidence))
    return signals


def _pregnancy_entry_signal(entry: Condition) -> Signal:
    onset = entry.onset.isoformat() if entry.onset else "unknown"
    text = f"Pregnancy on the problem list: {entry.name} (since {onset}; week not recorded)"
    matched = f"ICD-10 {entry.icd10}" if entry.icd10 else "pregnancy"
    return Signal(
        "cause.pregnancy", Evidence(kind="condition", text=text, ref=entry.ref, matched=matched)
    )


def _patient_signals(snapshot: Snapshot) -> list[Signal]:
    signals = [_HABIT_SIGNALS[habit] for habit in sorted(snapshot.habits)]
    if snapshot.pregnancy is not None:
        signals.append(_pregnancy_signal(snapshot.pregnancy.gestational_week))
    if snapshot.family_history_rls:
        signals.append(_FAMILY_HISTORY_SIGNAL)
    return signals


@lru_cache(maxsize=64)
def _pregnancy_signal(week: int) -> Signal:
    text = f"Pregnant, gestational week {week} (trimester {trimester(week)})"
    return Signal("cause.pregnancy", Evidence(kind="patient", text=text))


_HABIT_SIGNALS = {
    Habit.CAFFEINE: Signal("lifestyle.caffeine", Evidence("patient", "Caffeine intake recorded")),
    Habit.ALCOHOL: Signal("lifestyle.alcohol", Evidence("patient", "Alcohol use recorded")),
    Habit.SMOKING: Signal("lifestyle.smoking", Evidence("patient", "Smoking recorded")),
}
_FAMILY_HISTORY_SIGNAL = Signal(
    "hereditary.family-history", Evidence("patient", "RLS in close relatives")
)
