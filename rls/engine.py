"""The findings engine: a patient snapshot in, findings out, each citing its source.

Severity, in one paragraph. A finding is CRITICAL when a lab value is far across its limit
(hemoglobin more than 20 g/L below the patient's WHO 2024 cut-off, or ferritin below 30 µg/L:
iron stores exhausted) or when the patient takes a drug the article says "significantly
aggravates" RLS (a dopamine-antagonist antiemetic: metoclopramide, prochlorperazine ...). It is
a WARNING for every other secondary cause, aggravating drug and treatment caution, and INFO for
associated conditions, lifestyle, family history and data gaps. A finding with several pieces
of evidence takes the highest severity among them.

Findings are sorted by severity, then by category (rls.knowledge.CATEGORY_ORDER), then by code;
there is one finding per code, its evidence listing every row that triggered it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from rls.findings import SEVERITY_RANK, Category, Evidence, Finding, Severity
from rls.followup import followup_signals
from rls.knowledge import CATEGORY_ORDER, CODES, CodeInfo
from rls.lab_rules import clear_lab_caches, lab_signals
from rls.match_conditions import ConditionMatcher, condition_matcher
from rls.match_drugs import DrugMatch, MedicationMatcher, medication_matcher
from rls.pregnancy import trimester
from rls.signal import Signal
from rls.snapshot import (
    ConditionStatus,
    Habit,
    LocalName,
    MedicationStatus,
    Snapshot,
)

__all__ = [
    "DrugMatch",
    "clear_caches",
    "evaluate",
    "flagged_codes",
    "match_condition",
    "match_medication",
    "medication_is_flagged",
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
_LOCAL_NAMES_SEEN: set[tuple[LocalName, ...]] = set()  # whose matchers clear_caches() empties


def evaluate(snapshot: Snapshot, local_names: Sequence[LocalName] = ()) -> list[Finding]:
    """Return the findings for a snapshot, most severe first, one per code (none after death)."""
    if snapshot.date_of_death is not None and snapshot.as_of > snapshot.date_of_death:
        return []
    names = tuple(local_names)
    _LOCAL_NAMES_SEEN.add(names)
    signals: list[Signal] = []
    medications = medication_matcher(names)
    for medication in snapshot.medications:
        if medication.status == MedicationStatus.ACTIVE:
            signals.extend(
                _medication_signals(medications, medication.name, medication.atc, medication.ref)
            )
    conditions = condition_matcher(names)
    for condition in snapshot.conditions:
        if condition.status == ConditionStatus.ACTIVE:
            signals.extend(
                _condition_signals(conditions, condition.name, condition.icd10, condition.ref)
            )
    signals.extend(lab_signals(snapshot))
    signals.extend(_patient_signals(snapshot))
    signals.extend(followup_signals(snapshot, signals))
    return _findings(signals)


def clear_caches() -> None:
    """Forget remembered rows, lines and lab conversions (compiled matchers are kept)."""
    _medication_signals.cache_clear()
    _condition_signals.cache_clear()
    clear_lab_caches()
    for names in _LOCAL_NAMES_SEEN:
        medication_matcher(names).clear_cache()
        condition_matcher(names).clear_cache()


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


def match_condition(name: str, icd10: str = "", local_names: Sequence[LocalName] = ()) -> list[str]:
    """Return the condition finding codes a condition (name and ICD-10 code) triggers."""
    return [m.code for m in condition_matcher(tuple(local_names)).match(name, icd10)]


def _findings(signals: list[Signal]) -> list[Finding]:
    by_code: dict[str, list[Signal]] = {}
    for signal in signals:
        by_code.setdefault(signal.code, []).append(signal)
    ranked = [_finding(code, grouped) for code, grouped in by_code.items()]
    ranked.sort(key=itemgetter(0))
    return [finding for _, finding in ranked]


def _finding(code: str, signals: list[Signal]) -> tuple[tuple[int, int, str], Finding]:
    """Build one Finding from its signals, with the key it sorts by."""
    info, severity, severity_rank, category_rank = _STATIC[code]
    evidence: list[Evidence] = []
    drug_names: list[str] = []
    for signal in signals:
        evidence.append(signal.evidence)
        if signal.critical:
            severity, severity_rank = Severity.CRITICAL, _CRITICAL_RANK
        if signal.drug_names:
            drug_names.extend(n for n in signal.drug_names if n not in drug_names)
    finding = Finding(
        code,
        info.category,
        severity,
        _title(info, drug_names) if drug_names else info.title,
        tuple(evidence),
        info.advice,
        info.alternatives,
        info.source,
    )
    return (severity_rank, category_rank, code), finding


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


def _title(info: CodeInfo, drug_names: list[str]) -> str:
    if info.category == Category.TREATMENT_CAUTION:
        return f"Treatment caution: {', '.join(drug_names)}"
    prefix = "Aggravating drugs" if len(drug_names) > 1 else "Aggravating drug"
    return f"{prefix}: {', '.join(drug_names)}"


# Rows repeat from one evaluation to the next (every page view re-evaluates the record), so
# each row's signals are remembered per matcher, keyed by the row's (already hashed) strings.
@lru_cache(maxsize=100_000)
def _medication_signals(
    matcher: MedicationMatcher, line: str, atc: str, ref: str
) -> tuple[Signal, ...]:
    by_class: dict[str, list[str]] = {}
    for match in matcher.match(line, atc):
        by_class.setdefault(match.class_code, []).append(match.name)
    return tuple(
        Signal(
            class_code,
            Evidence(kind="medication", text=line, ref=ref, matched=", ".join(names)),
            class_code in CRITICAL_DRUG_CLASSES,
            tuple(names),
        )
        for class_code, names in by_class.items()
    )


@lru_cache(maxsize=100_000)
def _condition_signals(
    matcher: ConditionMatcher, name: str, icd10: str, ref: str
) -> tuple[Signal, ...]:
    return tuple(
        Signal(match.code, Evidence(kind="condition", text=name, ref=ref, matched=match.matched))
        for match in matcher.match(name, icd10)
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
