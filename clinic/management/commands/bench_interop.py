"""Benchmark the interfaces in a throw-away database: FHIR import throughput, order-select latency.

`python manage.py bench_interop` writes a Synthea-shaped transaction bundle of 1,000 patients
(each with encounters, SNOMED conditions, LOINC labs and vitals, RxNorm prescriptions and
claims), imports it with the real importer and prints resources per second and the peak
memory; then it signs real JWTs and times `order-select` calls for a Reglan draft through the
full Django stack, pinned to one CPU core, and prints p50 and p95.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import timezone

from clinic.interop.cds_clients import parse_clients
from clinic.interop.fhir_import import FhirImporter

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
CONDITIONS = [
    ("44054006", "Diabetes mellitus type 2 (disorder)"),
    ("271737000", "Anemia (disorder)"),
    ("433144002", "Chronic kidney disease stage 3 (disorder)"),
    ("59621000", "Essential hypertension (disorder)"),
    ("15777000", "Prediabetes (finding)"),
]
LABS = [
    ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 9.5, 15.5),
    ("2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ng/mL", 10, 300),
    ("33914-3", "eGFR", "mL/min/{1.73_m2}", 25, 110),
    ("4548-4", "Hemoglobin A1c", "%", 5.0, 9.0),
    ("8302-2", "Body Height", "cm", 150, 190),
    ("29463-7", "Body Weight", "kg", 50, 110),
]
DRUGS = [
    ("1049630", "Diphenhydramine Hydrochloride 25 MG Oral Tablet"),
    ("312940", "Sertraline 50 MG Oral Tablet"),
    ("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
    ("314076", "Lisinopril 10 MG Oral Tablet"),
]


class Command(BaseCommand):
    help = "Print FHIR import throughput and CDS Hooks order-select latency (throw-away database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=1_000)
        parser.add_argument("--calls", type=int, default=300)

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        if connection.vendor != "sqlite":
            connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            self._import(options["patients"])
            self._order_select(options["calls"])
        finally:
            connection.creation.destroy_test_db(test_db, verbosity=0)

    def _import(self, patients: int) -> None:
        doctor = User.objects.create_user("bench-doctor")
        doctor.groups.add(Group.objects.get(name="Doctors"))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bundle.json"
            resources = _write_bundle(path, patients)
            size = path.stat().st_size / 1e6
            importer = FhirImporter(doctor=doctor, at=timezone.now())
            started = time.perf_counter()
            with path.open("rb") as handle:
                importer.import_stream(handle)
            importer.refresh_findings()  # part of the import: its patients' stored findings
            elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        summary = importer.summary
        self.stdout.write(
            f"Import on {connection.vendor}: {patients:,} patients, {resources:,} resources "
            f"({size:.1f} MB) in {elapsed:.1f} s = {resources / elapsed:,.0f} resources/s "
            f"({summary.created:,} created, {len(summary.refused)} refused); "
            f"peak RSS {peak:,.0f} MB."
        )

    def _order_select(self, calls: int) -> None:
        import jwt
        from cryptography.hazmat.primitives.asymmetric import rsa

        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        settings.CDS_HOOKS_CLIENTS = parse_clients(
            json.dumps([{"iss": "https://bench.example", "jwks": {"keys": [jwk]}}])
        )
        settings.CDS_HOOKS_BASE_URL = "https://ekbom.example"
        settings.ALLOWED_HOSTS = ["*"]
        client = Client()
        body = json.dumps(_order_select_body())
        timings = []
        for _ in range(calls):
            now = int(time.time())
            claims = {
                "iss": "https://bench.example",
                "aud": "https://ekbom.example/cds-services/ekbom-order-select",
                "exp": now + 300,
                "iat": now,
                "jti": str(uuid.uuid4()),
            }
            token = jwt.encode(claims, key, algorithm="RS384")
            started = time.perf_counter()
            response = client.post(
                "/cds-services/ekbom-order-select",
                data=body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"order-select (Reglan draft, prefetch of one patient, one core): {calls} calls, "
            f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms."
        )


def _write_bundle(path: Path, patients: int) -> int:
    """Write the bundle one patient at a time; return the number of resources."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"resourceType": "Bundle", "type": "transaction", "entry": [')
        for n in range(patients):
            for resource_ in _patient_resources(n):
                out.write(("," if count else "") + json.dumps(_entry(resource_)))
                count += 1
        out.write("]}")
    return count


