"""The Django admin for clinic admins: every model, with the audit fields read-only."""

from clinic.admin import (  # noqa: F401 - registers the admins
    audit,
    findings,
    interop,
    knowledge,
    patients,
    records,
    users,
)
