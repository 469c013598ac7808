"""Search-as-you-type for the entry forms: drug names, conditions and ICD-10 codes, as JSON."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from rls import TERM_KINDS, suggest_terms

MAX_TYPED = 100


@require_GET
def suggest_view(request: HttpRequest) -> JsonResponse:
    """Answer {"terms": [{"text", "label"}...]} for ?kind=drug|condition|icd10&q=typed."""
    kind = request.GET.get("kind", "")
    typed = request.GET.get("q", "")[:MAX_TYPED]
    if not typed.strip():
        return JsonResponse({"terms": []})  # nothing typed yet: nothing to suggest
    if kind not in TERM_KINDS:
        expected = ", ".join(TERM_KINDS)
        return JsonResponse({"error": f"kind: expected one of {expected}"}, status=400)
    terms = suggest_terms(kind, typed)  # type: ignore[arg-type]  # checked against TERM_KINDS
    return JsonResponse({"terms": [{"text": t.text, "label": t.label} for t in terms]})
