"""Who may do what: every page and action of the site against every kind of visitor.

One row per view or action, one column per role. The roles:

    anonymous      not signed in
    member         member of company A; the author of the methods, comments and reports below
    stranger       member of another company, B
    company_admin  the only administrator of company A
    editor         in the editors' group (not staff)
    superuser      a superuser (an editor too)

A cell is the status code the app answers with, or LOGIN for a redirect to the login page
(which comes back afterwards), or ADMIN for Django admin's own login page. 302 is any other
redirect: the action was done. What a user may not even know about (someone's draft, a
company's private efforts, a hidden comment) answers 404; known things the user may not touch
answer 403.

A URL or form value in a row is a template filled in from the World below: "{draft.slug}" is
the slug of the member's draft.
"""

# A matrix reads best one row per line, however long the row: as for methods/diff.py's table.
# ruff: noqa: E501

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from django.utils import timezone
from PIL import Image

from accounts.models import User
from companies import efforts as effort_services
from companies.models import Company, Effort, ExperienceReport, Invitation, Membership, Question
from material.models import Film, MaterialLink
from material.services import add_attachment, add_film, add_link
from methods import services
from methods.choices import CommentState, Status
from methods.models import ChecklistItem, Comment, CompetenceArea, Method
from tests.conftest import module_world
from tests.factories import (
    PASSWORD,
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
    make_editor,
)
from tests.material.test_attachments import PDF
from tests.material.test_films import WEBM
from tests.trainers.helpers import make_guide_page, make_trainer
from trainers.models import Trainer, TrainerGuidePage

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "stranger", "company_admin", "editor", "superuser")
LOGIN = "login"
ADMIN = "admin-login"
# allauth asks for the password again before security settings change (two-factor setup).
REAUTH = "reauthenticate"
# Straight to the login page, no ?next=: there is no login in progress to return to.
LOGIN_START = "login-start"

# Common rows of the matrix, in the order of ROLES.
ALL_200 = (200, 200, 200, 200, 200, 200)
ALL_404 = (404, 404, 404, 404, 404, 404)
ALL_405 = (405, 405, 405, 405, 405, 405)
ALL_302 = (302, 302, 302, 302, 302, 302)
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200)
SIGNED_IN_DONE = (LOGIN, 302, 302, 302, 302, 302)
SIGNED_IN_400 = (LOGIN, 400, 400, 400, 400, 400)
SIGNED_IN_405 = (LOGIN, 405, 405, 405, 405, 405)
SIGNED_IN_404 = (LOGIN, 404, 404, 404, 404, 404)
SIGNED_IN_REAUTH = (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH)
EDITORS = (LOGIN, 403, 403, 403, 200, 200)
EDITORS_DONE = (LOGIN, 403, 403, 403, 302, 302)
EDITORS_400 = (LOGIN, 403, 403, 403, 400, 400)
# The member's unpublished method: its author and the editors; nobody else learns it exists.
AUTHOR_SEES = (404, 200, 404, 404, 200, 200)
AUTHOR_EDITS = (LOGIN, 200, 404, 404, 200, 200)
AUTHOR_DONE = (LOGIN, 302, 404, 404, 302, 302)
# Company A's administration: its administrators only, not even superusers (they use admin).
ADMINS = (LOGIN, 403, 403, 200, 403, 403)
ADMINS_DONE = (LOGIN, 403, 403, 302, 403, 403)
# Company A's efforts are private: its members and the editors.
MEMBERS = (LOGIN, 200, 404, 200, 200, 200)
MEMBERS_DONE = (LOGIN, 302, 404, 302, 302, 302)
# Company A's experience reports: its members and the editors write them.
WRITERS = (LOGIN, 200, 403, 200, 200, 200)
WRITERS_DONE = (LOGIN, 302, 403, 302, 302, 302)


@dataclass
class World:
    """Company A with its member and admin, company B with the stranger; the member's
    published method, draft, submitted method, comments and experience reports, an effort of
    company A, invitations, and a method and a comment in the recycle bin."""

    users: dict[str, User | None]
    company: Company
    other_company: Company
    membership: Membership
    foreign_membership: Membership
    published: Method
    draft: Method
    submitted: Method
    binned_method: Method
    comment: Comment
    hidden_comment: Comment
    binned_comment: Comment
    invitation: Invitation
    used_invitation: Invitation
    report_draft: ExperienceReport
    report_submitted: ExperienceReport
    report_published: ExperienceReport
    effort: Effort
    checklist_key: str
    question: Question  # the stranger's question to company A
    trainer_approved: Trainer  # the member's own profile
    trainer_submitted: Trainer  # the stranger's application
    trainer_guide: TrainerGuidePage
    area_pk: int
    film: Film | None = None  # uploaded, on the published method
    draft_film: Film | None = None  # on the member's draft
    trainer_film: Film | None = None  # on the member's approved trainer profile
    draft_link: MaterialLink | None = None  # a link to material on the member's draft
    attachment: MaterialLink | None = None  # a PDF attached to the published method
    draft_attachment: MaterialLink | None = None  # and one on the member's draft


def new_effort(company: Company, by: User) -> Effort:
    def save(effort: Effort) -> None:
        effort.title = "Hygienlyftet"
        effort.save()

    return effort_services.create_effort(company, by, save)


