"""The doctors' workspace URLs, namespaced "clinic" by the root URLconf."""

from __future__ import annotations

from django.urls import path

from clinic.views import (
    care_plan,
    caseload,
    entries,
    findings,
    follow_up,
    medication_check,
    medications,
    patients,
    record,
    suggest,
)

PATIENT = "patients/<int:pk>/"

workspace_patterns = [
    path("", caseload.caseload_view, name="caseload"),
    path("patients/new/", patients.patient_create_view, name="patient_create"),
    path("suggest/", suggest.suggest_view, name="suggest"),
    path("tasks/", follow_up.own_tasks_view, name="own_tasks"),
    path(
        "medication-check/",
        medication_check.medication_check_view,
        name="medication_check",
    ),
    path(PATIENT, record.record_view, name="patient"),
    path(f"{PATIENT}print/", record.print_view, name="patient_print"),
    path(f"{PATIENT}export.json", record.export_view, name="patient_export"),
    path(f"{PATIENT}export.fhir.json", record.fhir_export_view, name="patient_fhir_export"),
    path(f"{PATIENT}edit/", patients.patient_edit_view, name="patient_edit"),
    path(f"{PATIENT}delivery/", patients.delivery_view, name="patient_delivery"),
    path(
        f"{PATIENT}findings/<str:code>/acknowledge/",
        findings.acknowledge_view,
        name="finding_acknowledge",
    ),
    path(f"{PATIENT}labs/new/", entries.lab_create_view, name="lab_create"),
    path(f"{PATIENT}labs/<int:entry_pk>/edit/", entries.lab_edit_view, name="lab_edit"),
    path(
        f"{PATIENT}labs/<int:entry_pk>/error/",
        entries.mark_error_view,
        {"kind": "lab"},
        name="lab_error",
    ),
    path(f"{PATIENT}conditions/new/", entries.condition_create_view, name="condition_create"),
    path(
        f"{PATIENT}conditions/<int:entry_pk>/edit/",
        entries.condition_edit_view,
        name="condition_edit",
    ),
    path(
        f"{PATIENT}conditions/<int:entry_pk>/resolve/",
        entries.condition_resolve_view,
        name="condition_resolve",
    ),
    path(
        f"{PATIENT}conditions/<int:entry_pk>/error/",
        entries.mark_error_view,
        {"kind": "condition"},
        name="condition_error",
    ),
    path(
        f"{PATIENT}medications/new/",
        medications.medication_create_view,
        name="medication_create",
    ),
    path(
        f"{PATIENT}medications/<int:entry_pk>/edit/",
        medications.medication_edit_view,
        name="medication_edit",
    ),
    path(
        f"{PATIENT}medications/<int:entry_pk>/stop/",
        medications.medication_stop_view,
        name="medication_stop",
    ),
    path(
        f"{PATIENT}medications/<int:entry_pk>/error/",
        entries.mark_error_view,
        {"kind": "medication"},
        name="medication_error",
    ),
    path(f"{PATIENT}visits/new/", entries.visit_create_view, name="visit_create"),
    path(f"{PATIENT}care-plan/", care_plan.care_plan_view, name="care_plan"),
    path(f"{PATIENT}tasks/new/", follow_up.task_create_view, name="task_create"),
    path(f"{PATIENT}tasks/<int:task_pk>/edit/", follow_up.task_edit_view, name="task_edit"),
    path(f"{PATIENT}tasks/<int:task_pk>/close/", follow_up.task_close_view, name="task_close"),
    path(f"{PATIENT}handout/", care_plan.handout_view, name="patient_handout"),
    path(f"{PATIENT}visits/<int:entry_pk>/edit/", entries.visit_edit_view, name="visit_edit"),
    path(
        f"{PATIENT}visits/<int:entry_pk>/error/",
        entries.mark_error_view,
        {"kind": "visit"},
        name="visit_error",
    ),
]
