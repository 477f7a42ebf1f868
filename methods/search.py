"""Search in the handbook: Swedish full text on PostgreSQL, FTS5 on SQLite.

Both paths share the query parsing: the text is cut, case-folded and stripped of diacritics,
split into terms (small words such as "på" dropped), Swedish endings are trimmed
(handledning/handledare -> handled), editable synonyms add alternatives (praktik ->
arbetsträning), and a word that begins or ends with a synonym also searches for it
("mentorskap" -> mentor). A word the handbook does not contain is corrected to the closest
real word (ParsedQuery.corrections, shown on the search page) or else searched by a known part.

PostgreSQL: only the weighted tsvector with the 'swedish' configuration (GIN index) decides and
ranks (ts_rank with field weights, plus a title bonus). The Swedish stemmer gets whole words
(trimming twice left loose prefixes: "säkerhet" -> "sak"); our own stem is an unstemmed prefix
only when long enough. A vocabulary table of the published methods' words (trigram index) turns
a word into the compounds that contain it ("hygien" -> livsmedelshygien) and gives the nearest
words to a misspelling, so no search reads the long texts with LIKE. SQLite: FTS5 indexes kept
by triggers (methods.search_sqlite), bm25 with field weights, a trigram index for compound
parts, and corrections from the index's own vocabulary.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString, mark_safe

from core.models import SiteVersion

from . import search_sqlite
from .models import SearchSynonym

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MIN_STEM_LENGTH = 5
FEW_RESULTS = 3
# A stem this long may be a tsquery prefix and a substring anywhere; shorter ones match whole
# lexemes and word beginnings only.
MIN_PREFIX = 5
MIN_SUBSTRING = 5
# "mentorskap" = "mentor" + "skap": a known part of at least 4 letters (a synonym) or 5 (any
# word of the handbook: "skap" is a word too) beside at least 3 more.
MIN_COMPOUND_PART = 4
MIN_COMPOUND_WORD = 5
MIN_COMPOUND_REST = 3
# Relevance weights of the tsvector's D, C, B and A parts (rest, body, summary, title).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# Words too common to search for, unless a query has nothing else (normalised).
STOP_WORDS = frozenset(
    "alla att av de dem den det du eller en er ett for fran har hon hos i ja jag man med men "
    "mot nar nej och om pa sa sin som till under vad vi vid ar at".split()
)
# Common Swedish inflection and derivation endings, longest first.
_SUFFIXES = sorted(
    [
        "ningarna", "ningar", "ningen", "ning", "ing", "heterna", "heten", "het", "arnas", "ernas",
        "ornas", "arna", "erna", "orna", "andet", "ande", "ende", "aren", "are", "ast", "ade",
        "ad", "ar", "er", "or", "en", "et", "na", "a", "e",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
# Endings of inflection only (plural, definite form), longest first.
_INFLECTIONS = sorted(
    ["arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "na", "en", "et", "ar",
     "er", "or", "a", "e"],
    key=len,
    reverse=True,
)  # fmt: skip
_NON_WORD = re.compile(r"[\W_]+")
# The combining marks of the Combining Diacritical Marks block (U+0300-U+036F), which is where
# decomposed Latin letters (å, ä, ö, é, ü) put their marks. Not every code point of the block
# is a combining mark (U+034F is not), so the class is built from unicodedata itself.
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+"
)


def normalize(text: str) -> str:
    """Lower case, no diacritics, single spaces between words: 'Förankring!' -> 'forankring'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    # One regex pass removes the marks of Latin text; the character-by-character pass (the
    # whole call 0.93 ms instead of 0.36 for a method's 4,700 characters) is left for text that
    # still holds other non-ASCII characters, some of which may be marks of other scripts.
    stripped = _LATIN_MARKS.sub("", decomposed)
    if not stripped.isascii():
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped).strip()


