"""The Content-Security-Policy allows no inline script, and every page, the admin's included,
works without one."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.clinic.urlwalk import make_records, route_values, workspace_routes

# A <script> element that runs code from the page itself (JSON data blocks are never run).
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/json)[^>]*>", re.IGNORECASE
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _assert_runs_under_the_policy(response, url: str) -> None:
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html), f"{url} has an inline script"
    assert not EVENT_HANDLER.findall(html), f"{url} has an inline event handler"
    assert not JAVASCRIPT_URL.findall(html), f"{url} has a javascript: URL"


def test_it_forbids_inline_scripts_in_the_policy(client, db):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]

    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize(
    "route", [r for r in workspace_routes() if r.url_name != "caseload"], ids=str
)
def test_it_serves_every_workspace_page_without_inline_script(
    client, doctor, make_patient, frozen_today, route
):
    patient = make_patient()
    url = route.path(route_values(route, patient, make_records(patient, doctor)))
    client.force_login(doctor)

    _assert_runs_under_the_policy(client.get(url), url)


def test_it_serves_the_caseload_and_login_without_inline_script(client, doctor, patient):
    _assert_runs_under_the_policy(client.get(reverse("login")), "login")
    client.force_login(doctor)
    _assert_runs_under_the_policy(client.get(reverse("clinic:caseload")), "caseload")


def _admin_urls(patient, entry, user) -> list[str]:
    return [
        reverse("admin:index"),
        reverse("admin:app_list", args=["clinic"]),
        reverse("admin:clinic_patient_changelist"),
        reverse("admin:clinic_patient_add"),
        reverse("admin:clinic_patient_change", args=[patient.pk]),
        reverse("admin:clinic_localname_add"),
        reverse("admin:auditlog_logentry_changelist"),
        reverse("admin:auditlog_logentry_change", args=[entry.pk]),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[user.pk]),
        reverse("admin:password_change"),
    ]


def test_it_lets_a_clinic_admin_use_the_admin_under_the_policy(
    client, clinic_admin, doctor, patient, frozen_today
):
    make_records(patient, doctor)
    entry = LogEntry.objects.get_for_object(patient).first()
    client.force_login(clinic_admin)

    for url in _admin_urls(patient, entry, doctor):
        _assert_runs_under_the_policy(client.get(url), url)
