"""Remembering what a doctor saw when they opened a record, for "new since last seen"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from clinic.models import Patient, RecordSeen, SeenFinding
from rls import Finding


def record_seen_update(
    *, user: Any, patient: Patient, findings: list[Finding], at: datetime
) -> None:
    """Note that `user` saw the record with these findings at `at`.

    The same few statements run on every opening (an upsert, a delete, an insert), so a record
    page costs the same number of queries the first time and every time after.
    """
    with transaction.atomic():
        (seen,) = RecordSeen.objects.bulk_create(
            [RecordSeen(user=user, patient=patient, seen_at=at)],
            update_conflicts=True,
            unique_fields=["user", "patient"],
            update_fields=["seen_at"],
        )
        SeenFinding.objects.filter(seen__user=user, seen__patient=patient).delete()
        SeenFinding.objects.bulk_create(
            SeenFinding(seen_id=seen.pk, code=f.code, fingerprint=f.fingerprint()) for f in findings
        )
