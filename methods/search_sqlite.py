"""Full-text search on SQLite, the embedded default database: FTS5 indexes beside the tables.

Each indexed table gets two FTS5 tables with external content (they hold only the index and
read any text they need from the table itself, by id):

- `<table>_fts`: the words (unicode61 with diacritics removed), a column per relevance weight
  (title above summary above the rest). bm25() ranks by it, a prefix query finds the forms of
  a stem ("handled"* finds handledning and handledare), and its fts5vocab table
  `<table>_fts_vocab` is the vocabulary a misspelling is corrected from.
- `<table>_trigram`: every three letters of the normalised search_text with their positions,
  so a part of a compound ("hygien" in "livsmedelshygien") is a phrase of trigrams that the
  index answers alone, instead of a LIKE over every row. (detail=none would be half the
  size, but then FTS5 checks each candidate row's text: 25 ms instead of 1 ms for a rare word
  at 10,000 methods, 300 ms instead of 3 for a common one.)

SQL triggers keep both in step with their table on every write: save(), update() and
bulk_create(), the admin, deletes and raw SQL alike. A migration creates them (and fills them
for existing rows); `rebuild()` fills them again from the tables (manage.py
rebuild_search_index). Django rebuilds a table to alter it on SQLite, which drops its
triggers: `restore_triggers` (after every migrate) puts them back and rebuilds the index.

User text never reaches FTS5 syntax: the query's terms are normalised words (letters and
digits only), each quoted as an FTS5 string.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, connections
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

# search imports this module for its SQLite branch; its names are used at call time only.
from . import search

# How many vocabulary words a misspelling is compared with, at most: the most common first.
SPELLING_CANDIDATES = 200
# A misspelling is looked for among the words that begin with its first letters.
SPELLING_PREFIX = 2


@dataclass(frozen=True)
class FullTextIndex:
    """The FTS5 index of one table.

    `columns`: (column, bm25 weight) pairs, columns of the table itself, indexed word by word.
    `text_column`: the table's normalised search text, indexed by trigram for substrings.
    `title_column`: a normalised title; a row whose title holds every word ranks first.
    `written_columns`: the text as written, where a correction finds its word with å, ä, ö.
    """

    table: str
    columns: tuple[tuple[str, float], ...]
    text_column: str = "search_text"
    title_column: str | None = None
    written_columns: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        return f"{self.table}_fts"

    @property
    def trigram(self) -> str:
        return f"{self.table}_trigram"

    @property
    def vocabulary(self) -> str:
        return f"{self.table}_fts_vocab"

    @property
    def triggers(self) -> dict[str, str]:
        return {
            "insert": f"{self.table}_fts_insert",
            "delete": f"{self.table}_fts_delete",
            "update": f"{self.table}_fts_update",
        }

    def create_tables_sql(self) -> list[str]:
        names = ", ".join(column for column, _weight in self.columns)
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.words} USING fts5({names}, "
            f"content='{self.table}', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.trigram} USING fts5({self.text_column}, "
            f"content='{self.table}', content_rowid='id', tokenize='trigram')",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.vocabulary} "
            f"USING fts5vocab({self.words}, 'row')",
        ]

    def create_triggers_sql(self) -> list[str]:
        names = [column for column, _weight in self.columns]
        watched = sorted({*names, self.text_column})
        word_columns = ", ".join(names)

        def values(row: str, columns: list[str]) -> str:
            return ", ".join(f"{row}.{column}" for column in columns)

        add = (
            f"INSERT INTO {self.words}(rowid, {word_columns}) "  # noqa: S608
            f"VALUES (new.id, {values('new', names)}); "
            f"INSERT INTO {self.trigram}(rowid, {self.text_column}) "
            f"VALUES (new.id, new.{self.text_column});"
        )
        # External content: the index forgets a row given exactly the values it was given.
        remove = (
            f"INSERT INTO {self.words}({self.words}, rowid, {word_columns}) "  # noqa: S608
            f"VALUES ('delete', old.id, {values('old', names)}); "
            f"INSERT INTO {self.trigram}({self.trigram}, rowid, {self.text_column}) "
            f"VALUES ('delete', old.id, old.{self.text_column});"
        )
        changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in watched)
        triggers = self.triggers
        return [
            f"CREATE TRIGGER IF NOT EXISTS {triggers['insert']} AFTER INSERT ON {self.table} "
            f"BEGIN {add} END",
            f"CREATE TRIGGER IF NOT EXISTS {triggers['delete']} AFTER DELETE ON {self.table} "
            f"BEGIN {remove} END",
            # Saving a row writes every column: only a change to an indexed one re-indexes it.
            f"CREATE TRIGGER IF NOT EXISTS {triggers['update']} "
            f"AFTER UPDATE OF {', '.join(watched)} ON {self.table} WHEN {changed} "
            f"BEGIN {remove} {add} END",
        ]

    def drop_triggers_sql(self) -> list[str]:
        return [f"DROP TRIGGER IF EXISTS {name}" for name in self.triggers.values()]

    def drop_sql(self) -> list[str]:
        return [
            *self.drop_triggers_sql(),
            f"DROP TABLE IF EXISTS {self.vocabulary}",
            f"DROP TABLE IF EXISTS {self.trigram}",
            f"DROP TABLE IF EXISTS {self.words}",
        ]

    def rebuild_sql(self) -> list[str]:
        return [
            f"INSERT INTO {self.words}({self.words}) VALUES ('rebuild')",  # noqa: S608
            f"INSERT INTO {self.trigram}({self.trigram}) VALUES ('rebuild')",  # noqa: S608
        ]


METHODS = FullTextIndex(
    "methods_method",
    (("search_title", 10.0), ("summary", 4.0), ("search_text", 1.0)),
    title_column="search_title",
    written_columns=("title", "summary", "body"),
)

# Every index by table; companies adds its own (companies.apps).
INDEXES: dict[str, FullTextIndex] = {METHODS.table: METHODS}


def register(index: FullTextIndex) -> None:
    INDEXES[index.table] = index


def is_sqlite(using=None) -> bool:
    return (using or connection).vendor == "sqlite"


def indexes(queryset: QuerySet) -> bool:
    """Whether this queryset's rows are searched with an FTS5 index here."""
    return is_sqlite() and queryset.model._meta.db_table in INDEXES


