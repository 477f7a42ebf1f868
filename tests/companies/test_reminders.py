"""Reminders are sent when due, to the right people, exactly once."""

from datetime import date

import pytest
from django.core.management import call_command

from companies.management.commands.send_reminders import add_months
from companies.models import Effort, ReminderSent
from methods.models import Phase
from tests.factories import MembershipFactory, MethodFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(day: str, capture) -> None:
    with capture(execute=True):
        call_command("send_reminders", date=date.fromisoformat(day), stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def effort(company, member):
    effort = Effort.objects.create(
        company=company,
        title="Hygienrutiner",
        current_phase=Phase.objects.get(number=5),
        delivery_ended_on=date(2027, 1, 31),
    )
    effort.responsible_members.add(member)
    return effort


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2027, 1, 31), 3) == date(2027, 4, 30)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_follow_up_reminders_at_three_and_six_months_exactly_once(
    effort, member, mailoutbox, django_capture_on_commit_callbacks
):
    run("2027-04-29", django_capture_on_commit_callbacks)
    assert mailoutbox == []
    run("2027-04-30", django_capture_on_commit_callbacks)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([member.email], "[Kompetenshandboken] Hur används det ni lärde er? (Hygienrutiner)")
    ]
    assert "Det har gått 3 månader" in mailoutbox[0].body
    run("2027-04-30", django_capture_on_commit_callbacks)
    run("2027-05-15", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    run("2027-07-31", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert "Det har gått 6 månader" in mailoutbox[1].body
    run("2027-12-31", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert ReminderSent.objects.count() == 2


def test_without_responsible_members_the_company_admins_are_reminded(
    effort, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    effort.responsible_members.clear()
    MembershipFactory(company=company, user=UserFactory(is_active=False), role="admin")
    run("2027-05-01", django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[company_admin.email]]


def test_review_reminders_go_to_authors_of_methods_past_their_date_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    due = MethodFactory(title="Gammal metod", review_by=date(2027, 1, 1))
    MethodFactory(title="Ny metod", review_by=date(2028, 1, 1))
    run("2027-01-02", django_capture_on_commit_callbacks)
    run("2027-01-03", django_capture_on_commit_callbacks)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([due.author.email], "[Kompetenshandboken] Dags att se över ”Gammal metod”")
    ]
    # a new review date is a new reminder
    due.review_by = date(2028, 6, 1)
    due.save()
    run("2028-06-01", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 3  # the new date, and "Ny metod" is now due too
