"""Lab thresholds, each citing its source; values are in the analyte's canonical unit (rls.labs)."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from rls.knowledge.sources import (
    AASM_2024,
    ADA_2024,
    ATA_AACE_2012,
    BSH_2014,
    ENDOCRINE_SOCIETY_2011,
    IRLSSG_2018_IRON,
    KDIGO_2024,
    WHO_2011_HBA1C,
    WHO_2015_FOLATE,
    WHO_2024,
)

# Comparisons a limit may use; the symbol is what the evidence shows.
OPERATORS = {
    "<": operator.lt,
    "≤": operator.le,
    ">": operator.gt,
    "≥": operator.ge,
}


@dataclass(frozen=True, slots=True)
class LabLimit:
    """A result crossing `limit` (by `op`) triggers `code`, for patients in the age band."""

    code: str
    analyte: str  # a key of rls.labs.ANALYTES
    op: str  # a key of OPERATORS
    limit: float
    text: str  # as shown: "ferritin ≤ 75 µg/L"
    source: str
    min_age: int | None = None  # years, inclusive; None: no lower bound
    max_age: int | None = None  # years, exclusive; rows with one need a known age
    note: str = ""  # a sentence added to the finding's advice: what to replace

    def crossed_by(self, value: float) -> bool:
        return bool(OPERATORS[self.op](value, self.limit))

    def applies_to(self, age: int | None) -> bool:
        if age is None:  # no birth date: read the patient as an adult
            return self.max_age is None
        return (self.min_age is None or age >= self.min_age) and (
            self.max_age is None or age < self.max_age
        )

    @property
    def threshold_text(self) -> str:
        return f"{self.text} ({self.source})"


LAB_LIMITS: tuple[LabLimit, ...] = (
    # AASM 2024: iron therapy for RLS when ferritin ≤ 75 µg/L or TSAT < 20 %; children < 50 µg/L.
    LabLimit(
        "cause.iron-deficiency", "ferritin", "≤", 75, "ferritin ≤ 75 µg/L", AASM_2024, min_age=18
    ),
    LabLimit(
        "cause.iron-deficiency",
        "ferritin",
        "<",
        50,
        "ferritin < 50 µg/L (child)",
        AASM_2024,
        max_age=18,
    ),
    LabLimit(
        "cause.iron-deficiency",
        "transferrin_saturation",
        "<",
        20,
        "transferrin saturation < 20 %",
        AASM_2024,
    ),
    # IRLSSG 2018: no oral or IV iron for RLS when transferrin saturation is 45 % or more.
    LabLimit(
        "caution.iron-overload",
        "transferrin_saturation",
        "≥",
        45,
        "transferrin saturation ≥ 45 %",
        IRLSSG_2018_IRON,
    ),
    # 6.5 % (48 mmol/mol) is the diagnostic cut-off for diabetes.
    LabLimit(
        "cause.diabetes",
        "hba1c",
        "≥",
        6.5,
        "HbA1c ≥ 6.5 % (48 mmol/mol)",
        f"{WHO_2011_HBA1C}; {ADA_2024}",
    ),
    LabLimit(
        "cause.endocrine-disorder",
        "tsh",
        "<",
        0.4,
        "TSH < 0.4 mIU/L",
        ATA_AACE_2012,
    ),
    LabLimit(
        "cause.endocrine-disorder",
        "tsh",
        ">",
        4.0,
        "TSH > 4.0 mIU/L",
        ATA_AACE_2012,
    ),
    # Serum folate below 6.8 nmol/L marks deficiency by the megaloblastic-anaemia criterion.
    LabLimit(
        "cause.hypovitaminosis",
        "folate",
        "<",
        3,
        "folate < 3 ng/mL (6.8 nmol/L)",
        WHO_2015_FOLATE,
        note="Folate is low: replace folic acid.",
    ),
    LabLimit(
        "cause.hypovitaminosis",
        "vitamin_b12",
        "<",
        200,
        "vitamin B12 < 200 pg/mL (148 pmol/L)",
        BSH_2014,
        note="Vitamin B12 is low: replace vitamin B12 and look for its cause (BSH 2014).",
    ),
    LabLimit(
        "cause.hypovitaminosis",
        "vitamin_d",
        "<",
        20,
        "25-OH vitamin D < 20 ng/mL (50 nmol/L)",
        ENDOCRINE_SOCIETY_2011,
        note="25-OH vitamin D is low: replace vitamin D (Endocrine Society 2011).",
    ),
    # CKD G3a and below.
    LabLimit("cause.kidney-disease", "egfr", "<", 60, "eGFR < 60 mL/min/1.73 m²", KDIGO_2024),
)


@dataclass(frozen=True, slots=True)
class HemoglobinCutoff:
    """WHO 2024: anaemia when hemoglobin (g/L) is below `limit` for this population group."""

    group: str
    limit: float


# Age bands in months, [from, to); WHO 2024 defines no cut-off below 6 months.
HEMOGLOBIN_BY_AGE: tuple[tuple[int, int, HemoglobinCutoff], ...] = (
    (6, 24, HemoglobinCutoff("child 6–23 months", 105)),
    (24, 60, HemoglobinCutoff("child 24–59 months", 110)),
    (60, 144, HemoglobinCutoff("child 5–11 years", 115)),
    (144, 180, HemoglobinCutoff("adolescent 12–14 years", 120)),
)
HEMOGLOBIN_MEN = HemoglobinCutoff("man ≥ 15 years", 130)
HEMOGLOBIN_WOMEN = HemoglobinCutoff("non-pregnant woman ≥ 15 years", 120)
# Sex other or not recorded: the women's cut-off, so a finding never claims anaemia at a value
# that is normal for the patient's (unrecorded) sex. The group text tells the clinician why.
HEMOGLOBIN_SEX_UNRECORDED = HemoglobinCutoff(
    "adult ≥ 15 years, sex not recorded (women's cut-off)", 120
)
# Pregnancy overrides age and recorded sex.
HEMOGLOBIN_BY_TRIMESTER = {
    1: HemoglobinCutoff("pregnancy, 1st trimester", 110),
    2: HemoglobinCutoff("pregnancy, 2nd trimester", 105),
    3: HemoglobinCutoff("pregnancy, 3rd trimester", 110),
}
# Pregnancy known only from the problem list: the week is unknown, so the 1st- and
# 3rd-trimester cut-off (the higher of the two) applies.
HEMOGLOBIN_PREGNANCY_WEEK_UNKNOWN = HemoglobinCutoff("pregnancy, week not recorded", 110)
HEMOGLOBIN_SOURCE = WHO_2024
