"""The CDS Hooks service: discovery, the three hooks with and without prefetch, JWT auth,
malformed bodies, and an audit row for every call."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from clinic.interop.cds_clients import parse_clients
from clinic.models import CdsTokenUse, HookCall, Patient
from tests.clinic import cds_requests as cr
from tests.clinic import fhir_bundles as fb

SELECT = "ekbom-order-select"
SIGN = "ekbom-order-sign"
VIEW = "ekbom-patient-view"
KEY = cr.rsa_key()
OTHER_KEY = cr.rsa_key()


@pytest.fixture(autouse=True)
def registered_client(settings):
    settings.CDS_HOOKS_CLIENTS = parse_clients(
        json.dumps([{"iss": cr.ISSUER, "jwks": cr.jwks(KEY, "k1")}])
    )
    settings.CDS_HOOKS_BASE_URL = cr.BASE_URL


def call(client, service, body, *, token=None):
    auth = token if token is not None else cr.token(KEY, service)
    return client.post(
        f"/cds-services/{service}",
        data=json.dumps(body) if not isinstance(body, bytes) else body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {auth}",
    )


def card_codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["source"]["topic"]["code"] for c in response.json()["cards"]]


REGLAN = cr.draft("reglan-1", "Reglan 10 MG Oral Tablet", "311670")
ONDANSETRON = cr.draft("ond-1", "Ondansetron 4 MG Oral Tablet", "312086")


class TestDiscovery:
    def test_it_lists_each_hook_with_its_prefetch_templates(self, client, db):
        response = client.get("/cds-services")

        assert response.status_code == 200
        services = {s["id"]: s for s in response.json()["services"]}
        assert {s["hook"] for s in services.values()} == {
            "patient-view",
            "order-select",
            "order-sign",
        }
        for service in services.values():
            assert {"title", "description", "prefetch"} <= service.keys()
            assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"
        assert HookCall.objects.get().service == "discovery"


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_today")
class TestOrderSelect:
    def test_reglan_gets_a_card_suggesting_ondansetron(self, client):
        response = call(client, SELECT, cr.order_hook("order-select", REGLAN))

        [card] = response.json()["cards"]
        assert card["source"]["topic"]["code"] == "drug.antiemetic-dopamine-antagonist"
        # The engine rates a dopamine-antagonist antiemetic critical: the indicator follows it.
        assert card["indicator"] == "critical"
        assert len(card["summary"]) <= 140
        assert "ondansetron" in card["summary"]
        labels = [s["label"] for s in card["suggestions"]]
        assert labels[0] == "Order ondansetron instead"
        actions = card["suggestions"][0]["actions"]
        assert actions[0] == {
            "type": "delete",
            "description": "Remove the draft order MedicationRequest/reglan-1",
            "resourceId": ["MedicationRequest/reglan-1"],
        }
        assert actions[1]["resource"]["medicationCodeableConcept"]["text"] == "ondansetron"
        assert card["selectionBehavior"] == "at-most-one"
        assert card["uuid"]

    def test_ondansetron_gets_no_card(self, client):
        assert card_codes(call(client, SELECT, cr.order_hook("order-select", ONDANSETRON))) == []

    def test_it_answers_only_for_the_selected_order(self, client):
        body = cr.order_hook(
            "order-select", REGLAN, ONDANSETRON, selections=["MedicationRequest/ond-1"]
        )

        assert card_codes(call(client, SELECT, body)) == []

    def test_it_reads_the_prefetch_when_present(self, client):
        pregnant = fb.new_id()
        prefetch = cr.prefetch_for(
            [
                fb.patient(pregnant, "X", born="1995-01-01"),
                fb.condition(pregnant, "72892002", "Normal pregnancy", "2026-08-01"),
            ]
        )
        body = cr.order_hook("order-select", cr.draft("ssri", "Sertraline 50 MG Oral Tablet"),
                             prefetch=prefetch)  # fmt: skip

        [card] = call(client, SELECT, body).json()["cards"]

        assert card["source"]["topic"]["code"] == "drug.ssri"
        assert "bupropion" in card["summary"]

    def test_it_answers_from_the_context_alone_without_prefetch(self, client):
        body = cr.order_hook("order-select", cr.draft("dph", "Diphenhydramine 25 MG Oral Tablet"))

        assert card_codes(call(client, SELECT, body)) == ["drug.sedating-antihistamine"]


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_today")
class TestOrderSign:
    def test_it_answers_for_every_draft_order(self, client):
        body = cr.order_hook("order-sign", REGLAN, ONDANSETRON)

        assert card_codes(call(client, SIGN, body)) == ["drug.antiemetic-dopamine-antagonist"]

    def test_it_reads_the_prefetch_when_present(self, client):
        body = cr.order_hook("order-sign", ONDANSETRON, prefetch=cr.prefetch_for(
            fb.anemic_patient()))  # fmt: skip

        assert card_codes(call(client, SIGN, body)) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_today")
class TestPatientView:
    def test_it_answers_the_current_findings_from_the_prefetch(self, client):
        body = cr.patient_view(cr.prefetch_for(fb.anemic_patient()))

        codes = card_codes(call(client, VIEW, body))

        assert {"cause.anemia", "cause.kidney-disease", "drug.ssri"} <= set(codes)
        assert "drug.antiemetic-dopamine-antagonist" not in codes  # stopped

    def test_it_answers_the_specifications_example_with_a_patient_only(self, client):
        body = cr.patient_view({"patientToGreet": fb.patient("1288992", "X", sex="male",
                                                            born="1925-12-23")})  # fmt: skip

        assert card_codes(call(client, VIEW, body)) == []

    def test_it_answers_nothing_for_a_patient_who_has_died(self, client):
        resources = fb.anemic_patient()
        resources[0]["deceasedDateTime"] = "2026-06-01"

        assert card_codes(call(client, VIEW, cr.patient_view(cr.prefetch_for(resources)))) == []

    def test_it_answers_without_prefetch_and_claims_no_missing_labs(self, client):
        assert card_codes(call(client, VIEW, cr.patient_view())) == []

    def test_it_stores_nothing_the_hook_sent(self, client):
        call(client, VIEW, cr.patient_view(cr.prefetch_for(fb.anemic_patient())))

        assert Patient.objects.count() == 0
        assert HookCall.objects.get().cards > 0


@pytest.mark.django_db
class TestAuthentication:
    def test_it_accepts_an_ec_key_configured_as_a_public_key(self, client, settings):
        key = cr.ec_key()
        settings.CDS_HOOKS_CLIENTS = parse_clients(
            json.dumps([{"iss": cr.ISSUER, "public_key": cr.public_pem(key)}])
        )
        token = cr.token(key, VIEW, algorithm="ES384")

        assert call(client, VIEW, cr.patient_view(), token=token).status_code == 200

    @pytest.mark.parametrize(
        ("token", "reason"),
        [
            (lambda: cr.token(OTHER_KEY, VIEW), "Signature verification failed"),
            (lambda: cr.token(KEY, VIEW, iss="https://stranger.example"), "not a registered"),
            (lambda: cr.token(KEY, VIEW, exp=int(time.time()) - 120), "expired"),
            (lambda: cr.token(KEY, VIEW, aud=f"{cr.BASE_URL}/cds-services/{SELECT}"), "Audience"),
            (lambda: cr.token(KEY, VIEW, jti=None), "jti"),
            (lambda: cr.token(KEY, VIEW, exp=int(time.time()) + 3600), "five minutes"),
            (lambda: cr.token(KEY, VIEW, kid="unknown"), "kid"),
            (lambda: "not-a-jwt", "not a JWT"),
        ],
        ids=["bad-signature", "unknown-client", "expired", "wrong-audience", "no-jti",
             "long-lived", "unknown-kid", "garbage"],
    )  # fmt: skip
    def test_it_answers_401_to_a_bad_token(self, client, token, reason):
        response = call(client, VIEW, cr.patient_view(), token=token())

        assert response.status_code == 401
        assert reason in response.json()["error"]
        assert HookCall.objects.get().status == 401

    def test_it_answers_401_without_a_bearer_token(self, client):
        response = client.post(f"/cds-services/{VIEW}", data="{}", content_type="application/json")

        assert response.status_code == 401

    def test_it_refuses_a_replayed_token(self, client):
        token = cr.token(KEY, VIEW)
        assert call(client, VIEW, cr.patient_view(), token=token).status_code == 200

        response = call(client, VIEW, cr.patient_view(), token=token)

        assert response.status_code == 401
        assert "already used" in response.json()["error"]

    def test_it_refuses_a_replay_whatever_the_process_remembers(self, client):
        token = cr.token(KEY, VIEW)
        assert call(client, VIEW, cr.patient_view(), token=token).status_code == 200
        # Another gunicorn worker shares no memory (nor a local-memory cache) with this one.
        cache.clear()

        response = call(client, VIEW, cr.patient_view(), token=token)

        assert response.status_code == 401
        assert "already used" in response.json()["error"]

    def test_it_prunes_the_tokens_that_have_expired(self, client):
        past = timezone.now() - timedelta(minutes=1)
        CdsTokenUse.objects.create(issuer=cr.ISSUER, jti="old", expires_at=past)
        token = cr.token(KEY, VIEW, jti="new")

        assert call(client, VIEW, cr.patient_view(), token=token).status_code == 200

        [kept] = CdsTokenUse.objects.all()
        assert (kept.jti, kept.issuer) == ("new", cr.ISSUER)
        assert kept.expires_at > timezone.now()

    def test_it_refuses_a_jti_too_long_to_remember(self, client):
        token = cr.token(KEY, VIEW, jti="x" * 256)

        response = call(client, VIEW, cr.patient_view(), token=token)

        assert response.status_code == 401
        assert "jti must be 1 to 255 characters" in response.json()["error"]


def reference_draft(order_id: str, reference: str, **fields) -> dict:
    order = {k: v for k, v in cr.draft(order_id, "").items() if k != "medicationCodeableConcept"}
    return order | {"medicationReference": {"reference": reference}} | fields


REGLAN_MEDICATION = fb.medication("311670", "Reglan 10 MG Oral Tablet", mid="reglan-med")


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_today")
class TestMedicationReferences:
    def test_it_reads_a_draft_naming_a_contained_medication(self, client):
        draft = reference_draft("reglan-2", "#reglan-med", contained=[REGLAN_MEDICATION])

        codes = card_codes(call(client, SELECT, cr.order_hook("order-select", draft)))

        assert codes == ["drug.antiemetic-dopamine-antagonist"]

    def test_it_reads_a_draft_named_only_by_the_references_display(self, client):
        draft = reference_draft("reglan-3", "Medication/123")
        draft["medicationReference"]["display"] = "Reglan 10 MG Oral Tablet"

        codes = card_codes(call(client, SIGN, cr.order_hook("order-sign", draft)))

        assert codes == ["drug.antiemetic-dopamine-antagonist"]

    def test_it_reads_a_prefetched_order_and_the_medication_it_includes(self, client):
        pid = fb.new_id()
        sertraline = fb.medication("312940", "Sertraline 50 MG Oral Tablet", mid="ssri-med")
        order = fb.medication_request_by_reference(pid, "Medication/ssri-med", "2026-09-01")
        prefetch = {
            "patient": fb.patient(pid, "X"),
            "medications": cr.searchset(order, sertraline),
        }

        codes = card_codes(call(client, VIEW, cr.patient_view(prefetch)))

        assert "drug.ssri" in codes

    def test_it_answers_400_when_nothing_names_the_drug(self, client):
        draft = reference_draft("mystery", "Medication/unknown")

        response = call(client, SELECT, cr.order_hook("order-select", draft))

        assert response.status_code == 400
        error = response.json()["error"]
        assert error.startswith("context.draftOrders[0]: MedicationRequest.medicationReference:")
        assert "Medication/unknown" in error


@pytest.mark.django_db
class TestMalformedRequests:
    @pytest.mark.parametrize(
        ("body", "reason"),
        [
            (b"{not json", "body: not valid JSON"),
            ([], "body: expected a JSON object"),
            ({"hook": "order-select"}, "hook: expected 'patient-view'"),
            ({"hook": "patient-view", "context": {}}, "hookInstance: required"),
            ({"hook": "patient-view", "hookInstance": "x", "context": []}, "context: expected"),
            ({"hook": "patient-view", "hookInstance": "x", "context": {}},
             "context.patientId: required"),
            ({**cr.patient_view(), "prefetch": {"patient": "Patient/1"}},
             "prefetch.patient: expected a FHIR resource"),
            ({**cr.patient_view(), "prefetch": {"patient": {"resourceType": "Patient",
                                                            "birthDate": "soon"}}},
             "prefetch.patient[0]: Patient.birthDate"),
        ],
    )  # fmt: skip
    def test_it_answers_400_with_the_reason(self, client, body, reason):
        response = call(client, VIEW, body)

        assert response.status_code == 400
        assert reason in response.json()["error"]

    @pytest.mark.parametrize(
        ("order_context", "reason"),
        [
            ({"patientId": "1"}, "context.draftOrders: expected a FHIR Bundle"),
            ({"patientId": "1", "draftOrders": {"resourceType": "Bundle"}},
             "context.selections: expected a list"),
        ],
    )  # fmt: skip
    def test_it_names_a_missing_order_context(self, client, order_context, reason):
        body = {"hook": "order-select", "hookInstance": "x", "context": order_context}

        response = call(client, SELECT, body)

        assert response.status_code == 400
        assert reason in response.json()["error"]

    def test_it_answers_404_for_an_unknown_service(self, client):
        assert call(client, "nope", cr.patient_view()).status_code == 404

    @hsettings(max_examples=60, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(
        body=st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda inner: st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["hook", "hookInstance", "context", "prefetch", "patientId",
                                 "draftOrders", "selections", "resourceType", "entry",
                                 "resource", "status", "id"]),
                inner, max_size=4),
            max_leaves=12,
        )
    )  # fmt: skip
    def test_it_never_answers_500_to_a_malformed_body(self, client, body):
        for service, hook in ((SELECT, "order-select"), (VIEW, "patient-view")):
            if isinstance(body, dict):
                body = {"hook": hook, "hookInstance": "x", **body}
            response = call(client, service, body)

            assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("[", "EKBOM_CDS_CLIENTS: not valid JSON"),
        ('{"iss": "a"}', "EKBOM_CDS_CLIENTS: expected a JSON list"),
        ('[{"jwks_url": "https://x"}]', "EKBOM_CDS_CLIENTS[0].iss"),
        ('[{"iss": "a"}]', "EKBOM_CDS_CLIENTS[0]: give exactly one of"),
        ('[{"iss": "a", "jwks": {"k": 1}}]', "EKBOM_CDS_CLIENTS[0].jwks: expected a JWK Set"),
    ],
)
def test_it_names_what_is_wrong_with_the_client_registry(raw, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_clients(raw)
