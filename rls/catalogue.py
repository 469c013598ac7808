"""Write the finding catalogue (docs/findings.md) from the knowledge tables.

`python -m rls.catalogue > docs/findings.md`. The catalogue is generated, never edited by hand:
a test fails when the committed file differs from what the tables say, so the document a
clinician reviews is always the rules the engine runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from rls.findings import Category
from rls.knowledge import CATEGORY_ORDER, CODES, CONDITION_FAMILIES, DRUG_CLASSES, CodeInfo
from rls.knowledge.conditions import IMPLIED_CAUSES, NOT_HAD_ICD10
from rls.knowledge.lab_thresholds import HEMOGLOBIN_SOURCE, LAB_LIMITS
from rls.knowledge.sources import ARTICLE, IRLSSG_2014, SOURCES

CATEGORY_TITLES = {
    Category.SECONDARY_CAUSE: "Secondary causes",
    Category.ASSOCIATED_CONDITION: "Associated conditions",
    Category.AGGRAVATING_DRUG: "Aggravating drugs",
    Category.TREATMENT_CAUTION: "Treatment cautions",
    Category.LIFESTYLE: "Lifestyle",
    Category.HEREDITARY: "Hereditary",
    Category.DATA_GAP: "Data gaps",
}
# What triggers the codes that no table row describes: facts about the patient as a whole.
PATIENT_TRIGGERS = {
    "cause.anemia": "latest hemoglobin below the patient's cut-off by age, sex and trimester "
    f"({HEMOGLOBIN_SOURCE})",
    "cause.pregnancy": "a current pregnancy (expected delivery date), or an active "
    "problem-list pregnancy (Z33–Z35, O00–O48) begun within 42 weeks, at childbearing age",
    "caution.alpha2delta-in-pregnancy": "an active gabapentin, gabapentin enacarbil or "
    "pregabalin line during a pregnancy (dopaminergic and opioid cautions take "
    "pregnancy-specific advice then)",
    "lifestyle.caffeine": "caffeine intake recorded",
    "lifestyle.alcohol": "alcohol use recorded",
    "lifestyle.smoking": "smoking recorded",
    "hereditary.family-history": "RLS in close relatives recorded",
    "gap.iron-studies": "no ferritin and no transferrin saturation result in the 12 months "
    "before the as-of date",
    "gap.hemoglobin": "no hemoglobin result in the 12 months before the as-of date",
    "caution.augmentation": "an active dopaminergic drug and, at the latest visit that asked, "
    "symptoms starting earlier in the day plus one more sign (spread to arms or trunk, shorter "
    "effect of each dose, more intense symptoms, higher doses needed)",
    "gap.iron-recheck": "iron therapy started more than 12 weeks (oral) or 8 weeks (IV) ago "
    "with no ferritin or TSAT result since its start (IV: since 4 weeks after the start)",
}
EXAMPLES_SHOWN = 8


def catalogue() -> str:
    """Return the finding catalogue as Markdown."""
    return "\n".join(_lines()) + "\n"


def _lines() -> Iterator[str]:
    yield "# Finding catalogue"
    yield ""
    yield "Generated from the knowledge tables in `rls/knowledge/` by `python -m rls.catalogue`;"
    yield "do not edit by hand. Every code the engine can emit is listed once, with what"
    yield "triggers it and the source it cites. Codes are a public interface (JSON contract,"
    yield "stored findings, audit trail): a code is never renamed, only added."
    yield ""
    yield f"The clinical source is {ARTICLE}; guidelines add to or correct it"
    yield "where named."
    yield ""
    yield "A coded condition is judged by its ICD-10 code alone; its name is read only when it"
    yield f"has no code. Codes for what the patient does not have ({', '.join(NOT_HAD_ICD10)})"
    yield "raise nothing; nor do names in a history, family-history, screening, rule-out, risk,"
    yield '"no …" or "pre-…" phrase, nor a name followed by a clause that is only such a cue'
    yield '("Hypothyroidism, resolved").'
    for category in sorted(CATEGORY_TITLES, key=CATEGORY_ORDER.__getitem__):
        yield ""
        yield f"## {CATEGORY_TITLES[category]} (`{category}`)"
        yield ""
        yield "| code | title | triggered by | source |"
        yield "|---|---|---|---|"
        for info in sorted(
            (i for i in CODES.values() if i.category == category), key=lambda i: i.code
        ):
            yield f"| `{info.code}` | {info.title} | {_trigger(info)} | {info.source} |"
    yield from _course_lines()
    yield ""
    yield "## Sources"
    yield ""
    yield "| cited as | reference |"
    yield "|---|---|"
    for source in SOURCES:
        yield f"| {source.label} | {source.reference} |"


def _course_lines() -> Iterator[str]:
    """The rules for the course over visits, which show on the record without being findings."""
    yield ""
    yield "## Course over visits (not findings)"
    yield ""
    yield (
        f"- Diagnostic criteria ({IRLSSG_2014}): *met* when all five essential criteria are "
        "present, *not met* when one is absent, at the latest visit whose checklist decided "
        "either; *not assessed* when no visit did."
    )
    yield (
        "- IRLS trend: the latest two recorded totals compared by band (none 0, mild 1–10, "
        "moderate 11–20, severe 21–30, very severe 31–40): a milder band is *better*, a more "
        "severe band *worse*, the same band *unchanged*."
    )
    yield "- No finding is raised for a day after the patient's date of death."


def _trigger(info: CodeInfo) -> str:
    parts = [PATIENT_TRIGGERS[info.code]] if info.code in PATIENT_TRIGGERS else []
    parts += [f"{limit.text} ({limit.source})" for limit in LAB_LIMITS if limit.code == info.code]
    for family in CONDITION_FAMILIES:
        if family.code == info.code:
            icd = ", ".join(family.icd10)
            excluded = f" except {', '.join(family.excludes)}" if family.excludes else ""
            parts.append(f"ICD-10 {icd}{excluded}; names such as {_examples(family.names)}")
            if family.minor_icd10:
                minor = ", ".join(family.minor_icd10)
                parts.append(
                    f"ICD-10 {minor} alone (plain essential hypertension) is information "
                    "unless a calcium channel blocker or a diuretic is also active"
                )
            if family.look_alikes:
                parts.append(f"not: {_examples(family.look_alikes)}")
    implied = [i for i in IMPLIED_CAUSES if i.code == info.code]
    if implied:
        parts.append(
            "implied by " + ", ".join(f"{i.icd10} {i.title} ({i.source})" for i in implied)
        )
    for drug_class in DRUG_CLASSES:
        if drug_class.code == info.code:
            parts.append(_drug_trigger(drug_class.generics, drug_class.atc_groups))
    if info.alternatives:
        parts.append(f"safer alternatives: {', '.join(info.alternatives)}")
    return "; ".join(parts)


def _drug_trigger(generics: tuple, atc_groups: tuple[str, ...]) -> str:
    names = [g.name for g in generics]
    text = f"{len(names)} generics and their brands, e.g. {_examples(names)}"
    if atc_groups:
        text += f"; ATC {', '.join(atc_groups)}"
    return text


def _examples(names: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(names[:EXAMPLES_SHOWN])
    return shown + (" …" if len(names) > EXAMPLES_SHOWN else "")


if __name__ == "__main__":
    print(catalogue(), end="")