def install(index: FullTextIndex, using=None) -> None:
    """Create the index and its triggers and fill it from the table (a migration's step)."""
    using = using or connection
    if not is_sqlite(using):
        return
    with using.cursor() as cursor:
        for statement in [*index.create_tables_sql(), *index.create_triggers_sql()]:
            cursor.execute(statement)
        for statement in index.rebuild_sql():
            cursor.execute(statement)


def reinstall(index: FullTextIndex, using=None) -> None:
    """Make the index again with its present definition (a migration that changes it)."""
    uninstall(index, using)
    install(index, using)


def uninstall(index: FullTextIndex, using=None) -> None:
    using = using or connection
    if not is_sqlite(using):
        return
    with using.cursor() as cursor:
        for statement in index.drop_sql():
            cursor.execute(statement)


def rebuild(using=None) -> int:
    """Fill every installed index again from its table; the number of indexes rebuilt."""
    using = using or connection
    if not is_sqlite(using):
        return 0
    rebuilt = 0
    existing = _schema_names(using)
    with using.cursor() as cursor:
        for index in INDEXES.values():
            if index.words in existing:
                for statement in index.rebuild_sql():
                    cursor.execute(statement)
                rebuilt += 1
    return rebuilt


@contextmanager
def triggers_off(using=None):
    """For a bulk load (the benchmark's seeder): no triggers while rows go in, each index
    filled once from its table at the end, as PostgreSQL builds its GIN indexes after the load.
    The triggers index every inserted row on its own, trigrams of every long text included."""
    using = using or connection
    if not is_sqlite(using):
        yield
        return
    existing = _schema_names(using)
    installed = [index for index in INDEXES.values() if index.words in existing]
    with using.cursor() as cursor:
        for index in installed:
            for statement in index.drop_triggers_sql():
                cursor.execute(statement)
    yield
    with using.cursor() as cursor:
        for index in installed:
            for statement in [*index.create_triggers_sql(), *index.rebuild_sql()]:
                cursor.execute(statement)


def _schema_names(using) -> set[str]:
    with using.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        return {row[0] for row in cursor.fetchall()}


def restore_triggers(using: str = "default", **kwargs) -> None:
    """After a migration (post_migrate): Django alters a table on SQLite by copying it into a
    new one, which drops the old table's triggers. Put back any that are missing and rebuild
    that index (rows may have changed without them). Indexes not yet created are left alone."""
    using = connections[using]
    if not is_sqlite(using):
        return
    existing = _schema_names(using)
    for index in INDEXES.values():
        if index.words not in existing or index.table not in existing:
            continue
        if set(index.triggers.values()) <= existing:
            continue
        with using.cursor() as cursor:
            for statement in [*index.create_triggers_sql(), *index.rebuild_sql()]:
                cursor.execute(statement)


# Searching


def _fts_string(term: str) -> str:
    """An FTS5 string: whatever it holds is a term, never syntax."""
    return '"' + term.replace('"', '""') + '"'


def _prefixes(parsed, part: str) -> list[str]:
    """The word beginnings a part of the query matches: our stem, and the whole word without
    its inflection ending. Not the stem of a quality noun: "sakerhet" (safety) must not find
    "saker" (things), which a prefix query on the token would."""
    word = parsed.words.get(part, part)
    whole = search.substring_stem(word)
    if word.startswith(part) and word[len(part) :].startswith("het"):
        return [whole]
    return sorted({part, whole})


