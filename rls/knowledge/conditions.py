"""Condition families: the ICD-10 codes and everyday names that trigger each condition finding.

A code triggers every family that includes it (a prefix of the code, or a range of 3-character
categories) and does not exclude it, so one diagnosis may raise two findings where that is
clinically right (diabetic polyneuropathy: diabetes and neuropathy; Hashimoto's thyroiditis:
endocrine and autoimmune). ICD-10-CM subcodes (E11.65, G12.21) fall under their WHO categories.
Names are whole words after folding; abbreviations are the ones problem lists use.

A coded condition is judged by its code alone; the name is read only when there is no code.
Entries the patient does not have (history, family history, screening, findings without the
disease) never raise a cause, by code (NOT_HAD_ICD10) or by the words around a name
(NOT_HAD_BEFORE, NOT_HAD_AFTER, NOT_HAD_NEXT).
"""

from __future__ import annotations

from rls.knowledge.conditions_neuro import ASSOCIATED_FAMILIES, NEUROLOGICAL_FAMILIES
from rls.knowledge.conditions_systemic import IRON_OVERLOAD, SYSTEMIC_FAMILIES
from rls.knowledge.model import ConditionFamily, ImpliedCause
from rls.knowledge.sources import ICD10_CM, ICD10_WHO

# A phrase listed by two families ("diabetic neuropathy", "hashimoto") triggers both.
CONDITION_FAMILIES: tuple[ConditionFamily, ...] = (
    SYSTEMIC_FAMILIES + NEUROLOGICAL_FAMILIES + ASSOCIATED_FAMILIES + (IRON_OVERLOAD,)
)

# Codes for what the patient does not have (WHO ICD-10 2019 chapter and block titles): the
# R chapter (symptoms, signs and abnormal findings "not elsewhere classified": a positive
# antibody, a raised glucose), family history (Z80–Z84), personal history (Z85–Z87),
# screening (Z11–Z13), suspected and ruled out (Z03), carriers and genetic susceptibility
# (Z14, Z15, Z22) and risk factors (Z91). They raise nothing, whatever the name says.
NOT_HAD_ICD10: tuple[str, ...] = (
    "R",
    "Z80-Z87",
    "Z11-Z13",
    "Z03",
    "Z14",
    "Z15",
    "Z22",
    "Z91",
)

# Words that put what follows them (to the end of the clause) out of the patient's present.
NOT_HAD_BEFORE: tuple[str, ...] = (
    "history of",
    "history",
    "hx",
    "hx of",
    "h o",  # h/o
    "pmh",
    "past",
    "previous",
    "prior",
    "former",
    "family history",
    "family history of",
    "fh",
    "fhx",
    "fam hx",
    "mother",
    "father",
    "sister",
    "brother",
    "screening",
    "screening for",
    "screen for",
    "rule out",
    "r o",  # r/o
    "exclude",
    "excluded",
    "to exclude",
    "no",
    "not",
    "denies",
    "negative for",
    "without",
    "risk of",
    "risk for",
    "at risk",
    "at risk of",
    "at risk for",
    "suspected",
    "possible",
    "query",
    "carrier",
    "carrier of",
    "resolved",
)
# Words that put what precedes them (in the clause) out of the present: "anaemia ruled out".
# Alone in a clause of their own, they are said of the clause before: "Hypothyroidism, resolved".
NOT_HAD_AFTER: tuple[str, ...] = (
    "ruled out",
    "excluded",
    "screening",
    "negative",
    "resolved",
    "in the past",
    "history",
    "trait",
    "carrier",
    "carrier state",
    "risk",
    "suspected",
)
# Problem-list shorthand for a word the names spell out: "EtOH abuse", "Fe def", "B12 def".
# Only a whole name counts, so "EtOH" alone (drinking, not a disorder) still raises nothing.
SHORTHAND: dict[str, str] = {
    "etoh": "alcohol",
    "fe": "iron",
    "def": "deficiency",
    "defic": "deficiency",
}
# Words that qualify only the next word: "pre-diabetes", "borderline diabetes".
NOT_HAD_NEXT: tuple[str, ...] = ("pre", "borderline")

_DIABETES, _ALCOHOL = "cause.diabetes", "cause.alcohol"


def _implied(icd10: str, code: str, title: str, source: str = ICD10_WHO) -> ImpliedCause:
    return ImpliedCause(icd10, code, title, source)


# Codes whose title names a cause outside the families' own ranges.
IMPLIED_CAUSES: tuple[ImpliedCause, ...] = (
    _implied("G63.2", _DIABETES, "diabetic polyneuropathy"),
    _implied("H36.0", _DIABETES, "diabetic retinopathy"),
    _implied("N08.3", _DIABETES, "glomerular disorders in diabetes mellitus"),
    _implied("M14.2", _DIABETES, "diabetic arthropathy"),
    _implied("O24", _DIABETES, "diabetes mellitus in pregnancy"),
    _implied("Z79.4", _DIABETES, "long-term (current) use of insulin", ICD10_CM),
    _implied("G62.1", _ALCOHOL, "alcoholic polyneuropathy"),
    _implied("K70", _ALCOHOL, "alcoholic liver disease"),
    _implied("K29.2", _ALCOHOL, "alcoholic gastritis"),
    _implied("K86.0", _ALCOHOL, "alcohol-induced chronic pancreatitis"),
    _implied("K85.2", _ALCOHOL, "alcohol-induced acute pancreatitis"),
    _implied("I42.6", _ALCOHOL, "alcoholic cardiomyopathy"),
    _implied("G31.2", _ALCOHOL, "degeneration of nervous system due to alcohol"),
    _implied("G72.1", _ALCOHOL, "alcoholic myopathy"),
    _implied("E24.4", _ALCOHOL, "alcohol-induced pseudo-Cushing's syndrome"),
)

# Pregnancy written on the problem list (WHO ICD-10: Z33 pregnant state, Z34 and Z35
# supervision of pregnancy, O00–O48 pregnancy and its complications up to labour; O80–O92,
# delivery and the puerperium, are after it). Read as a current pregnancy only when it can be
# one: active, begun within PREGNANCY_ENTRY_DAYS, in a patient of childbearing age.
PREGNANCY_ICD10: tuple[str, ...] = ("Z33", "Z34", "Z35", "O00-O48")
PREGNANCY_NAMES: tuple[str, ...] = (
    "pregnant",
    "pregnancy",
    "intrauterine pregnancy",
    "iup",
    "беременность",
)
PREGNANCY_ENTRY_DAYS = 294  # 42 weeks: no pregnancy lasts longer
CHILDBEARING_AGES = (10, 55)  # years, inclusive of the first, exclusive of the second