def build_world() -> World:
    member = UserFactory(display_name="Mira Medlem")
    company = CompanyFactory(name="Kafé A")
    membership = MembershipFactory(user=member, company=company, role="member")
    company_admin = UserFactory(display_name="Ada Admin")
    MembershipFactory(user=company_admin, company=company, role="admin")
    stranger = UserFactory(display_name="Sam Främling")
    foreign_membership = MembershipFactory(user=stranger, company=CompanyFactory(name="Kafé B"))
    editor = make_editor(display_name="Eva Redaktör")
    superuser = UserFactory(display_name="Super", is_staff=True, is_superuser=True)

    published = MethodFactory(
        title="Publicerad metod", author=member, company=company, published_at=timezone.now()
    )
    services.record_revision(published, member, "Publicerad")
    # A later version that was never published (as a working draft of the same row would be).
    draft_revision = services.record_revision(published, member, "Utkast")
    draft_revision.snapshot = {**draft_revision.snapshot, "status": Status.DRAFT}
    draft_revision.save()
    binned_method = MethodFactory(title="Borttagen metod", author=member, status=Status.DRAFT)
    services.move_to_bin(binned_method, editor)
    binned_comment = Comment.objects.create(method=published, author=member, body="Borta.")
    services.move_to_bin(binned_comment, editor)

    def report(status: str) -> ExperienceReport:
        return ExperienceReportFactory(
            company=company, author=member, method=published, status=status
        )

    world = World(
        users={
            "anonymous": None,
            "member": member,
            "stranger": stranger,
            "company_admin": company_admin,
            "editor": editor,
            "superuser": superuser,
        },
        company=company,
        other_company=foreign_membership.company,
        membership=membership,
        foreign_membership=foreign_membership,
        published=published,
        draft=MethodFactory(title="Medlemmens utkast", author=member, status=Status.DRAFT),
        submitted=MethodFactory(title="Inskickad metod", author=member, status=Status.SUBMITTED),
        binned_method=binned_method,
        comment=Comment.objects.create(method=published, author=member, body="Bra metod."),
        hidden_comment=Comment.objects.create(
            method=published, author=member, body="Dold.", state=CommentState.HIDDEN
        ),
        binned_comment=binned_comment,
        invitation=Invitation.objects.create(company=company, email="ny@example.org"),
        used_invitation=Invitation.objects.create(
            company=company, email="gammal@example.org", accepted_at=timezone.now()
        ),
        report_draft=report(Status.DRAFT),
        report_submitted=report(Status.SUBMITTED),
        report_published=report(Status.PUBLISHED),
        effort=new_effort(company, member),
        checklist_key=f"checklist:{ChecklistItem.objects.first().pk}",
        question=Question.objects.create(company=company, asker=stranger, body="Hur gjorde ni?"),
        trainer_approved=make_trainer(member, "Medlemmens utbildning"),
        trainer_submitted=make_trainer(stranger, "Främlingens ansökan", Status.SUBMITTED),
        trainer_guide=make_guide_page("forankring"),
        area_pk=CompetenceArea.objects.get(slug="handledning").pk,
    )
    add_films(world)
    return world


