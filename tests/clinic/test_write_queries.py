"""Every write, print and export of the workspace in a pinned number of queries.

Each road runs on a small record (1 row of each kind) and a large one (20 rows), and must take
the same count on both: a query per row (an N+1) fails here before it slows a clinic down.
The counts are those of one request, session and user included. Content types are cached for
the whole process by the first lookup, so each test starts with them all cached (as a running
server has them): otherwise a count would depend on which test ran first.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clinic.models import (
    Allergy,
    CarePlanItem,
    Condition,
    LabResult,
    LocalName,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from clinic.services.findings import patient_findings_refresh
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"


@pytest.fixture(autouse=True)
def _content_types_cached(db):
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(params=[1, 20], ids=["1-row", "20-rows"])
def rows(request) -> int:
    return request.param


@pytest.fixture
def record(patient, doctor, rows) -> Patient:
    """The patient with `rows` lab results, conditions, medications, visit notes and allergies
    each."""
    tracked = {"patient": patient, "created_by": doctor, "updated_by": doctor}
    first = date(2026, 1, 1)
    LabResult.objects.bulk_create(
        LabResult(
            analyte="ferritin",
            value=Decimal(30 + n),  # all a warning: a write changes the summaries alike
            unit="ng/mL",
            collected_on=first + timedelta(days=n),
            **tracked,
        )
        for n in range(rows)
    )
    Condition.objects.bulk_create(Condition(name=f"Condition {n}", **tracked) for n in range(rows))
    Medication.objects.bulk_create(
        Medication(line=f"Ondansetron {n} mg", **tracked) for n in range(rows)
    )
    VisitNote.objects.bulk_create(
        VisitNote(visit_date=first + timedelta(days=n), author=doctor, text="x", **tracked)
        for n in range(rows)
    )
    Allergy.objects.bulk_create(Allergy(substance=f"Substance {n}", **tracked) for n in range(rows))
    patient_findings_refresh(as_of=TODAY, patient=patient)
    return patient


@pytest.fixture
def logged_in(client, doctor):
    client.force_login(doctor)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"clinic:{name}", args=args)


def edit_data(client, page: str, **changes: Any) -> dict[str, Any]:
    """Return what the edit page's form would post unchanged, with `changes` on top."""
    initial = client.get(page).context["form"].initial
    return {k: v for k, v in initial.items() if v is not None} | changes


# The writes. Each POST locks the patient (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
# same SELECT without the clause), saves, writes its audit entry and refreshes the stored
# findings from a snapshot read in a fixed number of queries. None saves the session: its last
# save, the log-in, is less than a minute old (clinic.middleware.IdleTimeoutMiddleware).


def test_it_creates_a_patient_in_pinned_queries(logged_in, colleague, django_assert_num_queries):
    data = {
        "mrn": "new-1",
        "given_name": "Ines",
        "family_name": "Moreau",
        "birth_date": "1990-04-02",
        "sex": "female",
        "family_history_rls": "unknown",
        "care_team": [colleague.pk],
    }

    with django_assert_num_queries(PINS["patient_create"]):
        response = logged_in.post(url("patient_create"), data)

    assert response.status_code == 302


def test_it_edits_a_patient_in_pinned_queries(logged_in, record, django_assert_num_queries):
    page = url("patient_edit", record.pk)
    data = edit_data(logged_in, page, given_name="Inès", care_team=[], status="active")

    with django_assert_num_queries(PINS["patient_edit"]):
        response = logged_in.post(page, data)

    assert response.status_code == 302


def test_it_adds_a_lab_result_in_pinned_queries(logged_in, record, django_assert_num_queries):
    data = {"analyte": "ferritin", "value": "30", "unit": "ng/mL", "collected_on": "2026-11-20"}

    with django_assert_num_queries(PINS["lab_create"]):
        response = logged_in.post(url("lab_create", record.pk), data)

    assert response.status_code == 302


def test_it_corrects_a_lab_result_in_pinned_queries(logged_in, record, django_assert_num_queries):
    lab = LabResult.objects.filter(patient=record).first()
    page = url("lab_edit", record.pk, lab.pk)
    data = edit_data(logged_in, page, value="35")

    with django_assert_num_queries(PINS["lab_edit"]):
        response = logged_in.post(page, data)

    assert response.status_code == 302


