"""Walk the project's URL patterns, so URL tests cover every route, including ones added later."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from clinic.models import Condition, FollowUpTask, LabResult, Medication, Patient, VisitNote
from clinic.selectors.findings import patient_findings

# A route's parameters: <int:pk>, <token> (route syntax) or (?P<app_label>a|b) (regex syntax).
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
ENTRY_PARAMETERS = {
    "entry_pk",
    "lab_pk",
    "condition_pk",
    "medication_pk",
    "visit_pk",
    "task_pk",
}


@dataclass(frozen=True)
class Route:
    """One URL pattern with the namespace and parameters it inherits from its includes."""

    name: str
    namespace: str
    template: str
    parameters: tuple[str, ...]
    callback: Any = field(compare=False)
    default_args: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return self.name

    @property
    def url_name(self) -> str:
        return self.name.rpartition(":")[2]

    def path(self, values: Mapping[str, Any]) -> str:
        """Return this route's URL with each parameter taken from `values`, checked by resolve()."""
        missing = [name for name in self.parameters if name not in values]
        if missing:
            raise AssertionError(f"No value for {missing} to fill {self.name} ({self.template})")
        text = _REGEX_GROUP.sub(lambda m: str(values[m["name"]]), self.template)
        text = _ROUTE_PARAMETER.sub(lambda m: str(values[m["name"]]), text)
        url = "/" + text.replace("^", "").replace("$", "")
        match = resolve(url)
        if match.func != self.callback or not match.kwargs.items() >= self.default_args.items():
            raise AssertionError(f"{url} does not resolve to {self.name} ({self.template})")
        return url


def _parameters(pattern_text: str) -> tuple[str, ...]:
    route = [m["name"] for m in _ROUTE_PARAMETER.finditer(pattern_text)]
    regex = [m["name"] for m in _REGEX_GROUP.finditer(pattern_text)]
    return tuple(route + regex)


def all_routes(patterns=None, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    """Yield every URL pattern of the project, its includes walked recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from all_routes(pattern.url_patterns, inner, text)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name or f"<unnamed {text}>"]))
            yield Route(
                name=name,
                namespace=namespace,
                template=text,
                parameters=_parameters(text),
                callback=pattern.callback,
                default_args=pattern.default_args,
            )


def workspace_routes() -> list[Route]:
    """Return the doctors' workspace routes (the "clinic" namespace)."""
    return [route for route in all_routes() if route.namespace == "clinic"]


def _tracked(user) -> dict:
    return {"created_by": user, "updated_by": user}


def make_records(patient: Patient, user) -> dict[str, object]:
    """Give `patient` one entry of each kind, one of them a low ferritin (a finding)."""
    return {
        "lab": LabResult.objects.create(
            patient=patient,
            analyte="ferritin",
            value=Decimal("20"),
            unit="ng/mL",
            collected_on=date(2026, 11, 1),
            **_tracked(user),
        ),
        "condition": Condition.objects.create(patient=patient, name="Anaemia", **_tracked(user)),
        "medication": Medication.objects.create(
            patient=patient, line="Metoclopramide 10 mg", **_tracked(user)
        ),
        "visit": VisitNote.objects.create(
            patient=patient,
            visit_date=date(2026, 11, 2),
            author=user,
            text="Seen",
            **_tracked(user),
        ),
        "task": FollowUpTask.objects.create(
            patient=patient,
            description="Recheck ferritin",
            due_on=date(2026, 12, 1),
            set_on=date(2026, 11, 1),
            owner=patient.primary_doctor,
            **_tracked(user),
        ),
    }


def _entry_kind(route: Route) -> str:
    kind = route.default_args.get("kind") or route.url_name.split("_")[0]
    return {"labs": "lab", "conditions": "condition", "visits": "visit"}.get(kind, kind)


def route_values(route: Route, patient: Patient, records: dict[str, object]) -> dict[str, object]:
    """Fill each parameter of `route` from objects of `patient`; fail on one it cannot fill."""
    values: dict[str, object] = {}
    for name in route.parameters:
        if name in {"pk", "patient_pk"}:
            values[name] = patient.pk
        elif name in ENTRY_PARAMETERS:
            kind = _entry_kind(route) if name == "entry_pk" else name.removesuffix("_pk")
            if kind not in records:
                raise AssertionError(f"{route.name}: no {kind!r} record to fill {name}; add one")
            values[name] = records[kind].pk
        elif name == "code":
            values[name] = patient_findings(patient, as_of=timezone.localdate())[0].code
        else:
            raise AssertionError(f"{route.name}: cannot fill parameter {name!r}; teach this test")
    return values
