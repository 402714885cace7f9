"""The vocabulary of name words, and on PostgreSQL the two indexes the person search reads:
whole folded words of the search name (full text, 'simple' configuration: no stemming, no
stop words), and trigrams of the vocabulary's words. A statement-level trigger adds the words
of every person inserted or updated, whoever writes them (services, bulk import, COPY)."""

from typing import Any

from django.db import migrations, models

WORDS_INDEX = "people_person_search_words"
VOCABULARY_INDEX = "people_nameword_word_trgm"
COLLECT = "people_nameword_collect"

CREATE = [
    f"CREATE INDEX IF NOT EXISTS {WORDS_INDEX} ON people_person "
    "USING gin (to_tsvector('simple'::regconfig, search_name))",
    f"CREATE INDEX IF NOT EXISTS {VOCABULARY_INDEX} ON people_nameword "
    "USING gin (word gin_trgm_ops)",
    f"""CREATE OR REPLACE FUNCTION {COLLECT}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO people_nameword (word)
        SELECT DISTINCT word
          FROM written, unnest(string_to_array(written.search_name, ' ')) AS word
         WHERE word <> ''
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",  # noqa: S608 - constant names, no input
    "CREATE TRIGGER people_person_words_inserted AFTER INSERT ON people_person "
    f"REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION {COLLECT}()",
    "CREATE TRIGGER people_person_words_updated AFTER UPDATE ON people_person "
    f"REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION {COLLECT}()",
    """INSERT INTO people_nameword (word)
    SELECT DISTINCT word FROM people_person, unnest(string_to_array(search_name, ' ')) AS word
     WHERE word <> ''
    ON CONFLICT DO NOTHING""",
]

DROP = [
    "DROP TRIGGER IF EXISTS people_person_words_inserted ON people_person",
    "DROP TRIGGER IF EXISTS people_person_words_updated ON people_person",
    f"DROP FUNCTION IF EXISTS {COLLECT}()",
    f"DROP INDEX IF EXISTS {VOCABULARY_INDEX}",
    f"DROP INDEX IF EXISTS {WORDS_INDEX}",
]


def create_search_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_search_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("people", "0004_search_extensions_and_backfill")]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[("word", models.CharField(max_length=500, primary_key=True, serialize=False))],
            options={
                "verbose_name": "palabra de nombre",
                "verbose_name_plural": "palabras de nombres",
            },
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
