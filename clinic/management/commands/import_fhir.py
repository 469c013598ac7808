"""Import FHIR R4 bundles (files, or folders of *.json files) into one doctor's caseload.

A public interface: `python manage.py import_fhir PATH... --doctor USERNAME`. Each patient
imports in its own transaction; the summary lists refused patients with the resource, the
field and the reason. Exits non-zero when a file is unreadable or not a bundle, or a patient
was refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from clinic.interop.bundles import BundleError
from clinic.interop.fhir_import import FhirImporter


class Command(BaseCommand):
    help = "Import FHIR R4 bundles (transaction, batch, collection, searchset) into a caseload."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="bundle files, or folders of *.json bundles")
        parser.add_argument(
            "--doctor", required=True, metavar="USERNAME", help="whose caseload patients join"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        doctor = _doctor(options["doctor"])
        files = _bundle_files(options["paths"])
        importer = FhirImporter(doctor=doctor, at=timezone.now())
        failed = []
        with set_actor(doctor):
            for path in files:
                try:
                    self._import_file(importer, path, progress=not options["no_progress"])
                except BundleError as error:
                    failed.append(f"{path}: {error}")
            importer.refresh_findings()
        for line in [*failed, *importer.summary.lines()]:
            self.stdout.write(line)
        if failed or importer.summary.refused:
            raise CommandError(
                f"{len(failed)} file(s) not read, {len(importer.summary.refused)} patient(s) "
                "refused; the other patients were imported."
            )

    def _import_file(self, importer: FhirImporter, path: Path, *, progress: bool) -> None:
        size = path.stat().st_size
        with (
            path.open("rb") as handle,
            tqdm(
                total=size,
                unit="B",
                unit_scale=True,
                desc=path.name,
                disable=not progress,
                file=self.stderr,
            ) as bar,
        ):
            reader = _ProgressReader(handle, bar)
            importer.import_stream(reader)  # type: ignore[arg-type]


class _ProgressReader:
    """A file whose reads advance the progress bar by the bytes read."""

    def __init__(self, handle: Any, bar: tqdm) -> None:
        self.handle, self.bar = handle, bar

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.bar.update(len(chunk))
        return chunk


def _doctor(username: str) -> Any:
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"--doctor: no active user {username!r}")
    return user


def _bundle_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    if not files:
        raise CommandError("paths: no *.json bundle found")
    return files
