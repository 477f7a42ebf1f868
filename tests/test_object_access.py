"""Object-level access: every URL that takes an identifier, tried with the identifiers of
another company's and another user's objects.

tests/test_permissions.py asks "may this role use this page at all"; this sweep asks "may a
member of company A reach company B's things by changing a number or a slug in the address".
The answer must be exactly the status below, and the database must be exactly as before.

The visitors (ROLES):

    anonymous  not signed in
    member_a   a member of company A
    admin_a    the administrator of company A
    loner      signed in, member of no company
    editor     in the editors' group: sees and reviews everything, administers no company

What they try to reach: company B with its member (the author of everything of B's below) and
its administrator; B's methods in every status and in the recycle bin; comments on B's method,
visible, hidden, binned, and on a method since archived; B's experience reports in every
status; B's effort, membership and invitation; and the draft of a colleague in company A
(another user of one's own company).

A cell is the status code, or LOGIN for the redirect to the login page, or ADMIN for Django
admin's login page. 404 means "you may not even know it exists", 403 "you know it, but not
yours". 302 is an action done (only editors get one here, or a redirect to the public page).

Every URL pattern of the site with a parameter must have probes here, be Django admin's (swept
separately below) or be listed in NOT_OBJECTS with the reason: a new view with an id or a slug
fails test_every_url_with_an_identifier_is_swept until it has its rows.
"""

