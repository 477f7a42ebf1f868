"""Issue 12: the history and review diff does bounded work for any two revisions."""

import difflib
import random

import pytest

from methods import diff
from methods.diff import LINE_DIFF_LIMIT, WORD_DIFF_BUDGET, diff_snapshots, word_diff

NOTE = '<span class="diff-note">För många ändringar för att visa ord för ord.</span> '


@pytest.fixture
def compared(monkeypatch):
    """Records (len(a), len(b)) of every SequenceMatcher the diff builds."""
    sizes = []

    class Counting(difflib.SequenceMatcher):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            sizes.append((len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(diff.difflib, "SequenceMatcher", Counting)
    return sizes


def random_body(seed: int, size: int = 16_000, lines: bool = False) -> str:
    """Short words from a tiny vocabulary: the worst case for SequenceMatcher, whose work grows
    with the repeated tokens (two such bodies took about a minute before the bound)."""
    rng = random.Random(seed)
    words, length = [], 0
    while length < size:
        word = rng.choice(["a", "b", "ab", "ba"]) + ("\n" if lines and rng.random() < 0.2 else " ")
        words.append(word)
        length += len(word)
    return "".join(words)[:size]


@pytest.mark.parametrize("lines", [False, True], ids=["one paragraph", "many lines"])
def test_two_unrelated_16_kb_bodies_are_compared_within_the_bound(compared, lines):
    old, new = random_body(1, lines=lines), random_body(2, lines=lines)
    html = word_diff(old, new)
    work = sum(a * b for a, b in compared)
    assert work <= LINE_DIFF_LIMIT + WORD_DIFF_BUDGET
    # Before the bound this compared every token with every token: over 6,000 x 6,000.
    assert len(diff._TOKENS.findall(old)) * len(diff._TOKENS.findall(new)) > 36_000_000
    assert html.startswith(NOTE)
    # Nothing is lost: the old text is all in <del>, the new all in <ins> or unchanged.
    assert html.count("<del>") >= 1 and html.count("<ins>") >= 1


def test_a_small_edit_in_a_16_kb_body_is_still_shown_word_by_word(compared):
    old = random_body(3, lines=True)
    cut = old.index(" ", 8000) + 1
    new = old[:cut] + "NYTT ORD " + old[cut:]
    html = word_diff(old, new)
    assert NOTE not in html
    assert html.count("<ins>") == 1 and "<del>" not in html
    assert "<ins>NYTT ORD </ins>" in html
    assert sum(a * b for a, b in compared) <= 1_000


def test_exact_output_for_small_changes():
    assert word_diff("Visa och gör.", "Visa, gör och öva.") == (
        "<del>Visa </del><ins>Visa, gör </ins>och <del>gör.</del><ins>öva.</ins>"
    )
    assert word_diff("Först visar handledaren.", "Först visar mentorn.") == (
        "Först visar <del>handledaren.</del><ins>mentorn.</ins>"
    )
    assert word_diff("rad ett\nrad två\nrad tre", "rad ett\nrad 2\nrad tre") == (
        "rad ett\nrad <del>två\n</del><ins>2\n</ins>rad tre"
    )
    assert word_diff("a\nb\n", "a\nb\nc\n") == "a\nb\n<ins>c\n</ins>"
    assert word_diff("", "Ny <text>") == "<ins>Ny &lt;text&gt;</ins>"
    assert word_diff("Gammal", "") == "<del>Gammal</del>"


def test_changed_lines_beyond_the_limit_are_shown_whole_with_the_note(monkeypatch):
    monkeypatch.setattr(diff, "WORD_DIFF_LIMIT", 4)
    html = word_diff("ett två tre\nsamma", "fyra fem sex\nsamma")
    assert html == f"{NOTE}<del>ett två tre\n</del><ins>fyra fem sex\n</ins>samma"


def test_diff_snapshots_bounds_every_field(compared):
    old = {"title": "Metod", "body": random_body(4), "easy_read": random_body(5, lines=True)}
    new = {"title": "Metod", "body": random_body(6), "easy_read": random_body(7, lines=True)}
    diffs = diff_snapshots(old, new)
    assert [d.label for d in diffs] == ["Lättläst version", "Beskrivning"]
    assert all(d.html.startswith(NOTE) for d in diffs)
    assert sum(a * b for a, b in compared) <= 2 * (LINE_DIFF_LIMIT + WORD_DIFF_BUDGET)
