"""Run a task worker: django-tasks' `db_worker`, after booking the next daily findings refresh
and, on findings rules that no refresh has applied yet (a new release), refreshing the clinic.

    python manage.py worker            # with EKBOM_TASKS=database; start one per core to share work

Every option of `db_worker` applies (e.g. `--batch` to stop when the queue is empty). Without
EKBOM_TASKS=database it refuses to start: tasks then run in the process that enqueues them.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from clinic.tasks import refresh_if_rules_changed, schedule_daily_refresh


class Command(db_worker.Command):
    help = "Run background tasks from the database queue and keep the daily refresh booked."

    def handle(self, *args: Any, **options: Any) -> None:
        schedule_daily_refresh()
        refresh_if_rules_changed()
        super().handle(*args, **options)
