"""Evaluate patients and keep their stored findings current.

Every write to a patient's record locks the patient's row first (`lock_patients`), so two
doctors saving to one patient at once take turns instead of racing each other's findings
refresh. Stored findings are then brought up to date row by row: unchanged findings are left
alone, changed ones are upserted, findings that no longer apply are deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import F

import rls
from clinic.models import FindingsRefresh, Patient, StoredFinding
from clinic.selectors.findings import patient_findings
from clinic.snapshots import load_local_names, with_snapshot_columns, with_snapshot_data
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


@transaction.atomic
def patient_findings_refresh(
    *,
    patient: Patient,
    as_of: date,
    local_names: tuple[rls.LocalName, ...] | None = None,
) -> list[Finding]:
    """Re-evaluate one patient and store their findings; call inside every record write.

    `local_names`: the ones the request already read, so they are not read twice.
    """
    lock_patients([patient.pk])
    patient = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    findings = patient_findings(patient, as_of=as_of, local_names=local_names)
    _store([(patient.pk, findings)], as_of)
    _summarize([(patient, findings)])
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
    lock_patients(pks)
    rows = with_snapshot_columns(Patient.objects.filter(pk__in=pks))
    evaluated = [(p, patient_findings(p, as_of=as_of, local_names=names)) for p in rows]
    _store([(p.pk, findings) for p, findings in evaluated], as_of)
    _summarize(evaluated)


def _summarize(evaluated: list[tuple[Patient, list[Finding]]]) -> None:
    """Update the caseload's stored summaries (finding count, last visit) where they changed.

    The visits are those the snapshot prefetched, so this reads nothing more.
    """
    changed = []
    for patient, findings in evaluated:
        last_visit = max((v.visit_date for v in patient.visitnotes.all()), default=None)
        if (patient.stored_finding_count, patient.last_visit_on) != (len(findings), last_visit):
            patient.stored_finding_count, patient.last_visit_on = len(findings), last_visit
            changed.append(patient)
    Patient.objects.bulk_update(changed, ["stored_finding_count", "last_visit_on"])


def _store(results: Iterable[tuple[int, list[Finding]]], as_of: date) -> None:
    """Make the stored findings of these patients match `results`, touching only what changed."""
    results = list(results)
    stored = {
        (row["patient_id"], row["code"]): row
        for row in StoredFinding.objects.filter(patient_id__in=[pk for pk, _ in results]).values(
            "pk", "patient_id", "code", *_STORED_FIELDS
        )
    }
    changed = []
    for pk, findings in results:
        for finding in findings:
            row = _row(pk, finding, as_of)
            old = stored.pop((pk, finding.code), None)
            if old is None or any(old[f] != getattr(row, f) for f in _STORED_FIELDS):
                changed.append(row)
    if stored:
        StoredFinding.objects.filter(pk__in=[row["pk"] for row in stored.values()]).delete()
    # An upsert, not an insert: a row for the code may exist that this transaction did not see.
    StoredFinding.objects.bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["patient", "code"],
        update_fields=[*_STORED_FIELDS, "evaluated_on"],
    )


def _row(patient_pk: int, finding: Finding, as_of: date) -> StoredFinding:
    return StoredFinding(
        patient_id=patient_pk,
        code=finding.code,
        category=str(finding.category),
        severity=str(finding.severity),
        title=finding.title,
        fingerprint=finding.fingerprint(),
        evaluated_on=as_of,
    )