def add_films(world: World) -> None:
    member = world.users["member"]
    world.film = add_film(
        world.published, member, title="Filmen", minutes=2,
        upload=SimpleUploadedFile("f.webm", WEBM), content_type="video/webm",
        captions="WEBVTT\n\n00:01.000 --> 00:02.000\nHej\n", captions_text="Hej",
    )  # fmt: skip
    world.draft_film = add_film(
        world.draft, member, title="Utkastets film", minutes=3,
        url="https://vimeo.com/123", embed_url="https://player.vimeo.com/video/123",
    )  # fmt: skip
    world.trainer_film = add_film(
        world.trainer_approved, member, title="Utbildarens film", minutes=4,
        url="https://vimeo.com/321", embed_url="https://player.vimeo.com/video/321",
    )  # fmt: skip
    world.draft_link = add_link(
        world.draft, member, kind="report", title="Rapporten", url="https://example.org/r",
        description="En rapport.",
    )  # fmt: skip
    world.attachment, world.draft_attachment = (
        add_attachment(
            owner,
            member,
            kind="report",
            title="Bilagan",
            description="En PDF.",
            upload=SimpleUploadedFile("b.pdf", PDF),
            content_type="application/pdf",
        )  # fmt: skip
        for owner in (world.published, world.draft)
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the whole matrix, like TestCase.setUpTestData: the rows are written in a
    transaction that stays open, each test runs in a savepoint inside it (pytest-django's
    atomic block per test) and is rolled back to this state, and the module's end rolls it all
    back. Some eight hundred cells would otherwise each build it again."""
    with module_world(build_world, django_db_blocker, tmp_path_factory) as world:
        yield world


def png() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(data, "PNG")
    return SimpleUploadedFile("bild.png", data.getvalue(), content_type="image/png")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str  # a template: "{draft.slug}" is the slug of World.draft
    expected: tuple  # one cell per role, in the order of ROLES
    data: dict = field(default_factory=dict)  # keys and values are templates too

    def fill(self, world: World) -> tuple[str, dict]:
        values = vars(world)
        data = {
            key.format(**values): value() if callable(value) else str(value).format(**values)
            for key, value in self.data.items()
        }
        return self.url.format(**values), data


BASICS = {
    "title": "Ny metod från matrisen",
    "summary": "Handledaren visar. Deltagaren gör.",
    "learning_form": "i-arbetet",
    "target_roles": "deltagare",
}
EASY_READ = {"version": "{draft.version}", "easy_read": "Du gör. Vi pratar."}
COMPANY_PROFILE = {
    "name": "{company.name}",
    "org_number": "{company.org_number}",
    "legal_form": "{company.legal_form}",
    "municipality": "{company.municipality}",
    "county": "{company.county}",
}
REPORT_DRAFT = {
    "method": "{published.pk}",
    "title": "Hygien i caféet",
    "period_start": "2026-01-12",
    "context": "Caféet, fyra nya deltagare.",
    "recommend_score": "4",
}
TRAINER_GUIDE = {"summary": "Planera.", "text": "Planera med handledaren.", "easy_read": "Planera."}
TRAINER_APPLICATION = {
    "name": "Lärande Verkstan",
    "entity": "organisation",
    "kind": "studieforbund",
    "summary": "Studiecirklar i svenska på jobbet.",
    "competence_areas": "{area_pk}",
    "counties": "orebro",
    "languages": "svenska",
    "formats": "pa-plats",
    "contact_email": "verkstan@example.org",
}
A = "/foretag/{company.slug}"
B = "/foretag/{other_company.slug}"
EFFORT = A + "/insatser/{effort.pk}"
REPORTS = "/foretag/redaktion/rapporter"
REVIEW = "/redaktion/granska"
BIN = "/redaktion/papperskorg"

# fmt: off
CASES = [
    # name                            method  url template                          (anonymous, member, stranger, company_admin, editor, superuser)
    # Reading
    Case("home",                      "GET",  "/",                                  ALL_200),
    Case("home-post",                 "POST", "/",                                  ALL_405),
    Case("phase",                     "GET",  "/fas/forankring/",                   ALL_200),
    Case("method-list",               "GET",  "/metoder/",                          ALL_200),
    Case("search",                    "GET",  "/sok/?q=metod",                      ALL_200),
    Case("accessibility-statement",   "GET",  "/tillganglighet/",                   ALL_200),
    # The read API: anonymous-public, the same answer for everyone, signed in or not; nothing
    # unpublished, not even for its author or the editors.
    Case("api-index",                 "GET",  "/api/v1/",                           ALL_200),
    Case("api-phases",                "GET",  "/api/v1/phases/",                    ALL_200),
    Case("api-phase",                 "GET",  "/api/v1/phases/forankring/",          ALL_200),
    Case("api-methods",               "GET",  "/api/v1/methods/?fas=genomforande",  ALL_200),
    Case("api-methods-post",          "POST", "/api/v1/methods/",                   ALL_405),
    Case("api-method",                "GET",  "/api/v1/methods/{published.slug}/",  ALL_200),
    Case("api-method-draft",          "GET",  "/api/v1/methods/{draft.slug}/",      ALL_404),
    Case("api-method-submitted",      "GET",  "/api/v1/methods/{submitted.slug}/",  ALL_404),
    Case("api-method-binned",         "GET",  "/api/v1/methods/{binned_method.slug}/", ALL_404),
    Case("api-companies",             "GET",  "/api/v1/companies/",                 ALL_200),
    Case("api-company",               "GET",  "/api/v1/companies/{company.slug}/",  ALL_200),
    Case("api-reports",               "GET",  "/api/v1/reports/",                   ALL_200),
    Case("api-report",                "GET",  "/api/v1/reports/{report_published.pk}/", ALL_200),
    Case("api-report-draft",          "GET",  "/api/v1/reports/{report_draft.pk}/",  ALL_404),
    Case("api-report-submitted",      "GET",  "/api/v1/reports/{report_submitted.pk}/", ALL_404),
    Case("api-trainers",              "GET",  "/api/v1/trainers/",                  ALL_200),
    Case("api-trainers-post",         "POST", "/api/v1/trainers/",                  ALL_405),
    Case("api-trainer",               "GET",  "/api/v1/trainers/{trainer_approved.slug}/", ALL_200),
    # An application is the editors' and its owner's on the site; never the API's.
    Case("api-trainer-applied",       "GET",  "/api/v1/trainers/{trainer_submitted.slug}/", ALL_404),
    Case("api-schema",                "GET",  "/api/v1/schema/",                    ALL_200),
    Case("api-docs",                  "GET",  "/api/v1/docs/",                      ALL_200),
    Case("api-open-data",             "GET",  "/api/v1/oppna-data.zip",             ALL_200),
    Case("api-open-data-post",        "POST", "/api/v1/oppna-data.zip",             ALL_405),
    Case("choose-language",           "GET",  "/sprak/en/?next=/metoder/",          ALL_302),
    Case("choose-language-post",      "POST", "/sprak/en/",                         ALL_405),
    Case("unknown-language",          "GET",  "/sprak/fi/",                         ALL_404),
    Case("published-method",          "GET",  "/metoder/{published.slug}/",         ALL_200),
    Case("draft",                     "GET",  "/metoder/{draft.slug}/",             AUTHOR_SEES),
    Case("submitted-method",          "GET",  "/metoder/{submitted.slug}/",         AUTHOR_SEES),
    Case("binned-method",             "GET",  "/metoder/{binned_method.slug}/",     ALL_404),
    Case("unknown-method",            "GET",  "/metoder/finns-inte/",               ALL_404),
    Case("published-card",            "GET",  "/metoder/{published.slug}/kort/",    ALL_200),
    Case("draft-card",                "GET",  "/metoder/{draft.slug}/kort/",        AUTHOR_SEES),
    Case("published-pdf",             "GET",  "/metoder/{published.slug}.pdf",      ALL_200),
    Case("draft-pdf",                 "GET",  "/metoder/{draft.slug}.pdf",          AUTHOR_SEES),
    Case("handbook-pdf",              "GET",  "/handbok.pdf",                       ALL_200),
    Case("feed",                      "GET",  "/flode/metoder.atom",                ALL_200),
    Case("feed-post",                 "POST", "/flode/metoder.atom",                ALL_405),
    Case("phase-feed",                "GET",  "/flode/fas/forankring.atom",         ALL_200),
    Case("area-feed",                 "GET",  "/flode/omrade/handledning.atom",     ALL_200),
    # Films (material)
    Case("film-video",                "GET",  "/filmer/{film.pk}/film",             ALL_200),
    Case("film-video-post",           "POST", "/filmer/{film.pk}/film",             ALL_405),
    Case("film-captions",             "GET",  "/filmer/{film.pk}/textning.vtt",     ALL_200),
    Case("draft-film-captions",       "GET",  "/filmer/{draft_film.pk}/textning.vtt", ALL_404),
    Case("draft-film-video",          "GET",  "/filmer/{draft_film.pk}/film",       ALL_404),
    Case("published-method-films",    "GET",  "/metoder/{published.slug}/filmer/",  (LOGIN, 200, 403, 403, 200, 200)),
    Case("draft-method-films",        "GET",  "/metoder/{draft.slug}/filmer/",      AUTHOR_EDITS),
    Case("draft-method-film-add",     "POST", "/metoder/{draft.slug}/filmer/",      AUTHOR_DONE, {"source": "lank", "title": "Ny film", "minutes": "3", "url": "https://vimeo.com/456"}),
    Case("phase-films",               "GET",  "/fas/forankring/filmer/",            EDITORS),
    Case("phase-film-add",            "POST", "/fas/forankring/filmer/",            EDITORS_DONE, {"source": "lank", "title": "Ny film", "minutes": "3", "url": "https://vimeo.com/456"}),
    Case("film-remove",               "POST", "/filmer/{draft_film.pk}/ta-bort/",   AUTHOR_DONE),
    Case("published-film-remove",     "POST", "/filmer/{film.pk}/ta-bort/",         (LOGIN, 302, 403, 403, 302, 302)),
    Case("film-remove-get",           "GET",  "/filmer/{film.pk}/ta-bort/",         SIGNED_IN_405),
    Case("published-method-links",    "GET",  "/metoder/{published.slug}/lankar/",  (LOGIN, 200, 403, 403, 200, 200)),
    Case("draft-method-links",        "GET",  "/metoder/{draft.slug}/lankar/",      AUTHOR_EDITS),
    Case("draft-method-link-add",     "POST", "/metoder/{draft.slug}/lankar/",      AUTHOR_DONE, {"kind": "site", "title": "Sidan", "url": "https://example.org/", "description": "Om sidan."}),
    Case("link-remove",               "POST", "/lankar/{draft_link.pk}/ta-bort/",   AUTHOR_DONE),
    Case("link-remove-get",           "GET",  "/lankar/{draft_link.pk}/ta-bort/",   SIGNED_IN_405),
    Case("dead-links",                "GET",  "/redaktion/doda-lankar/",            EDITORS),
    Case("published-method-attachments", "GET", "/metoder/{published.slug}/bilagor/", (LOGIN, 200, 403, 403, 200, 200)),
    Case("draft-method-attachments",  "GET",  "/metoder/{draft.slug}/bilagor/",     AUTHOR_EDITS),
    Case("draft-method-attach",       "POST", "/metoder/{draft.slug}/bilagor/",     AUTHOR_DONE, {"kind": "guide", "title": "Mall", "description": "En mall.", "file": lambda: SimpleUploadedFile("m.pdf", PDF)}),
    Case("attachment",                "GET",  "/bilagor/{attachment.pk}/",          ALL_200),
    Case("draft-attachment",          "GET",  "/bilagor/{draft_attachment.pk}/",    AUTHOR_SEES),
    Case("attachment-post",           "POST", "/bilagor/{attachment.pk}/",          ALL_405),
    # Sharing and editing methods
    Case("new-method",                "GET",  "/metoder/ny/",                       SIGNED_IN),
    Case("new-method-save",           "POST", "/metoder/ny/",                       SIGNED_IN_DONE, BASICS),
    Case("new-method-invalid",        "POST", "/metoder/ny/",                       SIGNED_IN_400, {"title": ""}),
    Case("edit-draft",                "GET",  "/metoder/{draft.slug}/redigera/",    (LOGIN, 302, 404, 404, 302, 302)),
    # A published method is edited through a working copy: its author and the editors.
    # GET asks first (a GET changes nothing); the POST of that page starts the working copy.
    Case("edit-published",            "GET",  "/metoder/{published.slug}/redigera/", (LOGIN, 200, 403, 403, 200, 200)),
    Case("edit-published-start",      "POST", "/metoder/{published.slug}/redigera/", (LOGIN, 302, 403, 403, 302, 302)),
    Case("edit-step-basics",          "GET",  "/metoder/{draft.slug}/redigera/grund/", AUTHOR_EDITS),
    Case("edit-step-phases",          "GET",  "/metoder/{draft.slug}/redigera/faser/", AUTHOR_EDITS),
    Case("edit-step-practical",       "GET",  "/metoder/{draft.slug}/redigera/praktiskt/", AUTHOR_EDITS),
    Case("edit-step-easy-read",       "GET",  "/metoder/{draft.slug}/redigera/lattlast/", AUTHOR_EDITS),
    Case("edit-step-easy-read-save",  "POST", "/metoder/{draft.slug}/redigera/lattlast/", AUTHOR_DONE, EASY_READ),
    Case("edit-step-preview",         "GET",  "/metoder/{draft.slug}/redigera/granska/", AUTHOR_EDITS),
    Case("edit-step-unknown",         "GET",  "/metoder/{draft.slug}/redigera/okant/", (LOGIN, 404, 404, 404, 404, 404)),
    # Under review: no longer the author's to change.
    Case("edit-step-submitted",       "GET",  "/metoder/{submitted.slug}/redigera/grund/", (LOGIN, 403, 404, 404, 200, 200)),
    Case("edit-step-published",       "GET",  "/metoder/{published.slug}/redigera/grund/", (LOGIN, 302, 403, 403, 302, 302)),
    Case("submit-draft",              "POST", "/metoder/{draft.slug}/skicka-in/",   AUTHOR_DONE),
    Case("submit-draft-get",          "GET",  "/metoder/{draft.slug}/skicka-in/",   SIGNED_IN_405),
    # Already submitted: the author is refused; an editor gets the page again with the reason.
    Case("submit-submitted",          "POST", "/metoder/{submitted.slug}/skicka-in/", (LOGIN, 403, 404, 404, 400, 400)),
    # The editors' desk
    Case("editorial-dashboard",       "GET",  "/redaktion/",                        EDITORS),
    Case("overview",                  "GET",  "/redaktion/oversikt/",               EDITORS),
    Case("overview-csv",              "GET",  "/redaktion/oversikt/?csv=faser",     EDITORS),
    Case("overview-unknown-csv",      "GET",  "/redaktion/oversikt/?csv=okand",     (LOGIN, 403, 403, 403, 404, 404)),
    Case("review",                    "GET",  REVIEW + "/{submitted.slug}/",        EDITORS),
    Case("review-unknown",            "GET",  REVIEW + "/finns-inte/",              (LOGIN, 403, 403, 403, 404, 404)),
    Case("publish",                   "POST", REVIEW + "/{submitted.slug}/publicera/", EDITORS_DONE),
    Case("publish-get",               "GET",  REVIEW + "/{submitted.slug}/publicera/", (LOGIN, 403, 403, 403, 405, 405)),
    Case("publish-published",         "POST", REVIEW + "/{published.slug}/publicera/", EDITORS_400),
    Case("request-changes",           "POST", REVIEW + "/{submitted.slug}/andringar/", EDITORS_DONE, {"meddelande": "Mer!"}),
    Case("request-changes-empty",     "POST", REVIEW + "/{submitted.slug}/andringar/", EDITORS_400),
    Case("archive",                   "POST", REVIEW + "/{published.slug}/arkivera/", EDITORS_DONE, {"reason": "Ersatt av en nyare metod."}),
    Case("archive-without-reason",    "POST", REVIEW + "/{published.slug}/arkivera/", EDITORS_400),
    Case("archive-draft",             "POST", REVIEW + "/{draft.slug}/arkivera/",   EDITORS_400),
    Case("history-published",         "GET",  "/metoder/{published.slug}/historik/", ALL_200),
    Case("history-draft",             "GET",  "/metoder/{draft.slug}/historik/",    AUTHOR_SEES),
    # Readers get only versions that were published; any other number answers 404.
    Case("history-published-revision", "GET", "/metoder/{published.slug}/historik/?till=1", ALL_200),
    Case("history-unpublished-revision", "GET", "/metoder/{published.slug}/historik/?till=2", AUTHOR_SEES),
    Case("history-unpublished-from",  "GET",  "/metoder/{published.slug}/historik/?fran=2&till=1", AUTHOR_SEES),
    Case("history-unknown-revision",  "GET",  "/metoder/{published.slug}/historik/?till=99", ALL_404),
    Case("restore-revision",          "POST", "/metoder/{published.slug}/historik/1/aterstall/", EDITORS_DONE),
    Case("restore-unknown-revision",  "POST", "/metoder/{published.slug}/historik/99/aterstall/", (LOGIN, 403, 403, 403, 404, 404)),
    Case("audit-log",                 "GET",  "/metoder/{published.slug}/logg/",    EDITORS),
    # Comments: the member's, on the member's published method
    Case("comment-create",            "POST", "/metoder/{published.slug}/kommentarer/", SIGNED_IN_DONE, {"body": "Tack!"}),
    Case("comment-create-invalid",    "POST", "/metoder/{published.slug}/kommentarer/", SIGNED_IN_400, {"body": ""}),
    Case("comment-create-get",        "GET",  "/metoder/{published.slug}/kommentarer/", ALL_405),
    Case("comment-create-on-draft",   "POST", "/metoder/{draft.slug}/kommentarer/", (LOGIN, 404, 404, 404, 404, 404), {"body": "Tack!"}),
    # Only its author edits a comment; the editors hide or delete it instead.
    Case("comment-edit",              "GET",  "/kommentarer/{comment.pk}/redigera/", (LOGIN, 200, 403, 403, 403, 403)),
    Case("comment-edit-save",         "POST", "/kommentarer/{comment.pk}/redigera/", (LOGIN, 302, 403, 403, 403, 403), {"body": "Ny."}),
    Case("comment-delete",            "POST", "/kommentarer/{comment.pk}/ta-bort/", (LOGIN, 302, 403, 403, 302, 302)),
    Case("comment-delete-get",        "GET",  "/kommentarer/{comment.pk}/ta-bort/", ALL_405),
    Case("comment-report",            "GET",  "/kommentarer/{comment.pk}/anmal/",   (LOGIN, 403, 200, 200, 200, 200)),
    Case("comment-report-send",       "POST", "/kommentarer/{comment.pk}/anmal/",   (LOGIN, 403, 302, 302, 302, 302), {"reason": "Reklam."}),
    Case("comment-hide",              "POST", "/kommentarer/{comment.pk}/dolj/",    EDITORS_DONE),
    Case("comment-show",              "POST", "/kommentarer/{comment.pk}/visa/",    EDITORS_DONE),
    # A hidden comment is gone for everyone but the editors, its author included.
    Case("hidden-comment-show",       "POST", "/kommentarer/{hidden_comment.pk}/visa/", (404, 404, 404, 404, 302, 302)),
    Case("hidden-comment-edit",       "GET",  "/kommentarer/{hidden_comment.pk}/redigera/", (404, 404, 404, 404, 403, 403)),
    Case("hidden-comment-report",     "GET",  "/kommentarer/{hidden_comment.pk}/anmal/", (404, 404, 404, 404, 200, 200)),
    Case("unknown-comment-edit",      "GET",  "/kommentarer/999999/redigera/",      ALL_404),
    Case("comment-moderation",        "GET",  "/redaktion/kommentarer/",            EDITORS),
    Case("comment-moderation-post",   "POST", "/redaktion/kommentarer/",            ALL_405),
    # Deleting and the recycle bin
    Case("delete-draft",              "GET",  "/metoder/{draft.slug}/ta-bort/",     AUTHOR_EDITS),
    Case("delete-draft-confirm",      "POST", "/metoder/{draft.slug}/ta-bort/",     AUTHOR_DONE),
    # Once published, only the editors delete a method, even its author may not.
    Case("delete-published",          "GET",  "/metoder/{published.slug}/ta-bort/", EDITORS),
    Case("delete-published-confirm",  "POST", "/metoder/{published.slug}/ta-bort/", EDITORS_DONE),
    Case("recycle-bin",               "GET",  BIN + "/",                            EDITORS),
    Case("restore-method",            "POST", BIN + "/metoder/{binned_method.pk}/aterstall/", EDITORS_DONE),
    Case("restore-method-get",        "GET",  BIN + "/metoder/{binned_method.pk}/aterstall/", ALL_405),
    Case("restore-method-not-binned", "POST", BIN + "/metoder/{draft.pk}/aterstall/", (LOGIN, 403, 403, 403, 404, 404)),
    Case("restore-comment",           "POST", BIN + "/kommentarer/{binned_comment.pk}/aterstall/", EDITORS_DONE),
    # Companies, members and invitations
    Case("company-list",              "GET",  "/foretag/",                          ALL_200),
    Case("company",                   "GET",  A + "/",                              ALL_200),
    Case("members",                   "GET",  A + "/medlemmar/",                    ADMINS),
    Case("members-of-company-b",      "GET",  B + "/medlemmar/",                    (LOGIN, 403, 403, 403, 403, 403)),
    Case("members-of-unknown",        "GET",  "/foretag/finns-inte/medlemmar/",     (LOGIN, 404, 404, 404, 404, 404)),
    Case("invite",                    "POST", A + "/medlemmar/",                    ADMINS_DONE, {"email": "ny2@example.org", "role": "member"}),
    Case("invite-invalid-address",    "POST", A + "/medlemmar/",                    (LOGIN, 403, 403, 400, 403, 403), {"email": "inte-en-adress"}),
    Case("member-role",               "POST", A + "/medlemmar/{membership.pk}/roll/", ADMINS_DONE, {"m{membership.pk}-role": "admin"}),
    Case("member-role-get",           "GET",  A + "/medlemmar/{membership.pk}/roll/", SIGNED_IN_405),
    # Company B's member cannot be reached through company A's address.
    Case("member-role-of-company-b",  "POST", A + "/medlemmar/{foreign_membership.pk}/roll/", (LOGIN, 403, 403, 404, 403, 403)),
    Case("member-remove",             "POST", A + "/medlemmar/{membership.pk}/ta-bort/", ADMINS_DONE),
    Case("invitation-cancel",         "POST", A + "/inbjudningar/{invitation.pk}/aterkalla/", ADMINS_DONE),
    Case("invitation",                "GET",  "/foretag/inbjudan/{invitation.token}/", ALL_200),
    # Only the invited address (ny@example.org, nobody's here) may accept: tests/companies.
    Case("invitation-accept",         "POST", "/foretag/inbjudan/{invitation.token}/", (LOGIN, 403, 403, 403, 403, 403)),
    Case("invitation-used",           "GET",  "/foretag/inbjudan/{used_invitation.token}/", (410, 410, 410, 410, 410, 410)),
    Case("invitation-unknown",        "GET",  "/foretag/inbjudan/finns-inte/",      ALL_404),
    # The company's own profile and data
    Case("company-edit",              "GET",  A + "/redigera/",                     ADMINS),
    Case("company-edit-save",         "POST", A + "/redigera/",                     ADMINS_DONE, COMPANY_PROFILE),
    Case("company-edit-invalid",      "POST", A + "/redigera/",                     (LOGIN, 403, 403, 400, 403, 403)),
    Case("company-export-json",       "GET",  A + "/export.json",                   ADMINS),
    Case("company-export-zip",        "GET",  A + "/export.zip",                    ADMINS),
    # Efforts
    Case("efforts",                   "GET",  A + "/insatser/",                     MEMBERS),
    Case("efforts-of-company-b",      "GET",  B + "/insatser/",                     (LOGIN, 404, 200, 404, 200, 200)),
    Case("effort-new",                "GET",  A + "/insatser/ny/",                  MEMBERS),
    Case("effort-new-save",           "POST", A + "/insatser/ny/",                  MEMBERS_DONE, {"title": "Nytt lyft"}),
    Case("effort-new-invalid",        "POST", A + "/insatser/ny/",                  (LOGIN, 400, 404, 400, 400, 400), {"title": ""}),
    Case("effort",                    "GET",  EFFORT + "/",                         MEMBERS),
    Case("effort-under-company-b",    "GET",  B + "/insatser/{effort.pk}/",         (LOGIN, 404, 404, 404, 404, 404)),
    Case("effort-check",              "POST", EFFORT + "/bocka/",                   MEMBERS_DONE, {"punkt": "{checklist_key}", "klar": "1"}),
    Case("effort-check-unknown-item", "POST", EFFORT + "/bocka/",                   (LOGIN, 400, 404, 400, 400, 400), {"punkt": "checklist:0"}),
    Case("effort-check-get",          "GET",  EFFORT + "/bocka/",                   SIGNED_IN_405),
    Case("effort-phase",              "POST", EFFORT + "/fas/1/",                   MEMBERS_DONE, {"fas1-notes": "Vi började."}),
    Case("effort-next-phase",         "POST", EFFORT + "/nasta-fas/",               MEMBERS_DONE),
    # Questions between companies: the stranger (company B) asks company A; its admins answer.
    # A company's own people do not ask it; a question is the asker's and the admins' only.
    Case("question-new",              "GET",  A + "/fraga/",                        (LOGIN, 403, 200, 403, 200, 200)),
    Case("question-new-of-company-b", "GET",  B + "/fraga/",                        (LOGIN, 200, 403, 200, 200, 200)),
    Case("question-new-send",         "POST", A + "/fraga/",                        (LOGIN, 403, 302, 403, 302, 302), {"kind": "fraga", "body": "Hur började ni?"}),
    Case("question-new-invalid",      "POST", A + "/fraga/",                        (LOGIN, 403, 400, 403, 400, 400), {"kind": "fraga", "body": ""}),
    Case("questions",                 "GET",  A + "/fragor/",                       ADMINS),
    Case("question",                  "GET",  A + "/fragor/{question.pk}/",         (LOGIN, 404, 200, 200, 404, 404)),
    Case("question-under-company-b",  "GET",  B + "/fragor/{question.pk}/",         SIGNED_IN_404),
    Case("question-answer",           "POST", A + "/fragor/{question.pk}/svara/",   (LOGIN, 404, 403, 302, 404, 404), {"answer": "Så här gjorde vi."}),
    Case("question-answer-invalid",   "POST", A + "/fragor/{question.pk}/svara/",   (LOGIN, 404, 403, 400, 404, 404), {"answer": ""}),
    Case("question-answer-get",       "GET",  A + "/fragor/{question.pk}/svara/",   SIGNED_IN_405),
    # Experience reports
    Case("reports",                   "GET",  A + "/rapporter/",                    WRITERS),
    Case("report-new",                "GET",  A + "/rapporter/ny/",                 WRITERS),
    Case("report-new-save",           "POST", A + "/rapporter/ny/",                 WRITERS_DONE, REPORT_DRAFT),
    Case("report-new-invalid",        "POST", A + "/rapporter/ny/",                 (LOGIN, 400, 403, 400, 400, 400)),
    Case("report-edit-draft",         "GET",  A + "/rapporter/{report_draft.pk}/redigera/", WRITERS),
    # Submitted: members are sent to the list with a message; the editors may still correct it.
    Case("report-edit-submitted",     "GET",  A + "/rapporter/{report_submitted.pk}/redigera/", (LOGIN, 302, 403, 302, 200, 200)),
    Case("report-edit-under-b",       "GET",  B + "/rapporter/{report_draft.pk}/redigera/", (LOGIN, 403, 404, 403, 404, 404)),
    Case("report-queue",              "GET",  REPORTS + "/",                        EDITORS),
    Case("report-review",             "GET",  REPORTS + "/{report_submitted.pk}/",  EDITORS),
    Case("report-publish",            "POST", REPORTS + "/{report_submitted.pk}/publicera/", EDITORS_DONE),
    Case("report-publish-get",        "GET",  REPORTS + "/{report_submitted.pk}/publicera/", (LOGIN, 403, 403, 403, 405, 405)),
    Case("report-request-changes",    "POST", REPORTS + "/{report_submitted.pk}/andringar/", EDITORS_DONE, {"meddelande": "Mer!"}),
    Case("report-archive",            "POST", REPORTS + "/{report_published.pk}/arkivera/", EDITORS_DONE),
    Case("report-archive-draft",      "POST", REPORTS + "/{report_draft.pk}/arkivera/", EDITORS_400),
    # External trainers: the guide, the directory, profiles (the member owns an approved one,
    # the stranger has applied), the contact form and the editors' review
    Case("trainer-guide",             "GET",  "/utbildare/guide/",                  ALL_200),
    Case("trainer-guide-phase",       "GET",  "/utbildare/guide/forankring/",       ALL_200),
    Case("trainer-guide-unknown",     "GET",  "/utbildare/guide/finns-inte/",       ALL_404),
    Case("trainer-guide-edit",        "GET",  "/utbildare/guide/forankring/redigera/", EDITORS),
    Case("trainer-guide-edit-save",   "POST", "/utbildare/guide/forankring/redigera/", EDITORS_DONE, TRAINER_GUIDE),
    Case("trainer-guide-edit-invalid", "POST", "/utbildare/guide/forankring/redigera/", EDITORS_400),
    Case("trainer-directory",         "GET",  "/utbildare/",                        ALL_200),
    Case("trainer-directory-post",    "POST", "/utbildare/",                        ALL_405),
    Case("trainer-apply",             "GET",  "/utbildare/anmal/",                  (LOGIN, 302, 302, 200, 200, 200)),
    Case("trainer-apply-save",        "POST", "/utbildare/anmal/",                  SIGNED_IN_DONE, TRAINER_APPLICATION),
    Case("trainer-apply-invalid",     "POST", "/utbildare/anmal/",                  (LOGIN, 302, 302, 400, 400, 400)),
    Case("trainer-mine",              "GET",  "/utbildare/min-profil/",             SIGNED_IN_DONE),
    Case("trainer",                   "GET",  "/utbildare/{trainer_approved.slug}/", ALL_200),
    Case("trainer-applied",           "GET",  "/utbildare/{trainer_submitted.slug}/", (404, 404, 200, 404, 200, 200)),
    Case("trainer-unknown",           "GET",  "/utbildare/finns-inte/",             ALL_404),
    # Only the trainer edits the profile, not even the editors (they approve or reject it).
    Case("trainer-edit",              "GET",  "/utbildare/{trainer_approved.slug}/redigera/", (LOGIN, 200, 403, 403, 403, 403)),
    Case("trainer-edit-save",         "POST", "/utbildare/{trainer_approved.slug}/redigera/", (LOGIN, 302, 403, 403, 403, 403), TRAINER_APPLICATION),
    Case("trainer-edit-invalid",      "POST", "/utbildare/{trainer_approved.slug}/redigera/", (LOGIN, 400, 403, 403, 403, 403)),
    # Not sent back for changes: its owner is told so; nobody else may.
    Case("trainer-resubmit",          "POST", "/utbildare/{trainer_submitted.slug}/skicka-in/", (LOGIN, 404, 302, 404, 403, 403)),
    Case("trainer-resubmit-get",      "GET",  "/utbildare/{trainer_submitted.slug}/skicka-in/", ALL_405),
    # Only the trainer adds films; the editors may take one down (the page without its form).
    Case("trainer-films",             "GET",  "/utbildare/{trainer_approved.slug}/filmer/", (LOGIN, 200, 403, 403, 200, 200)),
    Case("trainer-film-add",          "POST", "/utbildare/{trainer_approved.slug}/filmer/", (LOGIN, 302, 403, 403, 403, 403), {"source": "lank", "title": "Ny film", "minutes": "3", "url": "https://vimeo.com/456"}),
    Case("trainer-film-add-invalid",  "POST", "/utbildare/{trainer_approved.slug}/filmer/", (LOGIN, 400, 403, 403, 403, 403)),
    Case("trainer-films-applied",     "GET",  "/utbildare/{trainer_submitted.slug}/filmer/", (LOGIN, 404, 403, 404, 200, 200)),
    Case("trainer-film-remove",       "POST", "/filmer/{trainer_film.pk}/ta-bort/", (LOGIN, 302, 403, 403, 302, 302)),
    Case("trainer-film-captions-none", "GET", "/filmer/{trainer_film.pk}/textning.vtt", ALL_404),
    Case("trainer-contact",           "GET",  "/utbildare/{trainer_approved.slug}/kontakt/", (LOGIN, 403, 200, 200, 200, 200)),
    Case("trainer-contact-send",      "POST", "/utbildare/{trainer_approved.slug}/kontakt/", (LOGIN, 403, 302, 302, 302, 302), {"subject": "Kurs i hygien", "message": "Kan ni komma i mars?"}),
    Case("trainer-contact-invalid",   "POST", "/utbildare/{trainer_approved.slug}/kontakt/", (LOGIN, 403, 400, 400, 400, 400)),
    Case("trainer-contact-applied",   "GET",  "/utbildare/{trainer_submitted.slug}/kontakt/", (LOGIN, 404, 403, 404, 403, 403)),
    Case("trainer-review-queue",      "GET",  "/utbildare/granska/",                EDITORS),
    Case("trainer-review",            "GET",  "/utbildare/granska/{trainer_submitted.slug}/", EDITORS),
    Case("trainer-review-unknown",    "GET",  "/utbildare/granska/finns-inte/",     (LOGIN, 403, 403, 403, 404, 404)),
    Case("trainer-approve",           "POST", "/utbildare/granska/{trainer_submitted.slug}/", EDITORS_DONE, {"action": "approve"}),
    Case("trainer-reject",            "POST", "/utbildare/granska/{trainer_submitted.slug}/", EDITORS_DONE, {"action": "reject", "message": "Beskriv erfarenheten av ASF."}),
    Case("trainer-reject-empty",      "POST", "/utbildare/granska/{trainer_submitted.slug}/", EDITORS_400, {"action": "reject"}),
    Case("trainer-approve-approved",  "POST", "/utbildare/granska/{trainer_approved.slug}/", EDITORS_400, {"action": "approve"}),
    Case("trainer-archive",           "POST", "/utbildare/granska/{trainer_approved.slug}/", EDITORS_DONE, {"action": "archive"}),
    # The user's own pages
    Case("profile",                   "GET",  "/konto/profil/",                     SIGNED_IN),
    Case("profile-save",              "POST", "/konto/profil/",                     SIGNED_IN_DONE, {"display_name": "Nytt Namn"}),
    Case("account-delete",            "GET",  "/konto/radera/",                     SIGNED_IN),
    Case("personal-data",             "GET",  "/konto/mina-uppgifter/",             SIGNED_IN),
    Case("personal-data-post",        "POST", "/konto/mina-uppgifter/",             SIGNED_IN_405),
    # The only administrator of a company hands the role over first.
    Case("account-delete-confirm",    "POST", "/konto/radera/",                     (LOGIN, 302, 302, 400, 302, 302), {"password": PASSWORD}),
    Case("account-delete-bad-password", "POST", "/konto/radera/",                   SIGNED_IN_400, {"password": "fel"}),
    # Two-factor authentication (allauth.mfa). Nobody in the world has it switched on, so the
    # pages for an active authenticator answer 404; tests/accounts/test_mfa.py covers them on.
    Case("mfa-index",                 "GET",  "/konto/2fa/",                        SIGNED_IN),
    Case("mfa-authenticate",          "GET",  "/konto/2fa/authenticate/",           (LOGIN_START, 302, 302, 302, 302, 302)),
    Case("mfa-reauthenticate",        "GET",  "/konto/2fa/reauthenticate/",         SIGNED_IN_REAUTH),
    Case("mfa-activate-totp",         "GET",  "/konto/2fa/totp/activate/",          SIGNED_IN_REAUTH),
    Case("mfa-activate-totp-save",    "POST", "/konto/2fa/totp/activate/",          SIGNED_IN_REAUTH, {"code": "000000"}),
    Case("mfa-deactivate-totp",       "GET",  "/konto/2fa/totp/deactivate/",        SIGNED_IN_404),
    Case("mfa-recovery-codes",        "GET",  "/konto/2fa/recovery-codes/",         SIGNED_IN_404),
    Case("mfa-recovery-codes-generate", "GET", "/konto/2fa/recovery-codes/generate/", SIGNED_IN_REAUTH),
    Case("mfa-recovery-codes-download", "GET", "/konto/2fa/recovery-codes/download/", SIGNED_IN_404),
    # The Markdown editor's preview and image upload
    Case("markdown-preview",          "POST", "/markdownx/markdownify/",            SIGNED_IN, {"content": "**fet**"}),
    Case("markdown-preview-empty",    "POST", "/markdownx/markdownify/",            SIGNED_IN_400),
    Case("markdown-preview-get",      "GET",  "/markdownx/markdownify/",            SIGNED_IN_405),
    Case("image-upload",              "POST", "/markdownx/upload/",                 SIGNED_IN, {"image": png}),
    Case("image-upload-empty",        "POST", "/markdownx/upload/",                 SIGNED_IN_400),
    # Django admin: superusers only; the editors work on the site itself.
    Case("admin-index",               "GET",  "/admin/",                            (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200)),
]
# fmt: on

MATRIX = [
    pytest.param(case, role, expected, id=f"{case.name}-{role}")
    for case in CASES
    for role, expected in zip(ROLES, case.expected, strict=True)
]


def test_every_row_has_its_own_name():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_the_matrix_has_a_row_for_every_page_and_action(world):
    """A new URL in methods, companies or accounts fails here until it has its row."""
    from allauth.mfa.urls import urlpatterns as mfa_urls
    from django.urls import URLResolver

    from accounts.urls import urlpatterns as account_urls
    from companies.urls import urlpatterns as company_urls
    from material.urls import urlpatterns as material_urls
    from methods.urls import urlpatterns as method_urls
    from trainers.urls import urlpatterns as trainer_urls

    every = {
        f"{app}:{pattern.name}"
        for app, patterns in [
            ("methods", method_urls),
            ("companies", company_urls),
            ("accounts", account_urls),
            ("trainers", trainer_urls),
            ("material", material_urls),
        ]
        for pattern in patterns
    } | {"markdownx_upload", "markdownx_markdownify", "admin:index", "choose_language"}

    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from names(pattern.url_patterns)
            else:
                yield pattern.name

    every |= set(names(mfa_urls))
    # The read API's routes, which django-ninja makes from its operations (api/views.py).
    from api.views import api

    every |= {f"api:{pattern.name}" for pattern in api.urls[0]} | {"open_data"}
    covered = {resolve(case.fill(world)[0].partition("?")[0]).view_name for case in CASES}
    assert every - covered == set()


@pytest.mark.parametrize(("case", "role", "expected"), MATRIX)
def test_permission_matrix(client, world, case, role, expected):
    if role != "anonymous":
        client.force_login(world.users[role])
    url, data = case.fill(world)
    response = client.get(url) if case.method == "GET" else client.post(url, data)
    location = response.get("Location", "")
    if expected == LOGIN:
        assert (response.status_code, location.partition("?")[0]) == (302, "/konto/login/")
        assert "next=" in location
    elif expected == REAUTH:
        assert (response.status_code, location.partition("?")[0]) == (302, "/konto/reauthenticate/")
    elif expected == LOGIN_START:
        assert (response.status_code, location) == (302, "/konto/login/")
    elif expected == ADMIN:
        assert (response.status_code, location.partition("?")[0]) == (302, "/admin/login/")
    else:
        assert response.status_code == expected, location
        if expected == 302:
            assert "login" not in location, location
