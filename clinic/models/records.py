"""A patient's clinical records: lab results, conditions, medications and visit notes."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Length, Round
from django.db.models.lookups import LessThanOrEqual

from clinic.dosage import parse_dosage
from clinic.formats import day_text, number_text
from clinic.models.base import ClinicalEntry
from clinic.models.plausibility import (
    NOTE_MAX_LENGTH,
    Errors,
    lab_errors,
    loinc_validator,
)
from rls import (
    ANALYTES,
    CODES,
    IRLS_MAX,
    CriteriaAnswers,
    criteria_status,
    irls_band,
    match_condition,
)

ANALYTE_CHOICES = [(a.key, a.label) for a in ANALYTES.values()]
UNIT_CHOICES = sorted({(u.symbol, u.symbol) for a in ANALYTES.values() for u in a.units})

# ICD-10: a chapter letter, two digits (or a digit and A/B in WHO's C/D extension), then an
# optional subcode of up to four characters, with or without the dot (E11.65, E1165, G25.81).
icd10_validator = RegexValidator(
    r"^[A-Z][0-9][0-9AB](\.?[0-9A-Z]{1,4})?$",
    "Enter an ICD-10 code such as E11 or E11.65.",
)
# ATC: anatomical group letter, then each level in turn (N, N06, N06A, N06AB, N06AB03).
atc_validator = RegexValidator(
    r"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$",
    "Enter an ATC code such as N06AB03.",
)


def _unit_allowed_for_analyte() -> models.Q:
    allowed = models.Q()
    for analyte in ANALYTES.values():
        allowed |= models.Q(analyte=analyte.key, unit__in=[u.symbol for u in analyte.units])
    return allowed


def _canonical_value_expression() -> models.Case:
    """Build the SQL that converts a stored value to its analyte's canonical unit."""
    whens = [
        models.When(
            analyte=analyte.key,
            unit=unit.symbol,
            then=models.F("value") * Decimal(f"{unit.factor:.10f}") + Decimal(f"{unit.offset:.4f}"),
        )
        for analyte in ANALYTES.values()
        for unit in analyte.units
    ]
    return models.Case(*whens, output_field=models.DecimalField(max_digits=18, decimal_places=10))


class LabResult(ClinicalEntry):
    analyte = models.CharField(max_length=32, choices=ANALYTE_CHOICES)
    loinc = models.CharField("LOINC", max_length=10, blank=True, validators=[loinc_validator])
    value = models.DecimalField(max_digits=12, decimal_places=4)
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    # Stored by the database itself so lists can filter and sort on comparable values.
    value_canonical = models.GeneratedField(
        expression=Round(_canonical_value_expression(), 4),
        output_field=models.DecimalField(max_digits=16, decimal_places=4),
        db_persist=True,
    )
    collected_on = models.DateField("collection date")

    CLINICAL_DATES = {"collected_on": "collection date"}

    class Meta(ClinicalEntry.Meta):
        ordering = ["-collected_on", "-pk"]
        constraints = [
            *ClinicalEntry.Meta.constraints,
            models.CheckConstraint(
                condition=_unit_allowed_for_analyte(),
                name="clinic_labresult_unit_for_analyte",
                violation_error_message="Unit: not a unit of the chosen analyte.",
            ),
        ]
        indexes = [
            # The latest result of each analyte for a patient (record page, snapshot).
            models.Index(
                fields=["patient", "analyte", "-collected_on"], name="clinic_lab_latest_idx"
            ),
        ]

    def __str__(self) -> str:
        # str() also runs on a just-created row (the audit trail), whose value may still be the
        # int or str it was given rather than the Decimal the database returns.
        value = number_text(self.value)
        return f"{self.get_analyte_display()} {value} {self.unit} on {day_text(self.collected_on)}"

    def get_absolute_url(self) -> str:
        return self.patient.get_absolute_url() + "#labs"

    def plausibility_errors(self) -> Errors:
        return lab_errors(self.analyte, self.unit, self.value, self.loinc)

    def clean(self) -> None:
        """Take the LOINC code from the analyte when left blank; judge the values as entered."""
        super().clean()  # refuses a LOINC code of another analyte (clinic.models.plausibility)
        analyte = ANALYTES.get(self.analyte)
        if analyte is not None and not self.loinc:
            self.loinc = analyte.loinc[0] if analyte.loinc else ""


def condition_name_for_code(icd10: str) -> str:
    """Return the name of the condition families an ICD-10 code names ("" if none)."""
    if not icd10.strip():
        return ""
    families = [CODES[code].title for code in match_condition("", icd10) if code in CODES]
    return " and ".join(families)


class ConditionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    RESOLVED = "resolved", "Resolved"


