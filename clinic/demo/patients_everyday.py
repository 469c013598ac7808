"""Demo patients of an everyday RLS clinic: the well-documented patient, pregnancy, children,
habits, missing labs, medicines switched to the safer alternative, and closed records.

Names, record numbers and histories are made up.
"""

from __future__ import annotations

from clinic.demo.rows import MONTH, YEAR, Cond, DemoPatient, Lab, Med, Visit

DOCTOR = "demo-doctor"
DOCTOR2 = "demo-doctor2"
RLS = Cond("Restless legs syndrome", "G25.81", onset_days_ago=6 * YEAR)

# fmt: off
EVERYDAY = (
    DemoPatient(
        "DEMO-0001", "Helen", "Marsh", "female", 52, "04-11", DOCTOR,
        shows=(),  # well controlled, everything checked this year: no findings at all
        family_history="no",
        conditions=(
            Cond("Restless legs syndrome", "G25.81", onset_days_ago=4 * YEAR),
            Cond("Iron deficiency anaemia", "D50.9", 3 * YEAR, resolved_days_ago=2 * YEAR),
        ),
        medications=(
            Med("Pregabalin 75 mg at night", started_days_ago=2 * YEAR),
            Med("Cerucal 10 mg tab", 3 * YEAR, stopped_days_ago=3 * YEAR - 20, atc="A03FA01"),
        ),
        labs=(
            Lab("ferritin", "38", "ng/mL", 3 * YEAR),
            Lab("hemoglobin", "13.6", "g/dL", 24, loinc="718-7"),
            Lab("ferritin", "142", "ng/mL", 24, loinc="2276-4"),
            Lab("transferrin_saturation", "31", "%", 24),
            Lab("tsh", "1.9", "mIU/L", 24),
            Lab("hba1c", "5.3", "%", 24),
            Lab("egfr", "94", "mL/min/1.73m2", 24),
            Lab("vitamin_d", "34", "ng/mL", 24),
            Lab("vitamin_b12", "520", "pg/mL", 24),
            Lab("folate", "11", "ng/mL", 24),
        ),
        visits=(
            Visit(2 * YEAR, 23, "Iron deficiency found and treated; starting pregabalin."),
            Visit(20, 4, "Sleeps through most nights. Continue pregabalin; review in a year."),
        ),
    ),
    DemoPatient(
        "DEMO-0002", "Lucia", "Ferrante", "female", 31, "09-02", DOCTOR,
        shows=(
            "cause.pregnancy", "cause.iron-deficiency", "cause.anemia",
            "hereditary.family-history", "lifestyle.caffeine",
        ),
        care_team=(DOCTOR2,),
        family_history="yes",
        habits=("caffeine",),
        pregnant=(31, 2),
        medications=(Med("Prenatal multivitamin 1 tab daily", started_days_ago=7 * MONTH),),
        labs=(
            Lab("hemoglobin", "10.4", "g/dL", 9, loinc="718-7"),
            Lab("ferritin", "18", "ng/mL", 9),
            Lab("folate", "7.9", "ng/mL", 9),
        ),
        visits=(
            Visit(9, 24, "Evening leg discomfort since week 26, worse lying down. Mother has RLS. "
                  "Three coffees a day. Oral iron discussed with obstetrics."),
        ),
    ),
    DemoPatient(
        "DEMO-0003", "Hannah", "Okoye", "female", 27, "01-23", DOCTOR2,
        # 107 g/L is anemia in the first and third trimesters, not in the second (< 105 g/L).
        shows=("cause.pregnancy", "cause.iron-deficiency", "caution.alpha2delta-in-pregnancy"),
        pregnant=(20, 3),
        # Started before the pregnancy was known: the caution asks for an obstetric review.
        medications=(Med("Gabapentin 300 mg at night", started_days_ago=8 * MONTH),),
        labs=(
            Lab("hemoglobin", "10.7", "g/dL", 6),
            Lab("ferritin", "40", "µg/L", 6),
            Lab("transferrin_saturation", "22", "%", 6),
        ),
        visits=(Visit(6, 12, "Mild symptoms in the evening; iron studies reviewed."),),
    ),
    DemoPatient(
        "DEMO-0004", "Elena", "Marquez", "female", 29, "06-30", DOCTOR,
        shows=("cause.anemia", "cause.iron-deficiency"),
        delivered_days_ago=24,
        conditions=(
            # Resolved at delivery: must not count as diabetes.
            Cond("Gestational diabetes", "O24.4", 4 * MONTH, resolved_days_ago=24),
        ),
        labs=(
            Lab("hemoglobin", "108", "g/L", 10),
            Lab("ferritin", "22", "µg/L", 10),
            Lab("hba1c", "5.4", "%", 10),
        ),
        visits=(
            Visit(10, 15, "Symptoms began in the third trimester and persist three weeks after "
                  "delivery. Postpartum anaemia."),
        ),
    ),
    DemoPatient(
        "DEMO-0005", "Noah", "Bergstrom", "male", 8, "03-15", DOCTOR,
        shows=(
            "cause.anemia", "cause.iron-deficiency", "hereditary.family-history",
            "drug.sedating-antihistamine",
        ),
        care_team=(DOCTOR2,),
        family_history="yes",
        medications=(Med("Children's Benadryl 12.5 mg at bedtime", started_days_ago=2 * MONTH),),
        labs=(
            Lab("hemoglobin", "112", "g/L", 14),
            Lab("ferritin", "38", "ng/mL", 14),
        ),
        visits=(
            Visit(14, None, "'Growing pains' at bedtime, kicks at night. Mother treated for RLS. "
                  "Parents give diphenhydramine to help him sleep.", by_care_team=True),
        ),
    ),
    DemoPatient(
        "DEMO-0006", "Maya", "Chen", "female", 13, "10-08", DOCTOR2,
        # Ferritin 55 µg/L is above the children's threshold (< 50), though not the adults'.
        shows=("cause.anemia",),
        conditions=(Cond("Attention deficit hyperactivity disorder", "F90.0", 3 * YEAR),),
        medications=(Med("Concerta 18 mg mane", started_days_ago=3 * YEAR),),
        labs=(
            Lab("hemoglobin", "11.6", "g/dL", 30),
            Lab("ferritin", "55", "ng/mL", 30),
            Lab("transferrin_saturation", "23", "%", 30),
        ),
        visits=(Visit(30, 8, "Restless in class in the afternoon and at bedtime."),),
    ),
    DemoPatient(
        "DEMO-0007", "Leo", "Fischer", "male", 10, "12-01", DOCTOR,
        shows=("hereditary.family-history",),
        family_history="yes",
        labs=(
            Lab("hemoglobin", "124", "g/L", 45),
            Lab("ferritin", "62", "ng/mL", 45),
            Lab("transferrin_saturation", "25", "%", 45),
        ),
        visits=(Visit(45, 9, "Father and grandmother have RLS. Sleep hygiene advice."),),
    ),
    DemoPatient(
        "DEMO-0008", "Sandra", "Whitmore", "female", 45, "07-19", DOCTOR2,
        shows=(),  # every aggravating drug stopped and replaced by its alternative
        family_history="no",
        conditions=(Cond("Postpartum thyroiditis", "O90.5", 8 * YEAR, resolved_days_ago=7 * YEAR),),
        medications=(
            Med("Reglan 10 mg tab PO TID", 2 * YEAR, stopped_days_ago=YEAR),
            Med("Zofran ODT 4 mg prn nausea", started_days_ago=YEAR),
            Med("Zoloft 100 mg", 3 * YEAR, stopped_days_ago=YEAR),
            Med("Wellbutrin XL 150 mg mane", started_days_ago=YEAR),
            Med("Benadryl 25mg qhs", 2 * YEAR, stopped_days_ago=YEAR),
            Med("Claritin 10 mg daily", started_days_ago=YEAR, atc="R06AX13"),
        ),
        labs=(
            Lab("hemoglobin", "13.2", "g/dL", 2 * MONTH),
            Lab("ferritin", "120", "ng/mL", 2 * MONTH),
            Lab("transferrin_saturation", "28", "%", 2 * MONTH),
            Lab("tsh", "2.1", "µIU/mL", 2 * MONTH),
        ),
        visits=(
            Visit(YEAR, 26, "Metoclopramide, sertraline and diphenhydramine all aggravate RLS: "
                  "switched to ondansetron, bupropion and loratadine."),
            Visit(2 * MONTH, 0, "No symptoms since the switch."),
        ),
    ),
    DemoPatient(
        "DEMO-0009", "Jacob", "Morrison", "male", 39, "02-27", DOCTOR,
        shows=("lifestyle.caffeine", "lifestyle.alcohol"),
        habits=("caffeine", "alcohol"),
        family_history="no",
        labs=(
            Lab("hemoglobin", "15.0", "g/dL", 3 * MONTH),
            Lab("ferritin", "110", "µg/L", 3 * MONTH),
        ),
        visits=(
            Visit(3 * MONTH, 11, "Five espressos a day and wine most evenings; symptoms worse "
                  "after both. Advised to cut down."),
        ),
    ),
    DemoPatient(
        "DEMO-0010", "Patricia", "Lowell", "female", 57, "05-05", DOCTOR2,
        shows=("gap.iron-studies", "gap.hemoglobin", "hereditary.family-history"),
        family_history="yes",
        conditions=(RLS,),
        labs=(
            Lab("hemoglobin", "13.2", "g/dL", 500),
            Lab("ferritin", "90", "ng/mL", 500),
        ),
        visits=(
            Visit(500, 14, "Primary RLS, sister affected."),
            Visit(40, 17, "Worse this winter."),
        ),
    ),
    DemoPatient(
        "DEMO-0011", "George", "Abernathy", "male", 70, "08-14", DOCTOR,
        shows=("drug.calcium-channel-blocker", "cause.cardiovascular-disease"),
        status="inactive",  # moved to another city
        conditions=(Cond("Essential hypertension", "I10", 10 * YEAR),),
        medications=(Med("Amlodipine 5mg od", started_days_ago=5 * YEAR),),
        labs=(
            Lab("hemoglobin", "14.4", "g/dL", 8 * MONTH),
            Lab("ferritin", "150", "ng/mL", 8 * MONTH),
        ),
        visits=(Visit(8 * MONTH, 10, "Moving away; records sent to his new clinic."),),
    ),
    DemoPatient(
        "DEMO-0012", "Karen", "Whitlock", "female", 50, "11-21", DOCTOR2,
        shows=("drug.ssri", "gap.iron-studies", "gap.hemoglobin"),
        status="inactive",
        medications=(Med("Prozac 20mg", started_days_ago=4 * YEAR),),
        labs=(
            Lab("hemoglobin", "12.9", "g/dL", 2 * YEAR),
            Lab("ferritin", "80", "ng/mL", 2 * YEAR),
        ),
        visits=(Visit(2 * YEAR, 13, "Did not return after the first visit."),),
    ),
    DemoPatient(
        "DEMO-0013", "Edward", "Blackwood", "male", 83, "01-09", DOCTOR,
        shows=("drug.diuretic", "cause.cardiovascular-disease"),
        status="deceased",
        conditions=(Cond("Congestive heart failure", "I50.9", 6 * YEAR),),
        medications=(Med("Furosemide 40 mg mane", started_days_ago=6 * YEAR),),
        labs=(
            Lab("hemoglobin", "13.4", "g/dL", 5 * MONTH),
            Lab("ferritin", "200", "ng/mL", 5 * MONTH),
        ),
        visits=(Visit(5 * MONTH, 19, "Night-time symptoms, furosemide reviewed with cardiology."),),
    ),
    DemoPatient(
        "DEMO-0014", "Vera", "Sokolova", "female", 88, "03-03", DOCTOR2,
        shows=(
            "drug.tricyclic-antidepressant", "drug.calcium-channel-blocker",
            "drug.alcohol-containing", "cause.cardiovascular-disease",
        ),
        status="deceased",
        conditions=(Cond("Hypertension", "I10", 20 * YEAR),),
        medications=(
            Med("Azafen 25 mg nocte", started_days_ago=3 * YEAR),
            Med("Finoptin 40 mg TID", started_days_ago=8 * YEAR),
            Med("Corvalol 30 drops at night", started_days_ago=8 * YEAR),
        ),
        labs=(
            Lab("hemoglobin", "12.4", "g/dL", 4 * MONTH),
            Lab("ferritin", "95", "ng/mL", 4 * MONTH),
        ),
        visits=(Visit(4 * MONTH, 31, "Severe nightly symptoms; daughter helps with medicines."),),
    ),
)
# fmt: on
