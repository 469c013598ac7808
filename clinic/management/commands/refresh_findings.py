"""Re-evaluate every patient's stored findings, for what time alone changes.

Findings are refreshed with every change to a record, but some change with the calendar only:
a lab result turns 12 months old (a data gap opens), a pregnancy moves to the next trimester,
a patient reaches an adult threshold. Run once a day, e.g. from cron:

    python manage.py refresh_findings
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from clinic.services.findings import findings_refresh_all


class Command(BaseCommand):
    help = "Re-evaluate and store the findings of every patient (run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            help="evaluate on this date (YYYY-MM-DD) instead of today",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="patients per transaction (default 500)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = findings_refresh_all(as_of=options["as_of"], batch_size=options["batch_size"])
        seconds = time.perf_counter() - started
        self.stdout.write(f"Refreshed the findings of {count} patients in {seconds:.1f} s.")
