"""Lab findings: the latest result of each analyte against its limit, and missing lab work."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from operator import attrgetter

from rls.findings import Evidence, build_evidence
from rls.knowledge.lab_thresholds import (
    HEMOGLOBIN_BY_AGE,
    HEMOGLOBIN_BY_TRIMESTER,
    HEMOGLOBIN_MEN,
    HEMOGLOBIN_PREGNANCY_WEEK_UNKNOWN,
    HEMOGLOBIN_SEX_UNRECORDED,
    HEMOGLOBIN_SOURCE,
    HEMOGLOBIN_WOMEN,
    LAB_LIMITS,
    HemoglobinCutoff,
    LabLimit,
)
from rls.labs import ANALYTES, Unit
from rls.pregnancy import trimester
from rls.signal import Signal
from rls.snapshot import LabResult, Sex, Snapshot
from rls.text import day_text

# Severity: how far across a limit makes a lab finding critical (see rls.engine).
CRITICAL_HEMOGLOBIN_DEFICIT = 20.0  # g/L below the patient's WHO 2024 cut-off
CRITICAL_FERRITIN = 30.0  # µg/L: stores exhausted, whatever the RLS-specific target
GAP_MONTHS = 12  # AASM 2024: iron studies for every patient with clinically significant RLS
_ADULT_MONTHS = 180  # WHO 2024 adult cut-offs from 15 years


def clear_lab_caches() -> None:
    """Forget remembered conversions and lab signals."""
    _canonical.cache_clear()
    _remembered_limit.cache_clear()
    _remembered_hemoglobin.cache_clear()
    _gap_text.cache_clear()


def lab_signals(
    snapshot: Snapshot,
    age_months: int | None,
    *,
    pregnant_week_unknown: bool = False,
    remember: bool = True,
) -> list[Signal]:
    """Return the lab evidence for findings: limits crossed by latest results, and gaps.

    `age_months`: the patient's age on as_of (age_in_months), None when not known.
    `pregnant_week_unknown`: pregnant by the problem list only, so the week is not known.
    `remember`: whether to remember each result's signals (see rls.engine.evaluate).
    """
    limit_signals = _remembered_limit if remember else _limit_signals
    hemoglobin_signals = _remembered_hemoglobin if remember else _hemoglobin_signals
    latest = latest_results(snapshot.labs, snapshot.as_of)
    age = None if age_months is None else age_months // 12
    since = months_before(snapshot.as_of, GAP_MONTHS)
    signals: list[Signal] = []
    for results in latest.values():
        for lab in results:
            signals.extend(limit_signals(_row(lab), age, lab.date < since))
    cutoff = hemoglobin_cutoff(snapshot, age_months, pregnant_week_unknown=pregnant_week_unknown)
    if cutoff is not None:
        for lab in latest.get("hemoglobin", ()):
            signals.extend(hemoglobin_signals(_row(lab), cutoff, lab.date < since))
    signals.extend(_gap_signals(latest, since))
    return signals


def latest_results(labs: tuple[LabResult, ...], as_of: date) -> dict[str, list[LabResult]]:
    """Return the usable results of each analyte's latest date, ignoring results after as_of.

    Several results on that date are all kept, so the answer never depends on their order
    (a ferritin of 20 and one of 80 on one day: the low one still counts). A result the
    catalogue cannot read (unknown analyte or unit, implausible value) is left out rather
    than guessed at.
    """
    chosen: dict[str, list[LabResult]] = {}
    for lab in labs:
        current = chosen.get(lab.analyte)
        if lab.date > as_of or (current and lab.date < current[0].date):
            continue
        if _canonical(lab.analyte, lab.value, lab.unit) is None:
            continue
        if current and lab.date == current[0].date:
            current.append(lab)
        else:
            chosen[lab.analyte] = [lab]
    return chosen


# A lab row's fields as a plain tuple (analyte, value, unit, date, ref): the key its signals
# are remembered by, hashed in C where the frozen dataclass's own hash runs in Python.
_Row = tuple[str, float, str, date, str]
_row = attrgetter("analyte", "value", "unit", "date", "ref")


def _value(row: _Row) -> float:
    """Return a usable result's value (see latest_results) in the analyte's canonical unit."""
    analyte, value, unit, _, _ = row
    canonical = _canonical(analyte, value, unit)
    assert canonical is not None, "only usable results are read"
    return canonical


# Values repeat from one evaluation to the next; remember each conversion.
@lru_cache(maxsize=100_000)
def _canonical(analyte_key: str, value: float, spelling: str) -> float | None:
    """Return the value in the analyte's canonical unit, or None if unreadable or implausible."""
    unit = _unit(analyte_key, spelling)
    if unit is None:
        return None
    canonical = unit.to_canonical(value)
    low, high = ANALYTES[analyte_key].plausible
    return round(canonical, 2) if low <= canonical <= high else None


@lru_cache(maxsize=512)
def _unit(analyte_key: str, spelling: str) -> Unit | None:
    analyte = ANALYTES.get(analyte_key)
    return analyte.unit(spelling) if analyte else None


def age_in_months(birth_date: date | None, on: date) -> int | None:
    """Return completed months of age on a date, or None when the birth date is unknown."""
    if birth_date is None:
        return None
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    return months - (on.day < birth_date.day)


_LIMITS_BY_ANALYTE: dict[str, list[LabLimit]] = {}
for _limit in LAB_LIMITS:
    _LIMITS_BY_ANALYTE.setdefault(_limit.analyte, []).append(_limit)


