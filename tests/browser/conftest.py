"""Browser tests: Debian's Chromium, driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (Playwright cannot download its own build here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def served_static_and_plain_http_cookies(settings):
    """Serve static files from the finders and keep cookies over the live server's plain HTTP.

    With DEBUG off the settings use whitenoise's manifest storage, which needs collectstatic;
    the live server serves the same files through the staticfiles finders instead.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
