"""Evaluate patients and keep their stored findings current."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from clinic.models import Patient, StoredFinding
from clinic.selectors.findings import patient_findings
from clinic.snapshots import load_local_names, with_snapshot_data
from rls import Finding


@transaction.atomic
def patient_findings_refresh(*, patient: Patient, as_of: date | None = None) -> list[Finding]:
    """Re-evaluate one patient and replace their stored findings; call inside every record write."""
    patient = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    as_of = as_of or timezone.localdate()
    findings = patient_findings(patient, as_of=as_of)
    _replace_stored([(patient.pk, findings)], as_of)
    return findings


def findings_refresh_all(*, as_of: date | None = None, batch_size: int = 500) -> int:
    """Re-evaluate every patient in batches (for what time alone changes); return the count."""
    pks = list(Patient.objects.order_by("pk").values_list("pk", flat=True))
    return findings_refresh_patients(pks, as_of=as_of, batch_size=batch_size)


def findings_refresh_patients(
    pks: list[int], *, as_of: date | None = None, batch_size: int = 500
) -> int:
    """Re-evaluate the given patients in batches, one transaction each; return the count."""
    as_of = as_of or timezone.localdate()
    names = load_local_names()
    for start in range(0, len(pks), batch_size):
        batch = with_snapshot_data(Patient.objects.filter(pk__in=pks[start : start + batch_size]))
        results = [(p.pk, patient_findings(p, as_of=as_of, local_names=names)) for p in batch]
        with transaction.atomic():
            _replace_stored(results, as_of)
    return len(pks)


def _replace_stored(results: Iterable[tuple[int, list[Finding]]], as_of: date) -> None:
    results = list(results)
    StoredFinding.objects.filter(patient_id__in=[pk for pk, _ in results]).delete()
    StoredFinding.objects.bulk_create(
        StoredFinding(
            patient_id=pk,
            code=f.code,
            category=str(f.category),
            severity=str(f.severity),
            title=f.title,
            fingerprint=f.fingerprint(),
            evaluated_on=as_of,
        )
        for pk, findings in results
        for f in findings
    )
