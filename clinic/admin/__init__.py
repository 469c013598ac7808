"""The Django admin for clinic admins: every model, with the audit fields read-only."""

from clinic.admin import audit, findings, knowledge, patients, records  # noqa: F401 - registers them
