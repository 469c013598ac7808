"""Benchmark the caseload of one doctor in a large clinic, in a throw-away database.

`python manage.py bench_caseload` (or `make bench`) builds a test database (never the
configured one), fills it with a clinic of 100,000 patients where one doctor follows 2,000
(1,900 as primary doctor, 100 on the care team), and prints the median time of the caseload's
first page, filtered and sorted, and of a record page.

The doctor's 2,000 patients get varied synthetic records, evaluated by the real findings
engine. The other patients are copies of those 2,000 (same records, same stored findings), so
the clinic's tables have realistic sizes and distributions without evaluating 100,000
snapshots, which would only measure the engine.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

from clinic.models import Condition, LabResult, Medication, Patient, StoredFinding, VisitNote
from clinic.services.findings import findings_refresh_patients

MEDICATIONS = [
    "Reglan 10 mg tab PO TID",
    "Zofran 4 mg",
    "Sertraline 50 mg",
    "Pramipexole 0.25 mg",
    "Metformin 500 mg BID",
    "Amlodipine 5 mg",
    "Gabapentin 300 mg",
    "Furosemide 40 mg",
    "Diphenhydramine 25 mg",
]
CONDITIONS = [
    ("Type 2 diabetes mellitus", "E11"),
    ("Essential hypertension", "I10"),
    ("Hypothyroidism", "E03.9"),
    ("Chronic kidney disease, stage 3", "N18.3"),
    ("Restless legs syndrome", "G25.81"),
]
NAMES = ["Berg", "Holm", "Novak", "Moreau", "Rossi", "Silva", "Kowalski", "Jensen", "Okafor"]
GIVEN = ["Anna", "Eva", "Lars", "Mia", "Omar", "Paul", "Rita", "Sara", "Tom", "Ula"]
SCENARIOS: dict[str, dict[str, Any]] = {
    "first page": {},
    "filtered (aggravating drug)": {"aggravating_drug": "on"},
    "filtered (iron or anemia, no visit 6 months)": {"iron_or_anemia": "on", "no_visit_months": 6},
    "sorted by findings": {"sort": "-findings"},
    "sorted by last visit": {"sort": "-last_visit"},
    "search": {"q": "berg"},
}


class Command(BaseCommand):
    help = "Time the caseload for a 2,000-patient doctor in a 100,000-patient clinic."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=100_000)
        parser.add_argument("--caseload", type=int, default=2_000)
        parser.add_argument("--repeat", type=int, default=15)

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        if connection.vendor != "sqlite":  # SQLite benchmarks in memory
            # Its own name, so a benchmark never collides with a test run's database.
            connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            self._run(options["patients"], options["caseload"], options["repeat"])
        finally:
            connection.creation.destroy_test_db(test_db, verbosity=0)

    def _run(self, clinic_size: int, caseload_size: int, repeat: int) -> None:
        started = time.perf_counter()
        doctor = _build_clinic(clinic_size, caseload_size)
        self.stdout.write(
            f"Built a clinic of {clinic_size:,} patients ({caseload_size:,} in the doctor's "
            f"caseload) on {connection.vendor} in {time.perf_counter() - started:.1f} s."
        )
        client = Client()
        client.force_login(doctor)
        for label, params in SCENARIOS.items():
            self._time(client, "/", params, label, repeat)
        patient = Patient.objects.filter(primary_doctor=doctor).order_by("pk")[0]
        self._time(client, patient.get_absolute_url(), {}, "record page", repeat)

    def _time(self, client: Client, url: str, params: dict, label: str, repeat: int) -> None:
        timings = []
        for _ in range(repeat):
            reset_queries()  # DEBUG keeps at most 9,000 queries; the build made far more
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - begin) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{label}: HTTP {response.status_code}")
        paginator = getattr(response.context.get("page"), "paginator", None)
        shown = f"{paginator.count:,} patients, " if paginator is not None else ""
        self.stdout.write(
            f"  {label:<46} median {statistics.median(timings):7.1f} ms "
            f"({shown}{len(queries)} queries)"
        )


def _build_clinic(clinic_size: int, caseload_size: int) -> User:
    """Create the doctors, the patients, their records and stored findings; return the doctor."""
    rng = random.Random(20261124)
    doctors_group = Group.objects.get(name="Doctors")
    doctors = User.objects.bulk_create(
        User(username=f"doctor{n}", first_name="Doctor", last_name=str(n)) for n in range(50)
    )
    doctors_group.user_set.add(*doctors)
    bench_doctor, others = doctors[0], doctors[1:]
    owners = [
        bench_doctor if i < caseload_size - 100 else others[i % 49] for i in range(clinic_size)
    ]
    patients = Patient.objects.bulk_create(
        (_patient(i, owners[i], rng) for i in range(clinic_size)), batch_size=5000
    )
    # The last 100 of the doctor's caseload belong to colleagues, with the doctor on the team.
    shared = patients[caseload_size - 100 : caseload_size]
    Patient.care_team.through.objects.bulk_create(
        Patient.care_team.through(patient_id=p.pk, user_id=bench_doctor.pk) for p in shared
    )
    profiles = [_records(rng) for _ in range(caseload_size)]
    _create_records(patients, profiles, bench_doctor)
    findings_refresh_patients([p.pk for p in patients[:caseload_size]])
    _copy_findings(patients, caseload_size)
    if connection.vendor == "postgresql":
        # A clinic's database has planner statistics; a bulk load leaves none until autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return bench_doctor


def _patient(i: int, owner: User, rng: random.Random) -> Patient:
    sex = rng.choice(["female", "male"])
    pregnant = sex == "female" and rng.random() < 0.03
    today = timezone.localdate()
    return Patient(
        mrn=f"B{i:07}",
        given_name=rng.choice(GIVEN),
        family_name=f"{rng.choice(NAMES)}{i % 997}",
        birth_date=date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 60)),
        sex=sex,
        pregnancy_due_date=today + timedelta(days=rng.randrange(10, 250)) if pregnant else None,
        family_history_rls=rng.choice(["yes", "no", "unknown"]),
        uses_caffeine=rng.random() < 0.3,
        status="active" if rng.random() < 0.95 else "inactive",
        primary_doctor=owner,
        created_by=owner,
        updated_by=owner,
    )


def _records(rng: random.Random) -> dict[str, list]:
    """Return one synthetic record: a few labs, medications, conditions and visits."""
    today = timezone.localdate()
    day = lambda: today - timedelta(days=rng.randrange(1, 700))  # noqa: E731
    return {
        "labs": [
            ("ferritin", Decimal(rng.randrange(8, 300)), "ng/mL", day()),
            ("hemoglobin", Decimal(rng.randrange(95, 165)), "g/L", day()),
        ][: rng.randrange(0, 3)],
        "medications": rng.sample(MEDICATIONS, rng.randrange(0, 3)),
        "conditions": rng.sample(CONDITIONS, rng.randrange(0, 2)),
        "visits": [(day(), rng.choice([None, *range(0, 41)])) for _ in range(rng.randrange(0, 3))],
    }


def _create_records(patients: list[Patient], profiles: list[dict], author: User) -> None:
    labs, medications, conditions, visits = [], [], [], []
    stamp = {"created_by": author, "updated_by": author}
    for i, patient in enumerate(patients):
        profile = profiles[i % len(profiles)]
        labs += [
            LabResult(patient=patient, analyte=a, value=v, unit=u, collected_on=d, **stamp)
            for a, v, u, d in profile["labs"]
        ]
        medications += [
            Medication(patient=patient, line=m, **stamp) for m in profile["medications"]
        ]
        conditions += [
            Condition(patient=patient, name=n, icd10=c, **stamp) for n, c in profile["conditions"]
        ]
        visits += [
            VisitNote(
                patient=patient, visit_date=d, irls_score=s, text="Seen", author=author, **stamp
            )
            for d, s in profile["visits"]
        ]
    LabResult.objects.bulk_create(labs, batch_size=5000)
    Medication.objects.bulk_create(medications, batch_size=5000)
    Condition.objects.bulk_create(conditions, batch_size=5000)
    VisitNote.objects.bulk_create(visits, batch_size=5000)


def _copy_findings(patients: list[Patient], caseload_size: int) -> None:
    """Give every other patient the stored findings of the profile its record copies."""
    by_template: dict[int, list[StoredFinding]] = {}
    for finding in StoredFinding.objects.filter(patient__in=patients[:caseload_size]):
        by_template.setdefault(finding.patient_id, []).append(finding)
    template_pks = [p.pk for p in patients[:caseload_size]]
    copies = (
        StoredFinding(
            patient_id=patient.pk,
            code=f.code,
            category=f.category,
            severity=f.severity,
            title=f.title,
            fingerprint=f.fingerprint,
            evaluated_on=f.evaluated_on,
        )
        for i, patient in enumerate(patients[caseload_size:], start=caseload_size)
        for f in by_template.get(template_pks[i % caseload_size], [])
    )
    StoredFinding.objects.bulk_create(copies, batch_size=5000)
