"""Finding codes not tied to a drug class: causes, associated conditions, lifestyle, gaps."""

from __future__ import annotations

from dataclasses import dataclass

from rls.findings import Category
from rls.knowledge.sources import (
    AASM_2024,
    ARTICLE_ASSOCIATED,
    ARTICLE_HEREDITARY,
    ARTICLE_NON_DRUG,
    ARTICLE_PREGNANCY,
    ARTICLE_SECONDARY,
    EASL_2022,
    IRLSSG_2015_PREGNANCY,
    IRLSSG_2016,
    IRLSSG_2018_IRON,
    WHO_2024,
)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    category: Category
    title: str
    advice: str
    source: str
    alternatives: tuple[str, ...] = ()


_TREAT_CAUSE = (
    "The article: treatment is first of all directed at the primary disease; RLS secondary "
    "to an illness may disappear once the provoking factor is gone."
)


def _cause(code: str, title: str, advice: str, source: str = ARTICLE_SECONDARY) -> CodeInfo:
    return CodeInfo(code, Category.SECONDARY_CAUSE, title, advice, source)


def _associated(code: str, title: str) -> CodeInfo:
    advice = (
        f"RLS is sometimes seen with {title}; the article notes it is unclear whether this is "
        "coincidence, a shared mechanism or the drugs used. Review the patient's medicines."
    )
    return CodeInfo(code, Category.ASSOCIATED_CONDITION, title, advice, ARTICLE_ASSOCIATED)


SECONDARY_CAUSES = (
    _cause(
        "cause.anemia",
        "Anemia",
        "Low hemoglobin is a secondary cause of RLS: find and treat the cause of the anemia, "
        "and check iron studies (ferritin, transferrin saturation).",
        f"{ARTICLE_SECONDARY}; thresholds {WHO_2024}",
    ),
    _cause(
        "cause.iron-deficiency",
        "Iron deficiency",
        "Iron deficiency is a secondary cause of RLS. AASM 2024 suggests iron therapy when "
        "ferritin ≤ 75 µg/L or transferrin saturation < 20 % (oral or IV iron), provided "
        "transferrin saturation is below 45 % (IRLSSG 2018); the article: make up for the lack "
        "of iron.",
        f"{ARTICLE_SECONDARY}; thresholds {AASM_2024}; {IRLSSG_2018_IRON}",
    ),
    _cause(
        "cause.diabetes",
        "Diabetes",
        "Diabetes is a secondary cause of RLS: the article advises normalising glucose control "
        "(e.g. metformin) and replacing missing iron, folic acid and vitamins.",
    ),
    _cause(
        "cause.endocrine-disorder",
        "Endocrine disorder",
        f"Endocrine disorders (thyroid first of all) are a secondary cause of RLS. {_TREAT_CAUSE}",
    ),
    _cause(
        "cause.hypovitaminosis",
        "Hypovitaminosis",
        "Prolonged hypovitaminosis is a secondary cause of RLS: replace the vitamin that is "
        "low; the article also advises folic acid, vitamins C, B and E, and magnesium.",
    ),
    _cause(
        "cause.rheumatoid-arthritis",
        "Rheumatoid arthritis",
        f"Rheumatoid arthritis is a secondary cause of RLS. {_TREAT_CAUSE}",
    ),
    _cause(
        "cause.kidney-disease",
        "Kidney disease",
        "Kidney disease leading to retention of toxic substances is a secondary cause of RLS; "
        "check iron status, which dialysis depletes. "
        f"{_TREAT_CAUSE}",
    ),
    _cause(
        "cause.copd",
        "Chronic obstructive pulmonary disease",
        f"COPD is a secondary cause of RLS. {_TREAT_CAUSE}",
    ),
    _cause(
        "cause.alcohol",
        "Alcohol use disorder or poisoning",
        "Severe alcohol poisoning is a secondary cause of RLS; alcohol relieves symptoms "
        "briefly but worsens them later (the article).",
    ),
    _cause(
        "cause.cardiovascular-disease",
        "Cardiovascular disease",
        "Diseases of the cardiovascular system are a secondary cause of RLS; review "
        "antihypertensives (calcium channel blockers, diuretics) that aggravate it. Plain "
        "essential hypertension is reported as information unless the patient takes one of "
        "them.",
    ),
    _cause(
        "cause.autoimmune-disease",
        "Autoimmune disease",
        f"Autoimmune processes are a secondary cause of RLS. {_TREAT_CAUSE}",
    ),
    _cause(
        "cause.neurological-disorder",
        "Neurological disorder",
        f"Neurological disorders are a secondary cause of RLS. {_TREAT_CAUSE}",
    ),
    _cause(
        "cause.nerve-injury",
        "Spinal cord or peripheral nerve injury",
        "Injuries of the spinal cord and peripheral nervous system are a secondary cause of RLS.",
    ),
    _cause(
        "cause.peripheral-neuropathy",
        "Peripheral neuropathy",
        "Peripheral neuropathies of any origin are a secondary cause of RLS, and can mimic it: "
        "confirm the urge to move is worse at rest and in the evening.",
    ),
    _cause(
        "cause.pregnancy",
        "Pregnancy",
        "RLS is common in pregnancy, most often in the third trimester, and usually goes away "
        "in the first month after delivery. Check iron and folic acid; if iron is needed, the "
        "article recommends second-generation iron supplements that do not harm the baby.",
        ARTICLE_PREGNANCY,
    ),
)

