"""PostgreSQL's search vocabulary: every word of the published methods, normalised and as
written, with a GiST trigram index, so a misspelling is corrected to the nearest real words
without reading the methods (methods.search._complete_unknown_words_postgresql).

PostgreSQL only, like the other search indexes: SQLite searches with its own index.
"""

from django.db import migrations

CREATE = [
    "CREATE TABLE IF NOT EXISTS methods_search_word (word text PRIMARY KEY, written text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS methods_search_word_trgm "
    "ON methods_search_word USING gist (word gist_trgm_ops)",
]
VOCABULARY_SQL = """
INSERT INTO methods_search_word (word, written)
SELECT DISTINCT ON (word) word, written
FROM (
    SELECT translate(written, %s, %s) AS word, written
    FROM (
    SELECT DISTINCT written
    FROM (
        SELECT regexp_split_to_table(lower(concat_ws(' ', m.title, m.summary, m.easy_read,
               m.purpose, m.body, m.materials)), '[^[:alnum:]]+') AS written
        FROM methods_method m WHERE m.status = 'published' AND m.deleted_at IS NULL
        UNION ALL
        SELECT regexp_split_to_table(lower(s.text), '[^[:alnum:]]+')
        FROM methods_methodstep s JOIN methods_method m ON m.id = s.method_id
        WHERE m.status = 'published' AND m.deleted_at IS NULL
        UNION ALL SELECT regexp_split_to_table(lower(name), '[^[:alnum:]]+') FROM methods_phase
        UNION ALL
        SELECT regexp_split_to_table(lower(name), '[^[:alnum:]]+') FROM methods_competencearea
        UNION ALL
        SELECT regexp_split_to_table(lower(name), '[^[:alnum:]]+') FROM methods_businessline
    ) AS words
    ) AS distinct_words
) AS keyed
WHERE word ~ '^[a-z0-9]+$' AND length(word) BETWEEN 4 AND 40
ORDER BY word, written
ON CONFLICT (word) DO NOTHING
"""
DROP = ["DROP TABLE IF EXISTS methods_search_word"]


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    # The same words methods.search.rebuild_vocabulary() adds, in one statement.
    schema_editor.execute(VOCABULARY_SQL, ["åäöéèêëüáàâíìïóòôúùûçñ", "aaoeeeeuaaaiiiooouuucn"])


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("methods", "0017_vocabulary_in_english")]

    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
