"""One error pattern on every form (issue 13): each form page posted with bad input answers with
"Fel:" first in its title, an error summary at the top of <main> with one link per error to an
element that exists, the messages by the fields, and everything typed kept.

FORM_PAGES lists every form page; test_every_post_form_is_covered fails when a template gets a
<form method="post"> that neither a case here nor EXCLUDED (with its reason) accounts for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from companies.models import Effort, Membership
from core.error_summary import ErrorLink, errors_on_page
from methods.choices import Status
from methods.models import Comment
from tests.accounts.test_mfa import SECRET, sign_in, sign_in_fresh, with_totp, wrong_code_for
from tests.factories import (
    ExperienceReportFactory,
    MethodFactory,
    UserFactory,
)
from tests.trainers.helpers import make_guide_page, make_trainer

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# allauth's pages post through templates/allauth/elements/form.html, whose method is a variable.
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"(post|\{\{ attrs\.method \}\})\"", re.I)


# Reading a page -------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Ids, the title, the summary's links, and each invalid field with what describes it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}  # id -> tag
        self.title = ""
        self.links: list[tuple[str, str]] = []  # (href, text) in the summary
        self.invalid: list[tuple[str, str]] = []  # (name, aria-describedby of it or its fieldset)
        self.summary_heading = ""
        self._in_title = False
        self._summary_depth = 0  # the depth of the open summary, or 0
        self._summaries = 0
        self._depth = 0
        self._link: list[str] | None = None
        self._heading: list[str] | None = None
        self._fieldsets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            assert a["id"] not in self.ids, f"id {a['id']!r} twice on the page"
            self.ids[a["id"]] = tag
        if tag not in {"input", "br", "img", "meta", "link", "hr", "source"}:
            self._depth += 1
        if tag == "title":
            self._in_title = True
        if "data-error-summary" in a:
            self._summaries += 1
            assert self._summaries == 1, "two error summaries"
            self._summary_depth = self._depth
        if self._summary_depth and tag == "a":
            self._link = [a.get("href", ""), ""]
        if self._summary_depth and tag == "h2":
            self._heading = []
        if tag == "fieldset":
            self._fieldsets.append(a.get("aria-describedby", ""))
        if a.get("aria-invalid") == "true":
            described = a.get("aria-describedby") or (
                self._fieldsets[-1] if self._fieldsets else ""
            )
            self.invalid.append((a.get("name", ""), described))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"input", "br", "img", "meta", "link", "hr", "source"}:
            self._depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link is not None:
            self._link[1] += data
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if tag == "h2" and self._heading is not None:
            self.summary_heading = " ".join("".join(self._heading).split())
            self._heading = None
        if tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        if self._summary_depth and self._depth == self._summary_depth:
            self._summary_depth = 0
        self._depth -= 1


def read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def outside_summary(html: str) -> str:
    """The page without its summary, to find the messages by the fields and the typed text."""
    return re.sub(r'<div class="error-summary".*?</ul>\s*</div>', "", html, flags=re.DOTALL)


# The form pages -------------------------------------------------------------------------------


@dataclass
class Posted:
    client: Client
    url: str
    data: dict
    errors: int  # how many errors the summary lists
    typed: tuple[str, ...] = ()  # what the page must still show of what was typed


@dataclass(frozen=True)
class FormPage:
    name: str
    templates: tuple[str, ...]  # the templates whose post forms this case covers
    post: Callable[[Client, pytest.FixtureRequest], Posted]


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def _method_new(client, request):
    member = request.getfixturevalue("member")
    data = {"title": "", "summary": "Visa först, gör sedan.", "body": "## Gör så", "purpose": ""}
    return Posted(signed_in(client, member), reverse("methods:new"), data, 3,
                  ("Visa först, gör sedan.",))  # fmt: skip


def _method_phases(client, request):
    member = request.getfixturevalue("member")
    method = MethodFactory(author=member, status=Status.DRAFT)
    data = {"version": method.version, "phases": [], "steg_genomforande_handledare": "Visar."}
    url = reverse("methods:edit_step", args=[method.slug, "faser"])
    return Posted(signed_in(client, member), url, data, 2, ("Visar.",))


def _method_submit(client, request):
    member = request.getfixturevalue("member")
    method = MethodFactory(author=member, status=Status.DRAFT, body="Ring Anna på 070-123 45 67.")
    return Posted(signed_in(client, member), reverse("methods:submit", args=[method.slug]), {}, 1)


def _film_add(client, request):
    member = request.getfixturevalue("member")
    method = MethodFactory(author=member, status=Status.DRAFT)
    data = {"source": "fil", "title": "Så rengör du kaffemaskinen", "minutes": "",
            "transcript": "Leila visar hur."}  # fmt: skip
    url = reverse("material:method_films", args=[method.slug])
    # The length, the film file and its captions.
    return Posted(signed_in(client, member), url, data, 3,
                  ("Så rengör du kaffemaskinen", "Leila visar hur."))  # fmt: skip


def _link_add(client, request):
    member = request.getfixturevalue("member")
    method = MethodFactory(author=member, status=Status.DRAFT)
    data = {"kind": "report", "title": "Slutrapporten", "url": "inte en adress", "description": ""}
    url = reverse("material:method_links", args=[method.slug])
    return Posted(signed_in(client, member), url, data, 2, ("Slutrapporten",))


def _attachment_add(client, request):
    member = request.getfixturevalue("member")
    method = MethodFactory(author=member, status=Status.DRAFT)
    data = {"kind": "report", "title": "Slutrapporten", "description": "Vad vi lärde oss.",
            "file": SimpleUploadedFile("rapport.pdf", b"MZ not a pdf")}  # fmt: skip
    url = reverse("material:method_attachments", args=[method.slug])
    return Posted(signed_in(client, member), url, data, 1, ("Slutrapporten", "Vad vi lärde oss."))


def _comment(client, request):
    method = MethodFactory()
    url = reverse("methods:comment_create", args=[method.slug])
    return Posted(signed_in(client, request.getfixturevalue("member")), url, {"body": ""}, 1)


def _question_new(client, request):
    company = request.getfixturevalue("company")
    url = reverse("companies:question_new", args=[company.slug])
    # A study visit to a company that takes none, and no text.
    data = {"kind": "studiebesok", "body": "", "method": "999999"}
    return Posted(signed_in(client, request.getfixturevalue("stranger")), url, data, 3)


def _question_answer(client, request):
    from companies.models import Question

    company = request.getfixturevalue("company")
    asker = request.getfixturevalue("stranger")
    question = Question.objects.create(company=company, asker=asker, body="Hur började ni?")
    url = reverse("companies:question_answer", args=[company.slug, question.pk])
    data = {"answer": "Ring 070-123 45 67."}  # the personal-data guard asks for a confirmation
    return Posted(signed_in(client, request.getfixturevalue("company_admin")), url, data, 1,
                  ("Ring 070-123 45 67.",))  # fmt: skip


def _comment_report(client, request):
    comment = Comment.objects.create(method=MethodFactory(), author=UserFactory(), body="Hej.")
    url = reverse("methods:comment_report", args=[comment.pk])
    data = {"reason": "Reklam. " * 40}  # longer than the 300 characters a reason may have
    return Posted(signed_in(client, request.getfixturevalue("member")), url, data, 1,
                  ("Reklam. Reklam.",))  # fmt: skip


def _method_publish(client, request):
    hard = "Kompetensutvecklingsinsatsens genomförande förutsätter organisatoriska förutsättningar."
    method = MethodFactory(status=Status.SUBMITTED, easy_read=hard)
    url = reverse("methods:publish", args=[method.slug])
    return Posted(signed_in(client, request.getfixturevalue("editor")), url, {}, 1)


def _method_request_changes(client, request):
    method = MethodFactory(status=Status.SUBMITTED)
    url = reverse("methods:request_changes", args=[method.slug])
    return Posted(signed_in(client, request.getfixturevalue("editor")), url, {"meddelande": " "}, 1)


def _report_new(client, request):
    company, member = request.getfixturevalue("company"), request.getfixturevalue("member")
    data = {"method": MethodFactory().pk, "title": "", "context": "Caféet, fyra deltagare.",
            "period_start": "2026-01-12", "period_end": "2025-12-01", "spara": ""}  # fmt: skip
    url = reverse("companies:report_new", args=[company.slug])
    return Posted(signed_in(client, member), url, data, 3, ("Caféet, fyra deltagare.",))


def _report_request_changes(client, request):
    report = ExperienceReportFactory(status=Status.SUBMITTED)
    url = reverse("companies:report_request_changes", args=[report.pk])
    return Posted(signed_in(client, request.getfixturevalue("editor")), url, {"meddelande": ""}, 1)


def _report_publish(client, request):
    report = ExperienceReportFactory(status=Status.SUBMITTED, consent_to_publish=False)
    url = reverse("companies:report_publish", args=[report.pk])
    return Posted(signed_in(client, request.getfixturevalue("editor")), url, {}, 1)


def _effort_new(client, request):
    company, member = request.getfixturevalue("company"), request.getfixturevalue("member")
    url = reverse("companies:effort_new", args=[company.slug])
    data = {"title": "", "goal": "Alla tvättar händerna."}
    return Posted(signed_in(client, member), url, data, 1, ("Alla tvättar händerna.",))


def _effort_phase(client, request):
    company, member = request.getfixturevalue("company"), request.getfixturevalue("member")
    signed_in(client, member)
    client.post(
        reverse("companies:effort_new", args=[company.slug]),
        {"title": "Hygien", "goal": "Rent.", "methods": [MethodFactory().pk]},
    )
    effort = Effort.objects.get()
    url = reverse("companies:effort_phase", args=[company.slug, effort.pk, 2])
    data = {"fas2-started_on": "2027-03-10", "fas2-completed_on": "2027-03-01",
            "fas2-notes": "Vi började sent."}  # fmt: skip
    return Posted(client, url, data, 1, ("Vi började sent.",))


def _company_edit(client, request):
    company = request.getfixturevalue("company")
    admin = request.getfixturevalue("company_admin")
    url = reverse("companies:edit", args=[company.slug])
    data = {"name": "", "org_number": "123", "municipality": "Skövde"}
    return Posted(signed_in(client, admin), url, data, 0, ("Skövde",))


def _invite(client, request):
    company = request.getfixturevalue("company")
    admin = request.getfixturevalue("company_admin")
    url = reverse("companies:members", args=[company.slug])
    data = {"email": "inte-en-adress", "role": "member"}
    return Posted(signed_in(client, admin), url, data, 1, ("inte-en-adress",))


def _member_role(client, request):
    company = request.getfixturevalue("company")
    admin = request.getfixturevalue("company_admin")
    membership = Membership.objects.get(user=admin)
    url = reverse("companies:member_role", args=[company.slug, membership.pk])
    return Posted(signed_in(client, admin), url, {f"m{membership.pk}-role": "member"}, 1)


def _member_remove(client, request):
    company = request.getfixturevalue("company")
    admin = request.getfixturevalue("company_admin")
    membership = Membership.objects.get(user=admin)
    url = reverse("companies:member_remove", args=[company.slug, membership.pk])
    return Posted(signed_in(client, admin), url, {}, 1)


def _profile(client, request):
    url = reverse("accounts:profile")
    data = {"display_name": "mira@example.org"}
    return Posted(signed_in(client, request.getfixturevalue("member")), url, data, 1,
                  ('value="mira@example.org"',))  # fmt: skip


def _delete_account(client, request):
    url = reverse("accounts:delete")
    data = {"password": "fel"}
    return Posted(signed_in(client, request.getfixturevalue("member")), url, data, 1)


def _login(client, request):
    data = {"login": "ingen@example.org", "password": "fel"}
    return Posted(client, reverse("account_login"), data, 1, ('value="ingen@example.org"',))


def _signup(client, request):
    data = {"email": "ny@example.org", "password1": "kort", "password2": "annat"}
    return Posted(client, reverse("account_signup"), data, 0, ('value="ny@example.org"',))


def _password_reset(client, request):
    return Posted(client, reverse("account_reset_password"), {"email": "inte-en-adress"}, 1,
                  ('value="inte-en-adress"',))  # fmt: skip


def _password_change(client, request):
    data = {"oldpassword": "fel", "password1": "kort", "password2": "kort"}
    return Posted(signed_in(client, request.getfixturevalue("member")),
                  reverse("account_change_password"), data, 0)  # fmt: skip


def _email_add(client, request):
    data = {"email": "inte-en-adress", "action_add": ""}
    return Posted(signed_in(client, request.getfixturevalue("member")), reverse("account_email"),
                  data, 1, ('value="inte-en-adress"',))  # fmt: skip


def _reauthenticate(client, request):
    member = request.getfixturevalue("member")
    sign_in(client, member)
    return Posted(client, reverse("account_reauthenticate"), {"password": "fel"}, 1)


def _mfa_activate(client, request):
    member = request.getfixturevalue("member")
    sign_in_fresh(client, member)
    client.get(reverse("mfa_activate_totp"))
    return Posted(client, reverse("mfa_activate_totp"), {"code": "12"}, 1)


def _mfa_recovery_codes(client, request):
    """New recovery codes without an authenticator app: allauth refuses (a form-wide error)."""
    sign_in_fresh(client, request.getfixturevalue("member"))
    return Posted(client, reverse("mfa_generate_recovery_codes"), {}, 1)


def _mfa_authenticate(client, request):
    member = request.getfixturevalue("member")
    with_totp(member)
    sign_in(client, member)
    return Posted(client, reverse("mfa_authenticate"), {"code": wrong_code_for(SECRET)}, 1)


def _mfa_reauthenticate(client, request):
    member = request.getfixturevalue("member")
    with_totp(member)
    sign_in(client, member)
    client.post(reverse("mfa_authenticate"), {"code": _code_now()})
    return Posted(client, reverse("mfa_reauthenticate"), {"code": wrong_code_for(SECRET)}, 1)


def _code_now(offset: int = 0) -> str:
    import time

    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30 + offset))


def _trainer_apply(client, request):
    data = {"name": "Lärande Verkstan", "summary": "", "contact_email": "inte-en-adress"}
    # Summary, person or organisation, kind, areas, counties, languages, formats, address.
    return Posted(signed_in(client, request.getfixturevalue("member")), reverse("trainers:apply"),
                  data, 8, ("Lärande Verkstan", 'value="inte-en-adress"'))  # fmt: skip


def _trainer_contact(client, request):
    trainer = make_trainer(UserFactory(), "Utbildaren")
    url = reverse("trainers:contact", args=[trainer.slug])
    data = {"subject": "Kurs", "message": "Ring Anna på 070-123 45 67."}
    return Posted(signed_in(client, request.getfixturevalue("member")), url, data, 1, ("Kurs",))


def _trainer_reject(client, request):
    trainer = make_trainer(UserFactory(), "Sökande", Status.SUBMITTED)
    url = reverse("trainers:review", args=[trainer.slug])
    editor = request.getfixturevalue("editor")
    return Posted(signed_in(client, editor), url, {"action": "reject"}, 1)


def _trainer_guide_edit(client, request):
    make_guide_page("forankring")
    url = reverse("trainers:guide_edit", args=["forankring"])
    data = {"summary": "", "text": "Planera med handledaren.", "easy_read": "Planera."}
    return Posted(signed_in(client, request.getfixturevalue("editor")), url, data, 1,
                  ("Planera med handledaren.",))  # fmt: skip


FORM_PAGES = [
    FormPage("method-new", ("methods/submission/step.html",), _method_new),
    FormPage("method-phases", ("methods/submission/step.html",), _method_phases),
    FormPage("method-submit", ("methods/submission/preview.html",), _method_submit),
    FormPage("comment", ("methods/comment_form.html", "methods/_comments.html"), _comment),
    FormPage("comment-report", ("methods/comment_report.html",), _comment_report),
    FormPage("film-add", ("material/films.html",), _film_add),
    FormPage("link-add", ("material/links.html",), _link_add),
    FormPage("attachment-add", ("material/attachments.html",), _attachment_add),
    FormPage("method-publish", ("methods/editorial/review.html",), _method_publish),
    FormPage(
        "method-request-changes", ("includes/request_changes_form.html",), _method_request_changes
    ),  # fmt: skip
    FormPage("report-new", ("companies/reports/report_form.html",), _report_new),
    FormPage("report-publish", ("companies/reports/review.html",), _report_publish),
    FormPage(
        "report-request-changes", ("includes/request_changes_form.html",), _report_request_changes
    ),  # fmt: skip
    FormPage("effort-new", ("companies/efforts/form.html",), _effort_new),
    FormPage("effort-phase", ("companies/efforts/detail.html",), _effort_phase),
    FormPage("company-edit", ("companies/company_form.html",), _company_edit),
    FormPage("invite", ("companies/members.html",), _invite),
    FormPage("member-role", ("companies/members.html",), _member_role),
    FormPage("member-remove", ("companies/members.html",), _member_remove),
    FormPage("question-new", ("companies/questions/question_form.html",), _question_new),
    FormPage("question-answer", ("companies/questions/question_detail.html",), _question_answer),
    FormPage("trainer-apply", ("trainers/trainer_form.html",), _trainer_apply),
    FormPage("trainer-contact", ("trainers/trainer_contact.html",), _trainer_contact),
    FormPage("trainer-reject", ("trainers/review.html",), _trainer_reject),
    FormPage("trainer-guide-edit", ("trainers/guide_edit.html",), _trainer_guide_edit),
    FormPage("profile", ("accounts/profile.html",), _profile),
    FormPage("delete-account", ("accounts/delete.html",), _delete_account),
    FormPage("login", ("allauth/elements/form.html",), _login),
    FormPage("signup", ("allauth/elements/form.html",), _signup),
    FormPage("password-reset", ("allauth/elements/form.html",), _password_reset),
    FormPage("password-change", ("allauth/elements/form.html",), _password_change),
    FormPage("email-add", ("allauth/elements/form.html",), _email_add),
    FormPage("reauthenticate", ("account/reauthenticate.html",), _reauthenticate),
    FormPage("mfa-activate", ("mfa/totp/activate_form.html",), _mfa_activate),
    FormPage("mfa-recovery-codes", ("mfa/recovery_codes/generate.html",), _mfa_recovery_codes),
    FormPage("mfa-authenticate", ("mfa/authenticate.html",), _mfa_authenticate),
    FormPage("mfa-reauthenticate", ("mfa/reauthenticate.html",), _mfa_reauthenticate),
]

# Post forms that cannot show an error: a single confirmation button whose only refusal is a
# permission answer (403/404) or a state already reached.
EXCLUDED = {
    "base.html": "the log-out button",
    "companies/invitation.html": "accept and log-out buttons; a wrong account is told before it "
    "can post, and a stale invitation answers with its own page",
    "methods/method_delete.html": "a confirmation button",
    "methods/editorial/history.html": "restore buttons, one per version",
    "methods/recycle_bin.html": "restore buttons",
    "methods/comment_moderation.html": "hide and show buttons",
    "methods/submission/new_version.html": "a button that starts the working copy",
    "trainers/trainer_detail.html": "the button that sends a profile back to the editors; a "
    "profile not waiting for changes is told so with a message",
    "mfa/totp/deactivate_form.html": "a confirmation button; allauth refuses only when the MFA "
    "adapter forbids removing the authenticator, which this site's never does",
}


@pytest.mark.parametrize("case", FORM_PAGES, ids=[c.name for c in FORM_PAGES])
def test_a_form_posted_with_bad_input_shows_the_one_error_pattern(client, request, case):
    posted = case.post(client, request)
    response = posted.client.post(posted.url, posted.data)
    html = response.content.decode()
    # allauth answers 200 with the form again; the others 400 (409 for a conflict).
    assert response.status_code in {200, 400, 409}, (response.status_code, html[:2000])
    page = read(html)
    assert page.title.startswith("Fel: "), page.title
    links = page.links
    assert links, "no error summary"
    if posted.errors:
        assert len(links) == posted.errors, links
    assert page.summary_heading == f"Det finns {len(links)} fel i formuläret"
    rest = outside_summary(html)
    for href, text in links:
        assert href.startswith("#") and href[1:] in page.ids, (href, sorted(page.ids))
        message = text.split(": ", 1)[-1]
        assert message in rest, f"{message!r} is not by its field"
    # Each field with an error says so, and names the element that holds its message.
    for name, described in page.invalid:
        assert described, f"{name} is aria-invalid but describedby nothing"
        assert all(i in page.ids for i in described.split()), (name, described)
    for text in posted.typed:
        assert text in rest, f"{text!r} was not kept"


def test_the_summary_comes_first_in_main_and_takes_focus_by_script(client, member):
    client.force_login(member)
    html = client.post(reverse("accounts:delete"), {"password": "fel"}).content.decode()
    main = html.split('<main id="main" tabindex="-1" class="wrap">', 1)[1]
    assert main.lstrip().startswith(
        '<div class="error-summary" id="felsammanfattning" role="alert" tabindex="-1" '
        'aria-labelledby="felsammanfattning-rubrik" data-error-summary>'
    )
    assert (
        '<li><a href="#id_password">Ditt lösenord: Lösenordet stämmer inte. Skriv samma lösenord '
        "som när du loggar in.</a></li>" in main
    )
    script = r'<script src="/static/js/error-summary[.0-9a-f]*\.js" defer nonce="[^"]+"></script>'
    assert re.search(script, main)


def test_a_page_without_errors_has_neither_summary_nor_prefix(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:delete")).content.decode()
    assert "<title>Radera mitt konto – Kompetenshandboken</title>" in html
    assert "error-summary" not in html


def test_the_summary_and_title_are_english_in_english(client, member):
    client.force_login(member)
    with translation.override("en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = client.post(reverse("accounts:delete"), {"password": "fel"}).content.decode()
    assert read(html).title.startswith("Error: ")
    assert "There is 1 problem with the form" in html


def test_the_page_never_validates_a_form_itself(rf):
    """Only forms their view validated: validating can do things (allauth's login signs in)."""
    from django import forms
    from django.template import Context

    class Counting(forms.Form):
        name = forms.CharField()
        calls = 0

        def clean(self):
            Counting.calls += 1
            return super().clean()

    unvalidated = Counting({"name": ""})
    assert errors_on_page(Context({"form": unvalidated})) == []
    assert Counting.calls == 0
    validated = Counting({"name": ""})
    validated.is_valid()
    assert errors_on_page(Context({"form": validated})) == [
        ErrorLink("Name: Detta fält måste fyllas i.", "id_name")
    ]


def test_every_post_form_is_covered():
    """A template with a post form is either walked above or excluded with a reason."""
    with_post_forms = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if POST_FORM.search(path.read_text(encoding="utf-8"))
    }
    covered = {t for case in FORM_PAGES for t in case.templates}
    assert not covered & set(EXCLUDED), "a template both covered and excluded"
    missing = with_post_forms - covered - set(EXCLUDED)
    assert not missing, f"post forms no error test walks: {sorted(missing)}"
    stale = (covered | set(EXCLUDED)) - with_post_forms
    assert not stale, f"listed but without a post form: {sorted(stale)}"


def test_a_refused_submission_is_shown_by_its_form_and_describes_the_confirmation(client, member):
    """A refusal that is no field's error sits by the control to change, like a field's."""
    method = MethodFactory(author=member, status=Status.DRAFT, body="Ring Anna på 070-123 45 67.")
    client.force_login(member)
    response = client.post(reverse("methods:submit", args=[method.slug]))
    assert response.status_code == 400
    [refusal] = response.context["page_errors"]
    assert refusal.target == "skicka-in"
    html = response.content.decode()
    assert f'<li><a href="#skicka-in">{refusal.message}</a></li>' in html
    assert f'<ul class="field__errors" id="skicka-in_error"><li>{refusal.message}</li></ul>' in html
    assert (
        '<input type="checkbox" id="bekrafta" name="bekrafta" value="1" '
        'aria-describedby="skicka-in_error">'
    ) in html
    method.refresh_from_db()
    assert method.status == Status.DRAFT