ASSOCIATED_CONDITIONS = (
    _associated("associated.parkinsons-disease", "Parkinson's disease"),
    _associated("associated.essential-tremor", "Essential tremor"),
    _associated("associated.tourette-syndrome", "Tourette syndrome"),
    _associated("associated.huntingtons-disease", "Huntington's disease"),
    _associated("associated.als", "Amyotrophic lateral sclerosis"),
    _associated("associated.post-polio-syndrome", "Post-polio syndrome"),
)

OTHER_CODES = (
    CodeInfo(
        "lifestyle.caffeine",
        Category.LIFESTYLE,
        "Caffeine intake",
        "Exclude coffee, strong tea and other caffeine products (chocolate, cola) in the "
        "evening and during the day.",
        ARTICLE_NON_DRUG,
    ),
    CodeInfo(
        "lifestyle.alcohol",
        Category.LIFESTYLE,
        "Alcohol use",
        "Restrict alcoholic drinks: alcohol may relieve symptoms for a while, but the "
        "manifestations later worsen significantly.",
        ARTICLE_NON_DRUG,
    ),
    CodeInfo(
        "lifestyle.smoking",
        Category.LIFESTYLE,
        "Smoking",
        "Advise quitting smoking.",
        ARTICLE_NON_DRUG,
    ),
    CodeInfo(
        "hereditary.family-history",
        Category.HEREDITARY,
        "Family history of RLS",
        "RLS in close relatives makes primary (hereditary) RLS likely; the article: 40–60 % of "
        "cases, autosomal dominant and recessive inheritance. Secondary causes still need "
        "excluding.",
        ARTICLE_HEREDITARY,
    ),
    CodeInfo(
        "gap.iron-studies",
        Category.DATA_GAP,
        "No iron studies in the last 12 months",
        "Check ferritin and transferrin saturation: AASM 2024 advises iron studies in every "
        "patient with clinically significant RLS.",
        AASM_2024,
    ),
    CodeInfo(
        "gap.hemoglobin",
        Category.DATA_GAP,
        "No hemoglobin in the last 12 months",
        "Check a blood count: low hemoglobin is a secondary cause of RLS.",
        f"{ARTICLE_SECONDARY}; {AASM_2024}",
    ),
)

# Follow-up over time (rls.followup): what the visits and the iron therapy dates show.
FOLLOW_UP_CODES = (
    CodeInfo(
        "caution.augmentation",
        Category.TREATMENT_CAUTION,
        "Possible augmentation on a dopaminergic drug",
        "The screening answers point to augmentation. AASM 2024: consider switching to an "
        "α2δ ligand (gabapentin enacarbil, gabapentin or pregabalin), cross-tapering the "
        "dopaminergic drug rather than raising its dose, and check ferritin and transferrin "
        "saturation, giving iron when ferritin ≤ 75 µg/L or TSAT < 20 %.",
        f"{IRLSSG_2016}; {AASM_2024}",
        ("gabapentin enacarbil", "gabapentin", "pregabalin"),
    ),
    CodeInfo(
        "gap.iron-recheck",
        Category.DATA_GAP,
        "Iron recheck overdue after iron therapy",
        "Recheck ferritin and transferrin saturation to see whether the iron worked: about "
        "12 weeks after starting oral iron, 4–8 weeks after IV iron (not sooner than 4 weeks "
        "after an infusion, which raises ferritin by itself).",
        IRLSSG_2018_IRON,
    ),
)

