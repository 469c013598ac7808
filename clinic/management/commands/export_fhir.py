"""Print patients as FHIR R4 Bundles: `python manage.py export_fhir --patient MRN [--as-of DATE]`.

The bundle (a collection) carries the record and the current findings as DetectedIssues, and
imports back with `import_fhir`. Each export is recorded in the audit trail.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from clinic.interop.fhir_export import patient_bundle
from clinic.models import Patient
from clinic.snapshots import with_snapshot_data


class Command(BaseCommand):
    help = "Print a stored patient as a FHIR R4 Bundle (collection) with their findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patient", required=True, metavar="MRN", help="the patient's MRN")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, help="evaluate findings on this date (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        mrn = options["patient"]
        patient = with_snapshot_data(Patient.objects.filter(mrn=mrn)).first()
        if patient is None:
            raise CommandError(f"--patient: no patient with MRN {mrn!r}")
        bundle = patient_bundle(patient, as_of=options["as_of"] or timezone.localdate())
        LogEntry.objects.log_create(
            patient,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            changes_text="Exported the patient record as FHIR (command line)",
            additional_data={"patient_id": patient.pk, "access": "export"},
        )
        self.stdout.write(json.dumps(bundle, ensure_ascii=False, indent=2))
