"""Mail in production: never printed to the log, and subjects in plain text.

With DEBUG off and no mail server, Django's console backend wrote every mail, password-reset
links included, into the log. Production now refuses to start without EMAIL_HOST, unless
EMAIL_DISABLED=1 says on purpose that no mail is sent; then mails are dropped and only
recipients and subjects are logged (core/mail.py). Subjects were HTML-escaped where a template
forgot {% autoescape off %}: "Fika &amp; ..." in the inbox.
"""

import logging
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from core.mail import DiscardingBackend
from core.notifications import notify
from tests.factories import MethodFactory

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 60
PRINT = "import handbook_site.settings as s; print(s.MAILERS['default']['BACKEND'])"


def load(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    clean.update(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="handbok.example", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_production_without_a_mail_server_refuses_to_start():
    result = load(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_HOST must name an SMTP server" in result.stderr
    assert "EMAIL_DISABLED=1" in result.stderr


def test_production_with_a_mail_server_uses_smtp():
    result = load(DJANGO_DEBUG="0", EMAIL_HOST="smtp.handbok.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_production_without_mail_on_purpose_drops_mails():
    result = load(DJANGO_DEBUG="0", EMAIL_DISABLED="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core.mail.DiscardingBackend"


def test_development_still_prints_mails_to_the_console():
    result = load(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core.mail.ReadableConsoleBackend"


def test_the_discarding_backend_logs_recipients_and_subject_never_the_body(caplog, capsys):
    secret = "https://handbok.example/konto/losenord/aterstall/key/3-abc123-hemlig/"
    message = EmailMessage(
        subject="Återställ lösenord", body=f"Öppna länken: {secret}", to=["anna@example.com"]
    )
    with caplog.at_level(logging.DEBUG):
        assert DiscardingBackend().send_messages([message]) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "E-mail not sent (EMAIL_DISABLED): to anna@example.com, subject 'Återställ lösenord'"
    ]
    captured = capsys.readouterr()
    assert secret not in caplog.text + captured.out + captured.err


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("template", "context", "subject"),
    [
        (
            "method_submitted",
            {"method": None},
            "[Kompetenshandboken] Ny metod att granska: ”Fika & <lärande> \"på\" 'riktigt'”",
        ),
        # This template has no {% autoescape off %}: the plain-text rendering covers it anyway.
        (
            "invitation",
            {"company": types.SimpleNamespace(name="Fika & <lärande> \"på\" 'riktigt'")},
            "[Kompetenshandboken] Du är inbjuden till Fika & <lärande> \"på\" 'riktigt' i "
            "Kompetenshandboken",
        ),
    ],
)
def test_subjects_and_bodies_are_plain_text(
    template, context, subject, django_capture_on_commit_callbacks
):
    title = "Fika & <lärande> \"på\" 'riktigt'"
    if "method" in context:
        context = {"method": MethodFactory(title=title), "author": None}
    with django_capture_on_commit_callbacks(execute=True):
        notify(["anna@example.com"], template, context)
    [sent] = mail.outbox
    assert sent.subject == subject
    assert "\n" not in sent.subject
    assert "&amp;" not in sent.subject + sent.body
    assert "&lt;" not in sent.subject + sent.body
    if template == "method_submitted":
        assert f"”{title}” för granskning" in sent.body
