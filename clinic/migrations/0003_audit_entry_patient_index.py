"""Index the audit trail by patient: additional_data["patient_id"], newest first.

auditlog's LogEntry belongs to another app, so the index is added through the schema editor
rather than a model Meta; Django builds the same expression the admin's patient filter queries
(`additional_data__patient_id=...`), on SQLite and PostgreSQL alike.
"""

from django.db import migrations, models
from django.db.models.fields.json import KeyTransform

INDEX_NAME = "clinic_audit_patient_idx"


def _index() -> models.Index:
    return models.Index(
        KeyTransform("patient_id", "additional_data"),
        models.F("timestamp").desc(),
        name=INDEX_NAME,
    )


def add_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("auditlog", "LogEntry"), _index())


def remove_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("auditlog", "LogEntry"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0002_groups"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(add_index, remove_index)]
