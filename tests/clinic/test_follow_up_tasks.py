"""Follow-up tasks: set with a due day and an owner, closed by the awaited lab or visit on every
road or by hand with a reason, reopened when their answer is withdrawn, and counted as recalls."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.models import Awaited, FollowUpTask, LabResult, Patient
from clinic.models.patients import NOT_A_DOCTOR
from clinic.services.editing import StaleEditError
from clinic.services.entries import entry_mark_entered_in_error
from clinic.services.findings import patient_findings_refresh
from clinic.services.follow_up import (
    follow_up_task_close,
    follow_up_task_create,
    follow_up_task_update,
)
from clinic.services.patients import patient_update
from clinic.services.records import lab_result_create, lab_result_update, visit_note_create
from tests.clinic.test_admin import admin_url
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")
LATER = TODAY + timedelta(weeks=12)


def task(patient, user, as_of=TODAY, **fields):
    values = {"description": "Recheck ferritin", "due_on": LATER, "owner": user}
    return follow_up_task_create(patient=patient, user=user, as_of=as_of, **values | fields)


def ferritin_task(patient, user, **fields):
    return task(patient, user, awaited=Awaited.LAB, awaited_analyte="ferritin", **fields)


def lab(patient, user, analyte="ferritin", collected_on=TODAY, **fields):
    values = {"value": Decimal("40"), "unit": "µg/L"} if analyte == "ferritin" else {}
    values |= {"value": Decimal("130"), "unit": "g/L"} if analyte == "hemoglobin" else {}
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte=analyte,
        collected_on=collected_on,
        **values | fields,
    )


def visit(patient, user, visit_date=TODAY):
    return visit_note_create(
        at=NOW, patient=patient, user=user, visit_date=visit_date, text="Seen."
    )


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def task_summary(patient) -> date | None:
    return Patient.objects.get(pk=patient.pk).next_task_due_on


class TestSettingATask:
    def test_it_keeps_the_day_it_was_set_and_the_earliest_due_day_on_the_patient(
        self, patient, doctor
    ):
        later = task(patient, doctor, due_on=LATER)
        sooner = task(patient, doctor, due_on=TODAY + timedelta(days=3))

        assert later.set_on == sooner.set_on == TODAY
        assert task_summary(patient) == TODAY + timedelta(days=3)

    def test_a_colleague_on_the_care_team_may_own_it(self, patient, doctor, colleague):
        patient.care_team.add(colleague)

        assert task(patient, doctor, owner=colleague).owner == colleague

    def test_a_doctor_outside_the_care_team_may_not(self, patient, doctor, other_doctor):
        with pytest.raises(ValidationError) as refused:
            task(patient, doctor, owner=other_doctor)

        assert "is not on this patient's care team" in refused.value.message_dict["owner"][0]
        assert not FollowUpTask.objects.exists()

    def test_nor_a_user_who_is_no_doctor(self, patient, doctor, clinic_admin):
        with pytest.raises(ValidationError) as refused:
            task(patient, doctor, owner=clinic_admin)

        assert refused.value.message_dict["owner"] == [NOT_A_DOCTOR]

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"awaited": Awaited.LAB}, "say which lab result closes the task"),
            ({"awaited_analyte": "ferritin"}, "only a task awaiting a lab names one"),
            ({"due_on": TODAY - timedelta(days=1)}, "must not be before the day the task is set"),
            ({"description": "x" * 201}, "at most 200 characters"),
        ],
        ids=["lab-without-analyte", "analyte-without-lab", "due-before-set", "too-long"],
    )
    def test_it_refuses_an_inconsistent_task_saying_why(self, patient, doctor, fields, message):
        with pytest.raises(ValidationError) as refused:
            task(patient, doctor, **fields)

        assert message in str(refused.value)
        assert not FollowUpTask.objects.exists()

    def test_it_refuses_a_task_on_a_closed_record(self, make_patient, doctor):
        died = make_patient(status="deceased", date_of_death=TODAY - timedelta(days=2))

        with pytest.raises(ValidationError, match="This record is closed"):
            task(died, doctor)

    def test_it_is_audited_with_its_patient(self, patient, doctor):
        set_task = task(patient, doctor)

        entry = LogEntry.objects.get_for_object(set_task).get()
        assert entry.additional_data == {"patient_id": patient.pk}


class TestClosingOnArrival:
    def test_the_awaited_result_closes_it_saying_which(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)

        result = lab(patient, doctor, collected_on=TODAY)

        closed = fresh(waiting)
        assert closed.closed_on == TODAY
        assert closed.closed_by_lab == result
        assert closed.closed_reason == "The ferritin result of 24 Nov 2026 arrived."
        assert task_summary(patient) is None

    def test_a_result_of_another_analyte_does_not(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)

        lab(patient, doctor, analyte="hemoglobin")

        assert fresh(waiting).is_open
        assert task_summary(patient) == LATER

    def test_a_result_collected_before_the_task_was_set_does_not(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)

        lab(patient, doctor, collected_on=TODAY - timedelta(days=1))

        assert fresh(waiting).is_open

    def test_a_visit_closes_a_task_awaiting_a_visit_and_no_other(self, patient, doctor):
        see_again = task(patient, doctor, awaited=Awaited.VISIT, description="Review in clinic")
        recheck = ferritin_task(patient, doctor)
        by_hand = task(patient, doctor, description="Call the GP")

        note = visit(patient, doctor, visit_date=TODAY)

        assert fresh(see_again).closed_by_visit == note
        assert fresh(see_again).closed_reason == "The visit of 24 Nov 2026 took place."
        assert fresh(recheck).is_open
        assert fresh(by_hand).is_open

    def test_a_visit_before_the_task_was_set_does_not(self, patient, doctor):
        see_again = task(patient, doctor, awaited=Awaited.VISIT)

        visit(patient, doctor, visit_date=TODAY - timedelta(days=1))

        assert fresh(see_again).is_open

    def test_a_result_added_in_the_admin_closes_it_too(self, client, clinic_admin, patient):
        waiting = ferritin_task(patient, patient.primary_doctor)
        client.force_login(clinic_admin)
        data = {
            "patient": patient.pk,
            "analyte": "ferritin",
            "value": "40",
            "unit": "µg/L",
            "collected_on": TODAY.isoformat(),
            "loinc": "",
        }

        response = client.post(admin_url(LabResult, "add"), data)

        assert response.status_code == 302
        assert fresh(waiting).closed_by_lab == LabResult.objects.get()


class TestReopening:
    def test_withdrawing_the_result_reopens_the_task(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)
        result = lab(patient, doctor)

        entry_mark_entered_in_error(at=NOW, entry=result, user=doctor, reason="Wrong patient")

        reopened = fresh(waiting)
        assert reopened.is_open
        assert (reopened.closed_reason, reopened.closed_by_lab) == ("", None)
        assert task_summary(patient) == LATER

    def test_another_current_result_keeps_it_closed(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)
        first = lab(patient, doctor, collected_on=TODAY)
        second = lab(patient, doctor, collected_on=TODAY, value=Decimal("42"))
        assert fresh(waiting).closed_by_lab == first

        entry_mark_entered_in_error(at=NOW, entry=first, user=doctor, reason="Haemolysed sample")

        assert fresh(waiting).closed_by_lab == second

    def test_correcting_the_results_analyte_reopens_it(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)
        result = lab(patient, doctor)

        lab_result_update(
            at=NOW,
            lab=result,
            user=doctor,
            expected_version=result.version,
            analyte="hemoglobin",
            value=Decimal("130"),
            unit="g/L",
            loinc="",
        )

        assert fresh(waiting).is_open

    def test_correcting_a_date_into_the_window_closes_it(self, patient, doctor):
        early = lab(patient, doctor, collected_on=TODAY - timedelta(days=5))
        waiting = ferritin_task(patient, doctor)

        lab_result_update(
            at=NOW, lab=early, user=doctor, expected_version=early.version, collected_on=TODAY
        )

        assert fresh(waiting).closed_by_lab == early


class TestClosingByHand:
    def test_it_keeps_the_reason_and_clears_the_summary(self, patient, doctor):
        waiting = task(patient, doctor)

        follow_up_task_close(
            task=waiting,
            user=doctor,
            closed_on=TODAY,
            reason="Checked by the GP",
            expected_version=waiting.version,
        )

        closed = fresh(waiting)
        assert (closed.closed_on, closed.closed_reason) == (TODAY, "Checked by the GP")
        assert task_summary(patient) is None

    def test_it_refuses_without_a_reason(self, patient, doctor):
        waiting = task(patient, doctor)

        with pytest.raises(ValidationError) as refused:
            follow_up_task_close(
                task=waiting, user=doctor, closed_on=TODAY, reason="  ", expected_version=1
            )

        assert refused.value.message_dict == {"reason": ["Say why the task is closed."]}
        assert fresh(waiting).is_open

    def test_it_refuses_a_stale_version_and_a_closed_task(self, patient, doctor):
        waiting = task(patient, doctor)
        follow_up_task_update(task=waiting, user=doctor, expected_version=1, due_on=TODAY)

        with pytest.raises(StaleEditError):
            follow_up_task_close(
                task=waiting, user=doctor, closed_on=TODAY, reason="Done", expected_version=1
            )
        closed = follow_up_task_close(
            task=fresh(waiting), user=doctor, closed_on=TODAY, reason="Done", expected_version=2
        )
        with pytest.raises(ValidationError, match="already closed"):
            follow_up_task_close(
                task=closed, user=doctor, closed_on=TODAY, reason="Again", expected_version=3
            )

    def test_a_closed_task_is_not_reopened_by_a_later_result(self, patient, doctor):
        waiting = ferritin_task(patient, doctor)
        follow_up_task_close(
            task=waiting, user=doctor, closed_on=TODAY, reason="Not needed", expected_version=1
        )

        lab(patient, doctor)

        assert fresh(waiting).closed_reason == "Not needed"


class TestTheWorkspace:
    def test_a_doctor_sets_a_task_from_a_prefilled_form_and_sees_it_on_the_record(
        self, client, patient, doctor
    ):
        client.force_login(doctor)
        url = reverse("clinic:task_create", args=[patient.pk])

        shown = client.get(url, {"description": "Recheck ferritin", "awaited": "lab"})
        response = client.post(
            url,
            {
                "description": "Recheck ferritin",
                "due_on": LATER.isoformat(),
                "owner": doctor.pk,
                "awaited": "lab",
                "awaited_analyte": "ferritin",
            },
        )

        assert shown.context["form"]["description"].value() == "Recheck ferritin"
        assert response.status_code == 302
        record = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
        assert "Recheck ferritin" in record
        assert f'due <time datetime="{LATER:%Y-%m-%d}">{LATER.day} Feb 2027</time>' in record
        assert "closes on a ferritin result" in record

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"awaited_analyte": ""}, "awaited_analyte", "Choose the lab result that closes"),
            ({"due_on": "2026-11-23"}, "due_on", "A new task cannot be due before today."),
            ({"description": "   "}, "description", "Say what is to be done."),
        ],
        ids=["no-analyte", "due-yesterday", "blank"],
    )
    def test_the_form_names_the_field_and_the_reason(
        self, client, patient, doctor, changes, field, message
    ):
        client.force_login(doctor)
        data = {
            "description": "Recheck ferritin",
            "due_on": LATER.isoformat(),
            "owner": doctor.pk,
            "awaited": "lab",
            "awaited_analyte": "ferritin",
        }

        response = client.post(reverse("clinic:task_create", args=[patient.pk]), data | changes)

        assert response.status_code == 422
        assert message in response.context["form"].errors[field][0]
        assert not FollowUpTask.objects.exists()

    def test_the_owner_choices_are_the_care_team_by_full_name(
        self, client, patient, doctor, colleague, other_doctor
    ):
        patient.care_team.add(colleague)
        client.force_login(doctor)

        form = client.get(reverse("clinic:task_create", args=[patient.pk])).context["form"]

        labels = [label for _, label in form.fields["owner"].choices]
        assert labels == ["Colleague", "Doctor"]
        assert form["owner"].value() == doctor.pk

    def test_a_doctor_closes_a_task_by_hand_with_a_reason(self, client, patient, doctor):
        waiting = task(patient, doctor)
        client.force_login(doctor)
        url = reverse("clinic:task_close", args=[patient.pk, waiting.pk])

        blank = client.post(url, {"version": 1, "closed_on": TODAY.isoformat(), "reason": " "})
        done = client.post(url, {"version": 1, "closed_on": TODAY.isoformat(), "reason": "Done"})

        assert blank.status_code == 422
        assert "Say why the task is closed." in blank.context["form"].errors["reason"]
        assert done.status_code == 302
        assert fresh(waiting).closed_reason == "Done"

    def test_another_caseloads_doctor_reaches_no_task_page(
        self, client, patient, doctor, other_doctor
    ):
        waiting = task(patient, doctor)
        client.force_login(other_doctor)
        urls = [
            reverse("clinic:task_create", args=[patient.pk]),
            reverse("clinic:task_edit", args=[patient.pk, waiting.pk]),
            reverse("clinic:task_close", args=[patient.pk, waiting.pk]),
        ]

        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
        assert client.post(urls[2], {"version": 1, "reason": "x"}).status_code == 404

    def test_a_task_of_another_patient_answers_404(self, client, make_patient, doctor):
        other = make_patient()
        waiting = task(other, doctor)
        client.force_login(doctor)
        mine = make_patient()

        response = client.get(reverse("clinic:task_close", args=[mine.pk, waiting.pk]))

        assert response.status_code == 404


class TestHandingOver:
    """A doctor taken off the care team leaves no open task waiting for no one."""

    def leave_care_team(self, patient, doctor, remaining=()):
        patient = Patient.objects.get(pk=patient.pk)
        return patient_update(
            patient=patient,
            user=doctor,
            at=NOW,
            expected_version=patient.version,
            care_team=list(remaining),
        )

    def test_the_open_tasks_of_a_colleague_taken_off_pass_to_the_primary_doctor(
        self, patient, doctor, colleague
    ):
        patient.care_team.add(colleague)
        theirs = task(patient, doctor, owner=colleague)

        self.leave_care_team(patient, doctor)

        handed_over = fresh(theirs)
        assert handed_over.owner == doctor
        assert (handed_over.version, handed_over.updated_by) == (2, doctor)
        assert (handed_over.is_open, handed_over.due_on) == (True, LATER)
        change = LogEntry.objects.get_for_object(handed_over).get(action=LogEntry.Action.UPDATE)
        assert change.changes_dict["owner"] == [str(colleague.pk), str(doctor.pk)]

    def test_closed_tasks_and_those_of_doctors_still_following_stay_as_they_were(
        self, patient, doctor, colleague, other_doctor
    ):
        patient.care_team.add(colleague, other_doctor)
        done = task(patient, doctor, owner=colleague, description="Done")
        follow_up_task_close(
            task=done, user=doctor, closed_on=TODAY, reason="Seen", expected_version=1
        )
        stays = task(patient, doctor, owner=other_doctor, description="Stays")
        own = task(patient, doctor, description="Own")

        self.leave_care_team(patient, doctor, remaining=[other_doctor])

        assert [(fresh(t).owner, fresh(t).version) for t in (done, stays, own)] == [
            (colleague, 2),  # closed before: its owner is history, not a new change
            (other_doctor, 1),
            (doctor, 1),
        ]

    def test_an_unchanged_care_team_changes_no_task(self, patient, doctor, colleague):
        patient.care_team.add(colleague)
        theirs = task(patient, doctor, owner=colleague)

        self.leave_care_team(patient, doctor, remaining=[colleague])

        assert (fresh(theirs).owner, fresh(theirs).version) == (colleague, 1)

    def test_the_task_leaves_the_colleagues_list_and_joins_the_doctors(
        self, client, patient, doctor, colleague
    ):
        patient.care_team.add(colleague)
        task(patient, doctor, owner=colleague, description="Recheck ferritin")
        self.leave_care_team(patient, doctor)

        client.force_login(colleague)
        theirs = client.get(reverse("clinic:own_tasks")).context["rows"]
        client.force_login(doctor)
        mine = client.get(reverse("clinic:own_tasks")).context["rows"]

        assert theirs == []
        assert [row.task.description for row in mine] == ["Recheck ferritin"]

    def test_the_migration_hands_over_the_tasks_left_behind_before(
        self, patient, doctor, colleague, other_doctor
    ):
        patient.care_team.add(colleague, other_doctor)
        left_behind = task(patient, doctor, owner=colleague)
        stays = task(patient, doctor, owner=other_doctor)
        patient.care_team.remove(colleague)  # as a care team change did before the hand-over
        migration = importlib.import_module("clinic.migrations.0023_hand_over_orphaned_tasks")

        migration.hand_over(django_apps, None)

        assert (fresh(left_behind).owner, fresh(left_behind).version) == (doctor, 2)
        assert (fresh(stays).owner, fresh(stays).version) == (other_doctor, 1)


class TestOwnTaskList:
    def test_it_lists_the_doctors_open_tasks_soonest_first_with_overdue_marked(
        self, client, make_patient, doctor, colleague
    ):
        first, second = make_patient(family_name="First"), make_patient(family_name="Second")
        second.care_team.add(colleague)
        task(first, doctor, description="Later", due_on=LATER)
        a_month_ago = TODAY - timedelta(days=30)
        task(second, doctor, as_of=a_month_ago, description="Overdue", due_on=TODAY - timedelta(1))
        task(second, doctor, description="The colleague's", owner=colleague)
        closed = task(first, doctor, description="Closed")
        follow_up_task_close(
            task=closed, user=doctor, closed_on=TODAY, reason="Done", expected_version=1
        )
        client.force_login(doctor)

        response = client.get(reverse("clinic:own_tasks"))

        rows = response.context["rows"]
        assert [(r.task.description, r.overdue) for r in rows] == [
            ("Overdue", True),
            ("Later", False),
        ]

    def test_its_queries_do_not_grow_with_the_tasks(self, client, make_patient, doctor):
        client.force_login(doctor)
        task(make_patient(), doctor)
        with CaptureQueriesContext(connection) as one:
            client.get(reverse("clinic:own_tasks"))
        for _ in range(10):
            task(make_patient(), doctor)

        with CaptureQueriesContext(connection) as eleven:
            response = client.get(reverse("clinic:own_tasks"))

        assert len(response.context["rows"]) == 11
        assert len(eleven) == len(one)


class TestTheCaseloadCountsTasks:
    @pytest.mark.parametrize(
        ("due_in_days", "recall"),
        [(-1, "overdue"), (0, "due_this_week"), (6, "due_this_week"), (7, None)],
        ids=["yesterday", "today", "sixth-day", "a-week-on"],
    )
    def test_a_task_due_day_puts_the_patient_under_overdue_or_due_this_week(
        self, client, patient, doctor, due_in_days, recall
    ):
        due_on = TODAY + timedelta(days=due_in_days)
        task(patient, doctor, as_of=TODAY - timedelta(days=30), due_on=due_on)
        client.force_login(doctor)

        found = {
            name: [
                r["patient"].pk
                for r in client.get(reverse("clinic:caseload"), {"recall": name}).context["rows"]
            ]
            for name in ("overdue", "due_this_week")
        }
        counts = client.get(reverse("clinic:caseload")).context["recalls"]

        expected = {name: ([patient.pk] if name == recall else []) for name in found}
        assert found == expected
        assert counts == {name: len(pks) for name, pks in expected.items()}

    def test_the_row_shows_the_next_task_due(self, client, patient, doctor):
        task(patient, doctor, due_on=LATER)
        client.force_login(doctor)

        page = client.get(reverse("clinic:caseload")).content.decode()

        assert f'class="small next-task" data-due="{LATER:%Y-%m-%d}"' in page


class TestATaskFromAFinding:
    def test_a_missing_test_offers_a_task_awaiting_that_result(self, client, patient, doctor):
        patient_findings_refresh(patient=patient, as_of=TODAY)
        client.force_login(doctor)

        record = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()

        query = "description=Check+hemoglobin&amp;awaited=lab&amp;awaited_analyte=hemoglobin"
        create = reverse("clinic:task_create", args=[patient.pk])
        assert f'href="{create}?{query}"' in record
        form = client.get(create, {"description": "Check hemoglobin", "awaited": "lab",
                                   "awaited_analyte": "hemoglobin"}).context["form"]  # fmt: skip
        assert form["awaited_analyte"].value() == "hemoglobin"

    def test_a_finding_no_result_answers_offers_none(self, client, make_patient, doctor):
        smoker = make_patient(smokes=True)
        lab(smoker, doctor, analyte="hemoglobin")
        lab(smoker, doctor)
        client.force_login(doctor)

        response = client.get(reverse("clinic:patient", args=[smoker.pk]))

        codes = {view.finding.code for view in response.context["page"].findings}
        assert "lifestyle.smoking" in codes
        assert "set-task" not in response.content.decode()
