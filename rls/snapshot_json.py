"""The JSON shape of a snapshot and of findings: parse strictly, naming the field at fault."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from rls.engine import MedicationVerdict
from rls.findings import Finding
from rls.irls import IRLS_MAX
from rls.labs import ANALYTE_BY_LOINC, ANALYTES
from rls.snapshot import (
    Condition,
    ConditionStatus,
    Habit,
    LabResult,
    Medication,
    MedicationStatus,
    Pregnancy,
    Sex,
    Snapshot,
)
from rls.visits import AugmentationAnswers, CriteriaAnswers, IronRoute, IronTherapy, Visit

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

MAX_GESTATIONAL_WEEK = 45
# Beyond this no lab value or week is real; refusing early keeps float() from overflowing on
# a 400-digit number and messages from quoting one.
MAX_MAGNITUDE = 10**15
_TOP_FIELDS = {
    "as_of",
    "sex",
    "birth_date",
    "pregnancy",
    "family_history_rls",
    "habits",
    "conditions",
    "medications",
    "labs",
    "visits",
    "iron_therapies",
    "date_of_death",
}
_CRITERIA = tuple(f.name for f in fields(CriteriaAnswers))
_AUGMENTATION = tuple(f.name for f in fields(AugmentationAnswers))


class SnapshotError(ValueError):
    """Bad snapshot input; str() is one line: `labs[0].value: must be a number, got 'abc'`."""

    def __init__(self, field_path: str, reason: str) -> None:
        super().__init__(f"{field_path}: {reason}")
        self.field_path = field_path
        self.reason = reason


def parse_snapshot(obj: Any) -> Snapshot:
    """Build a Snapshot from decoded JSON, raising SnapshotError naming the first bad field."""
    root = _object(obj, "snapshot")
    _no_unknown_fields(root, _TOP_FIELDS, "")
    if root.get("as_of") is None:
        raise SnapshotError("as_of", "required")
    as_of = _date(root["as_of"], "as_of")
    birth_date = _optional(root, "birth_date", _date, "")
    if birth_date is not None and birth_date > as_of:
        raise SnapshotError("birth_date", f"after as_of ({as_of.isoformat()})")
    return Snapshot(
        as_of=as_of,
        sex=_optional(root, "sex", _enum(Sex), "") or Sex.UNKNOWN,
        birth_date=birth_date,
        pregnancy=_optional(root, "pregnancy", _pregnancy, ""),
        family_history_rls=_optional(root, "family_history_rls", _bool, ""),
        habits=frozenset(_items(root, "habits", _enum(Habit))),
        conditions=tuple(_items(root, "conditions", _condition)),
        medications=tuple(_items(root, "medications", _medication)),
        labs=tuple(_items(root, "labs", _lab)),
        visits=tuple(_items(root, "visits", _visit)),
        iron_therapies=tuple(_items(root, "iron_therapies", _iron_therapy)),
        date_of_death=_optional(root, "date_of_death", _date, ""),
    )


def findings_to_json(
    findings: Iterable[Finding], verdicts: Iterable[MedicationVerdict] | None = None
) -> dict[str, Any]:
    """Return the JSON document for findings: {"findings": [finding.to_dict(), ...]}.

    With verdicts, "medications" lists each medication row's verdict: "recognised",
    "approximate" (with the names it was matched to) or "not_recognised" (with suggestions):
    a not-recognised line was not checked.
    """
    document: dict[str, Any] = {"findings": [finding.to_dict() for finding in findings]}
    if verdicts is not None:
        document["medications"] = [verdict.to_dict() for verdict in verdicts]
    return document


def snapshot_to_json(snapshot: Snapshot) -> dict[str, Any]:
    """Return the JSON document for a snapshot, which parse_snapshot reads back unchanged."""
    document: dict[str, Any] = {"as_of": snapshot.as_of.isoformat(), "sex": str(snapshot.sex)}
    if snapshot.birth_date is not None:
        document["birth_date"] = snapshot.birth_date.isoformat()
    if snapshot.pregnancy is not None:
        document["pregnancy"] = {"gestational_week": snapshot.pregnancy.gestational_week}
    if snapshot.family_history_rls is not None:
        document["family_history_rls"] = snapshot.family_history_rls
    document["habits"] = sorted(str(h) for h in snapshot.habits)
    document["conditions"] = [_condition_json(c) for c in snapshot.conditions]
    document["medications"] = [
        {"name": m.name, "atc": m.atc, "status": str(m.status), "ref": m.ref}
        for m in snapshot.medications
    ]
    document["labs"] = [
        {
            "analyte": lab.analyte,
            "value": lab.value,
            "unit": lab.unit,
            "date": lab.date.isoformat(),
            "ref": lab.ref,
        }
        for lab in snapshot.labs
    ]
    document["visits"] = [_visit_to_json(visit) for visit in snapshot.visits]
    document["iron_therapies"] = [
        {
            "route": str(t.route),
            "started_on": t.started_on.isoformat(),
            "name": t.name,
            "ref": t.ref,
        }
        for t in snapshot.iron_therapies
    ]
    if snapshot.date_of_death is not None:
        document["date_of_death"] = snapshot.date_of_death.isoformat()
    return document


def _visit_to_json(visit: Visit) -> dict[str, Any]:
    document: dict[str, Any] = {"date": visit.date.isoformat(), "ref": visit.ref}
    if visit.irls_total is not None:
        document["irls_total"] = visit.irls_total
    if visit.criteria is not None:
        document["criteria"] = {name: getattr(visit.criteria, name) for name in _CRITERIA}
    if visit.augmentation is not None:
        document["augmentation"] = {
            name: getattr(visit.augmentation, name) for name in _AUGMENTATION
        }
    return document


def _condition_json(condition: Condition) -> dict[str, Any]:
    document = {
        "name": condition.name,
        "icd10": condition.icd10,
        "status": str(condition.status),
        "ref": condition.ref,
    }
    if condition.onset is not None:
        document["onset"] = condition.onset.isoformat()
    return document


# Field readers: each takes the raw value and its path, returns a typed value or raises.


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SnapshotError(path, f"must be an object, got {_describe(value)}")
    return value


def _no_unknown_fields(obj: dict[str, Any], known: set[str], prefix: str) -> None:
    for key in obj:
        if key not in known:
            raise SnapshotError(
                f"{prefix}{key}", f"unknown field (expected one of {', '.join(sorted(known))})"
            )


def _optional(
    obj: dict[str, Any], key: str, read: Callable[[Any, str], T], prefix: str
) -> T | None:
    value = obj.get(key)
    return None if value is None else read(value, f"{prefix}{key}")


def _items(obj: dict[str, Any], key: str, read: Callable[[Any, str], T]) -> list[T]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SnapshotError(key, f"must be a list, got {_describe(value)}")
    return [read(item, f"{key}[{i}]") for i, item in enumerate(value)]


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise SnapshotError(path, f"must be a string, got {_describe(value)}")
    return value.strip()


def _required_string(obj: dict[str, Any], key: str, path: str) -> str:
    text = _string(obj.get(key, ""), f"{path}.{key}")
    if not text:
        raise SnapshotError(f"{path}.{key}", "required")
    return text


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise SnapshotError(path, f"must be true or false, got {_describe(value)}")
    return value


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SnapshotError(path, f"must be a number, got {_describe(value)}")
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        raise SnapshotError(path, f"must be a number no larger than 1e15, got {_describe(value)}")
    if not math.isfinite(value):
        raise SnapshotError(path, f"must be a number, got {_describe(value)}")
    return float(value)


def _date(value: Any, path: str) -> date:
    text = _string(value, path)
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise SnapshotError(path, f"must be a date YYYY-MM-DD, got {text!r}") from None


def _enum(kind: type[E]) -> Callable[[Any, str], E]:
    def read(value: Any, path: str) -> E:
        text = _string(value, path).lower()
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise SnapshotError(path, f"must be one of {allowed}, got {value!r}") from None

    return read


def _pregnancy(value: Any, path: str) -> Pregnancy:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"gestational_week"}, f"{path}.")
    week_path = f"{path}.gestational_week"
    week = obj.get("gestational_week")
    if isinstance(week, bool) or not isinstance(week, int):
        raise SnapshotError(week_path, f"must be a whole number of weeks, got {_describe(week)}")
    if not 0 <= week <= MAX_GESTATIONAL_WEEK:
        raise SnapshotError(week_path, f"must be 0–{MAX_GESTATIONAL_WEEK}, got {_describe(week)}")
    return Pregnancy(week)


def _condition(value: Any, path: str) -> Condition:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"name", "icd10", "status", "ref", "onset"}, f"{path}.")
    return Condition(
        name=_string(obj.get("name", ""), f"{path}.name"),
        icd10=_string(obj.get("icd10", ""), f"{path}.icd10"),
        status=_optional(obj, "status", _enum(ConditionStatus), f"{path}.")
        or ConditionStatus.ACTIVE,
        ref=_string(obj.get("ref", ""), f"{path}.ref"),
        onset=_optional(obj, "onset", _date, f"{path}."),
    )


def _medication(value: Any, path: str) -> Medication:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"name", "atc", "status", "ref"}, f"{path}.")
    return Medication(
        name=_required_string(obj, "name", path),
        atc=_string(obj.get("atc", ""), f"{path}.atc"),
        status=_optional(obj, "status", _enum(MedicationStatus), f"{path}.")
        or MedicationStatus.ACTIVE,
        ref=_string(obj.get("ref", ""), f"{path}.ref"),
    )


def _lab(value: Any, path: str) -> LabResult:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"analyte", "loinc", "value", "unit", "date", "ref"}, f"{path}.")
    analyte = _lab_analyte(obj, path)
    if obj.get("value") is None:
        raise SnapshotError(f"{path}.value", "required")
    number = _number(obj["value"], f"{path}.value")
    unit_text = _required_string(obj, "unit", path)
    unit = ANALYTES[analyte].unit(unit_text)
    if unit is None:
        allowed = ", ".join(u.symbol for u in ANALYTES[analyte].units)
        raise SnapshotError(
            f"{path}.unit", f"{unit_text!r} is not a unit for {analyte} (use {allowed})"
        )
    _plausible(analyte, unit.to_canonical(number), f"{path}.value")
    if obj.get("date") is None:
        raise SnapshotError(f"{path}.date", "required")
    return LabResult(
        analyte=analyte,
        value=number,
        unit=unit_text,
        date=_date(obj["date"], f"{path}.date"),
        ref=_string(obj.get("ref", ""), f"{path}.ref"),
    )


def _visit(value: Any, path: str) -> Visit:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"date", "irls_total", "criteria", "augmentation", "ref"}, f"{path}.")
    if obj.get("date") is None:
        raise SnapshotError(f"{path}.date", "required")
    total = obj.get("irls_total")
    if total is not None and (
        isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= IRLS_MAX
    ):
        raise SnapshotError(
            f"{path}.irls_total", f"must be a whole number 0–{IRLS_MAX}, got {_describe(total)}"
        )
    criteria = _optional(obj, "criteria", _answers(_CRITERIA), f"{path}.")
    augmentation = _optional(obj, "augmentation", _answers(_AUGMENTATION), f"{path}.")
    return Visit(
        date=_date(obj["date"], f"{path}.date"),
        irls_total=total,
        criteria=CriteriaAnswers(**criteria) if criteria is not None else None,
        augmentation=AugmentationAnswers(**augmentation) if augmentation is not None else None,
        ref=_string(obj.get("ref", ""), f"{path}.ref"),
    )


def _answers(names: tuple[str, ...]) -> Callable[[Any, str], dict[str, bool | None]]:
    """Read an object of yes / no / not-asked answers: true, false or null for each name."""

    def read(value: Any, path: str) -> dict[str, bool | None]:
        obj = _object(value, path)
        _no_unknown_fields(obj, set(names), f"{path}.")
        return {name: _optional(obj, name, _bool, f"{path}.") for name in names}

    return read


def _iron_therapy(value: Any, path: str) -> IronTherapy:
    obj = _object(value, path)
    _no_unknown_fields(obj, {"route", "started_on", "name", "ref"}, f"{path}.")
    for key in ("route", "started_on"):
        if obj.get(key) is None:
            raise SnapshotError(f"{path}.{key}", "required")
    return IronTherapy(
        route=_enum(IronRoute)(obj["route"], f"{path}.route"),
        started_on=_date(obj["started_on"], f"{path}.started_on"),
        name=_string(obj.get("name", ""), f"{path}.name"),
        ref=_string(obj.get("ref", ""), f"{path}.ref"),
    )


def _lab_analyte(obj: dict[str, Any], path: str) -> str:
    key = _string(obj.get("analyte", ""), f"{path}.analyte")
    loinc = _string(obj.get("loinc", ""), f"{path}.loinc")
    if key and key not in ANALYTES:
        raise SnapshotError(
            f"{path}.analyte", f"unknown analyte {key!r} (use one of {', '.join(ANALYTES)})"
        )
    if loinc and loinc not in ANALYTE_BY_LOINC:
        raise SnapshotError(f"{path}.loinc", f"unknown LOINC code {loinc!r}")
    by_loinc = ANALYTE_BY_LOINC[loinc].key if loinc else ""
    if key and by_loinc and key != by_loinc:
        raise SnapshotError(f"{path}.loinc", f"{loinc} is {by_loinc}, not {key}")
    if not (key or by_loinc):
        raise SnapshotError(f"{path}.analyte", "required (an analyte or a loinc code)")
    return key or by_loinc


def _plausible(analyte_key: str, canonical: float, path: str) -> None:
    analyte = ANALYTES[analyte_key]
    low, high = analyte.plausible
    if not low <= canonical <= high:
        raise SnapshotError(
            path,
            f"{canonical:g} {analyte.canonical_unit} is outside the plausible range "
            f"{low:g}–{high:g} {analyte.canonical_unit} for {analyte.label}",
        )


def _describe(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MAGNITUDE:
        return f"a {len(str(abs(value)))}-digit number"
    if isinstance(value, str):
        return repr(value) if len(value) <= 80 else f"{value[:77]!r}…"
    if isinstance(value, Sequence | dict):
        return type(value).__name__
    return (
        repr(value)
        if value is None or isinstance(value, bool | int | float)
        else type(value).__name__
    )
