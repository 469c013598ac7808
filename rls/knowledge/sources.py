"""The sources the knowledge base cites: the article by its section headings, and guidelines.

A finding's `source` is one of the short labels below (or several joined by "; "). Each label
has a full reference in SOURCES, which the finding catalogue (docs/findings.md) prints, so a
clinician can look up every rule without access to anything outside this repository.
"""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE_TITLE = "Restless legs syndrome"
ARTICLE = f'the article "{ARTICLE_TITLE}" (causes, manifestations and treatment)'


def article(section: str) -> str:
    """Return the label citing one section of the article by its heading."""
    return f'Article: "{section}"'


ARTICLE_SECONDARY = article("Secondary causes of restless leg syndrome")
ARTICLE_PREGNANCY = article("Syndrome in pregnant women")
ARTICLE_HEREDITARY = article("Causes of Restless Leg Syndrome")
ARTICLE_ASSOCIATED = article("Who else is celebrating?")
ARTICLE_IRRATIONAL = article("Irrational use of medicines")
ARTICLE_EXCLUDE = article("What to exclude?")
ARTICLE_DIURETICS = 'Article: "Diuretics should be avoided" (non-drug measures)'
ARTICLE_DRUGS = article("The use of drugs")
ARTICLE_NON_DRUG = article("Non-drug interventions")

AASM_2024 = "AASM 2024 guideline"
WHO_2024 = "WHO 2024 haemoglobin cut-offs"
WHO_2011_HBA1C = "WHO 2011"
ADA_2024 = "ADA 2024"
WHO_2015_FOLATE = "WHO 2015"
BSH_2014 = "BSH 2014"
ENDOCRINE_SOCIETY_2011 = "Endocrine Society 2011"
KDIGO_2024 = "KDIGO 2024"
ATA_AACE_2012 = "ATA/AACE 2012"
IRLSSG_2014 = "IRLSSG 2014 diagnostic criteria"
IRLSSG_2016 = "IRLSSG 2016 augmentation guidance"
IRLSSG_2018_IRON = "IRLSSG 2018 iron consensus"
SNOMED_ICD10_MAP = "SNOMED CT to ICD-10-CM map"


@dataclass(frozen=True, slots=True)
class Source:
    label: str  # as findings cite it
    reference: str  # the full reference


SOURCES: tuple[Source, ...] = (
    Source(
        "Article",
        f"{ARTICLE[0].upper()}{ARTICLE[1:]}: the clinical source of Ekbom's rules. Its "
        'sections are cited by their headings, e.g. Article: "What to exclude?".',
    ),
    Source(
        AASM_2024,
        "Winkelman JW et al. The treatment of restless legs syndrome and periodic limb "
        "movement disorder: an American Academy of Sleep Medicine clinical practice guideline. "
        "J Clin Sleep Med 2025;21(1):137–152 (published online 2024).",
    ),
    Source(
        WHO_2024,
        "World Health Organization. Guideline on haemoglobin cutoffs to define anaemia in "
        "individuals and populations. Geneva: WHO; 2024.",
    ),
    Source(
        WHO_2011_HBA1C,
        "World Health Organization. Use of glycated haemoglobin (HbA1c) in the diagnosis of "
        "diabetes mellitus. Geneva: WHO; 2011.",
    ),
    Source(
        ADA_2024,
        "American Diabetes Association. Standards of Care in Diabetes—2024, section 2: "
        "Diagnosis and classification of diabetes. Diabetes Care 2024;47(Suppl 1).",
    ),
    Source(
        WHO_2015_FOLATE,
        "World Health Organization. Serum and red blood cell folate concentrations for "
        "assessing folate status in populations. Geneva: WHO; 2015.",
    ),
    Source(
        BSH_2014,
        "Devalia V et al. Guidelines for the diagnosis and treatment of cobalamin and folate "
        "disorders. British Society for Haematology. Br J Haematol 2014;166(4):496–513.",
    ),
    Source(
        ENDOCRINE_SOCIETY_2011,
        "Holick MF et al. Evaluation, treatment, and prevention of vitamin D deficiency: an "
        "Endocrine Society clinical practice guideline. J Clin Endocrinol Metab 2011;96(7).",
    ),
    Source(
        KDIGO_2024,
        "KDIGO 2024 clinical practice guideline for the evaluation and management of chronic "
        "kidney disease. Kidney Int 2024;105(4S).",
    ),
    Source(
        ATA_AACE_2012,
        "Garber JR et al. Clinical practice guidelines for hypothyroidism in adults "
        "(American Thyroid Association and American Association of Clinical "
        "Endocrinologists). Thyroid 2012;22(12):1200–1235: TSH reference interval "
        "about 0.4–4.0 mIU/L.",
    ),
    Source(
        IRLSSG_2014,
        "Allen RP et al. Restless legs syndrome/Willis–Ekbom disease diagnostic criteria: "
        "updated International Restless Legs Syndrome Study Group (IRLSSG) consensus criteria. "
        "Sleep Med 2014;15(8):860–873: the five essential criteria, the course specifier and "
        "clinical significance.",
    ),
    Source(
        IRLSSG_2016,
        "Garcia-Borreguero D et al. Guidelines for the first-line treatment of restless legs "
        "syndrome/Willis–Ekbom disease, prevention and treatment of dopaminergic augmentation: "
        "a combined task force of the IRLSSG, EURLSSG and RLS Foundation. Sleep Med "
        "2016;21:1–11: augmentation by the Max Planck Institute criteria.",
    ),
    Source(
        IRLSSG_2018_IRON,
        "Allen RP et al. Evidence-based and consensus clinical practice guidelines for the iron "
        "treatment of restless legs syndrome/Willis–Ekbom disease in adults and children: an "
        "IRLSSG task force report. Sleep Med 2018;41:27–44: recheck iron status about 12 weeks "
        "after starting oral iron and 4–8 weeks after IV iron.",
    ),
    Source(
        SNOMED_ICD10_MAP,
        "U.S. National Library of Medicine. SNOMED CT to ICD-10-CM Map (the map between "
        "SNOMED CT US Edition concepts and ICD-10-CM codes), used to file SNOMED-coded "
        "conditions under the ICD-10 codes the condition families list.",
    ),
)
