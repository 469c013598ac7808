"""CORS on the CDS Hooks endpoints only: EHRs and the sandbox call them from the browser."""

from __future__ import annotations

import json

import pytest

from clinic.interop.cds_clients import parse_clients
from tests.clinic import cds_requests as cr

SANDBOX = "https://sandbox.cds-hooks.org"
KEY = cr.rsa_key()


def preflight(client, url: str):
    return client.options(
        url,
        HTTP_ORIGIN=SANDBOX,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/cds-services", "/cds-services/ekbom-order-select"])
def test_it_answers_a_preflight_to_the_cds_services_from_any_origin(client, url):
    response = preflight(client, url)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert "POST" in response["Access-Control-Allow-Methods"]
    # The JWT authenticates, never a cookie: credentials are not allowed.
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.django_db
def test_it_puts_the_cors_header_on_a_hook_answer(client, settings):
    settings.CDS_HOOKS_CLIENTS = parse_clients(
        json.dumps([{"iss": cr.ISSUER, "jwks": cr.jwks(KEY, "k1")}])
    )
    settings.CDS_HOOKS_BASE_URL = cr.BASE_URL
    service = "ekbom-patient-view"

    response = client.post(
        f"/cds-services/{service}",
        data=json.dumps(cr.patient_view()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {cr.token(KEY, service)}",
        HTTP_ORIGIN=SANDBOX,
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/", "/healthz"])
def test_it_gives_no_cors_header_outside_the_cds_services(client, url):
    response = preflight(client, url)

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response