def stem(word: str) -> str:
    """Trim one Swedish ending if a stem of at least MIN_STEM_LENGTH letters remains."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


@dataclass
class ParsedQuery:
    """A query as groups of alternatives: every group must match, any alternative of it may.

    An alternative is a tuple of stems that must all match (a synonym may be a phrase).
    """

    text: str
    truncated: bool = False
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    # Misspelt word as typed (normalised) -> the handbook word searched for instead, so the
    # page can say "Visar träffar för ..." and offer the original. Empty when nothing was
    # corrected or correction was turned off.
    corrections: dict[str, str] = field(default_factory=dict)
    # False when the reader asked for the words exactly as typed ("Sök i stället på ...").
    correct: bool = True
    # Stem -> the whole normalised word it came from: PostgreSQL's Swedish stemmer gets the
    # whole word, as trimming it twice leaves a loose prefix ("sakerhet" -> "saker" -> "sak").
    words: dict[str, str] = field(default_factory=dict)
    # PostgreSQL: compound term -> vocabulary words that contain it (see _complete_postgresql).
    expansions: dict[str, list[str]] = field(default_factory=dict)
    # Set once unknown words have been completed (compound parts, corrections), so a second
    # search with the same query does not look them up again.
    completed: bool = False

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def stems(self) -> set[str]:
        return {s for group in self.groups for alternative in group for s in alternative}

    def add_alternatives(self, index: int, words: list[tuple[str, ...]]) -> None:
        """Let group `index` also match these alternatives (tuples of whole normalised words)."""
        group = self.groups[index]
        for alternative in words:
            stems = tuple(stem(w) for w in alternative)
            for word, stemmed in zip(alternative, stems, strict=True):
                self.words.setdefault(stemmed, word)
            if stems not in group:
                group.append(stems)


def _synonym_table() -> dict[str, list[tuple[str, ...]]]:
    """Normalised word -> alternatives (tuples of whole normalised words), both ways for single
    words. Built once per structure version (editing a synonym in the admin changes it)."""
    return SiteVersion.objects.cached_structure("synonym-words", _build_synonym_table)


def _build_synonym_table() -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for synonym in SearchSynonym.objects.all():
        phrases = [normalize(synonym.term)] + [
            normalize(s) for s in synonym.synonyms.split(",") if normalize(s)
        ]
        for phrase in phrases:
            if " " in phrase or not phrase:
                continue  # a phrase can be an expansion, not a key
            table.setdefault(phrase, [])
            for other in phrases:
                if other != phrase and tuple(other.split()) not in table[phrase]:
                    table[phrase].append(tuple(other.split()))
    return table


def compound_part(word: str, known: set[str], shortest: int = MIN_COMPOUND_PART) -> str | None:
    """The longest known word that `word` begins or ends with ("mentorskap" -> "mentor"), if
    at least MIN_COMPOUND_REST letters remain beside it (so an ending is no compound)."""
    for length in range(len(word) - MIN_COMPOUND_REST, shortest - 1, -1):
        for part in (word[:length], word[-length:]):
            if part in known:
                return part
    return None


def compound_candidates(word: str, shortest: int = MIN_COMPOUND_PART) -> list[str]:
    """Every beginning and end of `word` that compound_part could accept, to look up at once."""
    return [
        part
        for length in range(shortest, len(word) - MIN_COMPOUND_REST + 1)
        for part in (word[:length], word[-length:])
    ]


def parse_query(raw: str | None, synonyms: bool = True, correct: bool = True) -> ParsedQuery:
    raw = (raw or "").strip()
    truncated = len(raw) > MAX_QUERY_LENGTH
    text = raw[:MAX_QUERY_LENGTH]
    words = [w for w in normalize(text).split() if len(w) >= 2]
    # "lärande på jobbet": small words every text has would only make every method match.
    content_words = [w for w in words if w not in STOP_WORDS]
    words = (content_words or words)[:MAX_TERMS]
    parsed = ParsedQuery(text=text, truncated=truncated, correct=correct)
    table = _synonym_table() if synonyms and words else {}
    seen = set()
    for word in words:
        if word in seen:
            continue
        seen.add(word)
        parsed.groups.append([])
        index = len(parsed.groups) - 1
        parsed.add_alternatives(index, [(word,)])
        parsed.add_alternatives(index, table.get(word, []))
        part = compound_part(word, set(table)) if word not in table else None
        if part is not None:
            # "mentorskap": also what "mentor" and its synonyms find.
            parsed.add_alternatives(index, [(part,), *table[part]])
    return parsed


def substring_stem(word: str) -> str:
    """The word without an inflection ending (hygienen -> hygien), to find it inside compounds.
    Unlike stem() it keeps derivations: "sakerhet" must not turn into "saker" (things)."""
    for suffix in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


def _term_q(parsed: ParsedQuery, stemmed: str, field_name: str, loose: bool) -> Q:
    """A word anywhere in the normalised text (a part of a compound), but a short one only at
    the start of a word: "app" should find "appar", not "rapport".

    Loose: our stem, for SQLite's plain matching and the title bonus. Otherwise (PostgreSQL,
    whose full-text query finds the other forms of a word) only inflections are trimmed.
    """
    part = stemmed if loose else substring_stem(parsed.words.get(stemmed, stemmed))
    if len(part) >= MIN_SUBSTRING:
        return Q(**{f"{field_name}__contains": part})
    return Q(**{f"{field_name}__startswith": part}) | Q(**{f"{field_name}__contains": " " + part})


def groups_q(parsed: ParsedQuery, part_q) -> Q:
    """The query's logic as a Q: every group, any alternative of it, every part of that
    alternative, each part matched by part_q(part)."""
    condition = Q()
    for group in parsed.groups:
        any_of = Q()
        for alternative in group:
            all_of = Q()
            for part in alternative:
                all_of &= part_q(part)
            any_of |= all_of
        condition &= any_of
    return condition


def _substring_q(parsed: ParsedQuery, field_name: str = "search_text", loose: bool = True) -> Q:
    return groups_q(parsed, lambda part: _term_q(parsed, part, field_name, loose))


def _tsquery(parsed: ParsedQuery) -> SearchQuery:
    """Every group, any of its alternatives, every part of an alternative.

    A part is the whole word for the Swedish stemmer (an exact lexeme), or'ed with our own stem
    as an unstemmed ('simple') prefix when that stem is long enough to be safe: "handled:*"
    finds handledare and handledning, while "saker" never becomes the prefix "sak". Only
    normalised word characters reach the raw tsquery text, so no operator can sneak in.
    """

    def term(part: str) -> SearchQuery:
        # The whole word and the vocabulary words that contain it ("hygien" finds
        # livsmedelshygien), all stemmed by the Swedish configuration.
        words = [
            parsed.words.get(part, part),
            *parsed.expansions.get(_compound_term(parsed, part), []),
        ]
        whole = SearchQuery(" | ".join(dict.fromkeys(words)), search_type="raw", config="swedish")
        if len(part) < MIN_PREFIX:
            return whole
        return whole | SearchQuery(f"{part}:*", search_type="raw", config="simple")

    query = None
    for group in parsed.groups:
        any_of = None
        for alternative in group:
            all_of = None
            for part in alternative:
                all_of = term(part) if all_of is None else all_of & term(part)
            any_of = all_of if any_of is None else any_of | all_of
        query = any_of if query is None else query & any_of
    return query


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def search_methods(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Filter and rank: the queryset gets a `rank` annotation, higher is better."""
    if not parsed:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgresql():
        return _search_methods_postgresql(queryset, parsed)
    return _search_methods_sqlite(queryset, parsed)


