"""A realistic synthetic clinic for benchmarks and load tests (`manage.py seed_clinic`).

Distributions follow an adult RLS clinic: ages from 18 to 95 centred on the late fifties,
two women for each man, ~2 % of women aged 18-45 pregnant; per patient 5-200 lab results over
up to ten years (~20 on average, ~2 million at 100,000 patients), 0-30 medications (some that
aggravate RLS), 0-20 conditions and 0-60 visits. Fifty doctors share the clinic; the first,
"clinic-doctor-00", follows 2,000 patients (1,900 as primary doctor, 100 on a colleague's care
team) and the first of them is a heavy record: 200 labs, 30 medications, 20 conditions, 50 visits.

Every patient is evaluated by the findings engine (no copies). The clinic is the same for the
same seed and the same day: dates are drawn as days before `today`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction

from clinic.models import Condition, LabResult, Medication, Patient, VisitNote
from clinic.services.findings import findings_refresh_patients

DOCTORS = 50
CASELOAD = 2_000
SHARED = 100  # of the caseload, on colleagues' patients' care teams
BATCH = 1_000  # patients generated and written per transaction
MRN_PREFIX = "SC"

# Typical value and spread of each analyte in its first unit, the way a clinic's results scatter.
LAB_PROFILES: dict[str, tuple[str, float, float]] = {
    "ferritin": ("ng/mL", 4.3, 0.8),  # log-normal: median ~75, a tail below 75 and above 300
    "hemoglobin": ("g/L", 135, 15),
    "serum_iron": ("µg/dL", 90, 30),
    "transferrin_saturation": ("%", 27, 10),
    "tibc": ("µg/dL", 320, 50),
    "transferrin": ("g/L", 2.7, 0.5),
    "folate": ("ng/mL", 12, 5),
    "vitamin_b12": ("pg/mL", 450, 150),
    "vitamin_d": ("ng/mL", 28, 10),
    "magnesium": ("mmol/L", 0.85, 0.1),
    "hba1c": ("%", 5.8, 0.9),
    "glucose": ("mmol/L", 5.6, 1.2),
    "creatinine": ("µmol/L", 85, 30),
    "egfr": ("mL/min/1.73 m²", 80, 22),
    "tsh": ("mIU/L", 2.0, 1.2),
}
LOW = {"transferrin": 0.2, "magnesium": 0.1, "hba1c": 2, "glucose": 0.5, "creatinine": 5}
MEDICATIONS = [
    "Reglan 10 mg tab PO TID",
    "Zofran 4 mg",
    "Sertraline 50 mg",
    "Citalopram 20 mg",
    "Mirtazapine 15 mg",
    "Diphenhydramine 25 mg at night",
    "Pramipexole 0.25 mg",
    "Ropinirole 1 mg",
    "Gabapentin 300 mg",
    "Pregabalin 75 mg",
    "Ferrous sulfate 325 mg",
    "Metformin 500 mg BID",
    "Amlodipine 5 mg",
    "Ramipril 5 mg",
    "Atorvastatin 20 mg",
    "Levothyroxine 50 mcg",
    "Omeprazole 20 mg",
    "Furosemide 40 mg",
    "Paracetamol 1 g PRN",
    "Vitamin D3 1000 IU",
]
CONDITIONS = [
    ("Restless legs syndrome", "G25.81"),
    ("Type 2 diabetes mellitus", "E11"),
    ("Essential hypertension", "I10"),
    ("Hypothyroidism", "E03.9"),
    ("Chronic kidney disease, stage 3", "N18.3"),
    ("Iron deficiency anaemia", "D50.9"),
    ("Peripheral neuropathy", "G62.9"),
    ("Depression", "F32.9"),
    ("Obstructive sleep apnoea", "G47.33"),
    ("Osteoarthritis of knee", "M17.9"),
    ("Migraine", "G43.9"),
    ("Gastro-oesophageal reflux", "K21.9"),
    ("Asthma", "J45.9"),
    ("Atrial fibrillation", "I48.91"),
    ("Hyperlipidaemia", "E78.5"),
    ("Parkinson's disease", "G20"),
    ("Multiple sclerosis", "G35"),
    ("Rheumatoid arthritis", "M06.9"),
    ("Varicose veins", "I83.9"),
    ("Insomnia", "G47.00"),
]
FAMILY = [
    "Berg",
    "Holm",
    "Novak",
    "Moreau",
    "Rossi",
    "Silva",
    "Kowalski",
    "Jensen",
    "Okafor",
    "Lindqvist",
    "Fischer",
    "Dubois",
    "Costa",
    "Nagy",
    "Horvat",
    "Laine",
    "Mertens",
]
GIVEN = [
    "Anna",
    "Eva",
    "Lars",
    "Mia",
    "Omar",
    "Paul",
    "Rita",
    "Sara",
    "Tom",
    "Ula",
    "Ines",
    "Karl",
    "Lea",
    "Nora",
    "Otto",
    "Vera",
    "Hugo",
    "Zoe",
]


@dataclass(frozen=True, slots=True)
class Size:
    """How many lab results, medications, conditions and visits one record has."""

    labs: int
    medications: int
    conditions: int
    visits: int


HEAVY = Size(labs=200, medications=30, conditions=20, visits=50)


@dataclass
class SeededClinic:
    doctor: User
    heavy_patient_id: int
    patients: int


def clinic_seed(
    *,
    patients: int,
    seed: int,
    today: date,
    password: str | None = None,
    progress: Callable[[int], Any] = lambda done: None,
) -> SeededClinic:
    """Write a clinic of `patients` patients; call `progress(n)` after each n written."""
    seeded = User.objects.filter(username__startswith="clinic-doctor-").exists()
    if seeded or Patient.objects.filter(mrn__startswith=MRN_PREFIX).exists():
        raise ValueError("This database already holds a seeded clinic: seed a fresh database.")
    rng = random.Random(seed)
    doctors = _doctors(password)
    caseload = min(CASELOAD, patients)
    shared_from = caseload - min(SHARED, caseload // 2)
    heavy_id = 0
    for start in range(0, patients, BATCH):
        with transaction.atomic():
            rows = [
                _patient(i, _owner(i, doctors, shared_from), rng, today)
                for i in range(start, min(start + BATCH, patients))
            ]
            created = Patient.objects.bulk_create(rows)
            _care_teams(created, start, shared_from, caseload, doctors[0])
            _records(created, start, rng, today, doctors)
            findings_refresh_patients([p.pk for p in created], as_of=today, batch_size=BATCH)
            heavy_id = heavy_id or created[0].pk
        progress(len(created))
    if connection.vendor == "postgresql":
        # Planner statistics now, as a clinic's database has them, rather than at autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return SeededClinic(doctor=doctors[0], heavy_patient_id=heavy_id, patients=patients)


def _doctors(password: str | None) -> list[User]:
    hashed = make_password(password)  # once: hashing fifty times would cost seconds
    doctors = User.objects.bulk_create(
        User(username=f"clinic-doctor-{n:02}", first_name="Doctor", last_name=f"{n:02}",
             password=hashed)
        for n in range(DOCTORS)
    )  # fmt: skip
    Group.objects.get(name="Doctors").user_set.add(*doctors)
    return doctors


def _owner(i: int, doctors: list[User], shared_from: int) -> User:
    """The first doctor owns the caseload's first patients; colleagues own the rest."""
    if i < shared_from:
        return doctors[0]
    return doctors[1 + i % (DOCTORS - 1)]


