"""Background work on Django's task framework (the django-tasks backport, built in from 6.0).

Refreshing the whole clinic's stored findings is split into chunks of patients, each its own
task, so several workers share a run. A chunk is idempotent (it re-evaluates its patients from
the record and stores the result) and is retried, later, when the database refuses it.

Which backend runs the tasks is a setting (EKBOM_TASKS): in-process under `make run` and the
tests, in the database with `manage.py worker` processes in production. There the daily refresh
is scheduled by the workers themselves (`schedule_daily_refresh`), replacing a cron line; a
worker that starts on new findings rules refreshes the clinic at once (`refresh_if_rules_changed`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import task

from clinic.models import FindingsRefresh, Patient, RefreshReason
from clinic.services.findings import findings_refresh_chunk
from rls import RULES_VERSION

CHUNK_SIZE = 500
MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(seconds=30)
# The runs that cover every patient: after one of them, all stored findings follow its rules.
WHOLE_CLINIC = (RefreshReason.DAILY, RefreshReason.RULES, RefreshReason.MANUAL)


@task()
def refresh_findings_chunk(
    run_id: int, patient_ids: list[int], as_of: str, attempt: int = 1
) -> int:
    """Refresh these patients' stored findings for a run; retry later if the database refuses."""
    try:
        day = date.fromisoformat(as_of)
        return findings_refresh_chunk(run_id, patient_ids, as_of=day, at=timezone.now())
    except DatabaseError:
        if attempt >= MAX_ATTEMPTS:
            raise
        retry = refresh_findings_chunk
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt)
        retry.enqueue(run_id, patient_ids, as_of, attempt + 1)
        return 0


@task()
def refresh_clinic_findings(reason: str = RefreshReason.DAILY, as_of: str | None = None) -> int:
    """Start a refresh of every patient; the daily one runs once a day and books the next."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    if reason == RefreshReason.DAILY:
        schedule_daily_refresh()
        if FindingsRefresh.objects.filter(reason=reason, as_of=day).exists():
            return 0  # a duplicate booking: today's refresh has already started
    elif reason == RefreshReason.RULES and not rules_changed():
        return 0  # another worker started on these rules first
    pks = list(Patient.objects.order_by("pk").values_list("pk", flat=True))
    return start_findings_refresh(pks, reason=reason, as_of=day).pk


def start_findings_refresh(patient_ids: list[int], *, reason: str, as_of: date) -> FindingsRefresh:
    """Record a refresh run and enqueue its chunks (run at once by the in-process backend)."""
    day = as_of
    run = record_findings_refresh(patient_ids, reason=reason, as_of=day)

    def enqueue_chunks() -> None:
        for start in range(0, len(patient_ids), CHUNK_SIZE):
            chunk = patient_ids[start : start + CHUNK_SIZE]
            refresh_findings_chunk.enqueue(run.pk, chunk, day.isoformat())

    # After commit: a worker must find the run row, and an in-process chunk its own transaction.
    transaction.on_commit(enqueue_chunks)
    return run


def record_findings_refresh(patient_ids: list[int], *, reason: str, as_of: date) -> FindingsRefresh:
    """Create the record of a refresh run (finished at once when there is no one to refresh)."""
    return FindingsRefresh.objects.create(
        reason=reason,
        as_of=as_of,
        patients_total=len(patient_ids),
        finished_at=None if patient_ids else timezone.now(),
        rules_version=RULES_VERSION,
    )


def rules_changed() -> bool:
    """Whether the last whole-clinic refresh ran on other rules (or none has run yet)."""
    last = FindingsRefresh.objects.filter(reason__in=WHOLE_CLINIC).order_by("-started_at", "-pk")
    return last.values_list("rules_version", flat=True).first() != RULES_VERSION


def refresh_if_rules_changed() -> bool:
    """Refresh every patient when the rules changed since the last whole-clinic refresh.

    A release that changes a rule would otherwise leave the caseload, which reads stored
    findings, on the old rules until the daily refresh, while the record page, which evaluates
    live, already shows the new ones. Two workers starting at once may both enqueue it: the
    second finds the rules applied and does nothing.
    """
    if not rules_changed():
        return False
    refresh_clinic_findings.enqueue(RefreshReason.RULES)
    return True


def schedule_daily_refresh() -> None:
    """Book the next daily refresh (today's if its hour is still ahead) unless one is booked.

    Only a backend that can defer tasks keeps a schedule; in-process tasks have no clock.
    """
    if not refresh_clinic_findings.get_backend().supports_defer:
        return
    from django_tasks_db.models import DBTaskResult

    booked = DBTaskResult.objects.filter(
        task_path=refresh_clinic_findings.module_path, status="READY"
    )
    if booked.exists():
        return
    refresh_clinic_findings.using(run_after=next_refresh_time()).enqueue(RefreshReason.DAILY)


def next_refresh_time() -> datetime:
    """Return the next EKBOM_REFRESH_HOUR o'clock in the clinic's time zone."""
    now = timezone.localtime()
    today = timezone.make_aware(datetime.combine(now.date(), time(settings.EKBOM_REFRESH_HOUR)))
    return today if today > now else today + timedelta(days=1)
