"""Fill the configured database with a realistic synthetic clinic, for benchmarks and load tests.

    python manage.py seed_clinic --patients 100000 --seed 1 [--password PW]

See clinic/demo/clinic_seed.py for the distributions. Without --password the fifty doctors
("clinic-doctor-00" ... "-49") cannot log in; give one to drive the clinic with `make load`.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from clinic.demo.clinic_seed import clinic_seed


def positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


class Command(BaseCommand):
    help = "Write a realistic synthetic clinic of N patients (deterministic for a seed and day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=positive, required=True, help="clinic size")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD, default today")
        parser.add_argument("--password", help="password of the seeded doctors (default: none)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        total = options["patients"]
        with tqdm(total=total, unit="patients", disable=options["verbosity"] == 0) as bar:
            try:
                clinic = clinic_seed(
                    patients=total,
                    seed=options["seed"],
                    today=options["today"] or timezone.localdate(),
                    password=options["password"],
                    progress=bar.update,
                )
            except ValueError as refused:
                raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Seeded {total:,} patients in {time.perf_counter() - started:.0f} s; "
            f"{clinic.doctor.username} follows the caseload, the heavy record is patient "
            f"{clinic.heavy_patient_id}."
        )
