"""Post lab results to one patient from many threads at once, as a busy ward would.

Used in-process by the tests on PostgreSQL, and as `python -m tests.clinic.parallel_writes N`
on a fresh SQLite file (an in-memory test database cannot be shared between connections the
way a file can): it migrates the file, posts N labs in parallel and prints the outcome as JSON.
Django is imported inside the functions: the module runs before Django is set up.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import date, timedelta
from typing import Any

FIRST_DAY = date(2026, 1, 1)


def post_labs_in_parallel(patient_pk: int, user: Any, count: int) -> list[int]:
    """Post `count` ferritin results to one patient from as many threads; return the statuses."""
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    statuses: list[int] = []
    start = threading.Barrier(count)

    def post(i: int) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        data = {
            "analyte": "ferritin",
            "value": str(20 + i),
            "unit": "ng/mL",
            "collected_on": (FIRST_DAY + timedelta(days=i)).isoformat(),
        }
        start.wait()
        try:
            response = client.post(reverse("clinic:lab_create", args=[patient_pk]), data)
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def outcome(patient_pk: int, statuses: list[int]) -> dict[str, Any]:
    """What the posts left behind: statuses, labs saved, stored findings against live ones."""
    from django.utils import timezone

    from clinic.models import LabResult, Patient, StoredFinding
    from clinic.selectors.findings import patient_findings
    from clinic.snapshots import with_snapshot_data

    patient = with_snapshot_data(Patient.objects.filter(pk=patient_pk)).get()
    findings = patient_findings(patient, as_of=timezone.localdate())
    live = sorted((f.code, f.fingerprint()) for f in findings)
    stored = sorted(
        StoredFinding.objects.filter(patient_id=patient_pk).values_list("code", "fingerprint")
    )
    return {
        "statuses": sorted(statuses),
        "labs": LabResult.objects.filter(patient_id=patient_pk).count(),
        "live": [list(row) for row in live],
        "stored": [list(row) for row in stored],
    }


def _main(count: int) -> None:
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group, User

    from clinic.models import Patient

    user = User.objects.create_user("ward-doctor", first_name="Ward")
    user.groups.add(Group.objects.get(name="Doctors"))
    patient = Patient.objects.create(
        mrn="PAR-1",
        given_name="Anna",
        family_name="Lindqvist",
        birth_date=date(1970, 5, 17),
        sex="female",
        primary_doctor=user,
        created_by=user,
        updated_by=user,
    )
    statuses = post_labs_in_parallel(patient.pk, user, count)
    print(json.dumps(outcome(patient.pk, statuses)))


if __name__ == "__main__":
    _main(int(sys.argv[1]))