def _substring(parsed, part: str) -> str | None:
    """The part as a substring anywhere (a part of a compound), if it is long enough to be one."""
    word = search.substring_stem(parsed.words.get(part, part))
    return word if len(word) >= search.MIN_SUBSTRING else None


def _part_sql(index: FullTextIndex, parsed, part: str) -> tuple[str, list]:
    """Ids of the rows with a word beginning like the part, or (a long part) containing it."""
    expression = " OR ".join(_fts_string(p) + "*" for p in _prefixes(parsed, part))
    sql = f"SELECT rowid AS id FROM {index.words} WHERE {index.words} MATCH %s"  # noqa: S608
    params: list = [expression]
    substring = _substring(parsed, part)
    if substring is not None:
        sql += f" UNION SELECT rowid FROM {index.trigram} WHERE {index.trigram} MATCH %s"  # noqa: S608
        params.append(_fts_string(substring))  # a phrase of its trigrams: the substring
    return sql, params


def _group_sql(index: FullTextIndex, parsed, group) -> tuple[str, list]:
    """Ids of the rows matching any alternative of the group (every part of it)."""
    alternatives, params = [], []
    for alternative in group:
        parts = [_part_sql(index, parsed, part) for part in alternative]
        alternatives.append(" INTERSECT ".join(f"SELECT id FROM ({sql})" for sql, _ in parts))  # noqa: S608
        params.extend(p for _sql, part_params in parts for p in part_params)
    return " UNION ".join(f"SELECT id FROM ({sql})" for sql in alternatives), params  # noqa: S608


def _match_q(index: FullTextIndex, parsed) -> Q:
    condition = Q()
    for group in parsed.groups:
        sql, params = _group_sql(index, parsed, group)
        condition &= Q(id__in=RawSQL(sql, params))  # noqa: S611
    return condition


class Relevance(Func):
    """bm25() of the row in the word index for this query, turned into 0..1 (higher is better;
    0 when no word of the row begins like a query term: a row found as a compound only).

    The index is searched once per query, not once per row: the matches are materialised,
    then looked up by id (SQLite builds an automatic index on them for the lookup)."""

    output_field = FloatField()

    def __init__(self, index: FullTextIndex, expression: str):
        super().__init__(F("id"))
        self.index = index
        self.expression = expression

    def as_sql(self, compiler, connection, **extra_context):
        id_sql, id_params = compiler.compile(self.source_expressions[0])
        index = self.index
        weights = ", ".join(str(weight) for _column, weight in index.columns)
        sql = (
            "COALESCE((WITH hits AS MATERIALIZED ("  # noqa: S608
            f"SELECT rowid AS id, -bm25({index.words}, {weights}) AS score "
            f"FROM {index.words} WHERE {index.words} MATCH %s) "
            f"SELECT score / (1.0 + score) FROM hits WHERE hits.id = {id_sql}), 0.0)"
        )
        return sql, [self.expression, *id_params]


def _rank_expression(parsed) -> str:
    terms = set()
    for group in parsed.groups:
        for alternative in group:
            for part in alternative:
                terms.update(_prefixes(parsed, part))
    return " OR ".join(_fts_string(term) + "*" for term in sorted(terms))


def _title_q(index: FullTextIndex, parsed) -> Q:
    """Every group found in the normalised title (a word beginning, or a compound part)."""
    column = index.title_column

    def part_q(part: str) -> Q:
        one = Q()
        for prefix in _prefixes(parsed, part):
            one |= Q(**{f"{column}__startswith": prefix})
            one |= Q(**{f"{column}__contains": " " + prefix})
        substring = _substring(parsed, part)
        if substring is not None:
            one |= Q(**{f"{column}__contains": substring})
        return one

    return search.groups_q(parsed, part_q)


