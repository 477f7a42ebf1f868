"""Trainers: the guide, applying, the editors' review, the directory, profiles, the contact
route and the experience reports that name a trainer. Roles: anonymous, member, company admin,
editor, the trainer themself and another trainer."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from accounts.personal_data import personal_data
from core.models import AuditEntry
from core.review import ReviewError
from methods.choices import Status
from methods.models import CompetenceArea
from tests.factories import (
    ExperienceReportFactory,
    MethodFactory,
    UserFactory,
)
from tests.trainers.helpers import make_guide_page, make_trainer
from trainers import permissions, services
from trainers.models import Trainer, TrainerGuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_user(db):
    return UserFactory(display_name="Tina Utbildare")


@pytest.fixture
def trainer(trainer_user):
    return make_trainer(trainer_user, "Tinas utbildning", counties=["orebro", "skane"])


@pytest.fixture
def other_trainer(db):
    return make_trainer(UserFactory(display_name="Olle"), "Olles kurser", Status.SUBMITTED)


def application(**changes) -> dict:
    data = {
        "name": "Lärande Verkstan",
        "entity": "organisation",
        "kind": "studieforbund",
        "summary": "Studiecirklar i svenska på jobbet.",
        "description": "Vi kommer **till er**.",
        "competence_areas": [CompetenceArea.objects.get(slug="svenska-pa-jobbet").pk],
        "counties": ["orebro", "stockholm"],
        "languages": ["svenska", "arabiska"],
        "formats": ["pa-plats", "digitalt"],
        "website": "",
        "contact_email": "verkstan@example.org",
    }
    data.update(changes)
    return data


# The guide


def test_guide_page_renders_markdown_through_the_pipeline_on_save():
    page = make_guide_page("forankring", text="Hej <script>alert(1)</script> **du**")
    assert "<script>" not in page.text_html
    assert "<strong>du</strong>" in page.text_html
    assert page.easy_read_html == "<p>Träffa handledaren först.</p>"


def test_guide_pages_show_text_and_easy_read(client):
    make_guide_page("forankring", text="## Före första dagen\n\nBoka ett möte.")
    make_guide_page("behov-och-mal", summary="Fråga efter uppgiften.")
    overview = client.get("/utbildare/guide/")
    assert overview.status_code == 200
    html = overview.content.decode()
    assert '<a href="/utbildare/guide/behov-och-mal/">1. Behov och mål</a>' in html
    assert html.index("1. Behov och mål") < html.index("2. Förankring")
    page = client.get("/utbildare/guide/forankring/").content.decode()
    assert "<h2>Före första dagen</h2>" in page
    assert "Träffa handledaren först." not in page
    easy = client.get("/utbildare/guide/forankring/?lattlast=1").content.decode()
    assert (
        '<div class="prose prose--large" lang="sv"><p>Träffa handledaren först.</p></div>' in easy
    )
    assert client.get("/utbildare/guide/finns-inte/").status_code == 404


def test_only_editors_edit_the_guide(client, member, editor):
    make_guide_page("forankring")
    url = "/utbildare/guide/forankring/redigera/"
    data = {"summary": "Ny mening.", "text": "Ny **text**.", "easy_read": "Kort."}
    client.force_login(member)
    assert client.post(url, data).status_code == 403
    client.force_login(editor)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == "/utbildare/guide/forankring/"
    page = client.get("/utbildare/guide/forankring/").content.decode()
    assert "<p>Ny <strong>text</strong>.</p>" in page
    # Bad input: 400, and the typed text is kept.
    response = client.post(url, {**data, "summary": ""})
    assert response.status_code == 400
    assert "Ny **text**." in response.content.decode()


def test_guide_page_query_count_is_constant(client, django_assert_num_queries):
    for slug in ["behov-och-mal", "forankring", "genomforande"]:
        make_guide_page(slug)
    with django_assert_num_queries(2):  # the site version (page cache), the pages with phases
        client.get("/utbildare/guide/forankring/")


# Applying and the review


def test_a_member_applies_and_the_editors_hear_of_it(
    client, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.get("/utbildare/anmal/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/utbildare/anmal/", application())
    trainer = Trainer.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/utbildare/min-profil/")
    assert client.get("/utbildare/min-profil/")["Location"] == "/utbildare/larande-verkstan/"
    assert (trainer.user, trainer.status, trainer.slug) == (
        member,
        Status.SUBMITTED,
        "larande-verkstan",
    )
    assert trainer.counties == ["orebro", "stockholm"]
    assert trainer.description_html == "<p>Vi kommer <strong>till er</strong>.</p>"
    assert [a.slug for a in trainer.competence_areas.all()] == ["svenska-pa-jobbet"]
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert "Lärande Verkstan" in mailoutbox[0].subject
    entry = AuditEntry.objects.get()
    assert entry.params == {"name": "Lärande Verkstan"}
    # One profile per account: the form now leads to the profile.
    assert client.get("/utbildare/anmal/")["Location"] == "/utbildare/min-profil/"


def test_an_application_with_bad_input_keeps_what_was_typed(client, member):
    client.force_login(member)
    response = client.post("/utbildare/anmal/", application(counties=["narnia"], summary=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en kort presentation." in html
    assert 'value="Lärande Verkstan"' in html
    assert Trainer.objects.count() == 0


def test_a_reserved_path_is_never_a_profile_slug(member):
    trainer = services.apply_as_trainer(
        member,
        Trainer(
            **{k: v for k, v in application(name="Guide").items() if k not in {"competence_areas"}}
        ),
        areas=[],
        methods=[],
    )
    assert trainer.slug == "guide-2"


def test_editor_approves_then_the_profile_is_public(
    client, editor, other_trainer, mailoutbox, django_capture_on_commit_callbacks
):
    assert client.get(other_trainer.get_absolute_url()).status_code == 404
    client.force_login(editor)
    queue = client.get("/utbildare/granska/").content.decode()
    assert other_trainer.name in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/utbildare/granska/{other_trainer.slug}/", {"action": "approve"})
    assert (response.status_code, response["Location"]) == (302, "/utbildare/granska/")
    other_trainer.refresh_from_db()
    assert other_trainer.status == Status.PUBLISHED and other_trainer.approved_at is not None
    assert [m.to for m in mailoutbox] == [[other_trainer.user.email]]
    assert mailoutbox[0].subject.endswith("Profilen för Olles kurser är godkänd")
    client.logout()
    assert client.get(other_trainer.get_absolute_url()).status_code == 200


def test_editor_rejects_with_a_reason_and_the_trainer_sends_it_again(client, editor, other_trainer):
    client.force_login(editor)
    url = f"/utbildare/granska/{other_trainer.slug}/"
    assert client.post(url, {"action": "reject", "message": ""}).status_code == 400
    response = client.post(url, {"action": "reject", "message": "Berätta om ASF."})
    assert response.status_code == 302
    other_trainer.refresh_from_db()
    assert (other_trainer.status, other_trainer.review_message) == (
        Status.CHANGES_REQUESTED,
        "Berätta om ASF.",
    )
    client.force_login(other_trainer.user)
    page = client.get(other_trainer.get_absolute_url()).content.decode()
    assert "Berätta om ASF." in page and "Skicka in profilen igen" in page
    assert client.post(f"/utbildare/{other_trainer.slug}/skicka-in/").status_code == 302
    other_trainer.refresh_from_db()
    assert other_trainer.status == Status.SUBMITTED


def test_review_flow_refuses_wrong_states_and_non_editors(trainer, member, editor):
    with pytest.raises(ReviewError):
        services.approve_trainer(trainer, editor)  # already approved
    trainer.status = Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.approve_trainer(trainer, member)
    assert services.TRAINER_REVIEW.available(editor, trainer) == ["approve", "reject"]
    assert services.TRAINER_REVIEW.available(trainer.user, trainer) == []


# Permissions per role


@pytest.mark.parametrize(
    ("role", "sees_applied", "edits", "contacts"),
    [
        ("anonymous", False, False, False),
        ("member", False, False, True),
        ("company_admin", False, False, True),
        ("editor", True, False, True),
        ("trainer", False, False, False),  # Tina: another trainer to Olle; never writes herself
        ("applicant", True, True, True),  # Olle himself, on his own application
    ],
)
def test_permissions_per_role(request, trainer, other_trainer, role, sees_applied, edits, contacts):
    users = {
        "anonymous": AnonymousUser(),
        "member": request.getfixturevalue("member"),
        "company_admin": request.getfixturevalue("company_admin"),
        "editor": request.getfixturevalue("editor"),
        "trainer": trainer.user,
        "applicant": other_trainer.user,
    }
    user = users[role]
    assert permissions.can_see_trainer(user, other_trainer) is sees_applied
    assert permissions.can_see_trainer(user, trainer) is True
    assert permissions.can_edit_trainer(user, other_trainer) is edits
    assert permissions.can_edit_trainer(user, trainer) is (role == "trainer")
    # Nobody writes to an application; anyone signed in but Tina writes to Tina.
    assert permissions.can_contact_trainer(user, other_trainer) is False
    assert permissions.can_contact_trainer(user, trainer) is contacts
    # The queryset form agrees with the object form.
    visible = set(Trainer.objects.visible_to(user).values_list("pk", flat=True))
    assert visible == {
        t.pk for t in (trainer, other_trainer) if permissions.can_see_trainer(user, t)
    }


def test_another_trainer_cannot_edit_a_profile(client, trainer, other_trainer):
    client.force_login(other_trainer.user)
    url = f"/utbildare/{trainer.slug}/redigera/"
    assert client.get(url).status_code == 403
    assert client.post(url, application(name="Kapad")).status_code == 403
    trainer.refresh_from_db()
    assert trainer.name == "Tinas utbildning"


def test_the_trainer_edits_their_own_profile(client, trainer):
    client.force_login(trainer.user)
    response = client.post(
        f"/utbildare/{trainer.slug}/redigera/", application(name="Tinas nya namn")
    )
    assert (response.status_code, response["Location"]) == (302, trainer.get_absolute_url())
    trainer.refresh_from_db()
    assert (trainer.name, trainer.status, trainer.slug) == (
        "Tinas nya namn",
        Status.PUBLISHED,
        "tinas-utbildning",
    )
    assert trainer.languages == ["svenska", "arabiska"]


# Contact through the portal


def test_contact_mails_the_trainer_without_showing_the_address(
    client, member, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(trainer.get_absolute_url()).content.decode()
    assert trainer.contact_email not in page
    client.force_login(member)
    assert (
        trainer.contact_email
        not in client.get(f"/utbildare/{trainer.slug}/kontakt/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/utbildare/{trainer.slug}/kontakt/",
            {"subject": "Hygienkurs", "message": "Kan ni komma till caféet i mars?"},
        )
    assert (response.status_code, response["Location"]) == (302, trainer.get_absolute_url())
    [message] = mailoutbox
    assert message.to == [trainer.contact_email]
    assert message.subject.endswith("Meddelande via Kompetenshandboken: Hygienkurs")
    assert "Kan ni komma till caféet i mars?" in message.body
    assert member.email in message.body


def test_contact_refuses_personal_data_and_keeps_the_text(client, member, trainer, mailoutbox):
    client.force_login(member)
    response = client.post(
        f"/utbildare/{trainer.slug}/kontakt/",
        {"subject": "Fråga", "message": "Ring Anna på 070-123 45 67."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ta bort telefonnummer ”070-123 45 67”." in html
    assert "Ring Anna på 070-123 45 67." in html
    assert mailoutbox == []


def test_contact_is_rate_limited(client, member, trainer, settings):
    settings.RATELIMIT_TRAINER_CONTACT = 2
    client.force_login(member)
    url = f"/utbildare/{trainer.slug}/kontakt/"
    data = {"subject": "Fråga", "message": "Hej!"}
    assert [client.post(url, data).status_code for _ in range(3)] == [302, 302, 429]


# The directory


def test_directory_lists_approved_profiles_with_facet_counts(client, trainer, other_trainer):
    make_trainer(
        UserFactory(),
        "Digitala steg",
        kind="konsult",
        counties=["skane"],
        formats=["digitalt"],
        areas=["digital-kompetens"],
    )
    response = client.get("/utbildare/?lan=skane")
    assert response.status_code == 200
    names = [t.name for t in response.context["trainers"]]
    assert names == ["Digitala steg", "Tinas utbildning"]
    facets = {f.param: {o.value: o.count for o in f.options} for f in response.context["facets"]}
    # County counts ignore the county filter itself; the others apply it.
    assert facets["lan"]["orebro"] == 1 and facets["lan"]["skane"] == 2
    assert facets["typ"] == {
        "studieforbund": 1,
        "vuxenutbildning": 0,
        "konsult": 1,
        "annat-asf": 0,
        "annan": 0,
    }
    assert facets["omrade"]["handledning"] == 1 and facets["omrade"]["digital-kompetens"] == 1
    # Olle's application is nowhere.
    assert "Olles kurser" not in response.content.decode()
    response = client.get("/utbildare/?lan=skane&form=digitalt&lan=okand")
    assert [t.name for t in response.context["trainers"]] == ["Digitala steg"]
    assert [a.value_label for a in response.context["active_filters"]] == ["Skåne län", "Digitalt"]


@pytest.mark.parametrize("size", [1, 25])
def test_directory_query_count_is_constant_and_pages(client, django_assert_num_queries, size):
    for n in range(size):
        make_trainer(UserFactory(), f"Utbildare {n:02d}")
    # the site version (page cache), areas, the profiles' facet values, their areas, the
    # matching ids in order, the page of profiles, their areas
    with django_assert_num_queries(7):
        response = client.get("/utbildare/")
    assert response.context["total"] == size
    assert len(response.context["trainers"]) == min(size, 20)
    if size > 20:
        second = client.get("/utbildare/?sida=2")
        assert [t.name for t in second.context["trainers"]] == [
            f"Utbildare {n:02d}" for n in range(20, size)
        ]


# Reports that name a trainer, and the method page


def test_profile_shows_reports_naming_it_and_their_average(client, trainer):
    method = MethodFactory(title="Visa gör öva")
    ExperienceReportFactory(method=method, trainer=trainer, recommend_score=5, title="Bra kurs")
    ExperienceReportFactory(method=method, trainer=trainer, recommend_score=4, title="Lärorikt")
    ExperienceReportFactory(method=method, trainer=trainer, recommend_score=1, status=Status.DRAFT)
    response = client.get(trainer.get_absolute_url())
    stats = response.context["report_stats"]
    assert (stats["count"], stats["average_score"]) == (2, 4.5)
    html = response.content.decode()
    assert "4,5 av 5 i genomsnitt" in html
    assert sorted(r.title for r in response.context["reports"]) == ["Bra kurs", "Lärorikt"]


def test_report_form_offers_only_approved_trainers(client, member, company, trainer, other_trainer):
    client.force_login(member)
    method = MethodFactory()
    form = client.get(f"/foretag/{company.slug}/rapporter/ny/").context["form"]
    assert list(form.fields["trainer"].queryset) == [trainer]
    data = {
        "method": method.pk,
        "title": "Med utbildare",
        "period_start": "2026-01-12",
        "context": "Caféet.",
        "recommend_score": "4",
        "trainer": trainer.pk,
    }
    assert client.post(f"/foretag/{company.slug}/rapporter/ny/", data).status_code == 302
    assert company.experience_reports.get().trainer == trainer
    response = client.post(
        f"/foretag/{company.slug}/rapporter/ny/", {**data, "trainer": other_trainer.pk}
    )
    assert response.status_code == 400


def test_method_page_lists_approved_trainers_who_run_it(client, trainer, other_trainer):
    method = MethodFactory(title="Språkombud")
    trainer.methods.add(method)
    other_trainer.methods.add(method)
    html = client.get(method.get_absolute_url()).content.decode()
    assert "Utbildare som arbetar med metoden" in html
    assert f'<a href="{trainer.get_absolute_url()}">Tinas utbildning</a>' in html
    assert "Olles kurser" not in html
    bare = MethodFactory(title="Utan utbildare")
    assert (
        "Utbildare som arbetar med metoden"
        not in client.get(bare.get_absolute_url()).content.decode()
    )


def test_personal_data_export_holds_the_trainer_profile(trainer):
    data = personal_data(trainer.user)["trainer_profile"]
    assert (data["name"], data["contact_email"]) == ("Tinas utbildning", trainer.contact_email)
    assert personal_data(UserFactory())["trainer_profile"] is None


def test_demo_content_loads_six_pages_and_six_trainers_twice_without_duplicates():

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert TrainerGuidePage.objects.count() == 6
    assert Trainer.objects.approved().count() == 6
    bron = Trainer.objects.get(slug="studieforbundet-bron")
    assert bron.competence_areas.count() == 3 and bron.methods.count() == 3
    page = TrainerGuidePage.objects.get(phase__slug="efterarbete")
    assert "<h2>Din del i efterarbetet</h2>" in page.text_html


@pytest.mark.parametrize("size", [1, 6])
def test_profile_query_count_is_constant(client, django_assert_num_queries, trainer, size):
    methods = MethodFactory.create_batch(size)
    trainer.methods.set(methods)
    for method in methods:
        ExperienceReportFactory(method=method, trainer=trainer)
    # the site version (page cache), the profile, its areas, its methods, the reports' count
    # and average, the latest reports with their companies and methods, its films (material)
    with django_assert_num_queries(7):
        response = client.get(trainer.get_absolute_url())
    assert len(response.context["methods"]) == size
    assert response.context["report_stats"]["count"] == size


def test_a_changed_profile_retires_the_cached_directory(client, trainer):
    assert "Tinas utbildning" in client.get("/utbildare/").content.decode()
    trainer.name = "Tinas nya utbildning"
    trainer.save()
    assert "Tinas nya utbildning" in client.get("/utbildare/").content.decode()


def test_directory_leads_each_visitor_to_applying_or_to_their_profile(client, member, trainer):
    assert (
        '<a href="/utbildare/anmal/">Anmäl dig som utbildare</a>'
        in client.get("/utbildare/").content.decode()
    )
    client.force_login(member)
    assert (
        '<a href="/utbildare/anmal/">Anmäl dig som utbildare</a>'
        in client.get("/utbildare/").content.decode()
    )
    client.force_login(trainer.user)
    html = client.get("/utbildare/").content.decode()
    assert '<a href="/utbildare/min-profil/">Din utbildarprofil</a>' in html
    assert "/utbildare/anmal/" not in html


def test_a_published_report_links_its_approved_trainer_on_the_method_page(
    client, trainer, other_trainer
):
    method = MethodFactory(title="Med utbildare")
    ExperienceReportFactory(method=method, trainer=trainer, used_external_trainer=True)
    ExperienceReportFactory(method=method, trainer=other_trainer, used_external_trainer=True)
    html = client.get(method.get_absolute_url()).content.decode()
    assert f'<p><a href="{trainer.get_absolute_url()}">Tinas utbildning</a></p>' in html
    # An application not approved is not named.
    assert "Olles kurser" not in html
