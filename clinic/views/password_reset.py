"""The password-reset request, throttled per address and per client, in the same time for all.

Without a throttle anyone can flood a colleague's inbox or probe the clinic's addresses; and a
request for an unknown address answered faster than a known one tells which addresses exist.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect

from clinic.audit import client_ip

RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10
THROTTLE_SECONDS = 60 * 60


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset request; over the limit it sends nothing but answers exactly the same."""

    def form_valid(self, form: Any) -> HttpResponse:
        started = time.monotonic()
        email = form.cleaned_data["email"].strip().lower()
        keys = [
            (f"reset:address:{_digest(email)}", RESETS_PER_ADDRESS),
            (f"reset:client:{_digest(client_ip(self.request) or '')}", RESETS_PER_CLIENT),
        ]
        if all(_count(key) <= limit for key, limit in keys):
            response = super().form_valid(form)
        else:
            response = HttpResponseRedirect(self.get_success_url())
        _pad_to(started, settings.PASSWORD_RESET_MIN_SECONDS)
        return response


def _count(key: str) -> int:
    """Count one more request under `key` within the throttle window; return the total."""
    cache.add(key, 0, THROTTLE_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, THROTTLE_SECONDS)
        return 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _pad_to(started: float, seconds: float) -> None:
    """Sleep until `seconds` have passed since `started`: sending mail must not show."""
    remaining = seconds - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
