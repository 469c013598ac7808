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
IRLSSG_2015_PREGNANCY = "IRLSSG 2015 pregnancy consensus"
EASL_2022 = "EASL 2022 haemochromatosis guideline"
ICD10_WHO = "WHO ICD-10 2019"
ICD10_CM = "ICD-10-CM 2025"
ICD10_RU = "МКБ-10 (ICD-10, Russian edition)"
GRLS = "ГРЛС (Russian State Register of Medicines)"
BAN_USAN = "BAN/USAN older names"
DAILYMED = "DailyMed (US OTC labels)"
EMC_UK = "eMC (UK SmPCs)"
WHO_ATC = "WHO ATC/DDD Index 2025"
INN_NATIONAL = "INN national spellings"


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
        "after starting oral iron and 4–8 weeks after IV iron; no oral or IV iron when "
        "transferrin saturation is ≥ 45 %.",
    ),
    Source(
        EASL_2022,
        "European Association for the Study of the Liver. EASL Clinical Practice Guidelines on "
        "haemochromatosis. J Hepatol 2022;77(2):479–502: a raised transferrin saturation is "
        "confirmed on a repeat sample and followed by HFE genotyping.",
    ),
    Source(
        ICD10_WHO,
        "World Health Organization. International Statistical Classification of Diseases and "
        "Related Health Problems, 10th revision, 2019 edition: the category titles and chapter "
        "boundaries the condition families follow (chapter XVIII, R00–R99: symptoms, signs and "
        "abnormal findings; Z80–Z84, Z85–Z87: family and personal history; Z11–Z13: screening).",
    ),
    Source(
        ICD10_CM,
        "Centers for Medicare & Medicaid Services / NCHS. ICD-10-CM Tabular List of Diseases, "
        "FY2025: the US subcodes (E08, E09, E13, G12.21, G25.71, Z79.4) the families also read.",
    ),
    Source(
        ICD10_RU,
        "Международная классификация болезней 10-го пересмотра (МКБ-10), the Russian edition "
        "of ICD-10 used in Russian records: the Cyrillic names of the condition families.",
    ),
    Source(
        GRLS,
        "Государственный реестр лекарственных средств (grls.rosminzdrav.ru), the Russian "
        "Ministry of Health register: Russian-market trade names and Cyrillic INN spellings.",
    ),
    Source(
        BAN_USAN,
        "British Approved Names and United States Adopted Names, and the superseded names "
        "they replaced (e.g. diphenylhydantoin for phenytoin, acetaminophen for paracetamol).",
    ),
    Source(
        DAILYMED,
        "US National Library of Medicine, DailyMed: the Drug Facts labels of US "
        "over-the-counter products, which list each active ingredient.",
    ),
    Source(
        EMC_UK,
        "Electronic Medicines Compendium (medicines.org.uk): the SmPCs of UK "
        "over-the-counter products, which list each active substance.",
    ),
    Source(
        WHO_ATC,
        "WHO Collaborating Centre for Drug Statistics Methodology. ATC/DDD Index 2025 and "
        "Guidelines for ATC classification: combinations of a substance take 50 + its number "
        "(51, 52 …), or 70 + with psycholeptics.",
    ),
    Source(
        INN_NATIONAL,
        "WHO International Nonproprietary Names and their national forms: German, Czech, "
        "Slovak, Hungarian and Scandinavian pharmacopoeias drop the final -e (Metoclopramid, "
        "Amitriptylin, Risperidon) and write f for ph (Difenhydramin, Fenytoin).",
    ),
    Source(
        IRLSSG_2015_PREGNANCY,
        "Picchietti DL et al. Consensus clinical practice guidelines for the diagnosis and "
        "treatment of restless legs syndrome/Willis-Ekbom disease during pregnancy and "
        "lactation. Sleep Med Rev 2015;22:64–77: non-drug measures and iron first; for "
        "refractory RLS low-dose clonazepam or carbidopa/levodopa, and low-dose oxycodone in "
        "the second and third trimesters; dopamine agonists and α2δ ligands lack the safety "
        "data to be recommended.",
    ),
    Source(
        SNOMED_ICD10_MAP,
        "U.S. National Library of Medicine. SNOMED CT to ICD-10-CM Map (the map between "
        "SNOMED CT US Edition concepts and ICD-10-CM codes), used to file SNOMED-coded "
        "conditions under the ICD-10 codes the condition families list.",
    ),
)
