"""The WSGI entry point: the application, with start-up's objects frozen for the collector."""

from __future__ import annotations

import gc
import importlib

import pytest
from django.urls import get_resolver

import clinic.wsgi


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_it_freezes_what_start_up_allocated_with_the_views_loaded():
    importlib.reload(clinic.wsgi)

    assert gc.get_freeze_count() > 10_000
    assert callable(clinic.wsgi.application)
    # The views were imported before the freeze, not by the first request after it.
    assert "url_patterns" in vars(get_resolver())
