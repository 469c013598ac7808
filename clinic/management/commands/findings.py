"""Print the findings engine's verdict as JSON: for snapshot files, or for a stored patient.

A public interface: `python manage.py findings PATH` (PATH `-` reads standard input) and
`python manage.py findings --patient MRN`. Bad input exits non-zero with one line naming
the field and the reason.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from clinic.models import Patient
from clinic.selectors.findings import patient_findings
from clinic.snapshots import load_local_names, with_snapshot_data
from rls import Snapshot, SnapshotError, evaluate, findings_to_json, parse_snapshot


class Command(BaseCommand):
    help = "Print the RLS findings for snapshot JSON (a file, or - for stdin) or a stored patient."

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "path", nargs="?", help="a JSON file of one snapshot or an array; - for stdin"
        )
        source.add_argument("--patient", metavar="MRN", help="evaluate a stored patient")
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            help="evaluate a stored patient on this date (YYYY-MM-DD)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result: dict[str, Any] | list[dict[str, Any]]
        if options["patient"]:
            result = self._stored_patient(options["patient"], options["as_of"])
        else:
            result = self._snapshots(_read_json(options["path"]))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _stored_patient(self, mrn: str, as_of: date | None) -> dict[str, Any]:
        patient = with_snapshot_data(Patient.objects.filter(mrn=mrn)).first()
        if patient is None:
            raise CommandError(f"--patient: no patient with MRN {mrn!r}")
        return findings_to_json(patient_findings(patient, as_of=as_of or timezone.localdate()))

    def _snapshots(self, document: Any) -> dict[str, Any] | list[dict[str, Any]]:
        # Validate everything before evaluating anything: one bad snapshot fails the whole run.
        if isinstance(document, list):
            snapshots = [_parse(item, f"[{i}]") for i, item in enumerate(document)]
        else:
            snapshots = [_parse(document, "")]
        local_names = load_local_names()
        results = [findings_to_json(evaluate(snapshot, local_names)) for snapshot in snapshots]
        return results if isinstance(document, list) else results[0]


def _read_json(path: str) -> Any:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: cannot read ({error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"input: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None


def _parse(document: Any, prefix: str) -> Snapshot:
    try:
        return parse_snapshot(document)
    except SnapshotError as error:
        raise CommandError(f"{prefix}.{error}" if prefix else str(error)) from None
