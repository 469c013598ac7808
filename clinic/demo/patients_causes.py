"""Demo patients whose records show the secondary causes of RLS and its associated conditions.

Conditions carry ICD-10 codes as clinics write them (WHO and ICD-10-CM subcodes); labs come
in the units different laboratories report. Names, record numbers and histories are made up.
"""

from __future__ import annotations

from clinic.demo.rows import MONTH, YEAR, Cond, DemoPatient, Lab, Med, Visit

DOCTOR = "demo-doctor"
DOCTOR2 = "demo-doctor2"
HYPERTENSION = Cond("Essential hypertension", "I10", onset_days_ago=8 * YEAR)
RLS = Cond("Restless legs syndrome", "G25.81", onset_days_ago=5 * YEAR)

# fmt: off
CAUSES = (
    DemoPatient(
        "DEMO-0015", "Gerald", "Novak", "male", 68, "10-17", DOCTOR,
        shows=(
            "drug.antiemetic-dopamine-antagonist", "drug.diuretic", "cause.kidney-disease",
            "cause.cardiovascular-disease", "cause.anemia", "cause.iron-deficiency",
        ),
        care_team=(DOCTOR2,),
        conditions=(Cond("Chronic kidney disease, stage 4", "N18.4", 3 * YEAR), HYPERTENSION),
        medications=(
            Med("Reglan 10 mg tab PO TID", started_days_ago=5 * MONTH),
            Med("Lasix 40mg", started_days_ago=2 * YEAR),
        ),
        labs=(
            Lab("egfr", "38", "mL/min/1.73 m²", 21, loinc="98979-8"),
            Lab("creatinine", "160", "µmol/L", 21),
            Lab("hemoglobin", "11.8", "g/dL", 21),
            Lab("ferritin", "210", "µg/L", 21),
            Lab("transferrin_saturation", "16", "%", 21),
        ),
        visits=(
            Visit(21, 27, "Gastroparesis treated with metoclopramide since spring; RLS much "
                  "worse since. Ask gastroenterology about an alternative."),
        ),
    ),
    DemoPatient(
        "DEMO-0016", "Robert", "Castellano", "male", 61, "12-12", DOCTOR,
        shows=(
            "cause.diabetes", "cause.peripheral-neuropathy", "cause.cardiovascular-disease",
            "caution.iron-overload",
        ),
        conditions=(
            Cond("Type 2 diabetes mellitus", "E11.9", 9 * YEAR),
            Cond("Diabetic polyneuropathy", "E11.42", 2 * YEAR),
            HYPERTENSION,
            # Iron must never be advised for him (IRLSSG 2018), whatever his ferritin.
            Cond("Hereditary haemochromatosis, on venesection", "E83.110", 6 * YEAR),
        ),
        medications=(
            Med("Metformin 1000 mg BID", started_days_ago=9 * YEAR, atc="A10BA02"),
            Med("Lisinopril 10mg", started_days_ago=8 * YEAR),
        ),
        labs=(
            Lab("hba1c", "64", "mmol/mol", 40),
            Lab("hemoglobin", "14.1", "g/dL", 40),
            Lab("ferritin", "160", "ng/mL", 40),
            Lab("transferrin_saturation", "26", "%", 40),
            Lab("egfr", "72", "mL/min/1.73m2", 40),
        ),
        visits=(Visit(40, 18, "Burning feet and urge to move in the evening."),),
    ),
    DemoPatient(
        "DEMO-0017", "Thomas", "Reilly", "male", 54, "03-29", DOCTOR2,
        shows=(
            "cause.alcohol", "cause.peripheral-neuropathy", "cause.hypovitaminosis",
            "cause.anemia", "lifestyle.alcohol", "lifestyle.smoking",
        ),
        habits=("alcohol", "smoking"),
        conditions=(
            Cond("Alcohol dependence, uncomplicated", "F10.20", 12 * YEAR),
            Cond("Alcoholic polyneuropathy", "G62.1", 3 * YEAR),
        ),
        medications=(Med("Thiamine 100mg daily", started_days_ago=YEAR),),
        labs=(
            Lab("hemoglobin", "12.4", "g/dL", 16),
            Lab("ferritin", "310", "ng/mL", 16),
            Lab("transferrin_saturation", "35", "%", 16),
            Lab("vitamin_b12", "120", "pmol/L", 16),
            Lab("folate", "4.8", "nmol/L", 16),
        ),
        visits=(Visit(16, 29, "Drinks most days; referred to the addiction service."),),
    ),
    DemoPatient(
        "DEMO-0018", "Grace", "Adebayo", "female", 59, "07-07", DOCTOR2,
        shows=("cause.rheumatoid-arthritis", "cause.anemia", "cause.iron-deficiency"),
        conditions=(Cond("Seropositive rheumatoid arthritis", "M05.79", 11 * YEAR),),
        medications=(
            Med("Methotrexate 15 mg once weekly", started_days_ago=10 * YEAR),
            Med("Folic acid 5mg weekly", started_days_ago=10 * YEAR),
        ),
        labs=(
            Lab("hemoglobin", "11.2", "g/dL", 50),
            Lab("ferritin", "180", "ng/mL", 50),
            Lab("transferrin_saturation", "14", "%", 50),
            Lab("serum_iron", "8.1", "µmol/L", 50),
            Lab("tibc", "58", "µmol/L", 50),
        ),
        visits=(Visit(50, 16, "Ferritin high with inflammation; saturation low."),),
    ),
    DemoPatient(
        "DEMO-0019", "Leonard", "Pruitt", "male", 71, "09-24", DOCTOR,
        shows=("cause.copd", "lifestyle.smoking", "cause.iron-deficiency"),
        habits=("smoking",),
        conditions=(Cond("COPD", "J44.9", 7 * YEAR),),
        medications=(
            Med("Spiriva Respimat 2.5 mcg 2 puffs daily", started_days_ago=6 * YEAR),
            Med("Ventolin inhaler 100 mcg prn", started_days_ago=7 * YEAR),
        ),
        labs=(Lab("hemoglobin", "15.1", "g/dL", 60), Lab("ferritin", "45", "µg/L", 60)),
        visits=(Visit(60, 20, "Still smoking 15 a day."),),
    ),
    DemoPatient(
        "DEMO-0020", "Aisha", "Rahman", "female", 34, "05-16", DOCTOR2,
        shows=("cause.autoimmune-disease", "cause.anemia", "cause.hypovitaminosis"),
        care_team=(DOCTOR,),
        conditions=(Cond("Systemic lupus erythematosus", "M32.9", 5 * YEAR),),
        medications=(Med("Hydroxychloroquine 200 mg BID", started_days_ago=5 * YEAR),),
        labs=(
            Lab("hemoglobin", "10.9", "g/dL", 35),
            Lab("ferritin", "130", "ng/mL", 35),
            Lab("transferrin_saturation", "21", "%", 35),
            Lab("vitamin_d", "38", "nmol/L", 35, loinc="1989-3"),
        ),
        visits=(Visit(35, 13, "Lupus flare in summer; legs worse since.", by_care_team=True),),
    ),
    DemoPatient(
        "DEMO-0021", "Claire", "Dubois", "female", 42, "02-02", DOCTOR,
        shows=("cause.neurological-disorder", "cause.hypovitaminosis"),
        conditions=(Cond("Multiple sclerosis", "G35", 8 * YEAR), RLS),
        medications=(Med("Ocrevus 600 mg IV every 6 months", started_days_ago=3 * YEAR),),
        labs=(
            Lab("hemoglobin", "13.1", "g/dL", 75),
            Lab("ferritin", "82", "ng/mL", 75),
            Lab("transferrin_saturation", "24", "%", 75),
            Lab("vitamin_d", "18", "ng/mL", 75),
        ),
        visits=(Visit(75, 21, "Spasticity and RLS both worse at night."),),
    ),
    DemoPatient(
        "DEMO-0022", "Derek", "Halvorsen", "male", 47, "11-30", DOCTOR,
        shows=("cause.nerve-injury", "caution.opioid", "lifestyle.smoking"),
        habits=("smoking",),
        conditions=(Cond("Injury of lumbar spinal cord (fall from scaffold)", "S34.1", 4 * YEAR),),
        medications=(Med("Tramadol 50mg BID prn", started_days_ago=3 * YEAR),),
        labs=(
            Lab("hemoglobin", "14.2", "g/dL", 90),
            Lab("ferritin", "130", "ng/mL", 90),
            Lab("transferrin_saturation", "27", "%", 90),
        ),
        visits=(Visit(90, 22, "Leg symptoms began a year after the injury."),),
    ),
    DemoPatient(
        "DEMO-0023", "Priya", "Natarajan", "female", 28, "08-08", DOCTOR,
        shows=("cause.anemia", "cause.iron-deficiency"),
        conditions=(
            Cond("Iron deficiency anaemia", "D50.9", 5 * MONTH),
            Cond("Heavy menstrual bleeding", "N92.0", 2 * YEAR),
        ),
        medications=(Med("Ferrous sulfate 325 mg every other day", started_days_ago=5 * MONTH),),
        labs=(
            Lab("hemoglobin", "7.1", "mmol/L", 12, loinc="59260-0"),
            Lab("ferritin", "9", "µg/L", 12),
        ),
        visits=(
            Visit(5 * MONTH, 19, "Oral iron started."),
            Visit(12, 15, "Tolerating iron; ferritin still low. Consider IV iron."),
        ),
    ),
    DemoPatient(
        "DEMO-0024", "Oleg", "Marchenko", "male", 63, "06-06", DOCTOR2,
        shows=("cause.hypovitaminosis",),
        conditions=(Cond("Vitamin B12 deficiency", "E53.8", YEAR),),
        medications=(Med("Omeprazole 20mg daily", started_days_ago=6 * YEAR),),
        labs=(
            Lab("vitamin_b12", "140", "pg/mL", 25),
            Lab("hemoglobin", "13.4", "g/dL", 25),
            Lab("ferritin", "95", "ng/mL", 25),
            Lab("transferrin_saturation", "26", "%", 25),
        ),
        visits=(Visit(25, 12, "Long-term omeprazole; B12 injections started."),),
    ),
    DemoPatient(
        "DEMO-0025", "Monica", "Albers", "female", 55, "04-04", DOCTOR,
        shows=("cause.endocrine-disorder", "cause.iron-deficiency"),
        conditions=(Cond("Hypothyroidism", "E03.9", 6 * YEAR),),
        medications=(Med("Levothyroxine 75 mcg mane", started_days_ago=6 * YEAR),),
        labs=(
            Lab("tsh", "5.9", "mIU/L", 55),
            Lab("hemoglobin", "128", "g/L", 55),
            Lab("ferritin", "70", "ng/mL", 55),
        ),
        visits=(Visit(55, 11, "Levothyroxine dose to be raised."),),
    ),
    DemoPatient(
        "DEMO-0026", "Linda", "Ferreira", "female", 48, "10-25", DOCTOR2,
        shows=("cause.endocrine-disorder", "lifestyle.caffeine"),
        habits=("caffeine",),
        labs=(
            Lab("tsh", "0.12", "mIU/L", 33),
            Lab("hemoglobin", "13.0", "g/dL", 33),
            Lab("ferritin", "110", "ng/mL", 33),
            Lab("transferrin_saturation", "30", "%", 33),
        ),
        visits=(Visit(33, 10, "Palpitations, weight loss; TSH suppressed. Endocrine referral."),),
    ),
    DemoPatient(
        "DEMO-0027", "Kevin", "O'Donnell", "male", 56, "01-31", DOCTOR2,
        shows=("cause.diabetes", "drug.diuretic", "cause.cardiovascular-disease"),
        conditions=(HYPERTENSION,),
        medications=(Med("Hydrochlorothiazide 25 mg mane", started_days_ago=4 * YEAR),),
        labs=(
            Lab("hba1c", "7.1", "%", 28),
            Lab("hemoglobin", "14.8", "g/dL", 28),
            Lab("ferritin", "140", "ng/mL", 28),
            Lab("transferrin_saturation", "29", "%", 28),
        ),
        visits=(Visit(28, 14, "HbA1c in the diabetic range; GP informed."),),
    ),
    DemoPatient(
        "DEMO-0028", "Niamh", "Brennan", "female", 36, "03-17", DOCTOR,
        shows=(
            "cause.autoimmune-disease", "cause.iron-deficiency", "cause.anemia",
            "cause.hypovitaminosis",
        ),
        conditions=(Cond("Coeliac disease", "K90.0", 2 * YEAR),),
        labs=(
            Lab("hemoglobin", "11.4", "g/dL", 18),
            Lab("ferritin", "14", "ng/mL", 18),
            Lab("folate", "2.4", "ng/mL", 18),
        ),
        visits=(Visit(18, 17, "Gluten-free diet, adherence patchy."),),
    ),
    DemoPatient(
        "DEMO-0029", "Samuel", "Adeyemi", "male", 65, "12-20", DOCTOR2,
        shows=(
            "cause.kidney-disease", "cause.cardiovascular-disease", "cause.anemia",
            "cause.iron-deficiency", "drug.diuretic",
        ),
        conditions=(
            Cond("End-stage renal disease", "N18.6", 3 * YEAR),
            Cond("Dependence on renal dialysis", "Z99.2", 3 * YEAR),
            Cond("Hypertensive chronic kidney disease", "I12.0", 6 * YEAR),
        ),
        medications=(
            Med("Furosemide 80 mg BID", started_days_ago=3 * YEAR),
            Med("Epoetin alfa 4000 units 3x weekly with dialysis", started_days_ago=2 * YEAR),
        ),
        labs=(
            Lab("egfr", "9", "mL/min/1.73 m²", 7),
            Lab("hemoglobin", "9.8", "g/dL", 7),
            Lab("ferritin", "480", "ng/mL", 7),
            Lab("transferrin_saturation", "18", "%", 7),
        ),
        visits=(Visit(7, 30, "Symptoms during dialysis sessions."),),
    ),
)
# fmt: on
