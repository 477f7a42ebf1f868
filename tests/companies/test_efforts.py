"""Efforts: private to the company, followed phase by phase, ending in a report draft."""

import re

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation

from companies.efforts import complete_phase
from companies.models import Effort, EffortCheck, ExperienceReport
from methods.choices import Role, Status
from methods.models import ChecklistItem, Method, Phase
from tests.factories import MethodFactory, MethodStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def method():
    method = MethodFactory(title="Visa och gör", phases=[Phase.objects.get(number=3)])
    MethodStepFactory(method=method, role=Role.SUPERVISOR, text="Visar ett moment i taget.")
    return method


def create(client, company, method, **extra):
    data = {
        "title": "Hygienrutiner i caféet, våren 2027",
        "goal": "Alla följer rutinen för handtvätt.",
        "methods": [method.pk],
        "responsible_roles": ["handledare"],
    }
    data.update(extra)
    return client.post(reverse("companies:effort_new", args=[company.slug]), data)


def test_member_creates_an_effort_starting_in_phase_one(client, company, member, method):
    client.force_login(member)
    response = create(client, company, method, responsible_members=[member.pk])
    effort = Effort.objects.get()
    assert response["Location"] == effort.get_absolute_url()
    assert (effort.company, effort.created_by, effort.current_phase.number) == (company, member, 1)
    assert list(effort.methods.all()) == [method]
    assert list(effort.responsible_members.all()) == [member]
    assert effort.phase_records.count() == 6


