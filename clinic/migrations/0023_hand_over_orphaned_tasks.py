from django.db import migrations


def hand_over(apps, schema_editor):
    """Give the primary doctor the open tasks whose owner had already left the care team.

    From now on the services hand them over when the care team or primary doctor changes
    (`tasks_hand_over`); this does it once for the tasks left behind before.
    """
    FollowUpTask = apps.get_model("clinic", "FollowUpTask")
    open_tasks = FollowUpTask.objects.filter(closed_on__isnull=True).select_related("patient")
    for task in open_tasks.order_by("pk").iterator():
        patient = task.patient
        if task.owner_id == patient.primary_doctor_id:
            continue
        if patient.care_team.filter(pk=task.owner_id).exists():
            continue
        task.owner_id = patient.primary_doctor_id
        task.version += 1
        task.save(update_fields=["owner", "version", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("clinic", "0022_caseload_severity_summaries")]

    operations = [migrations.RunPython(hand_over, migrations.RunPython.noop)]