@pytest.mark.parametrize("kind", ["lab", "condition"])
def test_it_marks_an_entry_in_error_in_pinned_queries(
    logged_in, doctor, record, kind, django_assert_num_queries
):
    # An entry of its own that triggers no finding, so the stored findings stay as they were
    # on every record size (withdrawing the only low ferritin would also delete a finding).
    tracked = {"patient": record, "created_by": doctor, "updated_by": doctor}
    entry = {
        "lab": lambda: LabResult.objects.create(
            analyte="hemoglobin", value=140, unit="g/L", collected_on=date(2026, 11, 1), **tracked
        ),
        "condition": lambda: Condition.objects.create(name="Sprained ankle", **tracked),
    }[kind]()

    with django_assert_num_queries(PINS[f"mark_error_{kind}"]):
        response = logged_in.post(
            url(f"{kind}_error", record.pk, entry.pk), {"reason": "Wrong patient"}
        )

    assert response.status_code == 302


def test_it_adds_a_condition_in_pinned_queries(logged_in, record, django_assert_num_queries):
    data = {"name": "Diabetes", "icd10": "E11"}

    with django_assert_num_queries(PINS["condition_create"]):
        response = logged_in.post(url("condition_create", record.pk), data)

    assert response.status_code == 302


def test_it_edits_a_condition_in_pinned_queries(logged_in, record, django_assert_num_queries):
    condition = Condition.objects.filter(patient=record).first()
    page = url("condition_edit", record.pk, condition.pk)
    data = edit_data(logged_in, page, name="Type 2 diabetes", icd10="E11")

    with django_assert_num_queries(PINS["condition_edit"]):
        response = logged_in.post(page, data)

    assert response.status_code == 302


def test_it_resolves_a_condition_in_pinned_queries(logged_in, record, django_assert_num_queries):
    condition = Condition.objects.filter(patient=record).first()
    data = {"resolved_on": "2026-11-01", "version": "1"}

    with django_assert_num_queries(PINS["condition_resolve"]):
        response = logged_in.post(url("condition_resolve", record.pk, condition.pk), data)

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("line", "extra", "status", "pin"),
    [
        ("Ferrous sulfate 325 mg", {}, 302, "medication_create"),
        ("Reglan 10 mg", {}, 422, "medication_warned"),
        (
            "Reglan 10 mg",
            {"warned_codes": ANTIEMETIC, "confirm_warning": "on"},
            302,
            "medication_confirmed",
        ),
    ],
    ids=["plain", "warned", "confirmed"],
)
def test_it_adds_a_medication_in_pinned_queries(
    logged_in, record, line, extra, status, pin, django_assert_num_queries
):
    with django_assert_num_queries(PINS[pin]):
        response = logged_in.post(url("medication_create", record.pk), {"line": line} | extra)

    assert response.status_code == status


@pytest.mark.parametrize(
    ("line", "extra", "status", "pin"),
    [
        ("Ferrous sulfate 325 mg", {}, 302, "medication_edit"),
        (
            "Reglan 10 mg",
            {"warned_codes": ANTIEMETIC, "confirm_warning": "on"},
            302,
            "medication_edit_confirmed",
        ),
    ],
    ids=["plain", "confirmed"],
)
def test_it_edits_a_medication_in_pinned_queries(
    logged_in, record, line, extra, status, pin, django_assert_num_queries
):
    medication = Medication.objects.filter(patient=record).first()
    page = url("medication_edit", record.pk, medication.pk)
    data = edit_data(logged_in, page, line=line) | extra

    with django_assert_num_queries(PINS[pin]):
        response = logged_in.post(page, data)

    assert response.status_code == status


def test_it_stops_a_medication_in_pinned_queries(logged_in, record, django_assert_num_queries):
    medication = Medication.objects.filter(patient=record).first()
    data = {"stopped_on": "2026-11-23", "version": "1"}

    with django_assert_num_queries(PINS["medication_stop"]):
        response = logged_in.post(url("medication_stop", record.pk, medication.pk), data)

    assert response.status_code == 302


def test_it_adds_a_visit_note_in_pinned_queries(logged_in, record, django_assert_num_queries):
    data = {"visit_date": "2026-11-24", "irls_score": "18", "text": "Better with iron"}

    with django_assert_num_queries(PINS["visit_create"]):
        response = logged_in.post(url("visit_create", record.pk), data)

    assert response.status_code == 302


