"""The CDS Hooks URLs, at the root as the specification expects (/cds-services)."""

from __future__ import annotations

from django.urls import path

from clinic.interop import views

cds_hooks_patterns = [
    path("cds-services", views.discovery_view, name="cds_discovery"),
    path("cds-services/<str:service_id>", views.service_view, name="cds_service"),
]