def _care_teams(
    created: list[Patient], start: int, shared_from: int, caseload: int, doctor: User
) -> None:
    team = [p for i, p in enumerate(created, start) if shared_from <= i < caseload]
    Patient.care_team.through.objects.bulk_create(
        Patient.care_team.through(patient_id=p.pk, user_id=doctor.pk) for p in team
    )


def _patient(i: int, owner: User, rng: random.Random, today: date) -> Patient:
    sex = "female" if rng.random() < 2 / 3 else "male"
    age = min(95, max(18, round(rng.gauss(57, 15))))
    birth = today - timedelta(days=age * 365 + rng.randrange(365))
    pregnant = sex == "female" and 18 <= age <= 45 and rng.random() < 0.02
    return Patient(
        mrn=f"{MRN_PREFIX}{i:07}",
        given_name=rng.choice(GIVEN),
        family_name=f"{rng.choice(FAMILY)}{'' if i % 3 else i % 211}",
        birth_date=birth,
        sex=sex,
        pregnancy_due_date=today + timedelta(days=rng.randrange(7, 280)) if pregnant else None,
        family_history_rls=rng.choices(["yes", "no", "unknown"], [3, 4, 3])[0],
        uses_caffeine=rng.random() < 0.6,
        uses_alcohol=rng.random() < 0.4,
        smokes=rng.random() < 0.15,
        status="active" if rng.random() < 0.93 else "inactive",
        primary_doctor=owner,
        created_by=owner,
        updated_by=owner,
    )


