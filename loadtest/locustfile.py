"""A doctor's round, as locust users: caseload, two filters, three records, one lab entry.

Every user works as the seeded doctor who follows 2,000 patients (see `seed_clinic`), so all
of them share a caseload, and each lab entry goes to one of the same few patients: writers on
shared patients, the case that used to fail with 500s. Run by `make load` (loadtest/run.py).

A doctor reads each page before the next: every user waits LOAD_THINK seconds ("MIN MAX",
default "0.5 2") between pages. "0 0" sends each page as soon as the last one came back, which
measures how many requests per second the server can take rather than a clinic's round.
"""

from __future__ import annotations

import os
import random
import re

from gevent.lock import Semaphore
from locust import HttpUser, SequentialTaskSet, between, task

DOCTOR = "clinic-doctor-00"
SHARED_PATIENTS = 5  # lab entries go to the first patients of the caseload's first page
RECORDS_OPENED = 3
RECORD = re.compile(r'href="/patients/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THINK_MIN, THINK_MAX = (float(s) for s in os.environ.get("LOAD_THINK", "0.5 2").split())
_login_lock = Semaphore()
_session: dict[str, str] = {}


class Round(SequentialTaskSet):
    """The round's pages in order; the user's think time falls between any two of them."""

    patients: list[str]
    lab_patient: str
    lab_token: str

    def on_start(self) -> None:
        self.patients = []

    @task
    def caseload(self) -> None:
        page = self.client.get("/", name="caseload")
        self.patients = list(dict.fromkeys(RECORD.findall(page.text)))

    @task
    def caseload_by_drug(self) -> None:
        self.client.get("/?aggravating_drug=on&sort=-findings", name="caseload filtered")

    @task
    def caseload_by_iron(self) -> None:
        self.client.get("/?iron_or_anemia=on&no_visit_months=6", name="caseload filtered")

    @task(RECORDS_OPENED)  # a sequential task set runs a task of weight N N times in a row
    def record(self) -> None:
        if self.patients:
            self.client.get(f"/patients/{random.choice(self.patients)}/", name="record")

    @task
    def lab_form(self) -> None:
        self.lab_patient, self.lab_token = "", ""
        if not self.patients:
            return
        self.lab_patient = random.choice(self.patients[:SHARED_PATIENTS])
        form = self.client.get(f"/patients/{self.lab_patient}/labs/new/", name="lab form")
        token = CSRF.search(form.text)
        self.lab_token = token.group(1) if token else ""

    @task
    def lab_entry(self) -> None:
        if not self.lab_patient:
            return
        self.client.post(
            f"/patients/{self.lab_patient}/labs/new/",
            {
                "analyte": "ferritin",
                "value": str(random.randint(20, 200)),
                "unit": "ng/mL",
                "collected_on": "2026-01-15",
                # Every writer adds to the same day: a second, very different ferritin of one
                # day asks the doctor to confirm both are right (422 until confirmed).
                "confirm_same_day": "on",
                "csrfmiddlewaretoken": self.lab_token,
            },
            name="lab entry",
        )


class Doctor(HttpUser):
    wait_time = between(THINK_MIN, THINK_MAX)
    tasks = [Round]

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
