"""Response headers Django 5.2 does not set by itself, and parameters it cannot take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.cache import patch_cache_control

LARGEST_INTEGER = 2**63 - 1  # a PostgreSQL bigint; SQLite's INTEGER holds the same

# Everything is served from our own origin: no third-party host, no inline script.
# Inline style attributes are allowed because Bootstrap's JS sets them (popovers, collapse).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Add the Content-Security-Policy header to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


# When the session was last saved, i.e. when its idle timeout last started again.
SESSION_SAVED_AT = "ekbom_saved_at"


class IdleTimeoutMiddleware:
    """Keep a signed-in user's session alive while it is used, writing it at most once a minute.

    The idle timeout (SESSION_COOKIE_AGE) starts again each time the session is saved. Saved on
    every request (SESSION_SAVE_EVERY_REQUEST), it cost every page a write to the session
    table; saved only when its last save is SESSION_REFRESH_SECONDS old, an idle session ends
    at most that much before its full idle time.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            saved_at = request.session.get(SESSION_SAVED_AT, 0)
            if _now() - saved_at >= settings.SESSION_REFRESH_SECONDS:
                stamp_session(request)  # modified: SessionMiddleware saves it, expiry renewed
        return response


def stamp_session(request: HttpRequest, **_: Any) -> None:
    """Note that the session is saved now (on log-in, by a user_logged_in receiver, too)."""
    request.session[SESSION_SAVED_AT] = _now()


def _now() -> int:
    return int(timezone.now().timestamp())


class PrivateNoStoreMiddleware:
    """Tell browsers and proxies to keep no copy of a page shown to a signed-in user.

    Every such page can carry patient data (the record, its print view, the export, the edit
    forms, the caseload, the admin); a shared computer's back button or disk cache must not
    show it to the next person.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class OutOfRangeParametersMiddleware:
    """Answer 400 to a query parameter holding a number no database column can hold.

    Filters, date hierarchies and pagination turn such numbers into SQL or dates and fail
    with an OverflowError deep inside Django; refusing them at the door keeps every list,
    the admin's included, from answering 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if any(_beyond_64_bits(value) for value in values):
                return HttpResponseBadRequest(f"{name}: the number is out of range.")
        return self.get_response(request)


def _beyond_64_bits(value: str) -> bool:
    digits = value.strip().removeprefix("-")
    return digits.isdigit() and int(digits) > LARGEST_INTEGER
