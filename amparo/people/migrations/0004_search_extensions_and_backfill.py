"""PostgreSQL: pg_trgm and unaccent, and a GIN trigram index on the folded search name.
Every vendor: fill search_name for people registered before it existed."""

from typing import Any

from django.db import migrations

from amparo.people.names import search_name_of

TRIGRAM_INDEX = "people_person_search_name_trgm"


def enable_trigram_search(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON people_person "
        "USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def fill_search_names(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.filter(search_name="").iterator(chunk_size=2000):
        person.search_name = search_name_of(
            person.given_names, person.first_surname, person.second_surname, person.aliases
        )
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [("people", "0003_national_record")]

    operations = [
        migrations.RunPython(enable_trigram_search, drop_trigram_index, elidable=False),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