def _entry(resource_: dict[str, Any]) -> dict[str, Any]:
    return {
        "fullUrl": f"urn:uuid:{resource_['id']}",
        "resource": resource_,
        "request": {"method": "POST", "url": resource_["resourceType"]},
    }


def _patient_resources(n: int) -> list[dict[str, Any]]:
    pid = str(uuid.uuid4())
    subject = {"reference": f"urn:uuid:{pid}"}
    out: list[dict[str, Any]] = [
        {
            "resourceType": "Patient",
            "id": pid,
            "identifier": [
                {"type": {"coding": [{"code": "MR"}]}, "value": f"BENCH-{n:06d}"},
            ],
            "name": [{"use": "official", "family": f"Family{n}", "given": ["Given"]}],
            "gender": "female" if n % 2 else "male",
            "birthDate": f"{1940 + n % 60}-0{1 + n % 9}-1{n % 9}",
        }
    ]
    for year in (2025, 2026):
        out.append(
            {
                "resourceType": "Encounter",
                "id": str(uuid.uuid4()),
                "status": "finished",
                "class": {"code": "AMB"},
                "type": [{"coding": [{"system": SNOMED, "code": "162673000",
                                      "display": "General examination of patient"}]}],
                "subject": subject,
                "period": {"start": f"{year}-03-0{1 + n % 9}T09:00:00Z"},
            }
        )  # fmt: skip
    for code, display in (CONDITIONS[n % 5], CONDITIONS[(n + 2) % 5]):
        out.append(
            {
                "resourceType": "Condition",
                "id": str(uuid.uuid4()),
                "clinicalStatus": {"coding": [{"code": "active"}]},
                "verificationStatus": {"coding": [{"code": "confirmed"}]},
                "code": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
                "subject": subject,
                "onsetDateTime": "2020-01-01T00:00:00Z",
            }
        )
    for i, (loinc, display, unit, low, high) in enumerate(LABS):
        value = round(low + (high - low) * ((n * 7 + i * 13) % 100) / 100, 1)
        out.append(
            {
                "resourceType": "Observation",
                "id": str(uuid.uuid4()),
                "status": "final",
                "code": {"coding": [{"system": LOINC, "code": loinc, "display": display}]},
                "subject": subject,
                "effectiveDateTime": f"2026-0{1 + n % 9}-15T10:00:00Z",
                "valueQuantity": {"value": value, "unit": unit,
                                  "system": "http://unitsofmeasure.org", "code": unit},
            }
        )  # fmt: skip
    for rxnorm, display in (DRUGS[n % 4], DRUGS[(n + 1) % 4]):
        out.append(
            {
                "resourceType": "MedicationRequest",
                "id": str(uuid.uuid4()),
                "status": "active" if n % 3 else "stopped",
                "intent": "order",
                "medicationCodeableConcept": {
                    "coding": [{"system": RXNORM, "code": rxnorm, "display": display}],
                    "text": display,
                },
                "subject": subject,
                "authoredOn": "2026-01-10T10:00:00Z",
            }
        )
    out.append(
        {
            "resourceType": "Claim",
            "id": str(uuid.uuid4()),
            "status": "active",
            "patient": subject,
            "total": {"value": 120.0, "currency": "USD"},
        }
    )
    return out


def _order_select_body() -> dict[str, Any]:
    patient = _patient_resources(1)
    bundle = lambda kind: {  # noqa: E731
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in patient if r["resourceType"] == kind],
    }
    return {
        "hook": "order-select",
        "hookInstance": str(uuid.uuid4()),
        "context": {
            "userId": "Practitioner/1",
            "patientId": patient[0]["id"],
            "selections": ["MedicationRequest/draft-1"],
            "draftOrders": {
                "resourceType": "Bundle",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "MedicationRequest",
                            "id": "draft-1",
                            "status": "draft",
                            "intent": "order",
                            "medicationCodeableConcept": {"text": "Reglan 10 MG Oral Tablet"},
                            "subject": {"reference": f"Patient/{patient[0]['id']}"},
                        }
                    }
                ],
            },
        },
        "prefetch": {
            "patient": patient[0],
            "conditions": bundle("Condition"),
            "medications": bundle("MedicationRequest"),
            "observations": bundle("Observation"),
        },
    }
