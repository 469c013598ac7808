"""A doctor's round, as locust users: caseload, two filters, three records, one lab entry.

Every user works as the seeded doctor who follows 2,000 patients (see `seed_clinic`), so all
of them share a caseload, and each lab entry goes to one of the same few patients: writers on
shared patients, the case that used to fail with 500s. Run by `make load` (loadtest/run.py).
"""

from __future__ import annotations

import os
import random
import re

from gevent.lock import Semaphore
from locust import HttpUser, between, task

DOCTOR = "clinic-doctor-00"
SHARED_PATIENTS = 5  # lab entries go to the first patients of the caseload's first page
RECORD = re.compile(r'href="/patients/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_login_lock = Semaphore()
_session: dict[str, str] = {}


class Doctor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        # One login for all users (a doctor logs in once a morning): 32 Argon2 checks at
        # once would measure the password hash, not the round.
        with _login_lock:
            if not _session:
                _session.update(self._log_in())
        self.client.cookies.update(_session)

    def _log_in(self) -> dict[str, str]:
        login = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(login.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": DOCTOR,
                "password": os.environ["LOAD_PASSWORD"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
        )
        return dict(self.client.cookies)

    @task
    def round(self) -> None:
        caseload = self.client.get("/", name="caseload")
        patients = list(dict.fromkeys(RECORD.findall(caseload.text)))
        self.client.get("/?aggravating_drug=on&sort=-findings", name="caseload filtered")
        self.client.get("/?iron_or_anemia=on&no_visit_months=6", name="caseload filtered")
        if not patients:
            return
        for pk in random.sample(patients, min(3, len(patients))):
            self.client.get(f"/patients/{pk}/", name="record")
        self._enter_lab(random.choice(patients[:SHARED_PATIENTS]))

    def _enter_lab(self, pk: str) -> None:
        form = self.client.get(f"/patients/{pk}/labs/new/", name="lab form")
        token = CSRF.search(form.text)
        self.client.post(
            f"/patients/{pk}/labs/new/",
            {
                "analyte": "ferritin",
                "value": str(random.randint(20, 200)),
                "unit": "ng/mL",
                "collected_on": "2026-01-15",
                # Every writer adds to the same day: a second, very different ferritin of one
                # day asks the doctor to confirm both are right (422 until confirmed).
                "confirm_same_day": "on",
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="lab entry",
        )
