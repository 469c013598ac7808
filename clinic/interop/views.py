"""The CDS Hooks endpoints: discovery, and one POST endpoint per service.

Calls authenticate with the client's JWT, not a session: no login, no CSRF token. Every call
to a service is recorded (HookCall) with its outcome, never with what the hook sent.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from clinic.audit import client_ip
from clinic.interop.cds_auth import Unauthorized, authenticate
from clinic.interop.cds_hooks import SERVICES, HookError, answer, discovery
from clinic.models import HookCall
from clinic.snapshots import load_local_names


@login_not_required
@never_cache
@require_GET
def discovery_view(request: HttpRequest) -> JsonResponse:
    """List the services, their hooks and prefetch templates (no patient data: open)."""
    _record(request, "discovery", 200)
    return JsonResponse(discovery())


@csrf_exempt
@login_not_required
@never_cache
@require_POST
def service_view(request: HttpRequest, service_id: str) -> JsonResponse:
    """Answer one hook call with cards: 401 unauthenticated, 400 malformed, else 200."""
    service = SERVICES.get(service_id)
    if service is None:
        return _refuse(request, service_id, 404, "no such CDS service")
    try:
        client = authenticate(
            request.headers.get("Authorization", ""),
            audience=_audience(request, service_id),
            clients=settings.CDS_HOOKS_CLIENTS,
        )
    except Unauthorized as error:
        return _refuse(request, service_id, 401, str(error))
    try:
        body = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _refuse(request, service_id, 400, "body: not valid JSON", client)
    hook_instance = body.get("hookInstance", "") if isinstance(body, dict) else ""
    try:
        cards = answer(service, body, as_of=timezone.localdate(), local_names=load_local_names())
    except HookError as error:
        return _refuse(request, service_id, 400, str(error), client, hook_instance)
    _record(request, service_id, 200, client=client, hook_instance=hook_instance, cards=len(cards))
    return JsonResponse({"cards": cards})


def _audience(request: HttpRequest, service_id: str) -> str:
    """Return this service's URL, which the token's `aud` must name."""
    path = reverse("cds_service", args=[service_id])
    base = settings.CDS_HOOKS_BASE_URL
    return f"{base.rstrip('/')}{path}" if base else request.build_absolute_uri(path)


def _refuse(
    request: HttpRequest,
    service_id: str,
    status: int,
    reason: str,
    client: str = "",
    hook_instance: Any = "",
) -> JsonResponse:
    _record(request, service_id, status, client=client, hook_instance=hook_instance, reason=reason)
    return JsonResponse({"error": reason}, status=status)


def _record(request: HttpRequest, service_id: str, status: int, **fields: Any) -> None:
    instance = fields.pop("hook_instance", "")
    HookCall.objects.create(
        service=service_id[:64],
        status=status,
        hook_instance=instance[:100] if isinstance(instance, str) else "",
        remote_addr=client_ip(request),
        client=fields.pop("client", "")[:255],
        reason=fields.pop("reason", "")[:300],
        **fields,
    )
