"""Seed the demo clinic: three accounts and 44 synthetic patients, idempotently.

`python manage.py seed_demo` (with DJANGO_DEBUG=true; `--force` otherwise). The accounts share
a published password, so the command refuses to run on what looks like a production set-up.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from clinic.demo.patients import DEMO_PASSWORD
from clinic.demo.seeding import demo_clinic_seed


class Command(BaseCommand):
    help = "Create or update the demo clinic (accounts, synthetic patients); safe to re-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even with DEBUG off (the demo accounts have a published password)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with the published password "
                f"{DEMO_PASSWORD!r}, so it runs only with DJANGO_DEBUG=true. "
                "Pass --force to seed this database anyway (never a production one)."
            )
        tallies = demo_clinic_seed(today=timezone.localdate())
        for what, counts in tallies.items():
            self.stdout.write(
                f"{what}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo clinic ready. Log in as demo-doctor, demo-doctor2 or demo-admin "
                f"with the password {DEMO_PASSWORD!r}."
            )
        )
