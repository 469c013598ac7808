"""Re-evaluate every patient's stored findings now, in this process.

Findings are refreshed with every change to a record, but some change with the calendar only:
a lab result turns 12 months old (a data gap opens), a pregnancy moves to the next trimester,
a patient reaches an adult threshold. Task workers (`manage.py worker`) do this every day; this
command runs the same refresh by hand, recorded like theirs:

    python manage.py refresh_findings
    python manage.py refresh_findings --if-rules-changed   # only on new findings rules

`make run` runs the second, as a worker does when it starts: after an update that changed the
rules, the stored findings (the caseload) follow the new rules, as the record page does.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from clinic.models import Patient, RefreshReason
from clinic.services.findings import findings_refresh_chunk
from clinic.tasks import CHUNK_SIZE, record_findings_refresh, rules_changed


class Command(BaseCommand):
    help = "Re-evaluate and store the findings of every patient now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            help="evaluate on this date (YYYY-MM-DD) instead of today",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=CHUNK_SIZE,
            help=f"patients per transaction (default {CHUNK_SIZE})",
        )
        parser.add_argument(
            "--if-rules-changed",
            action="store_true",
            help="only if the findings rules changed since the last whole-clinic refresh",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_rules_changed"] and not rules_changed():
            self.stdout.write("The stored findings already follow these findings rules.")
            return
        reason = RefreshReason.RULES if options["if_rules_changed"] else RefreshReason.MANUAL
        started = time.perf_counter()
        as_of = options["as_of"] or timezone.localdate()
        size = options["batch_size"]
        pks = list(Patient.objects.order_by("pk").values_list("pk", flat=True))
        with transaction.atomic():
            run = record_findings_refresh(pks, reason=reason, as_of=as_of)
        for start in range(0, len(pks), size):
            chunk = pks[start : start + size]
            findings_refresh_chunk(run.pk, chunk, as_of=as_of, at=timezone.now())
        seconds = time.perf_counter() - started
        self.stdout.write(f"Refreshed the findings of {len(pks)} patients in {seconds:.1f} s.")
