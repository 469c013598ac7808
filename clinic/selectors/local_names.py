"""What a local name would change: the active rows it newly matches, the patients it affects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rls
from clinic.models import Condition, LocalName, Medication
from clinic.models.records import ConditionStatus, MedicationStatus
from rls import flagged_codes, match_condition

EXAMPLES_SHOWN = 5
Names = tuple[rls.LocalName, ...]


@dataclass(frozen=True, slots=True)
class MatchPreview:
    """The clinic's active rows a change of local names newly matches, and whom it affects."""

    newly_matched: int
    examples: tuple[str, ...]
    patient_ids: frozenset[int]  # every patient whose findings change, gained or lost

    def describe(self, kind: str) -> str:
        rows = "medication lines" if kind == "medication" else "conditions"
        if not self.newly_matched:
            return f"It newly matches no active {rows} in the clinic."
        shown = ", ".join(f"“{example}”" for example in self.examples)
        return f"It newly matches {self.newly_matched} active {rows} in the clinic, e.g. {shown}."


def local_name_preview(
    candidate: rls.LocalName | None, *, replacing: int | None = None
) -> MatchPreview:
    """Compare the stored local names with `candidate` added (replacing row `replacing`)."""
    rows = LocalName.objects.order_by("pk").values_list("pk", "kind", "name", "target")
    before = tuple(rls.LocalName(kind=k, name=n, target=t) for _, k, n, t in rows)
    kept = tuple(rls.LocalName(kind=k, name=n, target=t) for pk, k, n, t in rows if pk != replacing)
    after = kept + ((candidate,) if candidate else ())
    medications = _compare(_active_medication_lines(), before, after, flagged_codes)
    conditions = _compare(_active_conditions(), before, after, match_condition)
    kind = candidate.kind if candidate else ""
    newly, examples = conditions[:2] if kind == "condition" else medications[:2]
    return MatchPreview(newly, examples, medications[2] | conditions[2])


def _active_medication_lines() -> dict[tuple[str, str], list[int]]:
    rows = Medication.objects.current().filter(status=MedicationStatus.ACTIVE)
    return _by_text(rows.values_list("line", "atc", "patient_id"))


def _active_conditions() -> dict[tuple[str, str], list[int]]:
    rows = Condition.objects.current().filter(status=ConditionStatus.ACTIVE)
    return _by_text(rows.values_list("name", "icd10", "patient_id"))


def _by_text(rows: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], list[int]]:
    # Many patients share a line ("Metformin 500 mg"): each distinct text is matched once.
    patients: dict[tuple[str, str], list[int]] = defaultdict(list)
    for text, code, patient_id in rows:
        patients[(text, code)].append(patient_id)
    return patients


def _compare(
    rows: dict[tuple[str, str], list[int]],
    before: Names,
    after: Names,
    codes_of: Callable[[str, str, Names], list[str]],
) -> tuple[int, tuple[str, ...], frozenset[int]]:
    newly, examples, affected = 0, [], set()
    for (text, code), patient_ids in rows.items():
        old, new = set(codes_of(text, code, before)), set(codes_of(text, code, after))
        if old != new:
            affected.update(patient_ids)
        if new - old:
            newly += len(patient_ids)
            examples.append(text)
    return newly, tuple(examples[:EXAMPLES_SHOWN]), frozenset(affected)