def find(queryset: QuerySet, parsed, index: FullTextIndex | None = None) -> QuerySet:
    """Rows matching every group of the query, with `rank` (higher is better): bm25 with the
    index's weights, scaled into 0..1, plus 1 when the title holds every word."""
    index = index or INDEXES[queryset.model._meta.db_table]
    rank = Relevance(index, _rank_expression(parsed))
    if index.title_column:
        rank = rank + Case(
            When(_title_q(index, parsed), then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return queryset.filter(_match_q(index, parsed)).annotate(rank=rank)


# Misspellings

_WORD = re.compile(r"\w+")


def complete_unknown_words(parsed, queryset: QuerySet, index: FullTextIndex | None = None):
    """A word the rows of the queryset do not contain gets the closest word of the vocabulary,
    or the closest beginning of one ("sakerhte" -> the "sakerhet" of "sakerhetsrunda"), as an
    alternative, and the correction is recorded for the reader. Words that are found are left
    alone. At most three queries plus one per correction, whatever the size of the handbook."""
    parsed.completed = True
    index = index or INDEXES[queryset.model._meta.db_table]
    typed = {i: parsed.words.get(group[0][0], group[0][0]) for i, group in enumerate(parsed.groups)}
    # A word with synonyms has its alternatives; a short word has too many neighbours.
    correctable = [
        i
        for i, group in enumerate(parsed.groups)
        if len(group) == 1 and len(group[0]) == 1 and search.allowed_distance(typed[i])
    ]
    if not correctable:
        return
    known = _groups_with_rows(index, parsed, queryset, correctable)
    unknown = [i for i in correctable if i not in known]
    if not unknown:
        return
    candidates = _vocabulary_candidates(index, [typed[i] for i in unknown])
    synonyms = search._synonym_table()
    for position, i in enumerate(unknown):
        correction = closest_beginning(typed[i], candidates[position])
        if correction is None:
            continue
        parsed.add_alternatives(i, [(correction,), *synonyms.get(correction, [])])
        parsed.corrections[typed[i]] = _written_form(index, queryset, correction)


def closest_beginning(word: str, terms: list[str]) -> str | None:
    """The term, or the beginning of a term (a compound's first part), fewest typing errors
    away from word, within search.allowed_distance; a whole term wins a tie, then the earlier
    term. One edit-distance table per term gives the distance to each of its beginnings."""
    limit = search.allowed_distance(word)
    shortest = max(search.MIN_SUBSTRING, len(word) - limit)
    best, best_key = None, (limit + 1, True)
    for term in terms:
        distances = _distances_to_beginnings(word, term[: len(word) + limit])
        for length in range(shortest, min(len(term), len(word) + limit) + 1):
            key = (distances[length], length != len(term))
            if key < best_key:
                best, best_key = term[:length], key
    return best


def _distances_to_beginnings(word: str, term: str) -> list[int]:
    """Optimal string alignment distance (a swap of neighbours counts one, as in
    search.edit_distance) from word to term[:j], for every j."""
    before: list[int] = []
    previous = list(range(len(term) + 1))
    for i, letter in enumerate(word, 1):
        current = [i]
        for j, other in enumerate(term, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == term[j - 2] and word[i - 2] == other:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        before, previous = previous, current
    return previous


def _groups_with_rows(index, parsed, queryset: QuerySet, groups: list[int]) -> set[int]:
    """Which of these groups match at least one row of the queryset: one query."""
    branches, params = [], []
    for i in groups:
        sql, group_params = _group_sql(index, parsed, parsed.groups[i])
        exists = queryset.filter(id__in=RawSQL(sql, group_params)).values("id")[:1]  # noqa: S611
        exists_sql, exists_params = exists.query.sql_with_params()
        branches.append(f"SELECT {int(i)} WHERE EXISTS ({exists_sql})")
        params.extend(exists_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        return {row[0] for row in cursor.fetchall()}


def _vocabulary_candidates(index: FullTextIndex, words: list[str]) -> list[list[str]]:
    """For each word, the index's words that begin with the same three letters (whole words
    and compounds), and those of about its length that begin with the same two (a slip in the
    third letter), the most common first and at most SPELLING_CANDIDATES of each: one query,
    a range of the sorted vocabulary per branch."""
    branches, params = [], []
    for position, word in enumerate(words):
        limit = search.allowed_distance(word)
        for prefix, longest in ((word[:3], 1000), (word[:2], len(word) + limit)):
            after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            branches.append(
                f"SELECT * FROM (SELECT {position} AS position, term, doc "  # noqa: S608
                f"FROM {index.vocabulary} WHERE term >= %s AND term < %s "
                "AND length(term) BETWEEN %s AND %s "
                f"ORDER BY doc DESC LIMIT {SPELLING_CANDIDATES})"
            )
            params.extend([prefix, after, len(word) - limit, longest])
    found: list[dict[str, int]] = [{} for _ in words]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        for position, term, doc in cursor.fetchall():
            found[position][term] = doc
    return [sorted(terms, key=lambda term: (-terms[term], term)) for terms in found]


def _written_form(index: FullTextIndex, queryset: QuerySet, term: str) -> str:
    """The corrected word as the handbook writes it (with å, ä, ö), from a row that has it."""
    columns = index.written_columns or [column for column, _weight in index.columns]
    row = (
        queryset.filter(
            id__in=RawSQL(  # noqa: S611
                f"SELECT rowid FROM {index.words} WHERE {index.words} MATCH %s",  # noqa: S608
                [_fts_string(term) + "*"],
            )
        )
        .values_list(*columns)
        .first()
    )
    for text in row or ():
        for written in _WORD.findall(text or ""):
            beginning = written[: len(term)]
            if search.normalize(beginning) == term:
                return beginning.lower()
    return term
