"""CDS Hooks requests in the shape of the specification's examples, and signed tokens for them.

The bodies follow the CDS Hooks 2.0 examples (hookInstance, fhirServer, fhirAuthorization,
context with userId/patientId/encounterId, selections and draftOrders, prefetch keyed by
template name); the clinical content is ours.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tests.clinic import fhir_bundles as fb

ISSUER = "https://ehr.example.org"
BASE_URL = "https://ekbom.example.org"
RXNORM = fb.RXNORM


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP384R1())


def public_pem(key: Any) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def jwks(key: Any, kid: str) -> dict[str, Any]:
    algorithm = (
        jwt.algorithms.ECAlgorithm
        if isinstance(key, ec.EllipticCurvePrivateKey)
        else (jwt.algorithms.RSAAlgorithm)
    )
    jwk = algorithm.to_jwk(key.public_key(), as_dict=True)
    return {"keys": [{**jwk, "kid": kid, "use": "sig"}]}


def token(key: Any, service: str, *, kid: str = "k1", algorithm: str = "RS384", **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "sub": "ehr-client",
        "aud": f"{BASE_URL}/cds-services/{service}",
        "iat": now,
        "exp": now + 300,
        "jti": str(uuid.uuid4()),
    } | claims
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key,
                      algorithm=algorithm, headers={"kid": kid})  # fmt: skip


def patient_view(prefetch: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": "patient-view",
        "fhirAuthorization": {
            "access_token": "some-opaque-fhir-access-token",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "user/Patient.read user/Observation.read",
            "subject": "cds-service4",
        },
        "context": {
            "userId": "Practitioner/example",
            "patientId": "1288992",
            "encounterId": "89284",
        },
    }
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def draft(order_id: str, display: str, rxnorm: str = "0") -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "id": order_id,
        "status": "draft",
        "intent": "order",
        "medicationCodeableConcept": {
            "coding": [{"system": RXNORM, "code": rxnorm, "display": display}]
        },
        "subject": {"reference": "Patient/1288992"},
        "dosageInstruction": [{"text": "10 mg by mouth three times a day"}],
    }


def order_hook(hook: str, *orders: dict[str, Any], selections=None, prefetch=None):
    context: dict[str, Any] = {
        "userId": "PractitionerRole/123",
        "patientId": "1288992",
        "encounterId": "89284",
        "draftOrders": {
            "resourceType": "Bundle",
            "entry": [{"resource": order} for order in orders],
        },
    }
    if hook == "order-select":
        chosen = [f"MedicationRequest/{o['id']}" for o in orders]
        context["selections"] = chosen if selections is None else selections
    body: dict[str, Any] = {
        "hookInstance": str(uuid.uuid4()),
        "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": hook,
        "context": context,
    }
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def searchset(*resources: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "searchset",
            "entry": [{"resource": r} for r in resources]}  # fmt: skip


def prefetch_for(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """Split a patient's resources into the prefetch keys the discovery document declares."""
    of = lambda kind: [r for r in resources if r["resourceType"] == kind]  # noqa: E731
    return {
        "patient": of("Patient")[0],
        "conditions": searchset(*of("Condition")),
        "medications": searchset(*of("MedicationRequest")),
        "observations": searchset(*of("Observation")),
    }
