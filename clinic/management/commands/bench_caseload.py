"""Benchmark the workspace against its floors and the Django admin, on one realistic clinic.

    python manage.py bench_caseload --patients 100000     # or `make bench`

Seeds a throw-away database (never the configured one) with `seed_clinic`'s clinic, where
"clinic-doctor-00" follows 2,000 patients, unless `--existing` benchmarks the configured
database as `seed_clinic` left it. Each page is requested `--repeat` times in-process through
the full middleware stack; the table gives median and p95 server time and queries per request:

1. the caseload's first page: filtered by aggravating drug, sorted by findings, and a search;
2. the Django admin's patient changelist of the same doctor's patients, at the same page size;
3. the raw SQL that fetches the same page's rows with their stored findings (the floor);
4. a bare view through the same middleware, logged in (the framework's floor);
5. the record page of the heavy patient (200 labs, 30 medications, 20 conditions, 50 visits).

The last line is for scripts: `ratios: caseload/admin 0.NN, caseload/raw-sql N.N`, where the
caseload is the filtered-and-sorted page.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.admin import site
from django.contrib.auth.models import Permission, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tqdm import tqdm

from clinic.access import patients_for_user
from clinic.demo.clinic_seed import MRN_PREFIX, clinic_seed
from clinic.models import LabResult, Patient
from clinic.startup import freeze_start_up
from rls import Category

PAGE_SIZE = 25
SEARCH = "berg"
# The caseload page's rows with their stored findings, as one would write it by hand.
# The caseload page's rows with their stored findings, as one would write it by hand on the same
# tables: the doctor's patients, sorted by the stored finding count, then the page's findings.
# The care team is read as PostgreSQL runs it best, an array computed once before the scan (as
# `in_caseload_of` does); written `IN (SELECT …)` or as a UNION, the same rows took 25-40 ms
# at 100,000 patients against 6 ms.
RAW_SQL = """
WITH page AS (
    SELECT p.id, p.mrn, p.family_name, p.given_name, p.birth_date, p.sex,
           p.stored_finding_count AS findings
    FROM clinic_patient p
    WHERE (p.primary_doctor_id = %(doctor)s OR p.id {care_team})
      AND p.status = 'active'
      AND EXISTS (SELECT 1 FROM clinic_storedfinding a
                  WHERE a.patient_id = p.id AND a.category = %(category)s)
    ORDER BY findings DESC, p.family_name, p.given_name, p.id
    LIMIT %(limit)s
)
SELECT page.*, f.code, f.severity, f.title
FROM page JOIN clinic_storedfinding f ON f.patient_id = page.id
ORDER BY page.findings DESC, page.family_name, page.given_name, page.id, f.code
"""
CARE_TEAM = "SELECT patient_id FROM clinic_patient_care_team WHERE user_id = %(doctor)s"


class Command(BaseCommand):
    help = "Compare the caseload with the admin, raw SQL and a bare view on one seeded clinic."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument(
            "--existing",
            action="store_true",
            help="benchmark the configured database, seeded before by seed_clinic",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["existing"]:
            self._run(options["repeat"])
            return
        if connection.vendor != "sqlite":  # SQLite benchmarks in memory
            # Its own name, so a benchmark never collides with a test run's database.
            connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            started = time.perf_counter()
            with tqdm(total=options["patients"], unit="patients") as bar:
                clinic_seed(
                    patients=options["patients"],
                    seed=options["seed"],
                    today=timezone.localdate(),
                    progress=bar.update,
                )
            self.stdout.write(f"Seeded in {time.perf_counter() - started:.0f} s.")
            self._run(options["repeat"])
        finally:
            connection.creation.destroy_test_db(test_db, verbosity=0)

    def _run(self, repeat: int) -> None:
        doctor = User.objects.filter(username="clinic-doctor-00").first()
        heavy = Patient.objects.filter(mrn=f"{MRN_PREFIX}0000000").first()
        if doctor is None or heavy is None:
            raise CommandError("No seeded clinic here: run seed_clinic first, or drop --existing.")
        # The admin is the doctor's alternative page: staff, with the admin's view permission.
        doctor.is_staff = True
        doctor.save(update_fields=["is_staff"])
        doctor.user_permissions.add(Permission.objects.get(codename="view_patient"))
        # A host the settings allow, so no test environment is needed: its instrumented template
        # rendering (a copy of the context per template drawn) is not what production pays.
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        client.force_login(doctor)
        freeze_start_up()  # as each gunicorn worker does (clinic/wsgi.py)
        site._registry[Patient].list_per_page = PAGE_SIZE  # type: ignore[misc]
        filtered = {"aggravating_drug": "on", "sort": "-findings", "per_page": PAGE_SIZE}
        rows = {
            "caseload: aggravating drug, by findings": _page(client, "/", filtered),
            "caseload: sorted by findings": _page(client, "/", {"sort": "-findings"}),
            "caseload: search": _page(client, "/", {"q": SEARCH}),
            "admin changelist, same patients": _page(
                client, reverse("admin:clinic_patient_changelist"), {"status__exact": "active"}
            ),
            "raw SQL, same rows and findings": lambda: _raw_sql(doctor.pk),
            "bare view, same middleware": _page(client, "/healthz", {}),
            "record page, heavy patient": _page(client, heavy.get_absolute_url(), {}),
        }
        self.stdout.write(
            f"Clinic: {Patient.objects.count():,} patients, {LabResult.objects.count():,} lab "
            f"results, on {connection.vendor}; {doctor.username} follows "
            f"{patients_for_user(doctor).count():,} patients; page size {PAGE_SIZE}, "
            f"{repeat} requests each."
        )
        medians = {label: self._time(label, measure, repeat) for label, measure in rows.items()}
        caseload = medians["caseload: aggravating drug, by findings"]
        self.stdout.write(
            f"ratios: caseload/admin {caseload / medians['admin changelist, same patients']:.2f}, "
            f"caseload/raw-sql {caseload / medians['raw SQL, same rows and findings']:.1f}"
        )

    def _time(self, label: str, measure: Callable[[], None], repeat: int) -> float:
        measure()  # warm caches and connections
        timings, cpu_times, queries = [], [], 0
        for _ in range(repeat):
            reset_queries()  # DEBUG keeps at most 9,000 queries; seeding made far more
            with CaptureQueriesContext(connection) as captured:
                begin, cpu_begin = time.perf_counter(), time.process_time()
                measure()
                cpu_times.append((time.process_time() - cpu_begin) * 1000)
                timings.append((time.perf_counter() - begin) * 1000)
            queries = len(captured)
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        # This process's CPU alone (Python; PostgreSQL's work is in the server time only): what
        # a web worker's core spends, and steadier than wall time on a shared machine.
        cpu = statistics.median(cpu_times)
        self.stdout.write(
            f"  {label:<42} median {median:7.1f} ms   p95 {p95:7.1f} ms   "
            f"CPU {cpu:6.1f} ms   {queries:3} queries"
        )
        return median


def _page(client: Client, url: str, params: dict[str, Any]) -> Callable[[], None]:
    def get() -> None:
        response = client.get(url, params)
        if response.status_code != 200:
            raise CommandError(f"{url} answered HTTP {response.status_code}")

    return get


def _raw_sql(doctor_pk: int) -> None:
    # SQLite has no arrays; its OR optimisation serves `IN (SELECT …)` by index.
    care_team = (
        f"= ANY(ARRAY({CARE_TEAM}))" if connection.vendor == "postgresql" else f"IN ({CARE_TEAM})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            RAW_SQL.format(care_team=care_team),
            {"doctor": doctor_pk, "category": str(Category.AGGRAVATING_DRUG), "limit": PAGE_SIZE},
        )
        cursor.fetchall()
