"""Every URL asks an anonymous visitor to log in, except log-in, password reset and health."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from clinic.models import Condition
from tests.clinic.urlwalk import Route, all_routes

PUBLIC = {
    "healthz",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "admin:login",
    # CDS Hooks: discovery is open, services authenticate the caller's JWT instead.
    "cds_discovery",
    "cds_service",
}
ROUTES = list(all_routes())


def _values(patient, condition) -> dict[str, object]:
    """Return a real value for every parameter name the project's URLs use."""
    return {
        "pk": patient.pk,
        "entry_pk": condition.pk,
        "task_pk": 1,
        "object_id": patient.pk,
        "id": patient.pk,
        "content_type_id": 1,
        "code": "iron-deficiency",
        "app_label": "clinic",
        "url": "no-such-page/",
        "uidb64": "MQ",
        "token": "set-password",
        "service_id": "ekbom-patient-view",
    }


@pytest.fixture
def values(patient, doctor):
    condition = Condition.objects.create(
        patient=patient,
        name="Anaemia",
        onset_date=date(2026, 1, 5),
        created_by=doctor,
        updated_by=doctor,
    )
    return _values(patient, condition)


def _login_urls(route: Route) -> set[str]:
    # Admin pages meet LoginRequiredMiddleware first; either log-in page leads back to them.
    site = {reverse(settings.LOGIN_URL)}
    return site | {reverse("admin:login")} if route.namespace == "admin" else site


def test_it_finds_the_workspace_admin_and_account_urls():
    names = {route.name for route in ROUTES}

    assert {"clinic:caseload", "clinic:patient", "admin:index", "password_change"} <= names
    assert names >= PUBLIC


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in PUBLIC], ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, values, route, method):
    url = route.path(values)

    response = getattr(client, method)(url)

    assert response.status_code == 302, f"{method.upper()} {url} answered {response.status_code}"
    assert urlsplit(response.url).path in _login_urls(route)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in PUBLIC], ids=str)
def test_it_serves_the_public_urls_without_a_login(client, values, route):
    response = client.get(route.path(values))

    assert response.status_code in {200, 302, 405}
    if response.status_code == 302:
        assert urlsplit(response.url).path not in _login_urls(route) - {route.path(values)}