def test_phase_checklist_combines_phase_items_and_method_steps(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    html = client.get(effort.get_absolute_url()).content.decode()
    for item in ChecklistItem.objects.filter(phase__number=3):
        assert item.text in html
    assert "Handledare: Visar ett moment i taget." in html
    assert "(Visa och gör)" in html


def test_ticking_records_who_and_unticking_removes(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    item = ChecklistItem.objects.filter(phase__number=1).first()
    url = reverse("companies:effort_check", args=[company.slug, effort.pk])
    client.post(url, {"punkt": f"checklist:{item.pk}", "klar": "1"})
    check = EffortCheck.objects.get()
    assert (check.checked_by, check.label, check.phase.number) == (member, item.text, 1)
    html = client.get(effort.get_absolute_url()).content.decode()
    assert "Mira Medlem" in html
    client.post(url, {"punkt": f"checklist:{item.pk}", "klar": "0"})
    assert not EffortCheck.objects.exists()


def test_ticking_an_item_of_another_method_is_refused(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    foreign = MethodStepFactory(text="Hemligt")
    response = client.post(
        reverse("companies:effort_check", args=[company.slug, effort.pk]),
        {"punkt": f"step:{foreign.pk}", "klar": "1"},
    )
    assert response.status_code == 400
    assert not EffortCheck.objects.exists()


def test_phase_dates_and_notes_are_saved_and_bad_dates_refused(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    url = reverse("companies:effort_phase", args=[company.slug, effort.pk, 2])
    response = client.post(
        url,
        {"fas2-started_on": "2027-03-10", "fas2-completed_on": "2027-03-01", "fas2-notes": "X"},
    )
    assert response.status_code == 400
    assert "Fasen kan inte bli klar innan den har börjat." in response.content.decode()
    client.post(
        url,
        {"fas2-started_on": "2027-03-01", "fas2-completed_on": "2027-03-10",
         "fas2-notes": "Alla har sagt ja."},
    )  # fmt: skip
    record = effort.phase_records.get(phase__number=2)
    assert (str(record.started_on), str(record.completed_on), record.notes) == (
        "2027-03-01", "2027-03-10", "Alla har sagt ja.",
    )  # fmt: skip


def test_moving_through_the_phases_sets_delivery_end_and_finishes_with_a_report(
    company, member, method
):
    effort = Effort.objects.create(
        company=company, title="Hygien", goal="Rena händer.",
        current_phase=Phase.objects.get(number=1),
    )  # fmt: skip
    effort.methods.add(method)
    from companies.models import EffortPhase

    for phase in Phase.objects.all():
        EffortPhase.objects.create(effort=effort, phase=phase, notes=f"Anteckning {phase.number}")
    report = None
    for number in range(1, 7):
        assert effort.current_phase.number == number
        report = complete_phase(effort, member)
        effort.refresh_from_db()
        if number == 3:
            assert effort.delivery_ended_on is not None
    assert effort.finished_at is not None
    assert isinstance(report, ExperienceReport)
    assert (report.status, report.method, report.company, report.effort) == (
        Status.DRAFT, method, company, effort,
    )  # fmt: skip
    assert report.phase_notes["genomforande"] == "Anteckning 3"
    assert report.title == "Erfarenheter från Hygien"
    assert ExperienceReport.objects.count() == 1


@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("stranger", 404), ("member", 200), ("editor", 200)]
)
def test_efforts_are_private_to_members_and_editors(
    client, company, member, stranger, editor, method, who, expected
):
    effort = Effort.objects.create(
        company=company, title="Hemlig", current_phase=Phase.objects.get(number=1)
    )
    if who != "anonymous":
        client.force_login({"member": member, "stranger": stranger, "editor": editor}[who])
    assert client.get(effort.get_absolute_url()).status_code == expected
    assert client.get(reverse("companies:efforts", args=[company.slug])).status_code == expected
    response = client.post(reverse("companies:effort_next", args=[company.slug, effort.pk]))
    assert response.status_code == (302 if who in ("member", "editor") else expected)


@pytest.mark.parametrize("size, extra", [(1, 0), (5, 100)])
def test_effort_pages_have_constant_query_counts(
    client, company, member, django_assert_num_queries, size, extra
):
    methods = [MethodFactory(phases=[Phase.objects.get(number=3)]) for _ in range(size)]
    for m in methods:
        MethodStepFactory(method=m)
    client.force_login(member)
    for _ in range(size):
        create(client, company, methods[0], methods=[m.pk for m in methods])
    effort = Effort.objects.order_by("pk").first()
    # The rest of the handbook and the company's other efforts must not matter.
    Method.objects.bulk_create(
        Method(title=f"Annan {i}", slug=f"annan-{i}", summary="Kort.", author=member)
        for i in range(extra)
    )
    Effort.objects.bulk_create(
        Effort(company=company, title=f"Insats {i}", current_phase=Phase.objects.get(number=1))
        for i in range(extra)
    )
    client.get(effort.get_absolute_url())  # the phases and checklists are now cached
    # session, user (with the editor check), effort (with company, phase and report), site
    # version, methods, steps, ticks, phase records
    with django_assert_num_queries(8):
        response = client.get(effort.get_absolute_url())
    assert len(response.context["methods"]) == size
    assert sum(len(row["entries"]) for row in response.context["rows"]) == (
        ChecklistItem.objects.count() + size
    )
    with django_assert_num_queries(6):
        client.get(reverse("companies:efforts", args=[company.slug]))


def test_effort_page_sees_a_changed_checklist_at_once(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    client.get(effort.get_absolute_url())  # the checklists are now cached
    item = ChecklistItem.objects.filter(phase__number=2).first()
    item.text = "Boka ett nytt möte med handledaren."
    item.save()
    assert (
        "Boka ett nytt möte med handledaren."
        in client.get(effort.get_absolute_url()).content.decode()
    )


def test_validation_error_keeps_what_was_typed(client, company, member, method):
    client.force_login(member)
    response = create(client, company, method, title="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ge insatsen ett namn." in html
    assert "Alla följer rutinen för handtvätt." in html


def test_finishing_phase_six_in_the_browser_flow_opens_the_report_draft(
    client, company, member, method
):
    effort = Effort.objects.create(
        company=company, title="Sista fasen", current_phase=Phase.objects.get(number=6)
    )
    effort.methods.add(method)
    client.force_login(member)
    response = client.post(reverse("companies:effort_next", args=[company.slug, effort.pk]))
    report = ExperienceReport.objects.get(effort=effort)
    assert response["Location"] == reverse("companies:report_edit", args=[company.slug, report.pk])
    assert client.get(response["Location"]).status_code == 200
    page = client.get(reverse("companies:effort", args=[company.slug, effort.pk])).content.decode()
    assert "Erfarenheter från Sista fasen" in page


def test_company_page_links_efforts_for_members_only(client, company, member, stranger):
    client.force_login(member)
    assert "Företagets insatser" in client.get(company.get_absolute_url()).content.decode()
    client.force_login(stranger)
    assert "Företagets insatser" not in client.get(company.get_absolute_url()).content.decode()


# The effort page: folding phases, ticking without a reload (issue 13)


def open_phases(html: str) -> list[int]:
    """The numbers of the phases shown open (<details ... open>)."""
    return [int(n) for n in re.findall(r'<details id="fas-(\d+)" [^>]*\bopen>', html)]


def swedish_date(value) -> str:
    with translation.override("sv"):
        return date_filter(timezone.localtime(value), "DATE_FORMAT")


def test_phases_fold_with_the_current_one_open_and_counts_in_the_summary(
    client, company, member, method
):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    items = list(ChecklistItem.objects.filter(phase__number=1))
    assert len(items) >= 2
    client.post(
        reverse("companies:effort_check", args=[company.slug, effort.pk]),
        {"punkt": f"checklist:{items[0].pk}", "klar": "1"},
    )
    html = client.get(effort.get_absolute_url()).content.decode()
    assert html.count('<details id="fas-') == 6
    assert open_phases(html) == [1]
    summary = re.search(r'<details id="fas-1" .*?<summary>(.*?)</summary>', html, re.S).group(1)
    assert f'<span class="effort-phase__count">1 av {len(items)} klart</span>' in summary
    assert "1. Behov och mål" in summary
    # Another phase asked for by ?fas=N opens too; anything else in ?fas is ignored.
    assert open_phases(client.get(effort.get_absolute_url() + "?fas=3").content.decode()) == [1, 3]
    assert open_phases(client.get(effort.get_absolute_url() + "?fas=x").content.decode()) == [1]


def test_a_finished_effort_opens_the_first_phase_with_unticked_items(
    client, company, member, method
):
    effort = Effort.objects.create(
        company=company, title="Klar", current_phase=Phase.objects.get(number=6),
        finished_at=timezone.now(),
    )  # fmt: skip
    for item in ChecklistItem.objects.filter(phase__number=1):
        EffortCheck.objects.create(
            effort=effort, item_key=f"checklist:{item.pk}", phase=item.phase, label=item.text
        )
    client.force_login(member)
    html = client.get(effort.get_absolute_url()).content.decode()
    assert open_phases(html) == [2]


def test_ticking_without_javascript_comes_back_to_the_item_with_its_phase_open(
    client, company, member, method, django_assert_num_queries
):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    item = ChecklistItem.objects.filter(phase__number=2).first()
    url = reverse("companies:effort_check", args=[company.slug, effort.pk])
    with django_assert_num_queries(11):
        response = client.post(
            url, {"punkt": f"checklist:{item.pk}", "klar": "1"},
            headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{effort.get_absolute_url()}?fas=2#punkt-checklist{item.pk}"
    check = EffortCheck.objects.get()
    assert (check.effort, check.item_key, check.phase.number, check.label, check.checked_by) == (
        effort, f"checklist:{item.pk}", 2, item.text, member,
    )  # fmt: skip
    html = client.get(response["Location"]).content.decode()
    assert open_phases(html) == [1, 2]
    assert f'<li id="punkt-checklist{item.pk}" class="is-checked">' in html


def test_ticking_with_javascript_answers_json_with_the_phase_count(
    client, company, member, method, django_assert_num_queries
):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    step = method.steps.get()
    phase3_items = ChecklistItem.objects.filter(phase__number=3).count()
    url = reverse("companies:effort_check", args=[company.slug, effort.pk])
    with django_assert_num_queries(14):
        response = client.post(
            url, {"punkt": f"step:{step.pk}", "klar": "1"}, headers={"accept": "application/json"}
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    check = EffortCheck.objects.get()
    assert (check.item_key, check.phase.number, check.checked_by) == (f"step:{step.pk}", 3, member)
    assert check.label == "Handledare: Visar ett moment i taget."
    total = phase3_items + 1
    assert response.json() == {
        "item": f"step:{step.pk}",
        "checked": True,
        "done": 1,
        "total": total,
        "count": f"1 av {total} klart",
        "note": f"– Mira Medlem, {swedish_date(check.checked_at)}",
        "message": "Sparat",
    }
    # Unticking: the same answer with the item unticked, and the row gone.
    with django_assert_num_queries(11):
        response = client.post(
            url, {"punkt": f"step:{step.pk}", "klar": "0"}, headers={"accept": "application/json"}
        )
    assert not EffortCheck.objects.exists()
    assert response.json() == {
        "item": f"step:{step.pk}",
        "checked": False,
        "done": 0,
        "total": total,
        "count": f"0 av {total} klart",
        "note": "",
        "message": "Sparat",
    }


def test_the_json_answer_is_in_the_readers_language(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    item = ChecklistItem.objects.filter(phase__number=1).first()
    total = ChecklistItem.objects.filter(phase__number=1).count()
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("companies:effort_check", args=[company.slug, effort.pk]),
        {"punkt": f"checklist:{item.pk}", "klar": "1"},
        headers={"accept": "application/json"},
    )
    assert (response.json()["count"], response.json()["message"]) == (f"1 of {total} done", "Saved")


def test_a_refused_tick_answers_json_and_changes_nothing(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    updated_at = effort.updated_at
    foreign = MethodStepFactory(text="Hemligt")
    response = client.post(
        reverse("companies:effort_check", args=[company.slug, effort.pk]),
        {"punkt": f"step:{foreign.pk}", "klar": "1"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"error": "Punkten hör inte till insatsen."}
    assert not EffortCheck.objects.exists()
    effort.refresh_from_db()
    assert effort.updated_at == updated_at


def test_a_get_to_the_tick_address_changes_nothing(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    item = ChecklistItem.objects.first()
    response = client.get(
        reverse("companies:effort_check", args=[company.slug, effort.pk]),
        {"punkt": f"checklist:{item.pk}", "klar": "1"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 405
    assert not EffortCheck.objects.exists()


def test_saving_a_phase_comes_back_with_that_phase_open(client, company, member, method):
    client.force_login(member)
    create(client, company, method)
    effort = Effort.objects.get()
    response = client.post(
        reverse("companies:effort_phase", args=[company.slug, effort.pk, 4]),
        {"fas4-started_on": "", "fas4-completed_on": "", "fas4-notes": "Senare."},
    )
    assert response["Location"] == f"{effort.get_absolute_url()}?fas=4#fas-4"
    assert open_phases(client.get(response["Location"]).content.decode()) == [1, 4]
    # A phase form with errors comes back open, whatever phase is current.
    response = client.post(
        reverse("companies:effort_phase", args=[company.slug, effort.pk, 5]),
        {"fas5-started_on": "2027-03-10", "fas5-completed_on": "2027-03-01", "fas5-notes": ""},
    )
    assert response.status_code == 400
    assert open_phases(response.content.decode()) == [1, 5]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_phase_forms_written_out_match_the_generic_form_partial(company, language):
    """The effort page writes an unbound phase form out (_phase_fields.html) rather than
    rendering it through includes/form_fields.html: the HTML must be the same."""
    from django.template.loader import render_to_string

    from companies.effort_forms import EffortPhaseForm
    from companies.models import EffortPhase

    effort = Effort.objects.create(
        company=company, title="Insats", current_phase=Phase.objects.get(number=1)
    )
    record = EffortPhase(
        effort=effort, phase=Phase.objects.get(number=1), started_on=timezone.localdate(),
        notes="Vi började <i>tidigt</i> & träffades.\nTvå rader.",
    )  # fmt: skip
    with translation.override(language):
        for instance in (record, EffortPhase(effort=effort, phase=Phase.objects.get(number=2))):
            form = EffortPhaseForm(instance=instance, prefix="fas1")
            generic = render_to_string("includes/form_fields.html", {"form": form})
            written = render_to_string("companies/efforts/_phase_fields.html", {"form": form})
            assert re.sub(r"\s+", " ", written).strip() == re.sub(r"\s+", " ", generic).strip()
