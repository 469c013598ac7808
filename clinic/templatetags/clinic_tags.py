"""Template filters of the workspace: severity and category by icon and words, people, numbers."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from clinic.formats import day_text, evidence_text, number_text, person_name
from rls import irls_band

register = template.Library()

# Severity is told by an icon and a word as well as a colour (colour-blind users, print).
SEVERITY = {
    "critical": ("bi-exclamation-octagon-fill", "Critical", "danger"),
    "warning": ("bi-exclamation-triangle-fill", "Warning", "warning"),
    "info": ("bi-info-circle-fill", "Info", "info"),
}
CATEGORY_ICONS = {
    "secondary_cause": "bi-diagram-3",
    "associated_condition": "bi-link-45deg",
    "aggravating_drug": "bi-capsule",
    "treatment_caution": "bi-shield-exclamation",
    "lifestyle": "bi-cup-hot",
    "hereditary": "bi-people",
    "data_gap": "bi-clipboard-x",
}
# Caseload chips by meaning: the icon and word of each kind (colour is the third cue).
CHIP_KINDS = {
    "drug": ("bi-capsule", "aggravating drug"),
    "cause": ("bi-diagram-3", "cause"),
    "caution": ("bi-shield-exclamation", "caution"),
    "gap": ("bi-clipboard-x", "data gap"),
    "other": ("bi-info-circle", "other"),
}
CATEGORY_NAMES = {
    "secondary_cause": "Secondary cause",
    "associated_condition": "Associated condition",
    "aggravating_drug": "Aggravating drug",
    "treatment_caution": "Treatment caution",
    "lifestyle": "Lifestyle",
    "hereditary": "Hereditary",
    "data_gap": "Data gap",
}


@register.filter
def severity_icon(severity: str) -> str:
    """Return the Bootstrap icon class of a severity."""
    return SEVERITY.get(severity, SEVERITY["info"])[0]


@register.filter
def severity_label(severity: str) -> str:
    """Return the word for a severity."""
    return SEVERITY.get(severity, SEVERITY["info"])[1]


@register.filter
def severity_colour(severity: str) -> str:
    """Return the Bootstrap colour name of a severity."""
    return SEVERITY.get(severity, SEVERITY["info"])[2]


@register.filter
def category_icon(category: str) -> str:
    """Return the Bootstrap icon class of a finding category."""
    return CATEGORY_ICONS.get(category, "bi-flag")


@register.filter
def category_name(category: str) -> str:
    """Return the singular name of a finding category."""
    return CATEGORY_NAMES.get(category, category)


@register.filter
def irls(score: int | None) -> str:
    """Return an IRLS total with its band, e.g. "24 (severe)"; a dash when not scored."""
    if score is None:
        return "—"
    return f"{score} ({irls_band(score)})"


@register.filter
def person(user: Any) -> str:
    """Return a user's full name (the username only when no name is recorded)."""
    return person_name(user)


@register.filter
def number(value: Any) -> str:
    """Return a number without trailing zeros ("90.0000" -> "90"); empty for no value."""
    return "" if value in (None, "") else number_text(value)


@register.filter
def evidence_line(evidence: Any) -> str:
    """Write a piece of a finding's evidence in one line, as acknowledgements keep it.

    One filter rather than five conditions in the template: an iron finding lists every low
    ferritin of the patient's history, and those conditions were most of its drawing.
    """
    return evidence_text(evidence)


@register.filter
def kind_icon(kind: str) -> str:
    """Return the Bootstrap icon class of a caseload chip's kind."""
    return CHIP_KINDS.get(kind, CHIP_KINDS["other"])[0]


@register.filter
def kind_label(kind: str) -> str:
    """Return the word for a caseload chip's kind."""
    return CHIP_KINDS.get(kind, CHIP_KINDS["other"])[1]


NEW_MARK = ' <span class="chip-new" aria-hidden="true">new</span>'


@register.simple_tag
def finding_chip(badge: Any, never_seen: bool) -> SafeString:
    """Draw a caseload chip: kind by icon, word and colour, then severity, acknowledged and new.

    A tag rather than markup in the template: a page draws up to 400 chips, and the markup's
    dozen conditions per chip were a third of the caseload's rendering time. Every value from
    the database is escaped here, by the function `django.utils.html.escape` itself calls.
    """
    kind, severity = escape(badge.kind), escape(badge.severity)
    classes = f"badge finding-chip kind-{kind} sev-{severity}"
    spoken = [severity_label(badge.severity), kind_label(badge.kind)]
    if badge.acknowledged:
        classes += " is-acknowledged"
        spoken.append("acknowledged")
    if badge.new:
        classes += " is-new"
        spoken.append("new since last seen")
    title = f"{category_name(badge.category)}: {badge.text}"
    if badge.acknowledged:
        title += " (acknowledged)"
    icon = "bi-check2-circle" if badge.acknowledged else kind_icon(badge.kind)
    critical = ""
    if badge.severity == "critical" and not badge.acknowledged:
        critical = f'<i class="bi {severity_icon(badge.severity)}" aria-hidden="true"></i> '
    new = NEW_MARK if badge.new and not never_seen else ""
    # Every interpolated value is escaped or one of our own constants.
    return mark_safe(
        f'<span class="{classes}" data-finding-code="{escape(badge.code)}" data-kind="{kind}" '
        f'title="{escape(title)}"><i class="bi {icon}" aria-hidden="true"></i> {critical}'
        f'<span class="visually-hidden">{escape(", ".join(spoken))}:</span> '
        f"{escape(badge.text)}{new}</span>"
    )


@register.simple_tag
def row_flags(flags: list[Any]) -> SafeString:
    """Write why a list row is highlighted: one line per finding it feeds, by icon and word.

    A tag rather than an include per row: a heavy record lists a hundred rows, and the
    include's context and filters per row cost more than the table around them.
    """
    return format_html_join(
        "",
        '\n<div class="row-flag small sev-{}" data-finding-code="{}">\n'
        '  <i class="bi {}" aria-hidden="true"></i> <span class="visually-hidden">{}:</span>\n'
        "  {}{}\n</div>\n",
        (
            (
                flag.severity,
                flag.code,
                severity_icon(flag.severity),
                severity_label(flag.severity),
                flag.detail,
                format_html(" — safer alternative: {}", ", ".join(flag.alternatives))
                if flag.alternatives
                else "",
            )
            for flag in flags
        ),
    )


@register.filter
def day(value: date | None) -> str:
    """Write a date as `date:"j M Y"` does ("4 Apr 2025"), empty for none, for dates only.

    A tenth of the cost of `date`, which looks its format up per call: a heavy record writes
    hundreds of dates. A datetime needs `date`, which turns it into local time first.
    """
    return "" if value is None else day_text(value)
