"""The CDS clients allowed to call the hooks: who they are (the JWT issuer) and their keys.

Read once from EKBOM_CDS_CLIENTS by the settings, which stop start-up on a malformed value:
a JSON list of {"iss": ..., and one of "jwks_url", "jwks" (a JWK Set) or "public_key" (PEM)}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

KEY_SOURCES = ("jwks_url", "jwks", "public_key")


@dataclass(frozen=True, slots=True)
class CdsClient:
    iss: str
    jwks_url: str = ""
    jwks: str = ""  # a JWK Set, as JSON text (kept hashable)
    public_key: str = ""  # PEM


def parse_clients(raw: str, name: str = "EKBOM_CDS_CLIENTS") -> tuple[CdsClient, ...]:
    """Parse the clients' JSON; raise ValueError naming the entry and field at fault."""
    if not raw.strip():
        return ()
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(f"{name}: not valid JSON ({error.msg})") from None
    if not isinstance(document, list):
        raise ValueError(f"{name}: expected a JSON list of clients")
    return tuple(_client(item, f"{name}[{i}]") for i, item in enumerate(document))


def _client(item: Any, where: str) -> CdsClient:
    if not isinstance(item, dict) or not isinstance(item.get("iss"), str) or not item["iss"]:
        raise ValueError(f"{where}.iss: every client needs its issuer (iss) as text")
    given = [key for key in KEY_SOURCES if item.get(key)]
    if len(given) != 1:
        raise ValueError(f"{where}: give exactly one of {', '.join(KEY_SOURCES)}")
    key = given[0]
    value = item[key]
    if key == "jwks":
        if not isinstance(value, dict) or not isinstance(value.get("keys"), list):
            raise ValueError(f"{where}.jwks: expected a JWK Set with a list of keys")
        return CdsClient(item["iss"], jwks=json.dumps(value, sort_keys=True))
    if not isinstance(value, str):
        raise ValueError(f"{where}.{key}: expected text")
    return CdsClient(item["iss"], **{key: value})
