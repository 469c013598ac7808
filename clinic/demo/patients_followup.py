"""Demo patients followed for a year: improving, worsening, augmenting on pramipexole, iron
therapy with and without its recheck, and a patient who died.

Names, record numbers and histories are made up.
"""

from __future__ import annotations

from clinic.demo.rows import MONTH, YEAR, Cond, DemoPatient, Lab, Med, Task, Visit

DOCTOR = "demo-doctor"
DOCTOR2 = "demo-doctor2"
RLS = Cond("Restless legs syndrome", "G25.81", onset_days_ago=3 * YEAR)
MET = (True,) * 5
CHRONIC = "chronic-persistent"
# Recent ferritin and hemoglobin, so these patients show no lab gaps.
CHECKED = (Lab("hemoglobin", "138", "g/L", 2 * MONTH), Lab("ferritin", "160", "ng/mL", 2 * MONTH))

# fmt: off
FOLLOW_UP = (
    DemoPatient(
        "DEMO-0045", "Agnes", "Lindqvist", "female", 61, "02-14", DOCTOR,
        shows=(),  # improving on pregabalin: IRLS from severe to mild over the year
        conditions=(RLS,),
        medications=(Med("Pregabalin 75 mg at night", started_days_ago=YEAR),),
        labs=CHECKED,
        visits=(
            Visit(YEAR, 27, "First visit: nightly symptoms; pregabalin started.", criteria=MET,
                  course=CHRONIC, descriptors=("crawling", "aching")),
            Visit(9 * MONTH, 22, "Some nights better; dose unchanged.", criteria=MET),
            Visit(6 * MONTH, 16, "Sleeping longer; walks in the evening."),
            Visit(3 * MONTH, 9, "Mild symptoms two nights a week.", criteria=MET),
        ),
        next_visit_in_days=3 * MONTH,
        care_plan=("exercise", "evening-stroll", "sleep-schedule", "foot-bath-massage"),
    ),
    DemoPatient(
        "DEMO-0046", "Bruno", "Keller", "male", 58, "07-30", DOCTOR,
        shows=("lifestyle.caffeine",),  # worsening: IRLS from mild to severe, recall overdue
        habits=("caffeine",),
        conditions=(RLS,),
        medications=(Med("Gabapentin 300 mg at night", started_days_ago=YEAR),),
        labs=CHECKED,
        visits=(
            Visit(YEAR, 9, "Mild symptoms; gabapentin started.", criteria=MET, course=CHRONIC,
                  descriptors=("tingling",)),
            Visit(8 * MONTH, 14, "Worse since starting night shifts."),
            Visit(4 * MONTH, 23, "Symptoms most evenings; four coffees a day.", criteria=MET,
                  descriptors=("tingling", "burning")),
        ),
        next_visit_in_days=-3 * 7,
        tasks=(Task("Ask the GP for the sleep clinic's letter", 4 * MONTH, 3),),
    ),
    DemoPatient(
        "DEMO-0047", "Irena", "Novak", "female", 67, "11-05", DOCTOR2,
        shows=("caution.dopaminergic", "caution.augmentation"),
        care_team=(DOCTOR,),
        conditions=(RLS,),
        medications=(Med("Mirapex 0.25 mg at 9 pm", started_days_ago=3 * YEAR),),
        labs=CHECKED,
        visits=(
            Visit(YEAR, 12, "Good control on pramipexole.", criteria=MET, course=CHRONIC,
                  augmentation=(False, False, False, False, False)),
            Visit(6 * MONTH, 19, "Symptoms now start after lunch.",
                  augmentation=(True, False, None, None, False)),
            Visit(3 * 7, 29, "Symptoms from early afternoon, now in the arms; asks for more.",
                  augmentation=(True, True, True, True, True), descriptors=("electric",)),
        ),
        next_visit_in_days=5,
        tasks=(
            Task("Discuss switching to an alpha-2-delta ligand", 2 * 7, 5, awaited="visit",
                 owner=DOCTOR),
        ),
    ),
    DemoPatient(
        "DEMO-0048", "Samuel", "Osei", "male", 49, "05-21", DOCTOR,
        shows=(),  # IV iron with a response: ferritin 24 → 210, IRLS 26 → 11
        conditions=(RLS,),
        medications=(
            Med("Ferric carboxymaltose 1000 mg IV", started_days_ago=7 * MONTH,
                iron_route="iv"),
        ),
        labs=(
            Lab("ferritin", "24", "ng/mL", 8 * MONTH),
            Lab("transferrin_saturation", "14", "%", 8 * MONTH),
            Lab("ferritin", "210", "ng/mL", 5 * MONTH),
            Lab("transferrin_saturation", "29", "%", 5 * MONTH),
            Lab("hemoglobin", "141", "g/L", 5 * MONTH),
        ),
        visits=(
            Visit(8 * MONTH, 26, "Ferritin low; IV iron booked.", criteria=MET, course=CHRONIC),
            Visit(5 * MONTH, 17, "Better since the infusion."),
            Visit(MONTH, 11, "Mild symptoms; no drug needed for now.", criteria=MET),
        ),
        next_visit_in_days=2 * MONTH,
        tasks=(  # closed when the ferritin of 5 months ago was saved
            Task("Recheck ferritin after the infusion", 7 * MONTH, -5 * MONTH, awaited="lab",
                 awaited_analyte="ferritin"),
        ),
    ),
    DemoPatient(
        "DEMO-0049", "Clara", "Whitfield", "female", 44, "08-08", DOCTOR2,
        shows=("cause.iron-deficiency", "gap.iron-recheck"),  # oral iron, recheck overdue
        conditions=(RLS,),
        medications=(
            Med("Ferrous sulfate 200 mg alternate days", started_days_ago=4 * MONTH,
                iron_route="oral"),
        ),
        labs=(
            Lab("ferritin", "41", "ng/mL", 4 * MONTH + 7),
            Lab("hemoglobin", "128", "g/L", 4 * MONTH + 7),
        ),
        visits=(
            Visit(4 * MONTH, 18, "Ferritin 41: oral iron started; recheck in 12 weeks.",
                  criteria=MET, course="intermittent"),
        ),
        next_visit_in_days=-10,
        care_plan=("iron", "limit-caffeine", "contrast-shower"),
        tasks=(
            Task("Recheck ferritin and transferrin saturation", 4 * MONTH, -10, awaited="lab",
                 awaited_analyte="ferritin"),
        ),
    ),
    DemoPatient(
        "DEMO-0050", "Walter", "Brandt", "male", 79, "12-12", DOCTOR,
        shows=(),  # died two months ago: no findings after the date of death
        status="deceased",
        died_days_ago=2 * MONTH,
        conditions=(RLS,),
        medications=(Med("Ropinirole 0.5 mg at night", started_days_ago=2 * YEAR),),
        visits=(Visit(5 * MONTH, 20, "Frail; family present.", criteria=MET),),
    ),
)
# fmt: on
