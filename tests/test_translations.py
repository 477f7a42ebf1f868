"""Every Swedish string has its English translation: no empty and no fuzzy entries."""

import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries() -> list[str]:
    # Entries are separated by blank lines; the first is the catalogue's header.
    return CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]


def test_no_english_translation_is_missing():
    missing = [
        entry
        for entry in entries()
        if not entry.lstrip().startswith("#~")  # obsolete entries are not shown
        # An empty msgstr that no continuation line follows.
        and re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.MULTILINE)
    ]
    assert missing == [], "Untranslated (run make messages, then translate):\n\n" + "\n\n".join(
        missing
    )


def test_no_translation_is_fuzzy():
    fuzzy = [entry for entry in entries() if re.search(r"^#,.*\bfuzzy\b", entry, re.MULTILINE)]
    assert fuzzy == [], "Fuzzy (check and remove the flag):\n\n" + "\n\n".join(fuzzy)
