"""Deterministic Swedish-looking text for the benchmark handbook.

Every method i gets the same text on every machine and run (fixed seeds, no global random
state). The word SEARCH_WORD occurs in exactly every SEARCH_EVERY-th method (i % 20 == 0) and
nowhere else, so a search for it has a known number of hits: ceil(n / 20). FIXED_WORD occurs in
the first 500 of those (i < 10,000) and nowhere else: the same hits at 10,000 and 100,000.

`article(i)` returns the same shape as a line of the peers' JSON Lines corpus (title, slug,
intro, paragraphs [[heading, text], ...], tags, markdown), so seeding from generated text and
seeding from a corpus file go through the same code.
"""

from __future__ import annotations

import random

SEARCH_WORD = "kvarnsten"
SEARCH_EVERY = 20
# A word in the same number of methods whatever the handbook's size: the first FIXED_HITS of
# those holding SEARCH_WORD. SEARCH_WORD's hits grow with the handbook, so its search measures
# ranking ten times the hits at 100,000; this one measures what growth alone costs a search.
FIXED_WORD = "kvintett"
FIXED_HITS = 500
WORDS_PER_ARTICLE = 600
PARAGRAPHS = 6

_ONSETS = [
    "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
    "sk", "st", "sp", "tr", "fr", "gr", "br", "bl", "fl", "sl", "sn", "sm", "kl",
]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "y", "å", "ä", "ö", "a", "e"]
_CODAS = ["", "", "n", "r", "l", "s", "t", "k", "ng", "nd", "rt", "ll", "st", "ck", "m"]
_FUNCTION_WORDS = [
    "och", "att", "i", "som", "det", "på", "är", "av", "för", "med", "till", "den", "har",
    "inte", "om", "ett", "men", "kan", "när", "så", "vi", "ni", "hen", "alla", "efter",
]  # fmt: skip
TAGS = [
    "introduktion", "hygien", "kassa", "truck", "städrutiner", "kundbemötande", "svenska",
    "digitala verktyg", "brandskydd", "första hjälpen", "lagerarbete", "matlagning",
    "reparation", "sömnad", "odling", "körkort", "arbetsmiljö", "samarbete", "planering",
    "ekonomi",
]  # fmt: skip


def _vocabulary(size: int = 4000) -> list[str]:
    rng = random.Random(20260611)
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice([1, 1, 2, 2, 2, 3])
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        # The search words (and their stems) must never occur by accident.
        if len(word) > 2 and "kvarn" not in word and "kvint" not in word:
            words.add(word)
    return sorted(words)


VOCABULARY = _vocabulary()


def _rng(i: int, salt: int = 0) -> random.Random:
    return random.Random(1_000_003 * (i + 1) + salt)


def words(rng: random.Random, count: int) -> list[str]:
    """`count` words, each a function word (28%) or a vocabulary word: rng.choice() of the one
    list or the other, drawn here as choice() draws (an index of bit_length(len) random bits,
    drawn again until it is within the list) without its two calls per word. Seeding 100,000
    methods draws some 90 million words; tests/test_bench.py checks the words are those
    rng.choice() gives."""
    draw, bits = rng.random, rng.getrandbits
    function_words, vocabulary = _FUNCTION_WORDS, VOCABULARY
    n_function, n_vocabulary = len(function_words), len(vocabulary)
    k_function, k_vocabulary = n_function.bit_length(), n_vocabulary.bit_length()
    out = []
    append = out.append
    for _ in range(count):
        if draw() < 0.28:
            index = bits(k_function)
            while index >= n_function:
                index = bits(k_function)
            append(function_words[index])
        else:
            index = bits(k_vocabulary)
            while index >= n_vocabulary:
                index = bits(k_vocabulary)
            append(vocabulary[index])
    return out


def sentences(rng: random.Random, count: int) -> str:
    """Running text of `count` words in sentences of 6-16 words."""
    out: list[str] = []
    ws = words(rng, count)
    draw, randint, last = rng.random, rng.randint, len(ws) - 1
    start, length = 0, randint(6, 16)
    for j, word in enumerate(ws):
        if j == start:
            word = word.capitalize()
        if j - start + 1 == length or j == last:
            word += "."
            start, length = j + 1, randint(6, 16)
        elif draw() < 0.04:
            word += ","
        out.append(word)
    return " ".join(out)


def as_markdown(record: dict) -> str:
    parts = [record["intro"], ""]
    for heading, text in record["paragraphs"]:
        parts += [f"## {heading}", "", text, ""]
    parts.append("Taggar: " + ", ".join(record["tags"]))
    return "\n".join(parts)


def _in_the_middle(text: str, word: str) -> str:
    words = text.split(" ")
    words.insert(len(words) // 2, word)
    return " ".join(words)


def article(i: int) -> dict:
    """Method i as a corpus record: about WORDS_PER_ARTICLE words in PARAGRAPHS headed parts."""
    rng = _rng(i)
    per = WORDS_PER_ARTICLE // PARAGRAPHS
    paragraphs = []
    for p in range(PARAGRAPHS):
        text = sentences(rng, per)
        if p == 2 and i % SEARCH_EVERY == 0:
            text = _in_the_middle(text, SEARCH_WORD)
        if p == 3 and i % SEARCH_EVERY == 0 and i < FIXED_HITS * SEARCH_EVERY:
            text = _in_the_middle(text, FIXED_WORD)
        heading = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(2, 4)))
        paragraphs.append([heading.capitalize(), text])
    name = " ".join(rng.choice(VOCABULARY) for _ in range(2))
    record = {
        "title": f"Metod {i:05d} {name}",
        "slug": f"metod-{i:05d}",
        "intro": sentences(rng, 24),
        "paragraphs": paragraphs,
        "tags": rng.sample(TAGS, 3),
    }
    record["markdown"] = as_markdown(record)
    return record


if __name__ == "__main__":
    # python bench/textgen.py N > corpus.jsonl: the same records as JSON Lines.
    import json
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for index in range(n):
        print(json.dumps(article(index), ensure_ascii=False))
