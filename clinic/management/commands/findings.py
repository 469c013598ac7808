"""Print the findings engine's verdict as JSON: for snapshot files, or for a stored patient.

A public interface: `python manage.py findings PATH` (PATH `-` reads standard input) and
`python manage.py findings --patient MRN`. Bad input exits non-zero with one line naming
the field and the reason. In an array, a refused snapshot is reported by its index and the
others are still evaluated (their results printed, the refused one as {"error": ...}).
Snapshot files need no database: before `migrate` the clinic's local names are simply absent.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from clinic.models import Patient
from clinic.selectors.findings import patient_findings
from clinic.snapshots import load_local_names, with_snapshot_data
from rls import (
    LocalName,
    Snapshot,
    SnapshotError,
    evaluate,
    findings_to_json,
    medication_verdicts,
    parse_snapshot,
)


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
        if options["patient"]:
            result = self._stored_patient(options["patient"], options["as_of"])
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        document = _read_json(options["path"])
        if isinstance(document, list):
            self._batch(document)
            return
        snapshot = _parse(document, "")
        if isinstance(snapshot, str):
            raise CommandError(snapshot)
        result = _evaluate(snapshot, self._local_names())
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _stored_patient(self, mrn: str, as_of: date | None) -> dict[str, Any]:
        patient = with_snapshot_data(Patient.objects.filter(mrn=mrn)).first()
        if patient is None:
            raise CommandError(f"--patient: no patient with MRN {mrn!r}")
        return findings_to_json(patient_findings(patient, as_of=as_of or timezone.localdate()))

    def _batch(self, documents: list[Any]) -> None:
        """Evaluate every snapshot; a refused one is reported by index and stops no other."""
        parsed = [_parse(item, f"[{i}]") for i, item in enumerate(documents)]
        refused = [item for item in parsed if isinstance(item, str)]
        local_names = self._local_names() if len(refused) < len(parsed) else ()
        results = [
            {"error": item} if isinstance(item, str) else _evaluate(item, local_names)
            for item in parsed
        ]
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if refused:
            raise CommandError(
                f"{len(refused)} of {len(results)} snapshots refused; first: {refused[0]}"
            )

    def _local_names(self) -> tuple[LocalName, ...]:
        # A fresh clone has no tables yet: snapshot files are still evaluated, without them.
        try:
            return load_local_names()
        except DatabaseError:
            self.stderr.write("local names not loaded: the database is not migrated")
            return ()


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
    except RecursionError:
        raise CommandError("input: JSON nested too deeply to read") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise CommandError(f"input: not readable JSON ({error})") from None


def _parse(document: Any, prefix: str) -> Snapshot | str:
    """Return the snapshot, or the one-line reason it is refused (prefixed by its index)."""
    try:
        return parse_snapshot(document)
    except SnapshotError as error:
        return f"{prefix}.{error}" if prefix else str(error)


def _evaluate(snapshot: Snapshot, local_names: tuple[LocalName, ...]) -> dict[str, Any]:
    findings = evaluate(snapshot, local_names)
    return findings_to_json(findings, medication_verdicts(snapshot, local_names))
