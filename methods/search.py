"""Search in the handbook: Swedish full text on PostgreSQL, a plain fallback on SQLite.

Both paths share the query parsing: the text is cut, case-folded and stripped of diacritics,
split into terms, Swedish endings are trimmed (handledning/handledare -> handled), and editable
synonyms add alternatives (praktik -> arbetsträning). Every method stores a normalised
`search_text`, so a part of a compound ("hygien" in "livsmedelshygien") and a word typed without
å, ä, ö still match.

PostgreSQL: a weighted tsvector with the 'swedish' configuration (GIN index) ranks the matches;
substring matches on search_text (trigram GIN index) add compounds; when that finds little,
trigram word similarity catches misspellings. SQLite: substring matches, and a close-match
correction from the titles' vocabulary for misspellings.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString, mark_safe

from core.models import SiteVersion

from .models import SearchSynonym

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MIN_STEM_LENGTH = 5
FEW_RESULTS = 3
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
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Lower case, no diacritics, single spaces between words: 'Förankring!' -> 'forankring'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
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

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def stems(self) -> set[str]:
        return {s for group in self.groups for alternative in group for s in alternative}


def _synonym_table() -> dict[str, list[tuple[str, ...]]]:
    """Normalised word -> alternatives, both ways for single words. Built once per structure
    version (editing a synonym in the admin changes it)."""
    return SiteVersion.objects.cached_structure("synonyms", _build_synonym_table)


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
                if other != phrase:
                    table[phrase].append(tuple(stem(w) for w in other.split()))
    return table


def parse_query(raw: str | None, synonyms: bool = True, correct: bool = True) -> ParsedQuery:
    raw = (raw or "").strip()
    truncated = len(raw) > MAX_QUERY_LENGTH
    text = raw[:MAX_QUERY_LENGTH]
    words = [w for w in normalize(text).split() if len(w) >= 2][:MAX_TERMS]
    parsed = ParsedQuery(text=text, truncated=truncated, correct=correct)
    table = _synonym_table() if synonyms and words else {}
    seen = set()
    for word in words:
        if word in seen:
            continue
        seen.add(word)
        group = [(stem(word),)]
        for alternative in table.get(word, []):
            if alternative not in group:
                group.append(alternative)
        parsed.groups.append(group)
    return parsed


def _substring_q(parsed: ParsedQuery, field_name: str = "search_text") -> Q:
    condition = Q()
    for group in parsed.groups:
        any_of = Q()
        for alternative in group:
            all_of = Q()
            for part in alternative:
                all_of &= Q(**{f"{field_name}__contains": part})
            any_of |= all_of
        condition &= any_of
    return condition


def _tsquery_text(parsed: ParsedQuery) -> str:
    """A raw tsquery built only from normalised word characters, so no operator can sneak in."""

    def term(part: str) -> str:
        return f"{part}:*"

    groups = []
    for group in parsed.groups:
        alternatives = ["(" + " & ".join(term(p) for p in alt) + ")" for alt in group]
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


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
    query = SearchQuery(_tsquery_text(parsed), search_type="raw", config="swedish")
    matched = queryset.filter(Q(search_vector=query) | _substring_q(parsed)).annotate(
        rank=SearchRank(F("search_vector"), query) + _title_bonus(parsed)
    )
    if matched.count() >= FEW_RESULTS:
        return matched
    # Little found: let trigram similarity catch misspellings, word by word.
    similar = Q()
    similarity = Value(0.0, output_field=FloatField())
    for group in parsed.groups:
        word = group[0][0]
        similar &= Q(search_text__trigram_word_similar=word)
        similarity = similarity + TrigramWordSimilarity(word, "search_text")
    found = queryset.filter(Q(search_vector=query) | _substring_q(parsed) | similar).annotate(
        rank=SearchRank(F("search_vector"), query) + _title_bonus(parsed) + similarity
    )
    # The filter above is built; now also remember the likely intended words, so snippets can
    # mark them (the misspelt word itself appears nowhere).
    corrected = correct_spelling(parsed, queryset)
    if corrected is not None:
        for group, fixed in zip(parsed.groups, corrected.groups, strict=True):
            if fixed[0] not in group:
                group.append(fixed[0])
    return found


def _search_methods_sqlite(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    matched = queryset.filter(_substring_q(parsed))
    if not matched.exists():
        corrected = correct_spelling(parsed, queryset)
        if corrected is not None:
            parsed.groups = corrected.groups
            matched = queryset.filter(_substring_q(parsed))
    return matched.annotate(rank=_title_bonus(parsed))


def correct_spelling(parsed: ParsedQuery, queryset: QuerySet) -> ParsedQuery | None:
    """Replace words that match nothing by the closest word of the handbook's titles."""
    vocabulary = set()
    for title in queryset.values_list("search_title", flat=True)[:5000]:
        vocabulary.update(w for w in title.split() if len(w) >= 4)
    changed = False
    groups = []
    for group in parsed.groups:
        word = group[0][0]
        if not queryset.filter(search_text__contains=word).exists():
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
            if close:
                group = [(stem(close[0]),)]
                changed = True
        groups.append(group)
    if not changed:
        return None
    return ParsedQuery(text=parsed.text, truncated=parsed.truncated, groups=groups)


def filter_by_text(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Companies and experience reports: substring matches on their normalised search_text."""
    if not parsed:
        return queryset.none()
    return queryset.filter(_substring_q(parsed))


def highlight(text: str, parsed: ParsedQuery, max_length: int = 220) -> SafeString:
    """An escaped snippet of text around the first matching word, matches wrapped in <mark>."""
    text = re.sub(r"<[^>]*>", " ", text or "")  # tags in the source are not shown
    text = re.sub(r"[#*_>`\[\]]+", "", text)  # nor is markdown punctuation
    text = re.sub(r"\s+", " ", text).strip()
    stems = sorted(parsed.stems, key=len, reverse=True)
    words = list(re.finditer(r"\w+", text))
    hits = [m for m in words if any(s in normalize(m.group()) for s in stems)]
    if hits:
        start = max(0, hits[0].start() - 60)
        # Start at a word boundary.
        start = text.rfind(" ", 0, start) + 1 if start else 0
    else:
        start = 0
    end = min(len(text), start + max_length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    pieces = []
    position = start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:end]))
    snippet = "".join(pieces)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + snippet + suffix)  # noqa: S308 - every piece is escaped above