def test_it_updates_the_care_plan_in_pinned_queries(logged_in, record, django_assert_num_queries):
    data = {"measures": ["evening-stroll", "magnesium"], "agreed_on": "2026-11-02"}

    with django_assert_num_queries(PINS["care_plan"]):
        response = logged_in.post(url("care_plan", record.pk), data)

    assert response.status_code == 302
    assert CarePlanItem.objects.filter(patient=record).count() == 2


def test_it_acknowledges_a_finding_in_pinned_queries(logged_in, record, django_assert_num_queries):
    finding = StoredFinding.objects.filter(patient=record, code="cause.iron-deficiency").get()
    data = {"fingerprint": finding.fingerprint, "reason": "Iron prescribed"}

    with django_assert_num_queries(PINS["acknowledge"]):
        response = logged_in.post(url("finding_acknowledge", record.pk, finding.code), data)

    assert response.status_code == 302


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def test_it_saves_a_local_name_in_the_admin_in_pinned_queries(
    admin_client, doctor, make_patient, rows, django_assert_num_queries
):
    for _ in range(rows):  # patients whose findings the new name changes
        Medication.objects.create(
            patient=make_patient(), line="Nauseastop 10 mg", created_by=doctor, updated_by=doctor
        )
    add = reverse("admin:clinic_localname_add")
    data = {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
    shown = admin_client.post(add, data)
    previewed_as = shown.context["adminform"].form.data.get("previewed_as", "")

    with django_assert_num_queries(PINS["local_name"]):
        response = admin_client.post(
            add, data | {"previewed_as": previewed_as, "preview_seen": "on"}
        )

    assert response.status_code == 302
    assert LocalName.objects.filter(name__iexact="nauseastop").exists()


# The reads that carry a whole record out: print, JSON export, FHIR export.


@pytest.mark.parametrize(
    ("name", "pin"),
    [
        ("patient_print", "print"),
        ("patient_export", "export"),
        ("patient_fhir_export", "fhir_export"),
    ],
)
def test_it_prints_and_exports_the_record_in_pinned_queries(
    logged_in, record, name, pin, django_assert_num_queries
):
    with django_assert_num_queries(PINS[pin]):
        response = logged_in.get(url(name, record.pk))

    assert response.status_code == 200


# One request each, session and user included. SQLite and PostgreSQL take the same count: the
# patient lock is one SELECT on both (FOR UPDATE only on PostgreSQL) and both issue the nested
# atomic blocks' savepoints. A vendor that differs gets its own number here, with the reason.
# Every write's findings refresh reads the patient's acknowledgements to store the open counts
# the caseload sorts by (one query); acknowledging locks the patient and recounts them (three).
# A row's CHECK constraints are validated in one query, in its savepoint (clinic/models/checks.py):
# before, each constraint took its own three, 6 to 15 more per write. Who wrote a row (its
# created_by and updated_by stamps) is not validated: two existence checks of the signed-in user.
# The findings refresh takes the patient's lock with the read that loads the patient (one query).
PINS: dict[str, int] = {
    "patient_create": 30,
    # Editing the care team looks for open tasks whose owner no longer follows (one query).
    "patient_edit": 29,
    # A lab result or visit also looks for the follow-up tasks it answers (one query), and a
    # corrected or withdrawn one for the tasks it had closed (one more).
    "lab_create": 25,
    "lab_edit": 31,
    "mark_error_lab": 26,
    "mark_error_condition": 25,
    "condition_create": 24,
    "condition_edit": 29,
    "condition_resolve": 27,
    "medication_create": 23,
    # Refused before any write: the warning is decided once and shown with the form.
    "medication_warned": 5,
    # The plain add, plus the confirmation stamped on the line and its audit.
    "medication_confirmed": 26,
    "medication_edit": 28,
    "medication_edit_confirmed": 31,
    "medication_stop": 27,
    # The note's own writes plus the recall it clears or sets on the patient.
    "visit_create": 25,
    "care_plan": 27,  # no findings refresh: the care plan is not an input of the engine
    "acknowledge": 27,
    # The findings of every patient the name changes are refreshed in batches of 500.
    "local_name": 14,
    # Each reads the record page's patient, whose allergies are one prefetch more (0021).
    "print": 14,  # the record page's reads, follow-up tasks and allergies included
    "export": 11,
    "fhir_export": 11,
}