IRON_OVERLOAD = CodeInfo(
    "caution.iron-overload",
    Category.TREATMENT_CAUTION,
    "Iron overload: do not give iron",
    "Do not give oral or IV iron: IRLSSG 2018 gives iron for RLS only when transferrin "
    "saturation is below 45 %, and never with haemochromatosis or another iron-overload "
    "condition. Where no overload condition is known, work up the raised saturation: repeat "
    "a fasting transferrin saturation with ferritin, then HFE genotyping (EASL 2022).",
    f"{IRLSSG_2018_IRON}; {EASL_2022}",
)

ALPHA2DELTA_IN_PREGNANCY = CodeInfo(
    "caution.alpha2delta-in-pregnancy",
    Category.TREATMENT_CAUTION,
    "α2δ ligand in pregnancy",
    "Gabapentin and pregabalin treat RLS, but in pregnancy they lack the safety data to be "
    "recommended (IRLSSG 2015 pregnancy consensus). Review with obstetric care: non-drug "
    "measures first, iron where the iron studies allow it; for refractory RLS the consensus "
    "names low-dose clonazepam or carbidopa/levodopa, and low-dose oxycodone in the second "
    "and third trimesters.",
    IRLSSG_2015_PREGNANCY,
)
# The α2δ ligands, by generic: the caution above reads them only during a pregnancy.
ALPHA2DELTA_GENERICS = frozenset({"gabapentin", "gabapentin enacarbil", "pregabalin"})

NON_DRUG_CODES: tuple[CodeInfo, ...] = (
    SECONDARY_CAUSES
    + ASSOCIATED_CONDITIONS
    + OTHER_CODES
    + FOLLOW_UP_CODES
    + (IRON_OVERLOAD, ALPHA2DELTA_IN_PREGNANCY)
)

# During pregnancy these replace the generic caution of the RLS drug classes.
PREGNANCY_CAUTION_ADVICE: dict[str, str] = {
    "caution.dopaminergic": (
        "In pregnancy dopamine agonists (pramipexole, ropinirole, rotigotine) lack the safety "
        "data to be recommended (IRLSSG 2015 pregnancy consensus); carbidopa/levodopa at a low "
        "dose may be considered for refractory RLS. Review with obstetric care; non-drug "
        "measures first, iron where the iron studies allow it."
    ),
    "caution.opioid": (
        "In pregnancy the IRLSSG 2015 consensus allows only low-dose oxycodone for very severe, "
        "refractory RLS in the second and third trimesters, with the delivery team warned of "
        "neonatal respiratory depression and withdrawal. Review the opioid with obstetric care."
    ),
}

# Advice that replaces a code's own when the finding must not advise iron (iron overload).
NO_IRON_ADVICE: dict[str, str] = {
    "cause.iron-deficiency": (
        "Markers of iron deficiency are present, but iron must not be given: transferrin "
        "saturation is ≥ 45 % or an iron-overload condition is recorded (IRLSSG 2018; see the "
        "iron-overload finding). Treat RLS without iron and review the iron studies."
    ),
    "cause.pregnancy": (
        "RLS is common in pregnancy, most often in the third trimester, and usually goes away "
        "in the first month after delivery. Check folic acid; iron must not be given while "
        "transferrin saturation is ≥ 45 % or an iron-overload condition is recorded "
        "(IRLSSG 2018)."
    ),
    "caution.augmentation": (
        "The screening answers point to augmentation. AASM 2024: consider switching to an "
        "α2δ ligand (gabapentin enacarbil, gabapentin or pregabalin), cross-tapering the "
        "dopaminergic drug rather than raising its dose. Iron must not be given while "
        "transferrin saturation is ≥ 45 % or an iron-overload condition is recorded "
        "(IRLSSG 2018)."
    ),
    "cause.diabetes": (
        "Diabetes is a secondary cause of RLS: the article advises normalising glucose control "
        "(e.g. metformin) and replacing missing folic acid and vitamins; no iron while "
        "transferrin saturation is ≥ 45 % or an iron-overload condition is recorded "
        "(IRLSSG 2018)."
    ),
}

# A child's iron advice names the child's threshold (AASM 2024: ferritin < 50 µg/L).
CHILD_IRON_ADVICE = (
    "Iron deficiency is a secondary cause of RLS. For a child, AASM 2024 suggests iron therapy "
    "when ferritin < 50 µg/L or transferrin saturation < 20 %, provided transferrin saturation "
    "is below 45 % (IRLSSG 2018); the article: make up for the lack of iron."
)
