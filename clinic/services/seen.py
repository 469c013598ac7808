"""Remembering what a doctor saw when they opened a record, for "new since last seen"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from clinic.models import Patient, RecordSeen, SeenFinding


def record_seen_update(
    *,
    user: Any,
    patient: Patient,
    fingerprints: dict[str, str],
    seen_before: dict[str, str] | None,
    at: datetime,
) -> None:
    """Note that `user` saw the record at `at` with these findings (code -> fingerprint).

    `seen_before` is what they saw last time (`seen_fingerprints`, read by the same request):
    only the findings that differ from it are written. The usual opening, on findings the
    doctor saw last time, is one UPDATE of when; otherwise an upsert of when, an upsert of the
    new and changed findings and a delete of those gone, together. The upserts also keep two
    tabs opened at once from tripping over the one-row-per-code constraint.
    """
    before = seen_before or {}
    changed = {code: fp for code, fp in fingerprints.items() if before.get(code) != fp}
    gone = [code for code in before if code not in fingerprints]
    # Not an upsert: bulk_create runs in a transaction of its own (BEGIN, COMMIT).
    unchanged = seen_before is not None and not changed and not gone
    if unchanged and RecordSeen.objects.filter(user=user, patient=patient).update(seen_at=at):
        return
    with transaction.atomic():
        (seen,) = RecordSeen.objects.bulk_create(
            [RecordSeen(user=user, patient=patient, seen_at=at)],
            update_conflicts=True,
            unique_fields=["user", "patient"],
            update_fields=["seen_at"],
        )
        if gone:
            SeenFinding.objects.filter(seen_id=seen.pk, code__in=gone).delete()
        if changed:
            SeenFinding.objects.bulk_create(
                [SeenFinding(seen_id=seen.pk, code=c, fingerprint=f) for c, f in changed.items()],
                update_conflicts=True,
                unique_fields=["seen", "code"],
                update_fields=["fingerprint"],
            )
