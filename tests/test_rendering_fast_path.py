"""render_markdown() builds the HTML of text made only of plain paragraphs and headings itself,
without Python-Markdown and nh3; for every text it must return exactly what the full pipeline
returns."""

import random

from bench import textgen
from core import rendering
from core.rendering import render_markdown

# The characters the fast path allows, and neighbours of them that markdown or HTML treat
# specially (list and heading markers, emphasis, escapes, entities, line breaks, a no-break
# space, a combining mark, a digit that is not ASCII).
ALPHABET = [*"aZåÖé1٣", " ", " ", ",", ".", ";", "?", "!", *"-*_#>:|[]()<&\\`~\n\t\u00a0\u0301"]


SEPARATORS = [" ", " ", ", ", ". ", "? ", "!", ".", ",", ": ", ";", "  ", "\n", " - ", "_", ". 1. "]
HEADINGS = ["", "", "", "# ", "## ", "###### ", "####### ", "#", "## #", " ## ", ": ", "1. "]
BLOCK_SEPARATORS = ["\n\n", "\n\n", "\n\n", "\n", "\n\n\n", " \n\n", "\n\n ", "\n\n\n\n"]


def _texts(count: int, seed: int) -> list[str]:
    """Random characters, and random words with separators that are mostly plain."""
    rng = random.Random(seed)
    texts = ["".join(rng.choices(ALPHABET, k=rng.randint(1, 24))) for _ in range(count)]
    for _ in range(count):
        words = ["".join(rng.choices("aZåÖé1٣ﬁ", k=rng.randint(1, 5))) for _ in range(8)]
        text = "".join(word + rng.choice(SEPARATORS) for word in words[: rng.randint(1, 8)])
        texts.append(text[: rng.randint(1, len(text))])
    # Documents: headings and paragraphs (mostly plain) between blank lines and near-misses.
    pieces = texts[count:]
    plain = [piece for piece in pieces if rendering._PLAIN_PARAGRAPH.fullmatch(piece)]
    for _ in range(count):
        blocks = [
            rng.choice(HEADINGS) + rng.choice(plain if rng.random() < 0.9 else pieces)
            for _ in range(rng.randint(2, 4))
        ]
        text = blocks[0]
        for block in blocks[1:]:
            text += ("\n\n" if rng.random() < 0.8 else rng.choice(BLOCK_SEPARATORS)) + block
        texts.append(text)
    return texts


def test_every_text_renders_as_the_full_pipeline_renders_it():
    texts = _texts(4000, seed=20261204) + [
        "Hej.",
        "Hej",
        "1. Punkt",
        "12. Punkt ett",
        "1.5 timmar räcker",
        "2024 var ett bra år.",
        "Vad gör vi nu?! Vi börjar.",
        "Ord,ord. Ord",
        "a  b",
        " a",
        "a ",
        "ﬁka på Åre",
        "Taggar: introduktion, hygien",
        "# Rubrik\n\nText.\n\n## Underrubrik\n\nMer text: här.",
        "x" * rendering.MAX_MARKDOWN_CHARS,
    ]
    rng = random.Random(7)
    texts += [textgen.sentences(rng, rng.randint(1, 40)) for _ in range(300)]
    fast = [text for text in texts if rendering._plain_blocks(text) is not None]
    # The comparison covers the fast path often, with several blocks too.
    assert len(fast) > 1500
    assert len([text for text in fast if "\n\n" in text and "#" in text]) > 200
    for text in texts:
        assert render_markdown(text) == rendering._render(text), repr(text)


def test_what_is_not_a_plain_paragraph_takes_the_full_pipeline():
    for text in ["1. Punkt", "Hej\nDå", "a  b", " a", "a ", "*a*", "a_b", "a & b", "a - b"]:
        assert not rendering._PLAIN_PARAGRAPH.fullmatch(text), text
    for text in ["## a\n\n", "a\n\n\nb", "#a", "####### a", "## a #", ": a", "a\n\n: b"]:
        assert rendering._plain_blocks(text) is None, text
    assert render_markdown("1. Punkt") == "<ol>\n<li>Punkt</li>\n</ol>"
    assert render_markdown("Hej\nDå") == "<p>Hej<br>\nDå</p>"
    assert render_markdown("# Rubrik\n\nText: här.") == "<h2>Rubrik</h2>\n<p>Text: här.</p>"


def test_matching_stays_linear_on_a_long_text_that_fails_at_the_end():
    # Each of these would take exponential time with an ambiguous pattern; all fail on the
    # last character and must be rejected by one pass.
    for unit in ["a", "a ", "a, ", "a,", "1", "a!? "]:
        text = unit * (rendering.MAX_MARKDOWN_CHARS // len(unit) - 1) + "#"
        assert not rendering._PLAIN_PARAGRAPH.fullmatch(text)
        assert rendering._plain_blocks("# " + text) is None
