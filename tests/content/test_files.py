"""The file format: front matter and Markdown, read back exactly as written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.files import FormatError, format_file, parse_file, read_file, write_file

# Any text a form can hold, with \n line breaks (the export writes no other kind).
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"))


def test_written_file_reads_back_with_the_same_values(tmp_path):
    data = {
        "title": "Visa – gör – öva: ”demonstration”",
        "answer": "no",
        "phone": "070-174 06 05",
        "when": date(2025, 2, 3),
        "published_at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "hours": 2.5,
        "tags": ["a", "b"],
        "notes": {"forankring": "En rad.\nEn till.  \n# inte en rubrik"},
        "summary": "Första raden.\n\nAndra stycket: med kolon # och hash.",
        "body": "## Rubrik\n\nText.\n",
    }
    path = tmp_path / "methods" / "x.md"
    write_file(path, data, "body", blocks=["summary"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 'Visa – gör – öva: ”demonstration”'\nanswer: 'no'\n")
    assert "summary: |-\n  Första raden.\n\n  Andra stycket: med kolon # och hash.\n" in text
    assert text.endswith("---\n\n## Rubrik\n\nText.\n\n")
    assert read_file(path, "body") == data


@settings(max_examples=300, deadline=None, database=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "summary"]), texts), texts, st.lists(texts))
def test_any_text_survives_a_round_trip(data, body, items):
    # Top-level, block and nested strings; YAML 1.1 reads \x85, \u2028 and \u2029 as line breaks.
    data = {**data, "notes": {"x": items[0] if items else "\x85"}, "items": items}
    assert parse_file(format_file(data, body, blocks=["summary"])) == (data, body)


def test_a_hand_written_file_may_skip_the_blank_line_and_use_crlf():
    assert parse_file("---\r\ntitle: X\r\n---\r\nText\r\n") == ({"title": "X"}, "Text")


@pytest.mark.parametrize(
    "text, message",
    [
        ("title: X\n", "starts with a line holding only ---"),
        ("---\ntitle: X\n", "not closed"),
        ("---\n- a\n---\n", "not a mapping"),
    ],
)
def test_a_malformed_file_is_refused(text, message):
    with pytest.raises(FormatError, match=message):
        parse_file(text)
