"""Console e-mail in development is readable UTF-8.

Django's console backend printed the MIME message as sent: a subject came out as
"=?utf-8?q?F=C3=B6rankring_=E2=80=93_=E2=80=9DProva?=" and bodies as base64. Development now
prints mails with core.mail.ReadableConsoleBackend: headers decoded, text parts as UTF-8 text.
"""

import pytest
from django.core.mail import EmailMultiAlternatives

from core.mail import ReadableConsoleBackend
from core.notifications import send_notification

SUBJECT = "Förankring – ”Prova” & <x>"
BODY = (
    "Hej Åsa!\n\n”Prova” & <x> väntar på granskning: "
    "http://127.0.0.1:8000/metoder/forankring-prova-och-en-mycket-lang-adress-som-inte-bryts/\n"
)
SEPARATOR = "-" * 79


@pytest.fixture
def console_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "core.mail.ReadableConsoleBackend"}}


def printed_lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


@pytest.mark.usefixtures("console_mail")
def test_a_notification_prints_its_subject_and_body_as_written(capsys):
    assert send_notification.call(["asa@example.org"], SUBJECT, BODY) == 1
    lines = printed_lines(capsys)
    assert f"Subject: {SUBJECT}" in lines
    assert "To: asa@example.org" in lines
    assert "From: Kompetenshandboken <noreply@localhost>" in lines
    blank = lines.index("")
    assert lines[blank + 1 :] == [*BODY.rstrip("\n").split("\n"), SEPARATOR]
    assert not any(line.startswith(("MIME-Version", "Content-")) for line in lines)
    assert "=?utf-8?" not in "\n".join(lines)


def test_names_alternatives_and_attachments_are_readable(capsys):
    message = EmailMultiAlternatives(
        subject=SUBJECT,
        body=BODY,
        from_email="Kompetenshandboken <noreply@localhost>",
        to=["Åsa Öst <asa@example.org>"],
        bcc=["redaktion@example.org"],
    )
    message.attach_alternative("<p>”Prova” &amp; &lt;x&gt;</p>", "text/html")
    message.attach("förankring.pdf", b"%PDF-1.7 0123456789", "application/pdf")
    assert ReadableConsoleBackend().send_messages([message]) == 1
    lines = printed_lines(capsys)
    header_end = lines.index("")
    headers = lines[:header_end]
    assert f"Subject: {SUBJECT}" in headers
    assert "To: Åsa Öst <asa@example.org>" in headers
    assert "Bcc: redaktion@example.org" in headers
    assert lines[header_end:] == [
        "",
        *BODY.rstrip("\n").split("\n"),
        "",
        "[text/html]",
        "",
        "<p>”Prova” &amp; &lt;x&gt;</p>",
        "",
        "[attachment: förankring.pdf, application/pdf, 19 bytes]",
        SEPARATOR,
    ]
