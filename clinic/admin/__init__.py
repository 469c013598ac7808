"""The Django admin for clinic admins: every model, with the audit fields read-only."""

from clinic.admin import findings, knowledge, patients, records  # noqa: F401 - registers the admins
