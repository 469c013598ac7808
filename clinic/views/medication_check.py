"""The engine's verdict on a medication line while the doctor types it, before saving."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

import rls
from clinic.snapshots import load_local_names

MAX_LINE = 200  # the medication line's own bound


@require_GET
def medication_check_view(request: HttpRequest) -> JsonResponse:
    """Answer {"status", "matched", "suggestions"} for ?line=…&atc=… (an empty line: no verdict).

    "not_recognised" means the line cannot be checked for RLS-aggravating drugs; its suggestions
    are the closest names our tables know, for the form to offer one click away.
    """
    line = request.GET.get("line", "")[:MAX_LINE].strip()
    atc = request.GET.get("atc", "")[:7].strip().upper()
    if not line:
        return JsonResponse({"status": "", "matched": [], "suggestions": []})
    verdict = rls.recognise_medication(line, atc, load_local_names())
    return JsonResponse(verdict.to_dict())
