"""Patients and the caseload they belong to."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Lookup
from django.urls import reverse

from clinic.models.base import Tracked
from clinic.models.plausibility import (
    birth_date_errors,
    clinical_date_errors,
    delivery_age_error,
    pregnancy_errors,
    raise_if,
)
from rls import gestational_week, pregnancy_is_current, trimester

DOCTORS_GROUP = "Doctors"
# A caseload belongs to a doctor: only an active member of the Doctors group holds one.
ACTIVE_DOCTOR = {"is_active": True, "groups__name": DOCTORS_GROUP}
NOT_A_DOCTOR = "Only an active member of the Doctors group can hold a caseload."


def doctor_name(user: Any) -> str:
    """Return how a doctor is named on screen: their full name, else their user name."""
    return user.get_full_name() or user.get_username()


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class FamilyHistory(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class PatientStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DECEASED = "deceased", "Deceased"


class InSubquery(Lookup):
    """`lhs IN (subquery)`, written `lhs = ANY(ARRAY(subquery))` on PostgreSQL.

    Beside an OR, PostgreSQL runs `IN (subquery)` as a filter on every row of a sequential scan
    (and guesses that half the table matches). `= ANY(ARRAY(...))` runs the subquery once, before
    the scan, so each side of the OR uses its index (a BitmapOr): the caseload's membership
    filter then reads pages in proportion to the caseload, not the clinic (docs/scaling.md).
    """

    lookup_name = "in_subquery"  # used as an expression, never registered on a field
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


class PatientQuerySet(models.QuerySet):
    def in_caseload_of(self, user) -> PatientQuerySet:
        """Return the patients whose primary doctor is `user` or whose care team includes them."""
        on_team = Patient.care_team.through.objects.filter(user=user).values("patient_id")
        return self.filter(models.Q(primary_doctor=user) | InSubquery(F("pk"), on_team))


class Patient(Tracked):
    mrn = models.CharField("MRN", max_length=32, help_text="Medical record number")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    # The article: RLS is frequent in pregnancy and usually resolves in the first month after
    # delivery, so the due date drives the current week and the delivery date is kept.
    pregnancy_due_date = models.DateField("expected delivery date", null=True, blank=True)
    last_delivery_date = models.DateField(null=True, blank=True)
    family_history_rls = models.CharField(
        "family history of RLS",
        max_length=10,
        choices=FamilyHistory.choices,
        default=FamilyHistory.UNKNOWN,
    )
    uses_caffeine = models.BooleanField("caffeine intake", default=False)
    uses_alcohol = models.BooleanField("alcohol use", default=False)
    smokes = models.BooleanField("smoking", default=False)
    status = models.CharField(
        max_length=10, choices=PatientStatus.choices, default=PatientStatus.ACTIVE
    )
    # A recall: set from the visit form ("see again in 3 months").
    next_visit_on = models.DateField("next visit due", null=True, blank=True)
    # Once set, the record is closed: read-only, the age stops, no findings after it.
    date_of_death = models.DateField(null=True, blank=True)
    # Summaries the caseload sorts and shows, kept current by the findings refresh that every
    # write runs (clinic/services/summaries.py): a count subquery per patient made sorting by
    # findings cost the whole caseload on every page.
    stored_finding_count = models.PositiveIntegerField(default=0, editable=False)
    critical_finding_count = models.PositiveIntegerField(default=0, editable=False)
    warning_finding_count = models.PositiveIntegerField(default=0, editable=False)
    # Not acknowledged as they stand: also kept by the acknowledgement service.
    open_critical_count = models.PositiveIntegerField(default=0, editable=False)
    open_warning_count = models.PositiveIntegerField(default=0, editable=False)
    last_visit_on = models.DateField(null=True, blank=True, editable=False)
    # The two latest IRLS totals of current visits: the caseload's IRLS column and trend.
    latest_irls_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    previous_irls_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The earliest due day of the patient's open follow-up tasks, kept by the task services
    # (clinic/services/follow_up.py) so the recall filters read one column, not a join.
    next_task_due_on = models.DateField(null=True, blank=True, editable=False)
    primary_doctor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="primary_patients",
        limit_choices_to=ACTIVE_DOCTOR,
        error_messages={"invalid": NOT_A_DOCTOR},
    )
    care_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="care_team_patients",
        limit_choices_to=ACTIVE_DOCTOR,
    )

    objects = PatientQuerySet.as_manager()
    # The due date as loaded from the database (see from_db).
    _stored_due_date: date | None = None

    class Meta:
        ordering = ["family_name", "given_name", "mrn"]
        permissions = [
            ("reassign_patient", "Can reassign a patient's caseload"),
            ("view_every_caseload", "Can see every caseload in the admin"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["mrn"], name="clinic_patient_unique_mrn"),
            models.CheckConstraint(
                condition=models.Q(pregnancy_due_date__isnull=True) | ~models.Q(sex=Sex.MALE),
                name="clinic_patient_pregnancy_not_male",
                violation_error_message="Expected delivery date: not for a patient recorded male.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_death__isnull=True)
                | models.Q(status=PatientStatus.DECEASED),
                name="clinic_patient_death_means_deceased",
                violation_error_message="Status: a patient with a date of death is deceased.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_death__isnull=True)
                | models.Q(date_of_death__gte=models.F("birth_date")),
                name="clinic_patient_death_after_birth",
                violation_error_message="Date of death: must not be before the birth date.",
            ),
        ]
        indexes = [
            # The caseload: a doctor's patients filtered by status, sorted by name.
            models.Index(
                fields=["primary_doctor", "status", "family_name", "given_name"],
                name="clinic_patient_caseload_idx",
            ),
            # Search by family name prefix across the clinic (admin and caseload search).
            models.Index(fields=["family_name", "given_name"], name="clinic_patient_name_idx"),
            # The caseload sorted by number of findings.
            models.Index(
                fields=["primary_doctor", "status", "-stored_finding_count"],
                name="clinic_patient_findings_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_name} ({self.mrn})"

    def get_absolute_url(self) -> str:
        return reverse("clinic:patient", args=[self.pk])

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> Patient:
        patient = super().from_db(*args, **kwargs)
        # A due date stored weeks ago is not re-judged against today on every later save.
        patient._stored_due_date = patient.__dict__.get("pregnancy_due_date")
        return patient

    def clean(self) -> None:
        """Refuse an impossible birth date, delivery date or pregnancy, whatever the road."""
        errors = birth_date_errors(self.birth_date)
        labels = {"last_delivery_date": "last delivery date", "date_of_death": "date of death"}
        errors |= clinical_date_errors(self, labels, _date_or_none(self.birth_date))
        due = self.pregnancy_due_date
        if due is not None and (
            self.sex == Sex.MALE or due != getattr(self, "_stored_due_date", None)
        ):
            errors |= pregnancy_errors(sex=self.sex, due=due, birth_date=self.birth_date)
        if isinstance(self.last_delivery_date, date) and "last_delivery_date" not in errors:
            message = delivery_age_error(self.birth_date, self.last_delivery_date)
            errors |= {"last_delivery_date": [message]} if message else {}
        raise_if(errors)

    def get_additional_data(self) -> dict[str, int]:
        """Tag this patient's audit-trail entries with the patient, like their records' entries."""
        return {"patient_id": self.pk}

    @property
    def is_closed(self) -> bool:
        """Whether the record is read-only because the patient has died."""
        return self.date_of_death is not None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int:
        """Return the age in completed years on `day`, or at death if that came first."""
        if self.date_of_death is not None and self.date_of_death < day:
            day = self.date_of_death
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    def gestational_week_on(self, day: date) -> int | None:
        """Return the current gestational week, or None when not pregnant."""
        return gestational_week_from(self.pregnancy_due_date, day)

    def trimester_on(self, day: date) -> int | None:
        week = self.gestational_week_on(day)
        return None if week is None else trimester(week)

    @property
    def habits(self) -> list[str]:
        """Return the recorded habits by their knowledge-base names."""
        return recorded_habits(self.uses_caffeine, self.uses_alcohol, self.smokes)


# The two below serve a patient's row as well as the model (a refresh reads plain rows).
def gestational_week_from(due_date: date | None, day: date) -> int | None:
    """Return the gestational week on `day` for this due date, or None when not pregnant.

    A due date more than two weeks past is not a current pregnancy: the record asks the
    clinic to record the delivery instead (rls.pregnancy_is_current).
    """
    if due_date is None or not pregnancy_is_current(due_date, day):
        return None
    return gestational_week(due_date, day)


def recorded_habits(caffeine: bool, alcohol: bool, smoking: bool) -> list[str]:
    """Return the habits recorded by these flags, by their knowledge-base names."""
    flags = {"caffeine": caffeine, "alcohol": alcohol, "smoking": smoking}
    return [habit for habit, present in flags.items() if present]


def _date_or_none(value: Any) -> date | None:
    return value if isinstance(value, date) else None
