"""Mail backends of our own: one for development, one for an installation that sends no e-mail.

ReadableConsoleBackend (development: DEBUG on and no EMAIL_HOST) prints each mail as a person
reads it. Django's console backend prints the MIME message as sent, so Swedish subjects came out
as "=?utf-8?q?=E2=80=9DProva?=" and bodies in base64 or quoted-printable; this one prints the
headers decoded and every text part as UTF-8 text.

DiscardingBackend is the mail backend of an installation that sends no e-mail (EMAIL_DISABLED=1
in production).

Mails carry credentials: password-reset links, e-mail confirmation keys, invitation links. The
console backend Django falls back to prints them whole into the log, so production refuses to
start without an SMTP server (handbook_site/settings.py) unless mail is switched off on
purpose. Then this backend drops every message and logs only that it did, with the recipients
and the subject: never the body, where the links are.
"""

from __future__ import annotations

import logging

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

logger = logging.getLogger(__name__)


class DiscardingBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            logger.info(
                "E-mail not sent (EMAIL_DISABLED): to %s, subject %r",
                ", ".join(message.recipients()),
                message.subject,
            )
            count += 1
        return count


# Transport details of the MIME structure, not something a reader of the mail sees.
TRANSPORT_HEADERS = {"mime-version", "content-type", "content-transfer-encoding"}


class ReadableConsoleBackend(ConsoleBackend):
    """Django's console backend, printing headers decoded and text parts as UTF-8 text."""

    def write_message(self, message) -> None:
        mime = message.message()  # email.policy.default: header values are decoded strings
        lines = [
            f"{name}: {value}"
            for name, value in mime.items()
            if name.lower() not in TRANSPORT_HEADERS
        ]
        if message.bcc:
            lines.append(f"Bcc: {', '.join(message.bcc)}")
        texts = 0
        for part in mime.walk():
            if part.is_multipart():
                continue
            filename = part.get_filename()
            if filename or part.get_content_maintype() != "text":
                size = len(part.get_payload(decode=True) or b"")
                lines += [
                    "",
                    f"[attachment: {filename or '-'}, {part.get_content_type()}, {size} bytes]",
                ]
                continue
            if texts or part.get_content_type() != "text/plain":
                lines += ["", f"[{part.get_content_type()}]"]
            lines += ["", part.get_content().rstrip("\n")]
            texts += 1
        self.stream.write("\n".join(lines) + "\n")
        self.stream.write("-" * 79 + "\n")
