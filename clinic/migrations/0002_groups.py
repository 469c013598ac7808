"""Create the Doctors and Clinic admins groups with their permissions.

Permissions come from these groups, never from ad-hoc checks in views.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLINICAL_MODELS = ["patient", "labresult", "condition", "medication", "visitnote"]

DOCTOR_PERMISSIONS = [
    *(f"clinic.{action}_{model}" for model in CLINICAL_MODELS for action in ("view", "add", "change")),
    "clinic.view_storedfinding",
    "clinic.view_findingacknowledgement",
    "clinic.add_findingacknowledgement",
    "clinic.view_localname",
]

ADMIN_PERMISSIONS = [
    *(f"clinic.{action}_{model}" for model in CLINICAL_MODELS for action in ("view", "add", "change")),
    "clinic.reassign_patient",
    "clinic.view_storedfinding",
    "clinic.view_findingacknowledgement",
    *(f"clinic.{action}_localname" for action in ("view", "add", "change", "delete")),
    *(f"auth.{action}_user" for action in ("view", "add", "change")),
    "auth.view_group",
    "auditlog.view_logentry",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accessfailurelog",
    "axes.view_accesslog",
]


def _permissions(Permission, names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_label in ("auth", "auditlog", "axes", "clinic"):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, names in (("Doctors", DOCTOR_PERMISSIONS), ("Clinic admins", ADMIN_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set(_permissions(Permission, names))


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("auditlog", "__latest__"),
        ("axes", "__latest__"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
