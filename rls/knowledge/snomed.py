"""SNOMED CT concepts an EHR codes a problem list with, mapped to the ICD-10 code that decides.

A FHIR import stores a SNOMED-coded condition with the ICD-10 code below, so the condition
families (which the engine matches by ICD-10 prefix) decide whether it raises a finding: the
engine keeps one matcher, and a look-alike such as prediabetes maps to a code no family holds.
Targets follow the NLM SNOMED CT to ICD-10-CM map; concepts that map to a WHO-only category
(E14 unspecified diabetes) keep the WHO code the families also list.
"""

from __future__ import annotations

from dataclasses import dataclass

from rls.knowledge.sources import SNOMED_ICD10_MAP

SNOMED_CT = "http://snomed.info/sct"


@dataclass(frozen=True, slots=True)
class SnomedConcept:
    concept: str  # the SNOMED CT concept id
    display: str  # its fully specified name, without the semantic tag
    icd10: str  # the ICD-10(-CM) code the concept maps to
    source: str = SNOMED_ICD10_MAP


def _c(concept: str, display: str, icd10: str) -> SnomedConcept:
    return SnomedConcept(concept, display, icd10)


SNOMED_CONCEPTS: tuple[SnomedConcept, ...] = (
    # cause.anemia, cause.iron-deficiency
    _c("271737000", "Anemia", "D64.9"),
    _c("87522002", "Iron deficiency anemia", "D50.9"),
    # cause.diabetes (and, where the concept says so, kidney disease or neuropathy)
    _c("73211009", "Diabetes mellitus", "E14.9"),
    _c("44054006", "Diabetes mellitus type 2", "E11.9"),
    _c("46635009", "Diabetes mellitus type 1", "E10.9"),
    _c("127013003", "Disorder of kidney due to diabetes mellitus", "E14.2"),
    _c("368581000119106", "Neuropathy due to type 2 diabetes mellitus", "E11.40"),
    _c("230572002", "Diabetic neuropathy", "E14.4"),
    # Look-alike: prediabetes is not diabetes (R73.03 is in no family).
    _c("15777000", "Prediabetes", "R73.03"),
    # cause.endocrine-disorder (Hashimoto's is also cause.autoimmune-disease)
    _c("40930008", "Hypothyroidism", "E03.9"),
    _c("34486009", "Hyperthyroidism", "E05.9"),
    _c("21983002", "Hashimoto thyroiditis", "E06.3"),
    # cause.hypovitaminosis
    _c("34713006", "Vitamin D deficiency", "E55.9"),
    # cause.rheumatoid-arthritis
    _c("69896004", "Rheumatoid arthritis", "M06.9"),
    # cause.kidney-disease
    _c("709044004", "Chronic kidney disease", "N18.9"),
    _c("431855005", "Chronic kidney disease stage 1", "N18.1"),
    _c("431856006", "Chronic kidney disease stage 2", "N18.2"),
    _c("433144002", "Chronic kidney disease stage 3", "N18.30"),
    _c("431857002", "Chronic kidney disease stage 4", "N18.4"),
    _c("433146000", "Chronic kidney disease stage 5", "N18.5"),
    _c("46177005", "End-stage renal disease", "N18.6"),
    # cause.copd
    _c("13645005", "Chronic obstructive lung disease", "J44.9"),
    _c("185086009", "Chronic obstructive bronchitis", "J44.9"),
    _c("87433001", "Pulmonary emphysema", "J43.9"),
    # cause.alcohol
    _c("7200002", "Alcoholism", "F10.20"),
    _c("15167005", "Alcohol abuse", "F10.10"),
    # cause.cardiovascular-disease
    _c("38341003", "Hypertensive disorder", "I10"),
    _c("59621000", "Essential hypertension", "I10"),
    _c("84114007", "Heart failure", "I50.9"),
    _c("53741008", "Coronary arteriosclerosis", "I25.10"),
    _c("49436004", "Atrial fibrillation", "I48.91"),
    _c("22298006", "Myocardial infarction", "I21.9"),
    # cause.autoimmune-disease
    _c("55464009", "Systemic lupus erythematosus", "M32.9"),
    _c("396331005", "Celiac disease", "K90.0"),
    _c("34000006", "Crohn's disease", "K50.90"),
    _c("64766004", "Ulcerative colitis", "K51.90"),
    _c("9014002", "Psoriasis", "L40.9"),
    _c("83901003", "Sjogren's syndrome", "M35.00"),
    # cause.neurological-disorder
    _c("24700007", "Multiple sclerosis", "G35"),
    _c("84757009", "Epilepsy", "G40.909"),
    _c("26929004", "Alzheimer's disease", "G30.9"),
    _c("37796009", "Migraine", "G43.909"),
    # cause.nerve-injury
    _c("262521009", "Traumatic injury of spinal cord and/or vertebral column", "T09.3"),
    # cause.peripheral-neuropathy
    _c("302226006", "Peripheral nerve disease", "G62.9"),
    _c("42345000", "Polyneuropathy", "G62.9"),
    # The associated conditions
    _c("49049000", "Parkinson's disease", "G20"),
    _c("609558009", "Essential tremor", "G25.0"),
    _c("5158005", "Tourette's disorder", "F95.2"),
    _c("58756001", "Huntington's chorea", "G10"),
    _c("86044005", "Amyotrophic lateral sclerosis", "G12.21"),
    # caution.iron-overload: iron must never be advised
    _c("399187006", "Hemochromatosis", "E83.119"),
)

SNOMED_BY_CONCEPT: dict[str, SnomedConcept] = {c.concept: c for c in SNOMED_CONCEPTS}

# A current pregnancy is not a condition family: the import records it as the patient's
# pregnancy (the due date the engine's pregnancy rules read).
PREGNANCY_CONCEPTS: frozenset[str] = frozenset({"77386006", "72892002", "47200007"})
