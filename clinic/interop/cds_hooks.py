"""The CDS Hooks 2.0 service: discovery, and cards from the findings engine for three hooks.

patient-view answers the patient's current findings; order-select and order-sign answer a
card for each draft medication order that aggravates RLS, with the safer alternatives as
suggestions. The service is stateless: it reads the request's prefetch (or, without one, the
context alone), evaluates, answers, and keeps nothing of what the hook sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import rls
from clinic.interop.fhir_export import FINDING_SYSTEM
from clinic.interop.fhir_medication import MedicationIndex
from clinic.interop.fhir_read import Refused, Row, Skip, parse, translate
from rls import Category, Finding, evaluate, gestational_week

SUMMARY_LIMIT = 140
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    # _include brings the Medication resources the orders name by reference.
    "medications": (
        "MedicationRequest?patient={{context.patientId}}&status=active"
        "&_include=MedicationRequest:medication"
    ),
    "observations": "Observation?patient={{context.patientId}}&category=laboratory",
}
_INDICATOR = {"critical": "critical", "warning": "warning", "info": "info"}
_RECORD_TYPES = frozenset(
    {"Patient", "Observation", "Condition", "MedicationRequest", "MedicationStatement"}
)
DRAFT = "draft:"


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    hook: str
    title: str
    description: str


SERVICES = {
    s.id: s
    for s in (
        Service(
            "ekbom-patient-view",
            "patient-view",
            "Ekbom RLS findings",
            "The restless legs findings in the patient's record: secondary causes, "
            "aggravating drugs, treatment cautions and missing labs.",
        ),
        Service(
            "ekbom-order-select",
            "order-select",
            "Ekbom RLS drug check",
            "Warns when a selected medication order aggravates restless legs, and suggests "
            "the safer alternative.",
        ),
        Service(
            "ekbom-order-sign",
            "order-sign",
            "Ekbom RLS drug check at signing",
            "Warns before signing a medication order that aggravates restless legs, and "
            "suggests the safer alternative.",
        ),
    )
}


class HookError(Exception):
    """The request is malformed (answer 400 with this reason)."""


def discovery() -> dict[str, Any]:
    """Return the discovery document: each service with the prefetch templates it reads."""
    return {
        "services": [
            {
                "hook": s.hook,
                "id": s.id,
                "title": s.title,
                "description": s.description,
                "prefetch": PREFETCH,
            }
            for s in SERVICES.values()
        ]
    }


def answer(
    service: Service, body: Any, *, as_of: date, local_names: tuple[rls.LocalName, ...]
) -> list[dict[str, Any]]:
    """Return the cards for a hook request; raise HookError naming the field at fault."""
    context = _context(service, body)
    patient_id = context["patientId"]
    medications = _medications(body.get("prefetch"), context)
    records = _records(body.get("prefetch"), medications)
    drafts, chosen = _drafts(service, context, medications)
    snapshot = _snapshot(records, drafts, as_of)
    findings = evaluate(snapshot, local_names)
    if service.hook == "patient-view":
        if "observations" not in records.seen:
            # Without lab results nothing can be said about missing ones.
            findings = [f for f in findings if f.category != Category.DATA_GAP]
        return [_card(f, patient_id, []) for f in findings]
    cards = []
    for finding in findings:
        drafts_named = [e.ref for e in finding.evidence if e.ref in chosen]
        if drafts_named:
            cards.append(_card(finding, patient_id, drafts_named))
    return cards


def _context(service: Service, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise HookError("body: expected a JSON object")
    if body.get("hook") != service.hook:
        raise HookError(
            f"hook: expected {service.hook!r} for this service, got {body.get('hook')!r}"
        )
    if not isinstance(body.get("hookInstance"), str) or not body["hookInstance"]:
        raise HookError("hookInstance: required, as text")
    context = body.get("context")
    if not isinstance(context, dict):
        raise HookError("context: expected an object")
    if not isinstance(context.get("patientId"), str) or not context["patientId"]:
        raise HookError("context.patientId: required, as text")
    prefetch = body.get("prefetch")
    if prefetch is not None and not isinstance(prefetch, dict):
        raise HookError("prefetch: expected an object")
    if service.hook != "patient-view":
        _check_orders(service, context)
    return context


def _check_orders(service: Service, context: dict[str, Any]) -> None:
    orders = context.get("draftOrders")
    if not isinstance(orders, dict) or orders.get("resourceType") != "Bundle":
        raise HookError("context.draftOrders: expected a FHIR Bundle")
    if not isinstance(orders.get("entry", []), list):
        raise HookError("context.draftOrders.entry: expected a list")
    selections = context.get("selections")
    if service.hook == "order-select" and (
        not isinstance(selections, list) or not all(isinstance(s, str) for s in selections)
    ):
        raise HookError("context.selections: expected a list of references")


@dataclass
class _Records:
    rows: list[tuple[str, Row]]
    seen: set[str]  # the prefetch keys present (a null value means the client could not fetch)


def _medications(prefetch: dict[str, Any] | None, context: dict[str, Any]) -> MedicationIndex:
    """Return the Medication resources of the prefetch and the draft orders, for references."""
    index = MedicationIndex()
    sources = {f"prefetch.{key}": value for key, value in (prefetch or {}).items()}
    sources["context.draftOrders"] = context.get("draftOrders")
    for where, value in sources.items():
        if not isinstance(value, dict):
            continue  # a missing prefetch; a malformed one is named by _records
        for resource in _resources(value, where):
            if resource.get("resourceType") == "Medication":
                index.add(resource)
    return index


def _records(prefetch: dict[str, Any] | None, medications: MedicationIndex) -> _Records:
    records = _Records([], set())
    for key, value in (prefetch or {}).items():
        if value is None:
            continue
        records.seen.add(str(key))
        for position, resource in enumerate(_resources(value, f"prefetch.{key}")):
            where = f"prefetch.{key}[{position}]"
            if resource.get("resourceType") in _RECORD_TYPES:
                row = _translate(resource, where, medications)
                if row is not None:
                    records.rows.append((f"{resource['resourceType']}/{resource.get('id')}", row))
    return records


def _resources(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, dict):
        raise HookError(f"{where}: expected a FHIR resource or Bundle")
    if value.get("resourceType") != "Bundle":
        return [value]
    entries = value.get("entry", [])
    if not isinstance(entries, list):
        raise HookError(f"{where}.entry: expected a list")
    return [
        e["resource"]
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("resource"), dict)
    ]


def _translate(resource: dict[str, Any], where: str, medications: MedicationIndex) -> Row | None:
    try:
        result = translate(parse(resource), medications)
    except Refused as refused:
        raise HookError(f"{where}: {refused.field}: {refused.reason}") from None
    return None if isinstance(result, Skip) else result


def _drafts(
    service: Service, context: dict[str, Any], medications: MedicationIndex
) -> tuple[list[rls.Medication], set[str]]:
    """Return the draft medication orders as medications, and the refs of those to answer for."""
    if service.hook == "patient-view":
        return [], set()
    drafts = []
    orders = _resources(context["draftOrders"], "context.draftOrders")
    for position, order in enumerate(orders):
        if order.get("resourceType") != "MedicationRequest":
            continue
        # A draft is judged as the prescription it is about to become.
        row = _translate(
            {**order, "status": "active"}, f"context.draftOrders[{position}]", medications
        )
        if row is not None:
            reference = f"MedicationRequest/{order.get('id')}"
            drafts.append(
                rls.Medication(row.fields["line"], atc=row.fields["atc"], ref=DRAFT + reference)
            )
    if service.hook == "order-sign":
        return drafts, {d.ref for d in drafts}
    selected = {DRAFT + s for s in context["selections"]}
    return drafts, {d.ref for d in drafts if d.ref in selected}


def _snapshot(records: _Records, drafts: list[rls.Medication], as_of: date) -> rls.Snapshot:
    patient: dict[str, Any] = {}
    pregnancy: dict[str, Any] = {}
    conditions, medications, labs = [], list(drafts), []
    for ref, row in records.rows:
        fields = row.fields
        if row.kind == "patient":
            patient = fields
        elif row.kind == "condition":
            pregnancy = row.pregnancy or pregnancy
            conditions.append(
                rls.Condition(
                    fields["name"], fields["icd10"], rls.ConditionStatus(fields["status"]), ref
                )
            )
        elif row.kind == "medication":
            status = rls.MedicationStatus(fields["status"])
            medications.append(rls.Medication(fields["line"], fields["atc"], status, ref))
        elif row.kind == "lab":
            labs.append(
                rls.LabResult(fields["analyte"], float(fields["value"]), fields["unit"],
                              fields["collected_on"], ref)
            )  # fmt: skip
    due = pregnancy.get("pregnancy_due_date")
    return rls.Snapshot(
        as_of=as_of,
        sex=rls.Sex(patient.get("sex", "unknown")),
        birth_date=patient.get("birth_date"),
        pregnancy=rls.Pregnancy(gestational_week(due, as_of)) if due else None,
        conditions=tuple(conditions),
        medications=tuple(medications),
        labs=tuple(labs),
        date_of_death=patient.get("date_of_death"),
    )


def _card(finding: Finding, patient_id: str, drafts: list[str]) -> dict[str, Any]:
    card: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "summary": _summary(finding),
        "detail": _detail(finding),
        "indicator": _INDICATOR[str(finding.severity)],
        "source": {
            "label": "Ekbom",
            "topic": {"system": FINDING_SYSTEM, "code": finding.code, "display": finding.title},
        },
    }
    suggestions = [
        _suggestion(alternative, ref.removeprefix(DRAFT), patient_id)
        for ref in drafts
        for alternative in finding.alternatives
    ]
    if suggestions:
        card["suggestions"] = suggestions
        card["selectionBehavior"] = "at-most-one"
    return card


def _summary(finding: Finding) -> str:
    text = finding.title
    if finding.alternatives:
        text += f": consider {finding.alternatives[0]}"
    if len(text) > SUMMARY_LIMIT:
        text = text[: SUMMARY_LIMIT - 1].rstrip() + "…"
    return text


def _detail(finding: Finding) -> str:
    lines = [finding.advice, ""]
    lines += [
        f"- {e.text}" + (f" ({e.threshold})" if e.threshold else "") for e in finding.evidence
    ]
    if finding.alternatives:
        lines += ["", f"Safer alternatives: {', '.join(finding.alternatives)}."]
    lines += ["", f"Source: {finding.source}."]
    return "\n".join(lines).strip()


def _suggestion(alternative: str, draft: str, patient_id: str) -> dict[str, Any]:
    return {
        "label": f"Order {alternative} instead",
        "uuid": str(uuid.uuid4()),
        "actions": [
            {
                "type": "delete",
                "description": f"Remove the draft order {draft}",
                "resourceId": [draft],
            },
            {
                "type": "create",
                "description": f"Draft an order for {alternative}",
                "resource": {
                    "resourceType": "MedicationRequest",
                    "status": "draft",
                    "intent": "order",
                    "subject": {"reference": f"Patient/{patient_id}"},
                    "medicationCodeableConcept": {"text": alternative},
                },
            },
        ],
    }