def _limit_signals(row: _Row, age: int | None, stale: bool) -> tuple[Signal, ...]:
    """Return a signal per limit a usable result crosses; a stale result is never critical."""
    analyte = row[0]
    value = _value(row)
    signals = []
    for limit in _LIMITS_BY_ANALYTE.get(analyte, ()):
        if limit.crossed_by(value) and limit.applies_to(age):
            critical = analyte == "ferritin" and value < CRITICAL_FERRITIN
            evidence = _evidence(row, value, limit.threshold_text)
            signals.append(
                Signal(limit.code, evidence, critical and not stale, (), stale, False, limit.note)
            )
    return tuple(signals)


# Latest results repeat from one evaluation to the next: remember each row's signals, keyed by
# the row with the two facts of the day that change them: the patient's age in years (limits
# by age band) and whether the result is stale.
_remembered_limit = lru_cache(maxsize=100_000)(_limit_signals)


def lab_limits_for(snapshot: Snapshot) -> dict[str, tuple[LabLimit, ...]]:
    """Return, per analyte, the limits that apply to this patient on `snapshot.as_of`.

    The same limits the findings use, so a chart's threshold lines never disagree with them.
    """
    age_months = age_in_months(snapshot.birth_date, snapshot.as_of)
    age = None if age_months is None else age_months // 12
    limits: dict[str, list[LabLimit]] = {}
    for analyte, rows in _LIMITS_BY_ANALYTE.items():
        limits[analyte] = [limit for limit in rows if limit.applies_to(age)]
    cutoff = hemoglobin_cutoff(snapshot, age_months)
    if cutoff is not None:
        text = f"hemoglobin < {cutoff.limit:g} g/L ({cutoff.group})"
        anemia = LabLimit("cause.anemia", "hemoglobin", "<", cutoff.limit, text, HEMOGLOBIN_SOURCE)
        limits.setdefault("hemoglobin", []).append(anemia)
    return {analyte: tuple(rows) for analyte, rows in limits.items() if rows}


def hemoglobin_cutoff(
    snapshot: Snapshot, age_months: int | None, *, pregnant_week_unknown: bool = False
) -> HemoglobinCutoff | None:
    """Return the WHO 2024 anaemia cut-off for this patient, or None below 6 months of age."""
    if snapshot.pregnancy is not None:
        return HEMOGLOBIN_BY_TRIMESTER[trimester(snapshot.pregnancy.gestational_week)]
    if pregnant_week_unknown:
        return HEMOGLOBIN_PREGNANCY_WEEK_UNKNOWN
    if age_months is not None and age_months < _ADULT_MONTHS:
        return next((c for lo, hi, c in HEMOGLOBIN_BY_AGE if lo <= age_months < hi), None)
    if snapshot.sex == Sex.MALE:
        return HEMOGLOBIN_MEN
    if snapshot.sex == Sex.FEMALE:
        return HEMOGLOBIN_WOMEN
    return HEMOGLOBIN_SEX_UNRECORDED


def _hemoglobin_signals(row: _Row, cutoff: HemoglobinCutoff, stale: bool) -> tuple[Signal, ...]:
    value = _value(row)
    if value >= cutoff.limit:
        return ()
    threshold = f"hemoglobin < {cutoff.limit:g} g/L, {cutoff.group} ({HEMOGLOBIN_SOURCE})"
    critical = cutoff.limit - value > CRITICAL_HEMOGLOBIN_DEFICIT and not stale
    return (Signal("cause.anemia", _evidence(row, value, threshold), critical, (), stale),)


_remembered_hemoglobin = lru_cache(maxsize=100_000)(_hemoglobin_signals)


def months_before(on: date, months: int) -> date:
    """Return the same day `months` calendar months earlier (29 Feb falls back to 28 Feb)."""
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    for day in (on.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


_GAP_ANALYTES = (
    ("gap.iron-studies", ("ferritin", "transferrin_saturation")),
    ("gap.hemoglobin", ("hemoglobin",)),
)


def _gap_signals(latest: dict[str, list[LabResult]], since: date) -> list[Signal]:
    """Return gap evidence for iron studies and hemoglobin not measured since `since`.

    A result dated exactly 12 months before as_of (on `since`) still counts as within the window.
    """
    signals = []
    for code, analytes in _GAP_ANALYTES:
        last = _newest(latest, analytes)
        if last is None or last.date < since:
            signals.append(Signal(code, _gap_evidence(analytes, last, since)))
    return signals


def _newest(latest: dict[str, list[LabResult]], analytes: tuple[str, ...]) -> LabResult | None:
    """Return the newest latest result of these analytes (the first of a tie), if any."""
    newest = None
    for analyte in analytes:
        results = latest.get(analyte)
        if results and (newest is None or results[0].date > newest.date):
            newest = results[0]
    return newest


def _gap_evidence(analytes: tuple[str, ...], last: LabResult | None, since: date) -> Evidence:
    text = _gap_text(analytes, since)
    if last is None:
        return build_evidence(kind="missing", text=text)
    text += f"; latest {day_text(last.date)}"
    return build_evidence(kind="missing", text=text, ref=last.ref, date=last.date)


# The same for every patient evaluated on a day: a refresh writes it once, not once a patient.
@lru_cache(maxsize=64)
def _gap_text(analytes: tuple[str, ...], since: date) -> str:
    labels = " or ".join(ANALYTES[a].label.lower() for a in analytes)
    return f"No {labels} result since {day_text(since)}"


def _evidence(row: _Row, canonical: float, threshold: str) -> Evidence:
    analyte_key, value, unit, day, ref = row
    analyte = ANALYTES[analyte_key]
    return build_evidence(
        kind="lab",
        text=f"{analyte.label} {value:g} {unit}",
        ref=ref,
        date=day,
        value=canonical,
        unit=analyte.canonical_unit,
        threshold=threshold,
    )
