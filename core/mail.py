"""The mail backend of an installation that sends no e-mail (EMAIL_DISABLED=1 in production).

Mails carry credentials: password-reset links, e-mail confirmation keys, invitation links. The
console backend Django falls back to prints them whole into the log, so production refuses to
start without an SMTP server (handbook_site/settings.py) unless mail is switched off on
purpose. Then this backend drops every message and logs only that it did, with the recipients
and the subject: never the body, where the links are.
"""

from __future__ import annotations

import logging

from django.core.mail.backends.base import BaseEmailBackend

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
