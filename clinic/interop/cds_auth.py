"""Authenticate a CDS Hooks call as the specification says: a JWT signed by a registered client.

The bearer token must be signed with the client's key (its JWKS, or a configured public key),
name the client as `iss`, this service's URL as `aud`, expire within five minutes, and carry a
`jti` never seen before. Seen jti values are kept in the database until their token expires,
so every server process refuses a token any of them has already accepted.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import jwt
from django.db import IntegrityError, transaction

from clinic.interop.cds_clients import CdsClient
from clinic.models import CdsTokenUse

ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]
MAX_LIFETIME = 300  # seconds: the specification's ceiling on exp
LEEWAY = 30  # seconds of clock skew tolerated
JTI_LIMIT = 255  # characters of CdsTokenUse.jti


class Unauthorized(Exception):
    """The call is not from a registered client with a valid token (answer 401)."""


def authenticate(header: str, *, audience: str, clients: tuple[CdsClient, ...]) -> str:
    """Verify the Authorization header's JWT; return the client's issuer or raise Unauthorized."""
    token = _bearer(header)
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
        unverified = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise Unauthorized("the bearer token is not a JWT") from None
    client = next((c for c in clients if c.iss == claims.get("iss")), None)
    if client is None:
        raise Unauthorized("the token's issuer is not a registered CDS client")
    try:
        verified = jwt.decode(
            token,
            _key(client, token, unverified),
            algorithms=ALGORITHMS,
            audience=audience,
            issuer=client.iss,
            leeway=LEEWAY,
            options={"require": ["iss", "aud", "exp", "jti"]},
        )
    except jwt.PyJWTError as error:
        raise Unauthorized(f"the token is not valid: {error}") from None
    _check_lifetime_and_replay(verified)
    return client.iss


def _bearer(header: str) -> str:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("an Authorization: Bearer <JWT> header is required")
    return token.strip()


def _key(client: CdsClient, token: str, header: dict[str, Any]) -> Any:
    try:
        if client.public_key:
            return client.public_key
        if client.jwks:
            keys = jwt.PyJWKSet.from_dict(json.loads(client.jwks))
            kid = header.get("kid")
            matching = [k for k in keys.keys if kid is None or k.key_id == kid]
            if not matching:
                raise Unauthorized("no key of the client's JWKS has the token's kid")
            return matching[0].key
        return _jwks_client(client.jwks_url).get_signing_key_from_jwt(token).key
    except jwt.PyJWTError as error:
        raise Unauthorized(f"the client's key cannot be used: {error}") from None


_JWKS_CLIENTS: dict[str, jwt.PyJWKClient] = {}


def _jwks_client(url: str) -> jwt.PyJWKClient:
    """Return a JWKS client per URL; it caches the fetched keys between calls."""
    if url not in _JWKS_CLIENTS:
        _JWKS_CLIENTS[url] = jwt.PyJWKClient(url, cache_keys=True, lifespan=300, timeout=5)
    return _JWKS_CLIENTS[url]


def _check_lifetime_and_replay(claims: dict[str, Any]) -> None:
    now = time.time()
    remaining = float(claims["exp"]) - now
    if remaining > MAX_LIFETIME + LEEWAY:
        raise Unauthorized("the token expires more than five minutes from now")
    jti = str(claims["jti"])
    if not jti or len(jti) > JTI_LIMIT:
        raise Unauthorized(f"the token's jti must be 1 to {JTI_LIMIT} characters")
    # Past exp (plus the leeway jwt.decode allows) the token is refused as expired anyway.
    _remember_once(claims["iss"], jti, expires=float(claims["exp"]) + LEEWAY, now=now)


def _remember_once(issuer: str, jti: str, *, expires: float, now: float) -> None:
    """Record the token's jti; raise Unauthorized if any process recorded it before."""
    CdsTokenUse.objects.filter(expires_at__lt=_aware(now)).delete()
    try:
        with transaction.atomic():
            CdsTokenUse.objects.create(issuer=issuer, jti=jti, expires_at=_aware(expires))
    except IntegrityError:
        raise Unauthorized("the token's jti was already used") from None


def _aware(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)
