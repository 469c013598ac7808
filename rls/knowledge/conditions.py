"""Condition families: the ICD-10 codes and everyday names that trigger each condition finding.

A code triggers every family that includes it (a prefix of the code, or a range of 3-character
categories) and does not exclude it, so one diagnosis may raise two findings where that is
clinically right (diabetic polyneuropathy: diabetes and neuropathy; Hashimoto's thyroiditis:
endocrine and autoimmune). ICD-10-CM subcodes (E11.65, G12.21) fall under their WHO categories.
Names are whole words after folding; abbreviations are the ones problem lists use.
"""

from __future__ import annotations

from rls.knowledge.conditions_neuro import ASSOCIATED_FAMILIES, NEUROLOGICAL_FAMILIES
from rls.knowledge.conditions_systemic import SYSTEMIC_FAMILIES
from rls.knowledge.model import ConditionFamily

# A phrase listed by two families ("diabetic neuropathy", "hashimoto") triggers both.
CONDITION_FAMILIES: tuple[ConditionFamily, ...] = (
    SYSTEMIC_FAMILIES + NEUROLOGICAL_FAMILIES + ASSOCIATED_FAMILIES
)