def _size(rng: random.Random) -> Size:
    """Skewed counts: most records are short, a few are long (means ~20, 4, 2.5, 8)."""
    return Size(
        labs=min(200, 5 + int(rng.expovariate(1 / 15))),
        medications=min(30, int(rng.expovariate(1 / 4))),
        conditions=min(20, int(rng.expovariate(1 / 2.5))),
        visits=min(60, int(rng.expovariate(1 / 8))),
    )


def _records(
    created: list[Patient], start: int, rng: random.Random, today: date, doctors: list[User]
) -> None:
    labs: list[LabResult] = []
    medications: list[Medication] = []
    conditions: list[Condition] = []
    visits: list[VisitNote] = []
    for i, patient in enumerate(created, start):
        size = HEAVY if i == 0 else _size(rng)
        author = patient.primary_doctor
        stamp = {"patient": patient, "created_by": author, "updated_by": author}
        labs += (_lab(rng, today, stamp) for _ in range(size.labs))
        medications += _medications(rng, today, size.medications, stamp)
        conditions += _conditions(rng, today, size.conditions, stamp)
        visits += (
            VisitNote(
                visit_date=today - timedelta(days=rng.randrange(1, 3650)),
                irls_score=rng.choice([None, *range(0, 41)]),
                text="Seen in clinic.",
                author=author,
                **stamp,
            )
            for _ in range(size.visits)
        )
    LabResult.objects.bulk_create(labs, batch_size=5_000)
    Medication.objects.bulk_create(medications, batch_size=5_000)
    Condition.objects.bulk_create(conditions, batch_size=5_000)
    VisitNote.objects.bulk_create(visits, batch_size=5_000)


def _lab(rng: random.Random, today: date, stamp: dict[str, Any]) -> LabResult:
    analyte = rng.choice(list(LAB_PROFILES))
    unit, centre, spread = LAB_PROFILES[analyte]
    if analyte == "ferritin":
        value = math.exp(rng.gauss(centre, spread))
    else:
        value = max(LOW.get(analyte, 0), rng.gauss(centre, spread))
    return LabResult(
        analyte=analyte,
        value=Decimal(f"{value:.2f}"),
        unit=unit,
        collected_on=today - timedelta(days=int(rng.expovariate(1 / 700)) % 3650 + 1),
        **stamp,
    )


def _medications(
    rng: random.Random, today: date, count: int, stamp: dict[str, Any]
) -> Iterator[Medication]:
    for _ in range(count):
        stopped = rng.random() < 0.25
        started = today - timedelta(days=rng.randrange(30, 3650))
        yield Medication(
            line=rng.choice(MEDICATIONS),
            started_on=started,
            status="stopped" if stopped else "active",
            stopped_on=started + timedelta(days=rng.randrange(0, 30)) if stopped else None,
            **stamp,
        )


def _conditions(
    rng: random.Random, today: date, count: int, stamp: dict[str, Any]
) -> Iterator[Condition]:
    for name, icd10 in rng.sample(CONDITIONS, min(count, len(CONDITIONS))):
        yield Condition(
            name=name,
            icd10=icd10,
            onset_date=today - timedelta(days=rng.randrange(30, 7300)),
            **stamp,
        )
