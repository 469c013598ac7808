"""Evaluate patients and keep their stored findings current.

Every write to a patient's record locks the patient's row first (`lock_patients`), so two
doctors saving to one patient at once take turns instead of racing each other's findings
refresh. Stored findings are then brought up to date row by row: unchanged findings are left
alone, changed ones are upserted, findings that no longer apply are deleted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.db import transaction
from django.db.models import F

import rls
from clinic.models import FindingsRefresh, Patient, StoredFinding
from clinic.models.lookups import AnyOf
from clinic.selectors.findings import patient_findings
from clinic.services.summaries import SUMMARY_FIELDS, summaries_update
from clinic.snapshots import (
    SNAPSHOT_PATIENT_COLUMNS,
    load_local_names,
    load_record_rows,
    snapshot_from_rows,
    with_snapshot_data,
)
from rls import Finding

_STORED_FIELDS = ("category", "severity", "title", "fingerprint")


def lock_patients(pks: Iterable[int]) -> None:
    """Lock these patients' rows until the transaction ends, in a fixed order (no deadlocks).

    NO KEY UPDATE, not UPDATE: inserting a lab result takes a key-share lock on its patient,
    which an UPDATE lock would wait on forever when two writers do it at once. SQLite has no
    row locks; there the whole write is serialized by immediate transactions (settings).
    """
    ordered = Patient.objects.filter(pk__in=list(pks)).order_by("pk")
    list(ordered.select_for_update(no_key=True).values_list("pk", flat=True))


# The patients whose refresh a bulk write has put off (see `findings_refresh_deferred`).
_deferred: ContextVar[set[int] | None] = ContextVar("deferred_findings_refresh", default=None)


@contextmanager
def findings_refresh_deferred() -> Iterator[set[int]]:
    """Within the block, record writes note their patient instead of re-evaluating it.

    For a bulk road (an import writes dozens of entries per patient): the caller refreshes the
    noted patients once, after their writes, rather than once per entry.
    """
    noted: set[int] = set()
    token = _deferred.set(noted)
    try:
        yield noted
    finally:
        _deferred.reset(token)


@transaction.atomic
def patient_findings_refresh(
    *,
    patient: Patient,
    as_of: date,
    local_names: tuple[rls.LocalName, ...] | None = None,
) -> list[Finding]:
    """Re-evaluate one patient and store their findings; call inside every record write.

    `local_names`: the ones the request already read, so they are not read twice. Inside
    `findings_refresh_deferred`, the patient is only noted, and no findings are returned.
    """
    noted = _deferred.get()
    if noted is not None:
        noted.add(patient.pk)
        return []
    # `lock_patients`'s lock, taken by the read that loads the patient (one query, not two).
    locked = Patient.objects.filter(pk=patient.pk).select_for_update(no_key=True)
    patient = with_snapshot_data(locked).get()
    findings = patient_findings(patient, as_of=as_of, local_names=local_names)
    _store([(patient.pk, findings)], as_of)
    summaries_update([(patient, findings, patient.visitnotes.all())])
    return findings


def findings_refresh_all(*, as_of: date, batch_size: int = 500) -> int:
    """Re-evaluate every patient in batches (for what time alone changes); return the count."""
    pks = list(Patient.objects.order_by("pk").values_list("pk", flat=True))
    return findings_refresh_patients(pks, as_of=as_of, batch_size=batch_size)


def findings_refresh_patients(pks: list[int], *, as_of: date, batch_size: int = 500) -> int:
    """Re-evaluate the given patients in batches, one transaction each; return the count."""
    names = load_local_names()
    for start in range(0, len(pks), batch_size):
        with transaction.atomic():
            _refresh_batch(pks[start : start + batch_size], as_of, names)
    return len(pks)


@transaction.atomic
def findings_refresh_chunk(run_id: int, pks: list[int], *, as_of: date, at: datetime) -> int:
    """Refresh one chunk of a recorded run and count it done, together or not at all.

    `at`: when the chunk runs; the run is stamped finished then if this chunk completes it.
    """
    _refresh_batch(pks, as_of, load_local_names())
    runs = FindingsRefresh.objects.filter(pk=run_id)
    runs.update(patients_done=F("patients_done") + len(pks))
    runs.filter(finished_at=None, patients_done__gte=F("patients_total")).update(finished_at=at)
    return len(pks)


def _refresh_batch(pks: list[int], as_of: date, names: tuple[rls.LocalName, ...]) -> None:
    """Re-evaluate a batch: its patients locked and read in one query, their records in four."""
    with _collector_paused():
        _evaluate_and_store(pks, as_of, names)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one batch, and resume it after.

    A batch of 500 patients makes some 100,000 short-lived objects (rows, snapshots, findings)
    that reference counting frees; their number alone kept triggering the collector, which
    walked every live object of the process each time: a third of the refresh's time
    (docs/scaling.md). The few cycles a batch leaves are collected once it is over.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _evaluate_and_store(pks: list[int], as_of: date, names: tuple[rls.LocalName, ...]) -> None:
    # `lock_patients`'s lock, in its order, taken by the read that loads them. Named rows,
    # not model objects, which cost twice as much to build (the summaries write by pk).
    locked = Patient.objects.filter(AnyOf(F("pk"), pks)).order_by("pk")
    locked = locked.select_for_update(no_key=True)
    patients = locked.values_list("pk", *SNAPSHOT_PATIENT_COLUMNS, *SUMMARY_FIELDS, named=True)
    records = load_record_rows(pks)
    evaluated = []
    for patient in patients:
        rows = records[patient.pk]
        findings = rls.evaluate(snapshot_from_rows(patient, rows, as_of), names, remember=False)
        evaluated.append((patient, findings, rows.visits))
    _store([(patient.pk, findings) for patient, findings, _ in evaluated], as_of)
    summaries_update(evaluated)


def _store(results: Iterable[tuple[int, list[Finding]]], as_of: date) -> None:
    """Make the stored findings of these patients match `results`, touching only what changed."""
    results = list(results)
    rows = (
        StoredFinding.objects.filter(AnyOf(F("patient_id"), [pk for pk, _ in results]))
        .order_by()
        .values_list("patient_id", "code", "pk", *_STORED_FIELDS)
    )
    stored = {(patient_id, code): (pk, tuple(values)) for patient_id, code, pk, *values in rows}
    changed = []
    for pk, findings in results:
        for finding in findings:
            values = _stored_values(finding)
            old = stored.pop((pk, finding.code), None)
            # Same category, severity, title and evidence (fingerprint): left as it is.
            if old is None or old[1] != values:
                changed.append(_row(pk, finding.code, values, as_of))
    if stored:
        StoredFinding.objects.filter(pk__in=[pk for pk, _ in stored.values()]).delete()
    # An upsert, not an insert: a row for the code may exist that this transaction did not see.
    StoredFinding.objects.bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["patient", "code"],
        update_fields=[*_STORED_FIELDS, "evaluated_on"],
    )


def _stored_values(finding: Finding) -> tuple[str, ...]:
    """What a stored finding keeps of a finding, in `_STORED_FIELDS` order."""
    return (str(finding.category), str(finding.severity), finding.title, finding.fingerprint())


def _row(patient_pk: int, code: str, values: tuple[str, ...], as_of: date) -> StoredFinding:
    return StoredFinding(
        patient_id=patient_pk,
        code=code,
        evaluated_on=as_of,
        **dict(zip(_STORED_FIELDS, values, strict=True)),
    )