class Condition(ClinicalEntry):
    # blank: clean() names it from the ICD-10 code, or says what is missing.
    name = models.CharField(max_length=200, blank=True)
    icd10 = models.CharField("ICD-10", max_length=8, blank=True, validators=[icd10_validator])
    onset_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ConditionStatus.choices, default=ConditionStatus.ACTIVE
    )
    resolved_on = models.DateField(null=True, blank=True)

    CLINICAL_DATES = {"onset_date": "onset date", "resolved_on": "resolution date"}

    class Meta(ClinicalEntry.Meta):
        ordering = ["status", "name"]
        constraints = [
            *ClinicalEntry.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(resolved_on__isnull=True)
                | models.Q(onset_date__isnull=True)
                | models.Q(resolved_on__gte=models.F("onset_date")),
                name="clinic_condition_resolved_after_onset",
                violation_error_message="Resolved on: must not be before the onset date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.icd10})" if self.icd10 else self.name

    def get_absolute_url(self) -> str:
        return self.patient.get_absolute_url() + "#conditions"

    def clean(self) -> None:
        """Name the condition from its ICD-10 code when the name is left blank."""
        super().clean()
        if self.name.strip():
            return
        name = condition_name_for_code(self.icd10)
        if not name:
            reason = (
                f"the knowledge base does not name ICD-10 {self.icd10}"
                if self.icd10
                else "or give an ICD-10 code the knowledge base knows"
            )
            raise ValidationError({"name": f"Write the condition's name: {reason}."})
        self.name = name


class MedicationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    STOPPED = "stopped", "Stopped"


class IronRoute(models.TextChoices):
    ORAL = "oral", "Oral iron"
    IV = "iv", "IV iron"


class Medication(ClinicalEntry):
    line = models.CharField(
        "medication", max_length=200, help_text="As written, e.g. Reglan 10 mg tab PO TID"
    )
    atc = models.CharField("ATC code", max_length=7, blank=True, validators=[atc_validator])
    dose = models.CharField(max_length=100, blank=True)
    dose_unit = models.CharField("unit", max_length=20, blank=True)
    route = models.CharField(max_length=20, blank=True)
    frequency = models.CharField(max_length=100, blank=True)
    started_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MedicationStatus.choices, default=MedicationStatus.ACTIVE
    )
    # Set for iron therapy: the engine then knows when the ferritin/TSAT recheck is due.
    iron_route = models.CharField(
        "iron therapy",
        max_length=4,
        choices=IronRoute.choices,
        blank=True,
        help_text="For iron therapy: its route, so Ekbom knows when to recheck ferritin",
    )
    # When the line matched an aggravating drug, the doctor confirmed it knowingly: the codes
    # they were warned about, who confirmed and when.
    warning_codes = models.JSONField(default=list, blank=True, editable=False)
    warning_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    warning_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    CLINICAL_DATES = {"started_on": "start date", "stopped_on": "stop date"}

    class Meta(ClinicalEntry.Meta):
        ordering = ["status", "line"]
        constraints = [
            *ClinicalEntry.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(stopped_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(stopped_on__gte=models.F("started_on")),
                name="clinic_medication_stop_after_start",
                violation_error_message="Stopped on: must not be before the start date.",
            ),
            models.CheckConstraint(
                condition=models.Q(stopped_on__isnull=True)
                | models.Q(status=MedicationStatus.STOPPED),
                name="clinic_medication_stop_date_means_stopped",
                violation_error_message="Status: a medication with a stop date is stopped.",
            ),
            models.CheckConstraint(
                condition=models.Q(iron_route="") | models.Q(started_on__isnull=False),
                name="clinic_medication_iron_needs_start",
                violation_error_message=(
                    "Started on: iron therapy needs its start date to time the recheck."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.line

    def get_absolute_url(self) -> str:
        return self.patient.get_absolute_url() + "#medications"

    def clean(self) -> None:
        """Fill the dose, unit, route and frequency the line states, where left blank."""
        super().clean()
        parsed = parse_dosage(self.line)
        if not self.dose:  # a dose the doctor wrote keeps their unit, even a blank one
            self.dose, self.dose_unit = parsed.dose, self.dose_unit or parsed.unit
        self.route = self.route or parsed.route
        self.frequency = self.frequency or parsed.frequency


class Course(models.TextChoices):
    CHRONIC_PERSISTENT = "chronic-persistent", "Chronic-persistent"
    INTERMITTENT = "intermittent", "Intermittent"


# The article's words for what patients feel; the doctor ticks those the patient uses.
SYMPTOM_DESCRIPTORS = [
    ("crawling", "Crawling"),
    ("burning", "Burning"),
    ("tingling", "Tingling"),
    ("electric", "Electric current"),
    ("twitching", "Twitching"),
    ("pulling", "Pulling"),
    ("aching", "Aching"),
    ("itching", "Itching under the skin"),
]
_DESCRIPTOR_KEYS = {key for key, _label in SYMPTOM_DESCRIPTORS}


def validate_descriptors(value: object) -> None:
    """Refuse anything but a list of known descriptor keys, naming the unknown ones."""
    if not isinstance(value, list):
        raise ValidationError("Symptom descriptors: must be a list of descriptor names.")
    unknown = [str(v) for v in value if v not in _DESCRIPTOR_KEYS]
    if unknown:
        raise ValidationError(f"Symptom descriptors: unknown {', '.join(unknown)}.")


# The IRLSSG 2014 essential criteria, paraphrased (the engine's rls.CriteriaAnswers fields).
CRITERIA_FIELDS = {
    "criterion_urge": "urge_to_move",
    "criterion_rest": "worse_at_rest",
    "criterion_movement": "relieved_by_movement",
    "criterion_evening": "evening_or_night",
    "criterion_not_other": "not_another_condition",
}
# The augmentation screening questions (the engine's rls.AugmentationAnswers fields).
AUGMENTATION_FIELDS = {
    "aug_earlier_onset": "earlier_onset",
    "aug_spread": "spread",
    "aug_shorter_effect": "shorter_effect",
    "aug_more_intense": "more_intense",
    "aug_higher_doses": "higher_doses",
}


def _answer(label: str) -> models.BooleanField:
    """A yes / no / not asked answer."""
    return models.BooleanField(label, null=True, blank=True)


class VisitNote(ClinicalEntry):
    visit_date = models.DateField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    irls_score = models.PositiveSmallIntegerField(
        "IRLS total score",
        null=True,
        blank=True,
        validators=[MaxValueValidator(IRLS_MAX)],
        help_text="Clinician-rated total, 0–40",
    )
    text = models.TextField("note", max_length=NOTE_MAX_LENGTH)
    criterion_urge = _answer("urge to move the legs, with unpleasant sensations")
    criterion_rest = _answer("begins or worsens at rest")
    criterion_movement = _answer("relieved by movement")
    criterion_evening = _answer("worse or only in the evening or at night")
    criterion_not_other = _answer("not solely accounted for by another condition")
    course = models.CharField(max_length=20, choices=Course.choices, blank=True)
    clinically_significant = _answer("clinically significant (distress or impaired functioning)")
    descriptors = models.JSONField(
        "symptom descriptors", default=list, blank=True, validators=[validate_descriptors]
    )
    descriptors_text = models.CharField("in the patient's words", max_length=300, blank=True)
    hours_slept = models.DecimalField(
        "hours slept a night",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MaxValueValidator(24)],
    )
    nights_disturbed = models.PositiveSmallIntegerField(
        "nights disturbed a week", null=True, blank=True, validators=[MaxValueValidator(7)]
    )
    aug_earlier_onset = _answer("symptoms start earlier in the day")
    aug_spread = _answer("symptoms spread to the arms or trunk")
    aug_shorter_effect = _answer("each dose helps for a shorter time")
    aug_more_intense = _answer("symptoms are more intense")
    aug_higher_doses = _answer("higher doses are needed")

    CLINICAL_DATES = {"visit_date": "visit date"}

    class Meta(ClinicalEntry.Meta):
        ordering = ["-visit_date", "-pk"]
        constraints = [
            *ClinicalEntry.Meta.constraints,
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), NOTE_MAX_LENGTH),
                name="clinic_visitnote_text_length",
                violation_error_message=f"Note: at most {NOTE_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=models.Q(irls_score__isnull=True) | models.Q(irls_score__lte=IRLS_MAX),
                name="clinic_visitnote_irls_range",
                violation_error_message="IRLS total score: must be 0–40.",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_slept__isnull=True) | models.Q(hours_slept__lte=24),
                name="clinic_visitnote_hours_slept_range",
                violation_error_message="Hours slept a night: must be 0–24.",
            ),
            models.CheckConstraint(
                condition=models.Q(nights_disturbed__isnull=True)
                | models.Q(nights_disturbed__lte=7),
                name="clinic_visitnote_nights_range",
                violation_error_message="Nights disturbed a week: must be 0–7.",
            ),
        ]
        indexes = [
            # Last visit and latest IRLS per patient (caseload columns, record page).
            models.Index(fields=["patient", "-visit_date"], name="clinic_visit_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"Visit on {day_text(self.visit_date)}"

    def get_absolute_url(self) -> str:
        return self.patient.get_absolute_url() + "#visits"

    @property
    def irls_band(self) -> str:
        return "" if self.irls_score is None else irls_band(self.irls_score)

    @property
    def criteria_status(self) -> str:
        """ "met", "not met" or "not assessed" by the IRLSSG 2014 essential criteria."""
        answers = {name: getattr(self, column) for column, name in CRITERIA_FIELDS.items()}
        return str(criteria_status(CriteriaAnswers(**answers)))

    @property
    def descriptor_labels(self) -> list[str]:
        labels = dict(SYMPTOM_DESCRIPTORS)
        return [labels.get(key, key) for key in self.descriptors]

    @property
    def augmentation_signs(self) -> list[str]:
        """The augmentation questions answered yes, in words."""
        return [
            str(getattr(self._meta.get_field(column), "verbose_name", column))
            for column in AUGMENTATION_FIELDS
            if getattr(self, column)
        ]

    @property
    def augmentation_screened(self) -> bool:
        return any(getattr(self, column) is not None for column in AUGMENTATION_FIELDS)
