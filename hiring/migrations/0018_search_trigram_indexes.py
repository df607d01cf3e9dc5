from django.db import migrations

# What the board's search asks (Django's icontains on PostgreSQL: UPPER(column::text) LIKE ...),
# served by trigram indexes. SQLite has no such index: its search stays a scan, correct as before.
INDEXES = {
    "candidate_name_trigram": ("hiring_candidate", "full_name"),
    "candidate_email_trigram": ("hiring_candidate", "email"),
    "application_github_trigram": ("hiring_application", "github_username"),
}


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    """The board's search by name, email or GitHub login served by trigram indexes on PostgreSQL."""

    dependencies = [
        ("hiring", "0017_application_subscore_values"),
    ]

    operations = [migrations.RunPython(add_trigram_indexes, drop_trigram_indexes)]
