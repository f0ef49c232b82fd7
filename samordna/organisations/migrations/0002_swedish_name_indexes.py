"""Indexes in the order the people list and the organisation list are shown in (Swedish
alphabetical order, ``core.collation.swedish``), so the first page of either is read from the
index instead of sorting every row of the county (8,000 people per county at national scale).

PostgreSQL only: the ICU collation ``sv-SE-x-icu`` exists there. On SQLite the Swedish order
is a collation function registered on each connection by the application; an index using it
would make every write to these tables fail in any other SQLite client (``sqlite3`` shell,
backup tools), so SQLite keeps sorting."""

from django.db import migrations

INDEXES = [
    (
        "organisations_person_name_sv_idx",
        'ON organisations_person ((name COLLATE "sv-SE-x-icu"), id)',
    ),
    (
        "organisations_organisation_name_sv_idx",
        'ON organisations_organisation ((name COLLATE "sv-SE-x-icu"), code)',
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