def _title_bonus(parsed: ParsedQuery) -> Case:
    return Case(
        When(_substring_q(parsed, "search_title"), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def _search_methods_postgresql(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Only the full-text index decides: compounds come in as vocabulary words (see
    _complete_postgresql), so the planner never scans the long search_text for a LIKE."""
    if not parsed.completed:
        _complete_postgresql(parsed)
    query = _tsquery(parsed)
    return queryset.filter(search_vector=query).annotate(
        rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS) + _title_bonus(parsed)
    )


# PostgreSQL's vocabulary: every word of the published methods, normalised (the key) and as
# written (what a correction shows), kept by refresh_search_index. A GiST trigram index finds
# the nearest words to a misspelling without reading the methods. Words of methods that are no
# longer published stay; a correction to one of them merely finds nothing.
VOCABULARY_TABLE = "methods_search_word"
# The letters Swedish text has, without their diacritics: what normalize() makes of them.
_PLAIN_LETTERS = str.maketrans("åäöéèêëüáàâíìïóòôúùûçñ", "aaoeeeeuaaaiiiooouuucn")
MAX_WORD_LENGTH = 40
MIN_VOCABULARY_WORD = 4
SPELLING_CANDIDATES = 40
# Vocabulary words containing a query word that join the full-text query, shortest first.
MAX_EXPANSIONS = 64
_WORD = re.compile(r"\w+")


def remember_words(*texts: str) -> None:
    """Add the words of these texts to the vocabulary (PostgreSQL; SQLite keeps its own)."""
    if not is_postgresql():
        return
    words: dict[str, str] = {}
    for text in texts:
        for written in _WORD.findall((text or "").lower()):
            key = normalize(written)
            if MIN_VOCABULARY_WORD <= len(key) <= MAX_WORD_LENGTH and " " not in key:
                words.setdefault(key, written)
    # Batches keep each statement well under PostgreSQL's 65,535 parameters.
    for chunk in _chunks(sorted(words.items()), 5000):
        rows = ", ".join(["(%s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {VOCABULARY_TABLE} AS known (word, written) "  # noqa: S608
                f"VALUES {rows} ON CONFLICT (word) DO UPDATE SET written = EXCLUDED.written "
                # A bulk-loaded word gets its letters with å, ä, ö from the first text that
                # has them.
                "WHERE known.written = known.word AND EXCLUDED.written <> EXCLUDED.word",
                [value for pair in chunk for value in pair],
            )


def rebuild_vocabulary() -> None:
    """Fill the vocabulary from every published method after a bulk load that bypassed
    refresh_search_index (the benchmark's seeding), in one statement. PostgreSQL only.

    The words come from search_text, already normalised and single-spaced, so splitting is
    cheap; they are stored as their own written form until a save of a method that uses them
    brings the form with å, ä, ö (remember_words)."""
    if not is_postgresql():
        return
    # Imported here: methods.models imports this module.
    from .models import Method

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VOCABULARY_TABLE} (word, written) "  # noqa: S608
            f"SELECT DISTINCT word, word FROM {Method._meta.db_table} m, "
            "string_to_table(m.search_text, ' ') AS word "
            "WHERE m.status = %s AND m.deleted_at IS NULL AND length(word) BETWEEN %s AND %s "
            "ON CONFLICT (word) DO NOTHING",
            ["published", MIN_VOCABULARY_WORD, MAX_WORD_LENGTH],
        )


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    neighbours ("hygein" -> "hygien") each count one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    """How many typing errors a correction may assume: none in a short word (too many real
    words lie one letter apart), one in a middle-sized word, two in a long one."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def closest_word(word: str, candidates: list[str]) -> str | None:
    """The candidate (in the given order of preference) fewest typing errors away from word,
    within allowed_distance, or None."""
    limit = allowed_distance(word)
    best, best_distance = None, limit + 1
    for candidate in candidates:
        distance = edit_distance(word, candidate)
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _complete_postgresql(parsed: ParsedQuery) -> None:
    """Look the query's words up in the vocabulary, once per query.

    Every word of at least MIN_SUBSTRING letters gets the vocabulary words that contain it, so
    the full-text index alone finds it inside compounds ("hygien" -> livsmedelshygien) and no
    long text is ever scanned with LIKE. A typed word the vocabulary does not contain gets a
    correction (the closest word, "handlednig" -> "handledning") or else a known part
    ("mentorskap" -> "mentor") as an extra alternative; words that are found are left alone,
    so a search finds what was typed and nothing looser. At most three queries, whatever the
    size of the handbook.
    """
    parsed.completed = True
    parts = sorted(
        {term for s in parsed.stems if len(term := _compound_term(parsed, s)) >= MIN_SUBSTRING}
    )
    if parts:
        # One branch per part, each with its own constant pattern so the trigram index answers.
        containing = " UNION ALL ".join(
            f"(SELECT {i}, word FROM {VOCABULARY_TABLE} WHERE word LIKE %s "  # noqa: S608
            f"ORDER BY length(word), word LIMIT {MAX_EXPANSIONS})"
            for i in range(len(parts))
        )
        with connection.cursor() as cursor:
            cursor.execute(containing, [f"%{_like_escape(p)}%" for p in parts])
            for i, word in cursor.fetchall():
                parsed.expansions.setdefault(parts[i], []).append(word)
    if not parsed.correct:
        return
    typed = [parsed.words.get(group[0][0], group[0][0]) for group in parsed.groups]
    # A word with synonyms (or a compound part found by parse_query) has its alternatives.
    unknown = [
        i
        for i, group in enumerate(parsed.groups)
        if len(group) == 1
        and allowed_distance(typed[i])
        and not parsed.expansions.get(_compound_term(parsed, group[0][0]))
    ]
    if not unknown:
        return
    nearest = " UNION ALL ".join(
        f"(SELECT {i}, word, written FROM {VOCABULARY_TABLE} "  # noqa: S608
        f"ORDER BY word <-> %s LIMIT {SPELLING_CANDIDATES})"
        for i in unknown
    )
    candidates_of = {i: compound_candidates(typed[i], MIN_COMPOUND_WORD) for i in unknown}
    wanted = sorted({p for candidates in candidates_of.values() for p in candidates})
    with connection.cursor() as cursor:
        cursor.execute(nearest, [typed[i] for i in unknown])
        candidates: dict[int, list[tuple[str, str]]] = {}
        for i, word, written in cursor.fetchall():
            candidates.setdefault(i, []).append((word, written))
        vocabulary: set[str] = set()
        if wanted:
            cursor.execute(
                f"SELECT word FROM {VOCABULARY_TABLE} WHERE word = ANY(%s)",  # noqa: S608
                [wanted],
            )
            vocabulary = {row[0] for row in cursor.fetchall()}
    table_of_synonyms = _synonym_table()
    for i in unknown:
        found = candidates.get(i, [])
        written = dict(found)
        correction = closest_word(typed[i], [word for word, _ in found])
        if correction is not None:
            parsed.add_alternatives(i, [(correction,), *table_of_synonyms.get(correction, [])])
            parsed.corrections[typed[i]] = written[correction]
            continue
        part = compound_part(typed[i], vocabulary, MIN_COMPOUND_WORD)
        if part is not None:
            parsed.add_alternatives(i, [(part,), *table_of_synonyms.get(part, [])])


def _compound_term(parsed: ParsedQuery, stemmed: str) -> str:
    """What is looked for inside compounds: the word without its inflection ending."""
    return substring_stem(parsed.words.get(stemmed, stemmed))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_methods_sqlite(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """SQLite's FTS5 index (methods.search_sqlite), ranked by bm25 with the title first."""
    if parsed.correct and not parsed.completed:
        search_sqlite.complete_unknown_words(parsed, queryset)
    return search_sqlite.find(queryset, parsed)


def filter_by_text(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Companies and experience reports: their FTS5 index on SQLite (ranked, as methods are),
    substring matches on their normalised search_text on PostgreSQL."""
    if not parsed:
        return queryset.none()
    if search_sqlite.indexes(queryset):
        return search_sqlite.find(queryset, parsed)
    return queryset.filter(_substring_q(parsed))


def _normalize_word(word: str) -> str:
    """normalize() of a single word, quickly for the common case (casefold, then a table of
    Swedish letters); anything else takes the full Unicode route."""
    plain = word.casefold().translate(_PLAIN_LETTERS)
    return plain if plain.isascii() else normalize(word)


def highlight(text: str, parsed: ParsedQuery, max_length: int = 220) -> SafeString:
    """An escaped snippet of text around the first matching word, matches wrapped in <mark>."""
    text = re.sub(r"<[^>]*>", " ", text or "")  # tags in the source are not shown
    text = re.sub(r"[#*_>`\[\]]+", "", text)  # nor is markdown punctuation
    text = re.sub(r"\s+", " ", text).strip()
    stems = sorted(parsed.stems, key=len, reverse=True)
    # A long text repeats its words: each distinct word is normalised and tested once, and
    # only up to the first hit and then inside the snippet.
    verdicts: dict[str, bool] = {}

    def is_hit(match: re.Match) -> bool:
        word = match.group()
        if word not in verdicts:
            normalised = _normalize_word(word)
            verdicts[word] = any(s in normalised for s in stems)
        return verdicts[word]

    first = next((m for m in _WORD.finditer(text) if is_hit(m)), None)
    if first is not None:
        start = max(0, first.start() - 60)
        # Start at a word boundary.
        start = text.rfind(" ", 0, start) + 1 if start else 0
    else:
        start = 0
    end = min(len(text), start + max_length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    pieces = []
    position = start
    for match in _WORD.finditer(text, start, end) if first is not None else ():
        if match.end() > end or not is_hit(match):
            continue
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:end]))
    snippet = "".join(pieces)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + snippet + suffix)  # noqa: S308 - every piece is escaped above
