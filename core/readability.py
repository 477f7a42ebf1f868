"""Readability (LIX) and a guard against personal data in text meant for publication."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .validators import luhn_valid

# Lättläst target: LIX at most 40 ("lätt text, barnböcker" to "normal tidningstext" is 30-40).
EASY_READ_MAX_LIX = 40

_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:-[A-Za-zÅÄÖåäö]+)*")


def lix(text: str) -> int | None:
    """Björnsson's LIX: words per sentence + percentage of words longer than six letters.

    None for an empty text. Markdown list items and paragraphs count as sentences.
    """
    words = _WORD.findall(text or "")
    if not words:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text.strip()) if _WORD.search(s)]))
    long_words = sum(1 for w in words if len(w) > 6)
    return round(len(words) / sentences + 100 * long_words / len(words))


def lix_label(value: int | None) -> str:
    if value is None:
        return ""
    if value <= 30:
        return str(_("mycket lättläst"))
    if value <= 40:
        return str(_("lättläst"))
    if value <= 50:
        return str(_("medelsvår"))
    return str(_("svår"))


@dataclass(frozen=True)
class Finding:
    kind: str  # "personnummer" | "telefon" | "e-post"
    text: str
    field: str
    field_label: str = ""  # the field as the form names it, for the message; "" if unnamed

    @property
    def label(self) -> str:
        return {
            "personnummer": str(_("personnummer")),
            "telefon": str(_("telefonnummer")),
            "e-post": str(_("e-postadress")),
        }[self.kind]


_PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?(\d{6})[-+ ]?(\d{4})(?!\d)")
_PHONE = re.compile(r"(?<![\d\w])(?:\+46[\s-]?|0)7\d(?:[\s-]?\d){7}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _plausible_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    # Samordningsnummer add 60 to the day.
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def find_personal_data(
    fields: dict[str, str], labels: dict[str, str] | None = None
) -> list[Finding]:
    """Personal identity numbers (valid check digit), mobile numbers and e-mail addresses.

    `labels` names the fields as the person sees them (field name -> label), so a message can
    say where each finding is.
    """
    findings: list[Finding] = []
    for name, text in fields.items():
        where = str((labels or {}).get(name, ""))
        for match in _PERSONNUMMER.finditer(text or ""):
            date, serial = match.group(1), match.group(2)
            if _plausible_date(date) and luhn_valid(date + serial):
                findings.append(Finding("personnummer", match.group(0), name, where))
        for match in _PHONE.finditer(text or ""):
            findings.append(Finding("telefon", match.group(0), name, where))
        for match in _EMAIL.finditer(text or ""):
            findings.append(Finding("e-post", match.group(0), name, where))
    return findings