# A matrix reads best one row per line, however long the row: as in tests/test_permissions.py.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from companies import efforts as effort_services
from companies.models import Effort, Invitation, Question
from material.services import add_attachment, add_film, add_link
from methods import services
from methods.choices import CommentState, Status
from methods.models import ChecklistItem, Comment
from tests.conftest import module_world
from tests.factories import (
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

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member_a", "admin_a", "loner", "editor")
LOGIN = "login"
ADMIN = "admin-login"

# Rows used again and again, in the order of ROLES.
ALL_200 = (200, 200, 200, 200, 200)
ALL_404 = (404, 404, 404, 404, 404)
ALL_405 = (405, 405, 405, 405, 405)
EDITOR_SEES = (404, 404, 404, 404, 200)  # unpublished: only the editors know it exists
EDITOR_ONLY = (LOGIN, 403, 403, 403, 200)
EDITOR_DONE = (LOGIN, 403, 403, 403, 302)
EDITOR_404 = (LOGIN, 403, 403, 403, 404)
HIDDEN_FROM_ALL = (LOGIN, 404, 404, 404, 404)  # signed in or not, it is not there
NOT_YOURS = (LOGIN, 403, 403, 403, 403)  # company B's administration: B's admins only
PRIVATE_TO_B = (LOGIN, 404, 404, 404, 200)  # B's efforts: B's members and the editors
PRIVATE_TO_B_DONE = (LOGIN, 404, 404, 404, 302)
SIGNED_IN_405 = (LOGIN, 405, 405, 405, 405)


def build_world() -> SimpleNamespace:
    member_a = UserFactory(display_name="Mira i A")
    company_a = CompanyFactory(name="Kafé A")
    MembershipFactory(user=member_a, company=company_a, role="member")
    admin_a = UserFactory(display_name="Ada i A")
    MembershipFactory(user=admin_a, company=company_a, role="admin")
    colleague = UserFactory(display_name="Kim i A")
    MembershipFactory(user=colleague, company=company_a, role="member")
    loner = UserFactory(display_name="Lo utan företag")
    editor = make_editor(display_name="Eva Redaktör")

    company_b = CompanyFactory(name="Kafé B")
    b_member = UserFactory(display_name="Bo i B")
    b_membership = MembershipFactory(user=b_member, company=company_b, role="member")
    b_admin = UserFactory(display_name="Bea i B")
    MembershipFactory(user=b_admin, company=company_b, role="admin")

    def b_method(title: str, status: str, **extra):
        return MethodFactory(
            title=title, author=b_member, company=company_b, status=status, **extra
        )

    b_published = b_method("B publicerad", Status.PUBLISHED, published_at=timezone.now())
    services.record_revision(b_published, b_member, "Publicerad")
    b_archived = b_method("B arkiverad", Status.PUBLISHED, published_at=timezone.now())
    b_archived_comment = Comment.objects.create(method=b_archived, author=b_member, body="Förr.")
    b_archived.status = Status.ARCHIVED
    b_archived.save()
    b_binned = b_method("B i papperskorgen", Status.DRAFT)
    services.move_to_bin(b_binned, b_admin)
    b_binned_comment = Comment.objects.create(method=b_published, author=b_member, body="Borta.")
    services.move_to_bin(b_binned_comment, b_member)

    def b_report(status: str):
        return ExperienceReportFactory(
            title=f"B:s rapport ({status})",
            company=company_b,
            author=b_member,
            method=b_published,
            status=status,
        )

    def save_effort(effort: Effort) -> None:
        effort.title = "B:s hygienlyft"
        effort.save()

    world = SimpleNamespace(
        users={
            "anonymous": None,
            "member_a": member_a,
            "admin_a": admin_a,
            "loner": loner,
            "editor": editor,
        },
        company_a=company_a,
        company_b=company_b,
        b_member=b_member,
        b_membership=b_membership,
        b_published=b_published,
        b_draft=b_method("B utkast", Status.DRAFT),
        b_submitted=b_method("B inskickad", Status.SUBMITTED, submitted_at=timezone.now()),
        b_changes=b_method("B ändringar begärda", Status.CHANGES_REQUESTED),
        b_archived=b_archived,
        b_binned=b_binned,
        colleague_draft=MethodFactory(
            title="Kollegans utkast", author=colleague, status=Status.DRAFT
        ),
        b_comment=Comment.objects.create(method=b_published, author=b_member, body="Synlig."),
        b_hidden_comment=Comment.objects.create(
            method=b_published, author=b_member, body="Dold.", state=CommentState.HIDDEN
        ),
        b_binned_comment=b_binned_comment,
        b_archived_comment=b_archived_comment,
        b_report_draft=b_report(Status.DRAFT),
        b_report_submitted=b_report(Status.SUBMITTED),
        b_report_changes=b_report(Status.CHANGES_REQUESTED),
        b_report_published=b_report(Status.PUBLISHED),
        b_report_archived=b_report(Status.ARCHIVED),
        b_effort=effort_services.create_effort(company_b, b_member, save_effort),
        b_invitation=Invitation.objects.create(company=company_b, email="ny-i-b@example.org"),
        checklist_key=f"checklist:{ChecklistItem.objects.first().pk}",
        # A question to B from someone of a third company, and one from B's member to A.
        b_question=Question.objects.create(
            company=company_b, asker=MembershipFactory().user, body="Hur gör ni i B?"
        ),
        question_to_a=Question.objects.create(
            company=company_a, asker=b_member, body="Hur gör ni i A?"
        ),
        b_trainer=make_trainer(b_member, "B:s utbildning"),
        b_trainer_applied=make_trainer(b_admin, "B:s ansökan", Status.SUBMITTED),
        trainer_guide=make_guide_page("forankring"),
    )
    add_b_films(world)
    return world


def add_b_films(world: SimpleNamespace) -> None:
    """B's films: an uploaded one on B's published method and on B's draft."""

    def film(owner):
        return add_film(
            owner, world.b_member, title="B:s film", minutes=2,
            upload=SimpleUploadedFile("b.webm", WEBM), content_type="video/webm",
            captions="WEBVTT\n\n00:01.000 --> 00:02.000\nHej\n", captions_text="Hej",
        )  # fmt: skip

    world.b_film = film(world.b_published)
    world.b_draft_film = film(world.b_draft)
    # And on B's member's approved trainer profile and on B's admin's application.
    world.b_trainer_film = film(world.b_trainer)
    world.b_trainer_applied_film = film(world.b_trainer_applied)
    world.b_link, world.b_draft_link = (
        add_link(
            owner,
            world.b_member,
            kind="site",
            title="B:s länk",
            url="https://example.org/b",
            description="B:s material.",
        )  # fmt: skip
        for owner in (world.b_published, world.b_draft)
    )
    world.b_attachment, world.b_draft_attachment = (
        add_attachment(
            owner,
            world.b_member,
            kind="report",
            title="B:s bilaga",
            description="PDF.",
            upload=SimpleUploadedFile("b.pdf", PDF),
            content_type="application/pdf",
        )  # fmt: skip
        for owner in (world.b_published, world.b_draft)
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end, as in
    tests/test_permissions.py; each request below runs in a savepoint of its own."""
    with module_world(build_world, django_db_blocker, tmp_path_factory) as world:
        yield world


@dataclass(frozen=True)
class Probe:
    view: str  # the URL pattern's name, as the resolver knows it
    method: str
    kwargs: dict  # values are templates: "{b_draft.slug}" is World.b_draft.slug
    expected: tuple  # one cell per role, in the order of ROLES
    data: dict = field(default_factory=dict)

    def fill(self, world: SimpleNamespace) -> tuple[str, dict]:
        values = vars(world)
        kwargs = {key: str(value).format(**values) for key, value in self.kwargs.items()}
        data = {
            key.format(**values): str(value).format(**values) for key, value in self.data.items()
        }
        return reverse(self.view, kwargs=kwargs), data

    @property
    def label(self) -> str:
        return f"{self.method} {self.view} {self.kwargs}"


def each(
    view: str, method: str, key: str, targets: dict[str, tuple], data=None, **fixed
) -> list[Probe]:
    """One probe per target: {"b_draft.slug": cells, ...} with `key` the URL's parameter."""
    return [
        Probe(view, method, {key: "{" + target + "}", **fixed}, cells, data or {})
        for target, cells in targets.items()
    ]


# Methods by their slug: every status of B's, the binned one, and a colleague's draft in A.
UNPUBLISHED = ("b_draft", "b_submitted", "b_changes", "b_archived", "colleague_draft")
# Only editors work on methods under review; the author's own draft is not among these.
EDITABLE_BY_EDITOR = {f"{name}.slug": (LOGIN, 404, 404, 404, 302) for name in UNPUBLISHED}
SEEN_BY_EDITOR = {f"{name}.slug": EDITOR_SEES for name in UNPUBLISHED}
READ = {**SEEN_BY_EDITOR, "b_binned.slug": ALL_404, "b_published.slug": ALL_200}
# An archived method keeps its address: everyone gets its page (readers the archived notice).
ADDRESS = {**READ, "b_archived.slug": ALL_200}
STEP = {
    **{f"{name}.slug": (LOGIN, 404, 404, 404, 200) for name in UNPUBLISHED},
    "b_binned.slug": HIDDEN_FROM_ALL,
    # A published method is known: someone else's is refused; an editor gets a working copy.
    "b_published.slug": (LOGIN, 403, 403, 403, 302),
}
EASY_READ = {"version": "{b_draft.version}", "easy_read": "Du gör. Vi pratar."}
REVIEWED = {
    **{f"{name}.slug": EDITOR_ONLY for name in (*UNPUBLISHED, "b_published")},
    "b_binned.slug": EDITOR_404,
}
COMMENT = {"body": "Inte din."}
# Comments by pk. Anonymous visitors learn nothing about hidden, binned or unreachable ones.
COMMENT_EDIT = {
    "b_comment.pk": (LOGIN, 403, 403, 403, 403),  # only the author edits; editors hide
    "b_hidden_comment.pk": (404, 404, 404, 404, 403),
    "b_archived_comment.pk": (404, 404, 404, 404, 403),
    "b_binned_comment.pk": ALL_404,
}
COMMENT_MODERATE = {
    "b_comment.pk": EDITOR_DONE,
    "b_hidden_comment.pk": (404, 404, 404, 404, 302),
    "b_archived_comment.pk": (404, 404, 404, 404, 302),
    "b_binned_comment.pk": ALL_404,
}
REPORT_FORM = {
    "method": "{b_published.pk}",
    "title": "Inte vår rapport",
    "period_start": "2026-01-12",
    "context": "Caféet.",
    "recommend_score": "4",
}
B_REPORTS = (
    "b_report_draft",
    "b_report_submitted",
    "b_report_changes",
    "b_report_published",
    "b_report_archived",
)
LINK_FORM = {
    "kind": "site",
    "title": "Inte vår länk",
    "url": "https://example.org/x",
    "description": "Nej.",
}
FILM_FORM = {
    "source": "lank",
    "title": "Inte vår film",
    "minutes": "3",
    "url": "https://vimeo.com/456",
}
B = {"slug": "{company_b.slug}"}
A = {"slug": "{company_a.slug}"}
B_EFFORT = {**B, "pk": "{b_effort.pk}"}
# B's effort under A's address: not there, for anyone, editors included.
B_EFFORT_UNDER_A = {**A, "pk": "{b_effort.pk}"}

# fmt: off
PROBES = [
    # Reading methods
    *each("methods:detail", "GET", "slug", ADDRESS),
    *each("methods:card", "GET", "slug", ADDRESS),
    *each("methods:history", "GET", "slug", READ),
    *each("methods:pdf", "GET", "slug", {"b_draft.slug": EDITOR_SEES, "colleague_draft.slug": EDITOR_SEES, "b_binned.slug": ALL_404, "b_archived.slug": ALL_200}),
    # Phases are the handbook's own, nobody's object: public.
    Probe("methods:phase", "GET", {"slug": "forankring"}, ALL_200),
    # The read API answers everyone as a signed-out reader: the published method, company and
    # report for all; every other method and report is not there, for the editors too.
    Probe("api:phase", "GET", {"slug": "forankring"}, ALL_200),
    *each("api:method", "GET", "slug", {**{f"{n}.slug": ALL_404 for n in (*UNPUBLISHED, "b_binned")}, "b_published.slug": ALL_200}),
    Probe("api:company", "GET", B, ALL_200),
    *each("api:report", "GET", "pk", {**{f"{r}.pk": ALL_404 for r in B_REPORTS}, "b_report_published.pk": ALL_200}),
    *each("api:trainer", "GET", "slug", {"b_trainer.slug": ALL_200, "b_trainer_applied.slug": ALL_404}),
    # Feeds follow phases and competence areas, public vocabulary: only published methods in them.
    Probe("methods:phase_feed", "GET", {"slug": "forankring"}, ALL_200),
    Probe("methods:area_feed", "GET", {"slug": "handledning"}, ALL_200),
    # Editing and submitting someone else's method
    *each("methods:edit", "GET", "slug", {**EDITABLE_BY_EDITOR, "b_published.slug": (LOGIN, 403, 403, 403, 200), "b_binned.slug": HIDDEN_FROM_ALL}),
    *each("methods:edit", "POST", "slug", {**EDITABLE_BY_EDITOR, "b_published.slug": (LOGIN, 403, 403, 403, 302), "b_binned.slug": HIDDEN_FROM_ALL}),
    *each("methods:edit_step", "GET", "slug", STEP, step="grund"),
    *each("methods:edit_step", "GET", "slug", {"b_draft.slug": (LOGIN, 404, 404, 404, 200)}, step="granska"),
    *each("methods:edit_step", "POST", "slug", {"b_draft.slug": (LOGIN, 404, 404, 404, 302), "colleague_draft.slug": (LOGIN, 404, 404, 404, 302), "b_published.slug": (LOGIN, 403, 403, 403, 302), "b_binned.slug": HIDDEN_FROM_ALL}, EASY_READ, step="lattlast"),
    # Submitting what is submitted or archived: the preview again with the reason (400).
    *each("methods:submit", "POST", "slug", {**EDITABLE_BY_EDITOR, "b_submitted.slug": (LOGIN, 404, 404, 404, 400), "b_archived.slug": (LOGIN, 404, 404, 404, 400), "b_published.slug": (LOGIN, 403, 403, 403, 302), "b_binned.slug": HIDDEN_FROM_ALL}),
    *each("methods:submit", "GET", "slug", {"b_draft.slug": SIGNED_IN_405}),
    # Deleting
    *each("methods:delete", "GET", "slug", {**{f"{n}.slug": (LOGIN, 404, 404, 404, 200) for n in UNPUBLISHED}, "b_published.slug": EDITOR_ONLY, "b_binned.slug": HIDDEN_FROM_ALL}),
    *each("methods:delete", "POST", "slug", {**EDITABLE_BY_EDITOR, "b_published.slug": EDITOR_DONE, "b_binned.slug": HIDDEN_FROM_ALL}),
    # The editors' desk
    *each("methods:review", "GET", "slug", REVIEWED),
    *each("methods:publish", "POST", "slug", {"b_submitted.slug": EDITOR_DONE, "b_binned.slug": EDITOR_404}),
    *each("methods:request_changes", "POST", "slug", {"b_submitted.slug": EDITOR_DONE, "b_binned.slug": EDITOR_404}, {"meddelande": "Mer!"}),
    *each("methods:archive", "POST", "slug", {"b_published.slug": EDITOR_DONE, "b_binned.slug": EDITOR_404}, {"reason": "Ersatt."}),
    *each("methods:restore_revision", "POST", "slug", {"b_published.slug": EDITOR_DONE, "b_binned.slug": EDITOR_404}, number=1),
    # A revision number that belongs to another method is not this method's.
    *each("methods:restore_revision", "POST", "slug", {"b_draft.slug": EDITOR_404}, number=1),
    *each("methods:audit_log", "GET", "slug", {**{f"{n}.slug": EDITOR_ONLY for n in UNPUBLISHED}, "b_binned.slug": EDITOR_ONLY}),
    *each("methods:restore_method", "POST", "pk", {"b_binned.pk": EDITOR_DONE, "b_draft.pk": EDITOR_404}),
    *each("methods:restore_method", "GET", "pk", {"b_binned.pk": ALL_405}),
    *each("methods:restore_comment", "POST", "pk", {"b_binned_comment.pk": EDITOR_DONE, "b_comment.pk": EDITOR_404}),
    # Comments
    *each("methods:comment_create", "POST", "slug", {**{f"{n}.slug": HIDDEN_FROM_ALL for n in UNPUBLISHED}, "b_binned.slug": HIDDEN_FROM_ALL}, COMMENT),
    *each("methods:comment_edit", "GET", "pk", COMMENT_EDIT),
    *each("methods:comment_edit", "POST", "pk", COMMENT_EDIT, COMMENT),
    *each("methods:comment_delete", "POST", "pk", COMMENT_MODERATE),
    *each("methods:comment_hide", "POST", "pk", COMMENT_MODERATE),
    *each("methods:comment_show", "POST", "pk", COMMENT_MODERATE),
    # Anyone signed in may report someone else's visible comment: that is what it is for.
    *each("methods:comment_report", "GET", "pk", {**COMMENT_EDIT, "b_comment.pk": (LOGIN, 200, 200, 200, 200), "b_hidden_comment.pk": (404, 404, 404, 404, 200), "b_archived_comment.pk": (404, 404, 404, 404, 200)}),
    *each("methods:comment_report", "POST", "pk", {"b_hidden_comment.pk": (404, 404, 404, 404, 302), "b_archived_comment.pk": (404, 404, 404, 404, 302), "b_binned_comment.pk": ALL_404}, {"reason": "Reklam."}),
    # Company B's public profile
    Probe("companies:detail", "GET", B, ALL_200),
    # Company B's administration, from outside
    Probe("companies:members", "GET", B, NOT_YOURS),
    Probe("companies:members", "POST", B, NOT_YOURS, {"email": "smyg@example.org", "role": "admin"}),
    Probe("companies:edit", "GET", B, NOT_YOURS),
    Probe("companies:edit", "POST", B, NOT_YOURS, {"name": "Kapad"}),
    Probe("companies:export_json", "GET", B, NOT_YOURS),
    Probe("companies:export_csv", "GET", B, NOT_YOURS),
    Probe("companies:member_role", "POST", {**B, "pk": "{b_membership.pk}"}, NOT_YOURS, {"m{b_membership.pk}-role": "admin"}),
    # B's member under A's address: A's administrator learns nothing about it.
    Probe("companies:member_role", "POST", {**A, "pk": "{b_membership.pk}"}, (LOGIN, 403, 404, 403, 403), {"m{b_membership.pk}-role": "admin"}),
    Probe("companies:member_role", "GET", {**A, "pk": "{b_membership.pk}"}, SIGNED_IN_405),
    Probe("companies:member_remove", "POST", {**B, "pk": "{b_membership.pk}"}, NOT_YOURS),
    Probe("companies:member_remove", "POST", {**A, "pk": "{b_membership.pk}"}, (LOGIN, 403, 404, 403, 403)),
    Probe("companies:invitation_cancel", "POST", {**B, "pk": "{b_invitation.pk}"}, NOT_YOURS),
    Probe("companies:invitation_cancel", "POST", {**A, "pk": "{b_invitation.pk}"}, (LOGIN, 403, 404, 403, 403)),
    # An invitation's token is the invitee's key, sent only to them: whoever holds it may look.
    # Nothing else identifies an invitation, and a guessed token finds nothing.
    Probe("companies:invitation", "GET", {"token": "{b_invitation.token}"}, ALL_200),
    Probe("companies:invitation", "GET", {"token": "{b_invitation.pk}"}, ALL_404),
    Probe("companies:invitation", "POST", {"token": "{b_invitation.pk}"}, ALL_404),
    # Company B's experience reports: B's members and the editors
    Probe("companies:reports", "GET", B, EDITOR_ONLY),
    Probe("companies:report_new", "GET", B, EDITOR_ONLY),
    Probe("companies:report_new", "POST", B, EDITOR_DONE, REPORT_FORM),
    *[Probe("companies:report_edit", "GET", {**B, "pk": "{" + r + ".pk}"}, EDITOR_ONLY) for r in B_REPORTS],
    # An editor's correction of a report under review or published must be complete (400 here).
    *[Probe("companies:report_edit", "POST", {**B, "pk": "{" + r + ".pk}"}, (LOGIN, 403, 403, 403, editor), REPORT_FORM) for r, editor in zip(B_REPORTS, (302, 400, 302, 400, 302), strict=True)],
    # B's report under A's address: A's members find nothing; the loner may not write for A.
    *[Probe("companies:report_edit", "GET", {**A, "pk": "{" + r + ".pk}"}, (LOGIN, 404, 404, 403, 404)) for r in B_REPORTS],
    *[Probe("companies:report_edit", "POST", {**A, "pk": "{" + r + ".pk}"}, (LOGIN, 404, 404, 403, 404), REPORT_FORM) for r in B_REPORTS],
    *[Probe("companies:report_review", "GET", {"pk": "{" + r + ".pk}"}, EDITOR_ONLY) for r in B_REPORTS],
    Probe("companies:report_publish", "POST", {"pk": "{b_report_submitted.pk}"}, EDITOR_DONE),
    Probe("companies:report_request_changes", "POST", {"pk": "{b_report_submitted.pk}"}, EDITOR_DONE, {"meddelande": "Mer!"}),
    Probe("companies:report_archive", "POST", {"pk": "{b_report_published.pk}"}, EDITOR_DONE),
    # Company B's efforts: private
    Probe("companies:efforts", "GET", B, PRIVATE_TO_B),
    Probe("companies:effort_new", "GET", B, PRIVATE_TO_B),
    Probe("companies:effort_new", "POST", B, PRIVATE_TO_B_DONE, {"title": "Inte vårt lyft"}),
    Probe("companies:effort", "GET", B_EFFORT, PRIVATE_TO_B),
    Probe("companies:effort", "GET", B_EFFORT_UNDER_A, HIDDEN_FROM_ALL),
    Probe("companies:effort_check", "POST", B_EFFORT, PRIVATE_TO_B_DONE, {"punkt": "{checklist_key}", "klar": "1"}),
    Probe("companies:effort_check", "POST", B_EFFORT_UNDER_A, HIDDEN_FROM_ALL, {"punkt": "{checklist_key}", "klar": "1"}),
    Probe("companies:effort_phase", "POST", {**B_EFFORT, "number": 1}, PRIVATE_TO_B_DONE, {"fas1-notes": "Inte våra."}),
    Probe("companies:effort_phase", "POST", {**B_EFFORT_UNDER_A, "number": 1}, HIDDEN_FROM_ALL, {"fas1-notes": "Inte våra."}),
    Probe("companies:effort_next", "POST", B_EFFORT, PRIVATE_TO_B_DONE),
    Probe("companies:effort_next", "POST", B_EFFORT_UNDER_A, HIDDEN_FROM_ALL),
    # Questions between companies: anyone signed in may ask B (not B's own people); a question
    # is its asker's and the asked company's admins' only, editors included, and answers to
    # its own company's address alone.
    Probe("companies:question_new", "GET", B, (LOGIN, 200, 200, 200, 200)),
    Probe("companies:question_new", "POST", B, (LOGIN, 302, 302, 302, 302), {"kind": "fraga", "body": "En fråga till B."}),
    Probe("companies:questions", "GET", B, NOT_YOURS),
    Probe("companies:question", "GET", {**B, "pk": "{b_question.pk}"}, HIDDEN_FROM_ALL),
    Probe("companies:question", "GET", {**A, "pk": "{b_question.pk}"}, HIDDEN_FROM_ALL),
    Probe("companies:question_answer", "POST", {**B, "pk": "{b_question.pk}"}, HIDDEN_FROM_ALL, {"answer": "Inte vårt svar."}),
    Probe("companies:question_answer", "POST", {**A, "pk": "{b_question.pk}"}, HIDDEN_FROM_ALL, {"answer": "Inte vårt svar."}),
    Probe("companies:question", "GET", {**A, "pk": "{question_to_a.pk}"}, (LOGIN, 404, 200, 404, 404)),
    Probe("companies:question", "GET", {**B, "pk": "{question_to_a.pk}"}, HIDDEN_FROM_ALL),
    Probe("companies:question_answer", "POST", {**B, "pk": "{question_to_a.pk}"}, HIDDEN_FROM_ALL, {"answer": "Svar."}),
    # Trainers: B's member's approved profile and B's admin's application. Only its owner
    # edits a profile; an application is seen by its owner and the editors alone.
    # Films (material): managed by whoever may edit the owner, seen by whoever sees it.
    *each("material:method_films", "GET", "slug", {**{f"{name}.slug": (LOGIN, 404, 404, 404, 200) for name in UNPUBLISHED}, "b_binned.slug": HIDDEN_FROM_ALL, "b_published.slug": EDITOR_ONLY}),
    *each("material:method_films", "POST", "slug", {"b_draft.slug": (LOGIN, 404, 404, 404, 302), "b_binned.slug": HIDDEN_FROM_ALL, "b_published.slug": EDITOR_DONE}, FILM_FORM),
    Probe("material:phase_films", "GET", {"slug": "forankring"}, EDITOR_ONLY),
    Probe("material:phase_films", "POST", {"slug": "forankring"}, EDITOR_DONE, FILM_FORM),
    Probe("material:phase_films", "GET", {"slug": "finns-inte"}, HIDDEN_FROM_ALL),
    *each("material:film_remove", "POST", "pk", {"b_film.pk": EDITOR_DONE, "b_draft_film.pk": (LOGIN, 404, 404, 404, 302)}),
    Probe("material:film_remove", "GET", {"pk": "{b_film.pk}"}, SIGNED_IN_405),
    *each("material:method_links", "GET", "slug", {**{f"{name}.slug": (LOGIN, 404, 404, 404, 200) for name in UNPUBLISHED}, "b_binned.slug": HIDDEN_FROM_ALL, "b_published.slug": EDITOR_ONLY}),
    *each("material:method_links", "POST", "slug", {"b_draft.slug": (LOGIN, 404, 404, 404, 302), "b_binned.slug": HIDDEN_FROM_ALL, "b_published.slug": EDITOR_DONE}, LINK_FORM),
    *each("material:method_attachments", "GET", "slug", {**{f"{name}.slug": (LOGIN, 404, 404, 404, 200) for name in UNPUBLISHED}, "b_binned.slug": HIDDEN_FROM_ALL, "b_published.slug": EDITOR_ONLY}),
    *each("material:attachment", "GET", "pk", {"b_attachment.pk": ALL_200, "b_draft_attachment.pk": EDITOR_SEES}),
    *each("material:link_remove", "POST", "pk", {"b_attachment.pk": EDITOR_DONE, "b_draft_attachment.pk": (LOGIN, 404, 404, 404, 302)}),
    *each("material:link_remove", "POST", "pk", {"b_link.pk": EDITOR_DONE, "b_draft_link.pk": (LOGIN, 404, 404, 404, 302)}),
    *each("material:film_video", "GET", "pk", {"b_film.pk": ALL_200, "b_draft_film.pk": EDITOR_SEES}),
    *each("material:film_captions", "GET", "pk", {"b_film.pk": ALL_200, "b_draft_film.pk": EDITOR_SEES}),
    # Only the trainer adds films to a profile; the editors may take one down.
    *each("material:film_remove", "POST", "pk", {"b_trainer_film.pk": EDITOR_DONE, "b_trainer_applied_film.pk": (LOGIN, 404, 404, 404, 302)}),
    *each("material:film_video", "GET", "pk", {"b_trainer_film.pk": ALL_200, "b_trainer_applied_film.pk": EDITOR_SEES}),
    *each("material:film_captions", "GET", "pk", {"b_trainer_film.pk": ALL_200, "b_trainer_applied_film.pk": EDITOR_SEES}),
    *each("trainers:films", "GET", "slug", {"b_trainer.slug": EDITOR_ONLY, "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 200)}),
    *each("trainers:films", "POST", "slug", {"b_trainer.slug": NOT_YOURS, "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}, FILM_FORM),
    Probe("trainers:guide_phase", "GET", {"slug": "forankring"}, ALL_200),
    Probe("trainers:guide_phase", "GET", {"slug": "finns-inte"}, ALL_404),
    Probe("trainers:guide_edit", "GET", {"slug": "forankring"}, EDITOR_ONLY),
    Probe("trainers:guide_edit", "POST", {"slug": "forankring"}, EDITOR_DONE, {"summary": "Ny.", "text": "Ny text.", "easy_read": "Ny."}),
    *each("trainers:detail", "GET", "slug", {"b_trainer.slug": ALL_200, "b_trainer_applied.slug": EDITOR_SEES}),
    *each("trainers:edit", "GET", "slug", {"b_trainer.slug": NOT_YOURS, "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}),
    *each("trainers:edit", "POST", "slug", {"b_trainer.slug": NOT_YOURS, "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}, {"name": "Inte din"}),
    *each("trainers:resubmit", "POST", "slug", {"b_trainer.slug": NOT_YOURS, "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}),
    *each("trainers:contact", "GET", "slug", {"b_trainer.slug": (LOGIN, 200, 200, 200, 200), "b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}),
    *each("trainers:contact", "POST", "slug", {"b_trainer_applied.slug": (LOGIN, 404, 404, 404, 403)}, {"subject": "Hej", "message": "En fråga."}),
    *each("trainers:review", "GET", "slug", {"b_trainer.slug": EDITOR_ONLY, "b_trainer_applied.slug": EDITOR_ONLY}),
    *each("trainers:review", "POST", "slug", {"b_trainer_applied.slug": EDITOR_DONE}, {"action": "approve"}),
    # allauth's links from e-mails: B's member's address and a guessed key confirm nothing and
    # reset nothing (the real keys are signed and only ever mailed to their owner).
    # Uploaded images have random (uuid4) names and are public like the pages they are on; a
    # guessed name finds nothing.
    Probe("uploaded_image", "GET", {"path": "gissad.png"}, ALL_404),
    Probe("account_confirm_email", "GET", {"key": "{b_member.pk}:gissad"}, ALL_200),
    Probe("account_confirm_email", "POST", {"key": "{b_member.pk}:gissad"}, ALL_404),
    Probe("account_reset_password_from_key", "GET", {"uidb36": "{b_member.pk}", "key": "gissad-nyckel"}, ALL_200),
    Probe("account_reset_password_from_key", "POST", {"uidb36": "{b_member.pk}", "key": "gissad-nyckel"}, ALL_200, {"password1": "ett-nytt-langt-losen-7", "password2": "ett-nytt-langt-losen-7"}),
]
# fmt: on

# URL patterns with a parameter that names no one's object, with the reason.
NOT_OBJECTS = {
    # Uploaded images are served from a random file name under DEBUG only; they are public.
    "^media/(?P<path>.*)$",
    # The language code of the switcher (/sprak/en/): a setting, nobody's object.
    "choose_language",
}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(view name or route, full route) of every URL pattern the site answers."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else route
            yield name, route


def takes_identifier(route: str) -> bool:
    return "<" in route or "(?P<" in route


def test_every_url_with_an_identifier_is_swept():
    """A new view with an id or a slug in its address fails here until it has probes."""
    routes = {name: route for name, route in url_patterns() if takes_identifier(route)}
    with_identifier = set(routes)
    probed = {probe.view for probe in PROBES}
    # Django admin's are swept by test_django_admin_objects_are_for_superusers_only.
    admin_views = {name for name, route in routes.items() if route.startswith("admin/")}
    unswept = with_identifier - probed - admin_views - NOT_OBJECTS
    assert unswept == set()
    # And no probe names a URL that is gone.
    assert probed - with_identifier == set()


def test_a_profile_is_only_ever_ones_own():
    """No address takes a user's id: the account pages always show the signed-in user."""
    account_routes = [route for name, route in url_patterns() if name.startswith("accounts:")]
    assert account_routes and not any(takes_identifier(route) for route in account_routes)


def test_ones_profile_lists_nothing_of_anyone_else(client, world):
    client.force_login(world.users["member_a"])
    page = client.get(reverse("accounts:profile")).content.decode()
    for title in ["B utkast", "B inskickad", "Kollegans utkast", "B:s rapport", "Synlig."]:
        assert title not in page


# The database, row by row: every model of the site's apps and of allauth's accounts.
SWEPT_APPS = ("accounts", "companies", "methods", "trainers", "material", "account", "auth")


def database_state() -> dict[str, list]:
    state = {}
    for app in SWEPT_APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            state[model._meta.label] = list(model._default_manager.order_by("pk").values_list())
    return state


def client_for(world, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def send(client: Client, probe: Probe, world):
    url, data = probe.fill(world)
    return client.get(url) if probe.method == "GET" else client.post(url, data)


def check_status(response, expected, context: str) -> None:
    location = response.get("Location", "")
    if expected == LOGIN:
        assert (response.status_code, location.partition("?")[0]) == (302, "/konto/login/"), context
    elif expected == ADMIN:
        assert (response.status_code, location.partition("?")[0]) == (302, "/admin/login/"), context
    else:
        assert response.status_code == expected, f"{context} -> {location}"
        if expected == 302:
            assert "login" not in location, context


def assert_unchanged(before: dict, after: dict, context: str) -> None:
    changed = {label for label in before if before[label] != after[label]}
    assert changed == set(), f"{context} changed {changed}"


PROBED_VIEWS = sorted({probe.view for probe in PROBES})


@pytest.mark.parametrize("view", PROBED_VIEWS)
def test_object_access(world, view):
    """Every probe of this URL pattern, as every visitor: the exact status, and nothing in the
    database changed unless the cell is 302 (an editor's action, undone after)."""
    clients = {role: client_for(world, role) for role in ROLES}
    for probe in [p for p in PROBES if p.view == view]:
        cells = dict(zip(ROLES, probe.expected, strict=True))
        refused = [role for role, cell in cells.items() if cell != 302]
        # The database is read once around all of a probe's refusals (two reads, not ten):
        # a refusal that wrote anything fails here with the probe's name.
        with transaction.atomic():
            before = database_state()
            for role in refused:
                check_status(
                    send(clients[role], probe, world), cells[role], f"{probe.label} as {role}"
                )
            assert_unchanged(before, database_state(), f"{probe.label} as one of {refused}")
            transaction.set_rollback(True)
        for role in set(ROLES) - set(refused):
            with transaction.atomic():
                check_status(send(clients[role], probe, world), 302, f"{probe.label} as {role}")
                transaction.set_rollback(True)  # what the editor did is undone for the next probe


def admin_probes(world) -> list[tuple[str, str]]:
    """(view name, URL) of every admin URL with an identifier, filled with B's objects."""
    urls = []
    names = {
        name
        for name, route in url_patterns()
        if name.startswith("admin:") and takes_identifier(route)
    }
    for model, _model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        obj = model._default_manager.order_by("-pk").first()
        object_id = obj.pk if obj else 1
        for action in ("change", "delete", "history"):
            name = "admin:{}_{}_{}".format(*info, action)
            if name in names:
                urls.append((name, reverse(name, args=[object_id])))
        urls.append(("admin:app_list", reverse("admin:app_list", args=[info[0]])))
        # The bare object address redirects to the change page (an unnamed pattern).
        urls.append(
            ("<path:object_id>/", reverse("admin:{}_{}_changelist".format(*info)) + f"{object_id}/")
        )
    # UserAdmin names its password page after auth.User, whatever the user model.
    urls.append(
        (
            "admin:auth_user_password_change",
            reverse("admin:auth_user_password_change", args=[world.b_member.pk]),
        )
    )
    urls.append(("admin:view_on_site", reverse("admin:view_on_site", args=[1, world.b_draft.pk])))
    # Anything else under /admin/ (admin's catch-all pattern).
    urls.append(("admin/(?P<url>.*)$", f"/admin/companies/company/{world.company_b.pk}/x/"))
    # Every named admin pattern with an identifier is among them.
    assert names - {name for name, _url in urls} == set()
    return urls


def test_django_admin_objects_are_for_superusers_only(world):
    """Every object address of Django admin, with B's objects: Django admin's login page for
    everyone here, editors included (they work on the site itself)."""
    clients = {role: client_for(world, role) for role in ROLES}
    before = database_state()
    for name, url in admin_probes(world):
        for role in ROLES:
            check_status(clients[role].get(url), ADMIN, f"GET {url} ({name}) as {role}")
    assert_unchanged(before, database_state(), "Django admin")


# Identifiers in form fields: A's own forms, sent by A's member with B's objects in them.
# fmt: off
FOREIGN_FIELDS = [
    ("report-on-b-draft", "companies:report_new", A, {**REPORT_FORM, "method": "{b_draft.pk}"}),
    ("report-naming-an-unapproved-trainer", "companies:report_new", A, {**REPORT_FORM, "trainer": "{b_trainer_applied.pk}"}),
    ("effort-with-b-member", "companies:effort_new", A, {"title": "Lyft", "responsible_members": "{b_member.pk}"}),
    ("effort-with-b-draft", "companies:effort_new", A, {"title": "Lyft", "methods": "{b_draft.pk}"}),
    ("method-for-company-b", "methods:new", {}, {"title": "Ny", "summary": "Kort.", "learning_form": "i-arbetet", "target_roles": "deltagare", "company": "{company_b.pk}"}),
]
# fmt: on


@pytest.mark.parametrize(
    ("view", "kwargs", "data"),
    [case[1:] for case in FOREIGN_FIELDS],
    ids=[case[0] for case in FOREIGN_FIELDS],
)
def test_foreign_ids_in_form_fields_are_refused(world, view, kwargs, data):
    """The choice fields only offer what the user may pick: B's id is a form error (400)."""
    client = client_for(world, "member_a")
    probe = Probe(view, "POST", kwargs, (), data)
    with transaction.atomic():
        before = database_state()
        response = send(client, probe, world)
        assert response.status_code == 400
        assert_unchanged(before, database_state(), probe.label)
        transaction.set_rollback(True)
