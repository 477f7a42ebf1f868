"""Questions and study-visit requests between companies: asking from a method page or a
profile, the target company's admins answering in the portal, the mails on both sides (which
never show the other side's address), the guard on personal data, the rate limit, Min sida and
the editors' monthly counts.

The cast: `company` (Kafé Test) is asked; `company_admin` (Ada Admin) is its admin and
`member` (Mira Medlem) its member. `stranger` (Sam Främling, of another company) asks, and
`colleague` is a member of the stranger's company; `outsider` is on neither side.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.personal_data import personal_data
from companies import questions
from companies.choices import QuestionKind
from companies.models import Question
from methods.choices import Status
from methods.models import CompetenceArea
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(stranger):
    """A member of the asking company (the stranger's)."""
    user = UserFactory(display_name="Kim Kollega")
    MembershipFactory(user=user, company=stranger.memberships.get().company, role="member")
    return user


@pytest.fixture
def outsider(db):
    """Neither side: a member of a third company."""
    user = UserFactory(display_name="Ola Utanför")
    MembershipFactory(user=user, company=CompanyFactory(name="Tredje företaget"), role="admin")
    return user


@pytest.fixture
def method(company):
    method = MethodFactory(title="Visa, gör, öva", status=Status.PUBLISHED)
    ExperienceReportFactory(company=company, method=method)
    return method


@pytest.fixture
def login(client, request):
    def login_as(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login_as


def ask_url(company, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/foretag/{company.slug}/fraga/" + (f"?{query}" if query else "")


def question_for(company, asker, **fields) -> Question:
    return Question.objects.create(
        company=company, asker=asker, body=fields.pop("body", "Hur gjorde ni?"), **fields
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The method page -------------------------------------------------------------------------------


def test_method_page_offers_the_companies_that_reported_on_it(client, stranger, company, method):
    other = CompanyFactory(name="Returbaren")
    ExperienceReportFactory(company=other, method=method)
    client.force_login(stranger)
    html = client.get(method.get_absolute_url()).content.decode()
    assert "Fråga ett företag som har använt metoden" in html
    assert f'href="/foretag/{company.slug}/fraga/?metod={method.slug}">Fråga Kafé Test</a>' in html
    assert f'href="/foretag/{other.slug}/fraga/?metod={method.slug}">Fråga Returbaren</a>' in html
    # By name: Kafé Test before Returbaren.
    assert html.index("Fråga Kafé Test") < html.index("Fråga Returbaren")


def test_method_page_leaves_out_switched_off_unpublished_and_own_companies(
    client, member, company, method
):
    closed = CompanyFactory(name="Stängda caféet", accepts_questions=False)
    ExperienceReportFactory(company=closed, method=method)
    drafting = CompanyFactory(name="Utkastföretaget")
    ExperienceReportFactory(company=drafting, method=method, status=Status.DRAFT)
    client.force_login(member)  # of Kafé Test: asks colleagues directly
    html = client.get(method.get_absolute_url()).content.decode()
    assert "Fråga ett företag som har använt metoden" not in html
    assert "Fråga Stängda caféet" not in html and "Fråga Utkastföretaget" not in html


def test_method_page_offers_signed_out_readers_the_link_through_the_login(client, method):
    html = client.get(method.get_absolute_url()).content.decode()
    assert "Fråga Kafé Test" in html
    response = client.get(ask_url(method.experience_reports.get().company, metod=method.slug))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=/foretag/")


@pytest.mark.parametrize("reporting", [1, 6])
def test_method_page_costs_no_query_more_for_more_companies_to_ask(client, stranger, reporting):
    """The companies to ask come from the reports already loaded: the page's queries do not
    depend on how many companies there are (compared with a method without reports)."""
    client.force_login(stranger)
    bare = MethodFactory(title="Utan rapporter", status=Status.PUBLISHED)
    client.get(bare.get_absolute_url())  # warm the session and the site version
    with CaptureQueriesContext(connection) as without:
        client.get(bare.get_absolute_url())
    method = MethodFactory(title="Med rapporter", status=Status.PUBLISHED)
    for n in range(reporting):
        ExperienceReportFactory(company=CompanyFactory(name=f"Företag {n}"), method=method)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(method.get_absolute_url())
    assert len(response.context["ask_companies"]) == reporting
    # The reports' own query (a method without reports asks none), and the site version and
    # the phases their notes name (one each): nothing per company.
    assert len(queries) == len(without) + 3


# Asking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("stranger", 200),
        ("colleague", 200),
        ("company_admin", 403),  # their own company
        ("member", 403),
        ("outsider", 200),
        ("editor", 200),
    ],
)
def test_who_may_open_the_question_form(login, company, colleague, outsider, role, expected):
    response = login(role).get(ask_url(company))
    assert response.status_code == expected


def test_a_switched_off_company_cannot_be_asked(client, stranger, company):
    company.accepts_questions = False
    company.save()
    client.force_login(stranger)
    assert client.get(ask_url(company)).status_code == 403
    assert client.post(ask_url(company), {"kind": "fraga", "body": "Hej?"}).status_code == 403
    assert not Question.objects.exists()


def test_unknown_company_is_404(client, stranger):
    client.force_login(stranger)
    assert client.get("/foretag/finns-inte/fraga/").status_code == 404


def test_form_preselects_the_method_from_the_method_page(client, stranger, company, method):
    client.force_login(stranger)
    response = client.get(ask_url(company, metod=method.slug))
    form = response.context["form"]
    assert form["method"].value() == method.pk
    assert list(form.fields["method"].queryset) == [method]
    # Only a question: Kafé Test does not take study visits.
    assert [value for value, _label in form.fields["kind"].choices] == ["fraga"]


def test_asking_stores_the_question_and_mails_the_admins_only(
    client, stranger, company, company_admin, member, method, mailoutbox,
    django_capture_on_commit_callbacks, settings,
):  # fmt: skip
    settings.SITE_URL = "https://handbok.example"
    second_admin = UserFactory(display_name="Bo Admin", email="bo@kafe.example")
    MembershipFactory(user=second_admin, company=company, role="admin")
    client.force_login(stranger)
    body = "Hur lång tid tog **första veckan** för handledaren?"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ask_url(company), {"kind": "fraga", "method": method.pk, "body": body}
        )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/foretag/{company.slug}/fragor/{question.pk}/"
    assert messages_of(response) == [
        "Tack! Din fråga är skickad till Kafé Test. Du får ett mejl när de har svarat."
    ]
    assert (question.company, question.asker, question.method, question.kind) == (
        company,
        stranger,
        method,
        QuestionKind.QUESTION,
    )
    assert question.body == body
    assert (
        question.body_html
        == "<p>Hur lång tid tog <strong>första veckan</strong> för handledaren?</p>"
    )
    assert question.answered_at is None

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == sorted([company_admin.email, "bo@kafe.example"])
    assert member.email not in mail.to
    assert mail.subject == "[Kompetenshandboken] Fråga till Kafé Test i Kompetenshandboken"
    assert (
        "Sam Främling har skickat en fråga till Kafé Test om metoden ”Visa, gör, öva” i "
        "Kompetenshandboken." in mail.body
    )
    assert body in mail.body
    assert f"\nhttps://handbok.example/foretag/{company.slug}/fragor/{question.pk}/\n" in mail.body
    # The asker's address is never shown to the company.
    assert stranger.email not in mail.body and "@" not in mail.body


def test_an_asker_without_a_display_name_is_not_named_by_address(
    client, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    asker = UserFactory(display_name="", email="anna.svensson@exempel.se")
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(company), {"kind": "fraga", "body": "Hur började ni?"})
    body = mailoutbox[0].body
    assert "En medlem i Kompetenshandboken har skickat en fråga" in body or (
        "en medlem i Kompetenshandboken har skickat en fråga" in body
    )
    assert "anna.svensson" not in body
    question = Question.objects.get()
    client.force_login(company_admin)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "anna.svensson" not in html


def test_a_study_visit_only_to_a_company_that_takes_them(
    client, stranger, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(stranger)
    data = {"kind": "studiebesok", "body": "Kan vi komma en förmiddag i mars?"}
    response = client.post(ask_url(company), data)
    assert response.status_code == 400
    assert "Välj om det är en fråga eller ett studiebesök." in response.content.decode()
    assert data["body"] in response.content.decode()  # nothing typed is lost
    assert not Question.objects.exists()

    company.open_to_study_visits = True
    company.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(company), data)
    assert response.status_code == 302
    assert Question.objects.get().kind == QuestionKind.STUDY_VISIT
    assert mailoutbox[0].subject == (
        "[Kompetenshandboken] Önskemål om studiebesök till Kafé Test i Kompetenshandboken"
    )


def test_an_empty_question_is_refused_with_a_clear_message(client, stranger, company):
    client.force_login(stranger)
    response = client.post(ask_url(company), {"kind": "fraga", "body": ""})
    assert response.status_code == 400
    assert "Skriv din fråga innan du skickar den." in response.content.decode()
    assert not Question.objects.exists()


def test_personal_data_in_the_question_needs_a_confirmation(client, stranger, company):
    client.force_login(stranger)
    text = "Ring mig på 070-123 45 67 så berättar jag mer."
    response = client.post(ask_url(company), {"kind": "fraga", "body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Texten ser ut att innehålla personuppgifter." in html
    assert text in html
    assert not Question.objects.exists()
    response = client.post(ask_url(company), {"kind": "fraga", "body": text, "bekrafta": "on"})
    assert response.status_code == 302
    assert Question.objects.get().body == text


def test_question_text_is_sanitised_when_shown(client, stranger, company, company_admin):
    client.force_login(stranger)
    client.post(
        ask_url(company),
        {"kind": "fraga", "body": "Hej <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    question = Question.objects.get()
    assert "<script" not in question.body_html and "javascript:" not in question.body_html
    client.force_login(company_admin)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_asking_is_rate_limited_and_keeps_the_text(client, stranger, company, settings):
    settings.RATELIMIT_QUESTION = 2
    client.force_login(stranger)
    for n in range(2):
        assert (
            client.post(ask_url(company), {"kind": "fraga", "body": f"Fråga {n}"}).status_code
            == 302
        )
    response = client.post(ask_url(company), {"kind": "fraga", "body": "Den tredje frågan"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Du har skickat många frågor på kort tid." in html
    assert "Den tredje frågan" in html
    assert Question.objects.count() == 2


# Reading and answering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("stranger", 200),  # the asker
        ("colleague", 404),  # the asker's colleague: a question is the asker's own
        ("company_admin", 200),
        ("member", 404),
        ("outsider", 404),
        ("editor", 404),  # private between the two sides
    ],
)
def test_who_may_read_a_question(login, company, stranger, colleague, outsider, role, expected):
    question = question_for(company, stranger)
    response = login(role).get(question.get_absolute_url())
    assert response.status_code == expected


def test_a_question_is_not_found_under_another_companys_address(
    client, company, stranger, company_admin
):
    question = question_for(company, stranger)
    client.force_login(stranger)
    other = stranger.memberships.get().company
    assert client.get(f"/foretag/{other.slug}/fragor/{question.pk}/").status_code == 404


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("stranger", 403),  # the asker does not answer their own question
        ("colleague", 404),
        ("company_admin", 302),
        ("member", 404),
        ("outsider", 404),
        ("editor", 404),
    ],
)
def test_who_may_answer(login, company, stranger, colleague, outsider, role, expected):
    question = question_for(company, stranger)
    response = login(role).post(f"{question.get_absolute_url()}svara/", {"answer": "Så här."})
    assert response.status_code == expected
    question.refresh_from_db()
    assert question.is_answered is (expected == 302 and role != "anonymous")


def test_the_admin_answers_and_the_asker_is_mailed_a_link(
    client, company, company_admin, stranger, mailoutbox, django_capture_on_commit_callbacks,
    settings,
):  # fmt: skip
    settings.SITE_URL = "https://handbok.example"
    question = question_for(company, stranger)
    client.force_login(company_admin)
    page = client.get(question.get_absolute_url())
    assert "Skicka svaret" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{question.get_absolute_url()}svara/", {"answer": "Första veckan tog *fyra timmar*."}
        )
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    question.refresh_from_db()
    assert question.answered_by == company_admin
    assert question.answer == "Första veckan tog *fyra timmar*."
    assert question.answer_html == "<p>Första veckan tog <em>fyra timmar</em>.</p>"
    assert question.answered_at is not None

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [stranger.email]
    assert mail.subject == "[Kompetenshandboken] Kafé Test har svarat på din fråga"
    assert "Ada Admin på Kafé Test har svarat på din fråga i Kompetenshandboken." in mail.body
    assert "Första veckan tog *fyra timmar*." in mail.body
    assert f"\nhttps://handbok.example{question.get_absolute_url()}\n" in mail.body
    assert company_admin.email not in mail.body and "@" not in mail.body

    # The asker reads the answer in the portal.
    client.force_login(stranger)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<p>Första veckan tog <em>fyra timmar</em>.</p>" in html
    assert "Skicka svaret" not in html
    assert company_admin.email not in html


def test_an_empty_answer_is_refused_and_an_answered_question_stays_answered(
    client, company, company_admin, stranger
):
    question = question_for(company, stranger)
    client.force_login(company_admin)
    url = f"{question.get_absolute_url()}svara/"
    response = client.post(url, {"answer": ""})
    assert response.status_code == 400
    assert "Skriv ett svar innan du skickar." in response.content.decode()
    client.post(url, {"answer": "Första svaret."})
    response = client.post(url, {"answer": "Ett andra svar."})
    assert response.status_code == 302
    assert messages_of(response)[-1] == "Frågan är redan besvarad."
    question.refresh_from_db()
    assert question.answer == "Första svaret."


def test_personal_data_in_the_answer_needs_a_confirmation(client, company, company_admin, stranger):
    question = question_for(company, stranger)
    client.force_login(company_admin)
    url = f"{question.get_absolute_url()}svara/"
    text = "Mejla vår handledare på lisa@kafe.example."
    response = client.post(url, {"answer": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    question.refresh_from_db()
    assert not question.is_answered
    assert client.post(url, {"answer": text, "bekrafta": "on"}).status_code == 302


# The inbox -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("stranger", 403),
        ("company_admin", 200),
        ("member", 403),
        ("outsider", 403),  # an admin of another company
        ("editor", 403),
    ],
)
def test_only_the_admins_see_the_inbox(login, company, outsider, role, expected):
    assert login(role).get(f"/foretag/{company.slug}/fragor/").status_code == expected


def test_inbox_lists_open_questions_first(client, company, company_admin, stranger):
    answered = question_for(company, stranger, body="Gammal fråga")
    questions.answer(answered, company_admin, "Svar.")
    waiting = question_for(company, stranger, body="Ny fråga")
    question_for(CompanyFactory(), stranger, body="Till någon annan")
    client.force_login(company_admin)
    response = client.get(f"/foretag/{company.slug}/fragor/")
    assert [q.pk for q in response.context["questions"]] == [waiting.pk, answered.pk]
    assert "Till någon annan" not in response.content.decode()


def test_company_page_shows_the_open_questions_to_its_admins_only(
    client, company, company_admin, member, stranger
):
    question_for(company, stranger, body="Hur gör ni med schemat?")
    client.force_login(company_admin)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "1 fråga väntar på svar." in html and "Hur gör ni med schemat?" in html
    for user in (member, stranger):
        client.force_login(user)
        html = client.get(company.get_absolute_url()).content.decode()
        assert "Hur gör ni med schemat?" not in html
    client.logout()
    assert "Hur gör ni med schemat?" not in client.get(company.get_absolute_url()).content.decode()


# The profile: study visits ---------------------------------------------------------------------


def test_profile_shows_the_study_visit_offer_and_the_request_link(client, company, stranger):
    company.open_to_study_visits = True
    company.study_visit_topics = "Hur vi tar emot nya deltagare i caféet första veckan."
    company.save()
    company.study_visit_areas.set(CompetenceArea.objects.filter(slug="handledning"))
    client.force_login(stranger)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Vi tar emot studiebesök om" in html
    assert "<li>Handledning</li>" in html
    assert "Hur vi tar emot nya deltagare i caféet första veckan." in html
    assert (
        f'href="/foretag/{company.slug}/fraga/?slag=studiebesok">Be om ett studiebesök</a>' in html
    )
    response = client.get(ask_url(company, slag="studiebesok"))
    assert response.context["form"]["kind"].value() == "studiebesok"


def test_profile_without_study_visits_or_questions_offers_neither(client, company, stranger):
    company.accepts_questions = False
    company.save()
    client.force_login(stranger)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Vi tar emot studiebesök om" not in html
    assert "/fraga/" not in html


def test_the_admin_switches_questions_off_in_the_profile(client, company, company_admin):
    client.force_login(company_admin)
    data = {
        "name": company.name,
        "org_number": company.org_number,
        "legal_form": company.legal_form,
        "municipality": company.municipality,
        "county": company.county,
        "open_to_study_visits": "on",
        "study_visit_areas": [CompetenceArea.objects.get(slug="handledning").pk],
        "study_visit_topics": "Vårt bageri.",
    }
    assert client.post(f"/foretag/{company.slug}/redigera/", data).status_code == 302
    company.refresh_from_db()
    assert company.accepts_questions is False
    assert company.study_visit_topics == "Vårt bageri."
    assert [a.slug for a in company.study_visit_areas.all()] == ["handledning"]


# Min sida and the personal data ----------------------------------------------------------------


def test_min_sida_lists_the_users_questions_with_their_answers(
    client, company, company_admin, stranger
):
    question = question_for(company, stranger, body="Hur länge varade passen?")
    questions.answer(question, company_admin, "Ungefär **en timme**.")
    question_for(CompanyFactory(name="Bageriet"), stranger, body="Väntar fortfarande")
    question_for(company, company_admin, body="Någon annans fråga")
    client.force_login(stranger)
    html = client.get("/konto/profil/").content.decode()
    assert "Mina frågor till andra företag" in html
    assert f'href="{question.get_absolute_url()}">Fråga till Kafé Test</a>' in html
    assert "<p>Ungefär <strong>en timme</strong>.</p>" in html
    assert "Väntar på svar." in html
    assert "Någon annans fråga" not in html


def test_personal_data_holds_questions_asked_and_answered(company, company_admin, stranger):
    question = question_for(company, stranger, body="Min fråga")
    questions.answer(question, company_admin, "Vårt svar")
    asked = personal_data(stranger)["questions_asked"]
    assert [(row["company"], row["question"], row["answer"]) for row in asked] == [
        ("Kafé Test", "Min fråga", "Vårt svar")
    ]
    answered = personal_data(company_admin)["questions_answered"]
    assert [row["question"] for row in answered] == ["Min fråga"]
    assert personal_data(company_admin)["questions_asked"] == []


# The editors' overview -------------------------------------------------------------------------


def test_monthly_counts_in_one_query(django_assert_num_queries, company, stranger, company_admin):
    today = datetime.date(2026, 11, 30)
    now = timezone.make_aware(datetime.datetime(2026, 11, 15, 12))
    earlier = timezone.make_aware(datetime.datetime(2026, 9, 3, 12))
    too_old = timezone.make_aware(datetime.datetime(2025, 11, 20, 12))
    rows = [
        (now, QuestionKind.QUESTION, True),
        (now, QuestionKind.QUESTION, False),
        (now, QuestionKind.STUDY_VISIT, True),
        (earlier, QuestionKind.STUDY_VISIT, False),
        (too_old, QuestionKind.QUESTION, True),
    ]
    for created, kind, answered in rows:
        question = question_for(company, stranger, kind=kind)
        Question.objects.filter(pk=question.pk).update(
            created_at=created, answered_at=created if answered else None
        )
    with django_assert_num_queries(1):
        counts = questions.monthly_counts(today)
    assert len(counts) == 12
    assert counts[0] == {
        "month": datetime.date(2026, 11, 1),
        "questions": 2,
        "questions_answered": 1,
        "visits": 1,
        "visits_answered": 1,
    }
    assert counts[1]["month"] == datetime.date(2026, 10, 1) and counts[1]["questions"] == 0
    assert (counts[2]["month"], counts[2]["visits"], counts[2]["visits_answered"]) == (
        datetime.date(2026, 9, 1),
        1,
        0,
    )
    assert counts[-1]["month"] == datetime.date(2025, 12, 1)
    assert sum(row["questions"] for row in counts) == 2  # November 2025 is outside


def test_overview_shows_the_monthly_table_to_editors(client, editor, company, stranger):
    question_for(company, stranger)
    client.force_login(editor)
    response = client.get("/redaktion/oversikt/")
    html = response.content.decode()
    assert "Frågor och studiebesök mellan företag per månad" in html
    section = next(s for s in response.context["sections"] if s["slug"] == "fragor")
    month = timezone.localdate().replace(day=1)
    assert section["rows"][0][1:] == (1, 0, 0, 0)
    assert len(section["rows"]) == 12
    csv = client.get("/redaktion/oversikt/?csv=fragor").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == (
        "Månad;Frågor;Besvarade frågor;Önskemål om studiebesök;Besvarade önskemål om studiebesök"
    )
    assert csv.splitlines()[1].endswith(";1;0;0;0")
    assert month.year == timezone.localdate().year


# The demo ----------------------------------------------------------------------------------------


def test_demo_has_answered_questions_an_open_one_and_study_visit_offers():
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    output = io.StringIO()
    call_command("seed_demo", stdout=output)  # twice: nothing is duplicated
    assert "4 frågor mellan företag" in output.getvalue()
    demo = Question.objects.select_related("company", "method", "asker", "answered_by")
    assert demo.count() == 4
    assert demo.filter(answered_at__isnull=False).count() == 3
    open_question = demo.get(answered_at__isnull=True)
    assert open_question.company.slug == "kafe-kompassen"  # the demo admin's inbox
    for question in demo:
        # Each is about a method the asked company has published a report on, from someone
        # outside it, answered (if it is) by one of its admins.
        assert question.method in questions.reported_methods(question.company)
        assert not question.company.memberships.filter(user=question.asker).exists()
        if question.is_answered:
            assert question.company.memberships.filter(
                user=question.answered_by, role="admin"
            ).exists()
            assert question.answered_at > question.created_at
            assert question.answer_html.startswith("<p>")
    assert demo.filter(kind=QuestionKind.STUDY_VISIT).count() == 1
    kompassen = demo.get(company__slug="kafe-kompassen").company
    assert kompassen.open_to_study_visits and kompassen.study_visit_topics
    assert sorted(a.slug for a in kompassen.study_visit_areas.all()) == [
        "arbetsmiljo-och-sakerhet",
        "yrkeskunskap",
    ]
