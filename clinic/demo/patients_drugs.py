"""Demo patients with the conditions associated with RLS, and with the medicines that aggravate
it or call for caution: messy chart lines with brand names, as doctors write them.

Names, record numbers and histories are made up.
"""

from __future__ import annotations

from clinic.demo.rows import MONTH, YEAR, Cond, DemoPatient, Lab, Med, Visit

DOCTOR = "demo-doctor"
DOCTOR2 = "demo-doctor2"
RLS = Cond("Restless legs syndrome", "G25.81", onset_days_ago=3 * YEAR)


def normal_labs(days_ago: int) -> tuple[Lab, ...]:
    """Return an unremarkable blood count and iron panel taken `days_ago`."""
    return (
        Lab("hemoglobin", "13.8", "g/dL", days_ago),
        Lab("ferritin", "115", "ng/mL", days_ago),
        Lab("transferrin_saturation", "28", "%", days_ago),
    )


# fmt: off
DRUGS = (
    DemoPatient(
        "DEMO-0030", "Arthur", "Pennington", "male", 74, "05-28", DOCTOR,
        shows=(
            "associated.parkinsons-disease", "caution.dopaminergic",
            "drug.aggravating-anticonvulsant",
        ),
        conditions=(Cond("Parkinson's disease", "G20", 6 * YEAR),),
        medications=(
            Med("Sinemet 25/100 1 tab TID", started_days_ago=5 * YEAR),
            Med("Zonegran 25 mg daily", started_days_ago=YEAR),
        ),
        labs=normal_labs(65),
        visits=(Visit(65, 25, "Evening leg restlessness on top of wearing-off."),),
    ),
    DemoPatient(
        "DEMO-0031", "Margit", "Sorensen", "female", 69, "08-19", DOCTOR2,
        shows=("associated.essential-tremor", "gap.iron-studies", "gap.hemoglobin"),
        conditions=(Cond("Essential tremor", "G25.0", 10 * YEAR),),
        medications=(
            Med("Propranolol 40mg BID", started_days_ago=9 * YEAR),
            Med("Primidone 50 mg nocte", started_days_ago=4 * YEAR),
        ),
        labs=normal_labs(14 * MONTH),
        visits=(Visit(14 * MONTH, 9, "Tremor stable."), Visit(15, 12, "Labs due.")),
    ),
    DemoPatient(
        "DEMO-0032", "Daniel", "Ashworth", "male", 46, "09-09", DOCTOR2,
        shows=("associated.huntingtons-disease",),
        conditions=(Cond("Huntington's disease", "G10", 3 * YEAR),),
        medications=(Med("Tetrabenazine 25 mg BID", started_days_ago=2 * YEAR),),
        labs=normal_labs(80),
        visits=(Visit(80, 18, "Chorea and restlessness both worse in the evening."),),
    ),
    DemoPatient(
        "DEMO-0033", "Ruth", "Calloway", "female", 62, "02-14", DOCTOR,
        shows=("associated.als", "gap.iron-studies", "gap.hemoglobin"),
        conditions=(Cond("Amyotrophic lateral sclerosis", "G12.21", YEAR),),
        medications=(Med("Riluzole 50 mg BID", started_days_ago=YEAR),),
        visits=(Visit(12, None, "First visit; no blood tests yet. Order iron studies."),),
    ),
    DemoPatient(
        "DEMO-0034", "Walter", "Kowalski", "male", 77, "04-27", DOCTOR2,
        shows=(
            "associated.post-polio-syndrome", "cause.cardiovascular-disease",
            "drug.calcium-channel-blocker",
        ),
        care_team=(DOCTOR,),
        conditions=(
            Cond("Post-polio syndrome", "G14", 15 * YEAR),
            Cond("Atrial fibrillation", "I48.91", 4 * YEAR),
        ),
        medications=(Med("Diltiazem ER 120 mg daily", started_days_ago=4 * YEAR, atc="C08DB01"),),
        labs=normal_labs(100),
        visits=(Visit(100, 20, "Polio at age 6; leg weakness and RLS."),),
    ),
    DemoPatient(
        "DEMO-0035", "Jonah", "Whitfield", "male", 19, "06-21", DOCTOR,
        shows=(
            "associated.tourette-syndrome", "drug.typical-antipsychotic", "lifestyle.caffeine",
            "gap.hemoglobin", "cause.iron-deficiency",
        ),
        habits=("caffeine",),
        conditions=(Cond("Tourette's syndrome", "F95.2", 10 * YEAR),),
        medications=(Med("Haloperidol 1.5 mg BID", started_days_ago=2 * YEAR),),
        labs=(Lab("ferritin", "64", "ng/mL", 2 * MONTH),),
        visits=(Visit(2 * MONTH, 16, "Two energy drinks a day. Only ferritin was tested."),),
    ),
    DemoPatient(
        "DEMO-0036", "Dorothy", "Kessler", "female", 79, "12-05", DOCTOR2,
        shows=(
            "drug.sedating-antihistamine", "drug.ssri", "drug.calcium-channel-blocker",
            "drug.tricyclic-antidepressant", "drug.caffeine-containing",
            "drug.alcohol-containing", "cause.cardiovascular-disease",
        ),
        care_team=(DOCTOR,),
        conditions=(
            Cond("Hypertension", "I10", 15 * YEAR),
            Cond("Moderate depressive episode", "F32.1", 3 * YEAR),
        ),
        medications=(
            Med("Benadryl 25mg qhs", started_days_ago=2 * YEAR),
            Med("Zoloft 50 mg", started_days_ago=3 * YEAR),
            Med("Corinfar retard 20 mg BID", started_days_ago=10 * YEAR),
            Med("amitriptyline 10mg nocte", started_days_ago=YEAR),
            Med("Citramon P 1 tab prn headache", started_days_ago=5 * YEAR),
            Med("Valerian tincture 30 drops", started_days_ago=YEAR),
        ),
        labs=(
            Lab("hemoglobin", "125", "g/L", 20),
            Lab("ferritin", "88", "ng/mL", 20),
            Lab("transferrin_saturation", "22", "%", 20),
        ),
        visits=(
            Visit(20, 33, "Six medicines that aggravate RLS, from four prescribers and the "
                  "pharmacy counter. Medication review booked."),
        ),
    ),
    DemoPatient(
        "DEMO-0037", "Marcus", "Lindgren", "male", 44, "07-11", DOCTOR2,
        shows=(
            "drug.lithium", "drug.atypical-antipsychotic", "cause.endocrine-disorder",
            "lifestyle.smoking",
        ),
        habits=("smoking",),
        conditions=(
            Cond("Bipolar affective disorder", "F31.9", 15 * YEAR),
            Cond("Drug-induced hypothyroidism", "E03.2", 2 * YEAR),
        ),
        medications=(
            Med("Lithium carbonate 300mg BID", started_days_ago=12 * YEAR),
            Med("Seroquel 25 mg at night", started_days_ago=2 * YEAR),
        ),
        labs=(
            Lab("tsh", "7.2", "µIU/mL", 44, loinc="11580-8"),
            *normal_labs(44),
        ),
        visits=(Visit(44, 21, "Psychiatry prefers not to change lithium."),),
    ),
    DemoPatient(
        "DEMO-0038", "Irina", "Volkova", "female", 37, "01-17", DOCTOR2,
        shows=(
            "drug.aggravating-anticonvulsant", "cause.neurological-disorder",
            "cause.hypovitaminosis", "cause.iron-deficiency",
        ),
        conditions=(Cond("Epilepsy", "G40.909", 20 * YEAR),),
        medications=(Med("Dilantin 100mg TID", started_days_ago=15 * YEAR),),
        labs=(
            Lab("hemoglobin", "127", "g/L", 38),
            Lab("ferritin", "54", "µg/L", 38),
            Lab("folate", "5.1", "nmol/L", 38),
        ),
        visits=(Visit(38, 14, "Folate low on phenytoin."),),
    ),
    DemoPatient(
        "DEMO-0039", "Paul", "Okafor", "male", 58, "10-03", DOCTOR,
        shows=(
            "drug.serotonergic-antidepressant", "caution.benzodiazepine",
            "cause.cardiovascular-disease", "gap.iron-studies", "gap.hemoglobin",
        ),
        conditions=(Cond("Coronary artery disease", "I25.10", 5 * YEAR),),
        medications=(
            Med("trazodone 50 mg qhs", started_days_ago=2 * YEAR),
            Med("Clonazepam 0.5 mg at night", started_days_ago=3 * YEAR),
        ),
        labs=normal_labs(20 * MONTH),
        visits=(Visit(20 * MONTH, 17, "Insomnia."), Visit(3, 23, "Labs overdue.")),
    ),
    DemoPatient(
        "DEMO-0040", "Evelyn", "Hart", "female", 66, "11-11", DOCTOR,
        shows=("caution.dopaminergic", "cause.iron-deficiency", "hereditary.family-history"),
        family_history="yes",
        conditions=(RLS,),
        medications=(
            Med("Mirapex 0.25 mg 2 hours before bed", started_days_ago=6 * YEAR),
            Med("Gabapentin 300 mg nocte", 2 * YEAR, stopped_days_ago=2 * YEAR - 30),
        ),
        labs=(
            Lab("hemoglobin", "129", "g/L", 26),
            Lab("ferritin", "61", "ng/mL", 26),
            Lab("transferrin_saturation", "24", "%", 26),
        ),
        visits=(
            Visit(YEAR, 18, "Symptoms now start in the early afternoon."),
            Visit(26, 35, "Augmentation on pramipexole; plan a slow switch to an alpha-2-delta "
                  "ligand and IV iron."),
        ),
    ),
    DemoPatient(
        "DEMO-0041", "Rachel", "Stein", "female", 33, "03-08", DOCTOR2,
        shows=(
            "drug.antiemetic-dopamine-antagonist", "drug.caffeine-containing",
            "cause.neurological-disorder",
        ),
        conditions=(Cond("Migraine without aura", "G43.009", 12 * YEAR),),
        medications=(
            Med("Compazine 10 mg prn nausea", started_days_ago=YEAR),
            Med("Excedrin Migraine 2 tabs prn", started_days_ago=6 * YEAR),
        ),
        labs=normal_labs(4 * MONTH),
        visits=(Visit(4 * MONTH, 7, "RLS flares on migraine days."),),
    ),
    DemoPatient(
        "DEMO-0042", "Victor", "Almeida", "male", 52, "05-01", DOCTOR,
        shows=("drug.ssri", "drug.serotonergic-antidepressant", "lifestyle.smoking"),
        habits=("smoking",),
        medications=(
            Med("Lexapro 10mg", started_days_ago=2 * YEAR),
            Med("Mirtazapine 15 mg nocte", started_days_ago=YEAR),
        ),
        labs=normal_labs(6 * MONTH),
        visits=(Visit(6 * MONTH, 19, "Ask psychiatry about bupropion."),),
    ),
    DemoPatient(
        "DEMO-0043", "Nathan", "Price", "male", 35, "12-24", DOCTOR2,
        shows=(
            "drug.atypical-antipsychotic", "caution.benzodiazepine", "lifestyle.smoking",
            "lifestyle.caffeine", "gap.iron-studies", "gap.hemoglobin",
        ),
        habits=("smoking", "caffeine"),
        conditions=(Cond("Paranoid schizophrenia", "F20.0", 14 * YEAR),),
        medications=(
            Med("Zyprexa 10 mg nocte", started_days_ago=8 * YEAR),
            Med("Ativan 1 mg prn", started_days_ago=YEAR),
        ),
        labs=normal_labs(2 * YEAR),
        visits=(Visit(2 * YEAR, 26, "Akathisia or RLS? History fits RLS."),),
    ),
    DemoPatient(
        "DEMO-0044", "Beatrice", "Holm", "female", 72, "07-30", DOCTOR,
        shows=("caution.opioid", "caution.dopaminergic", "cause.iron-deficiency"),
        conditions=(Cond("Primary osteoarthritis of both knees", "M17.0", 8 * YEAR), RLS),
        medications=(
            Med("OxyContin 10 mg BID", started_days_ago=YEAR),
            Med("Ropinirole 0.5 mg at night", started_days_ago=2 * YEAR),
        ),
        labs=(
            Lab("hemoglobin", "13.0", "g/dL", 15),
            Lab("ferritin", "48", "ng/mL", 15),
            # Struck out by the doctor: it must not count as anemia.
            Lab("hemoglobin", "6.9", "g/dL", 5, entered_in_error="Another patient's sample."),
        ),
        visits=(
            Visit(15, 16, "Knee pain keeps her awake; opioid at the lowest dose."),
            Visit(2 * YEAR, 28, "Ropinirole started."),
        ),
    ),
)
# fmt: on
