from django.db import migrations

# The search across ads (hiring.dashboard.search): its full-text vectors, indexed on PostgreSQL.
# Each index is built from the same expression as the search's (WORK_VECTOR, ALL_TEXT_VECTOR there),
# so PostgreSQL can match them; written out here, as a migration must not change with the code.
# SQLite has no such index: its search reads each field, correct as before.
INDEXES = ("application_work_words", "application_all_words")


def _indexes():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    work = SearchVector("current_title", "skills", config="simple")
    everything = SearchVector("current_title", "skills", "resume_text", config="simple")
    return [GinIndex(work, name=INDEXES[0]), GinIndex(everything, name=INDEXES[1])]


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    application = apps.get_model("hiring", "Application")
    for index in _indexes():
        schema_editor.add_index(application, index)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    """Full-text indexes for the search across every ad a reviewer triages (PostgreSQL only)."""

    dependencies = [
        ("hiring", "0018_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(add_search_indexes, drop_search_indexes)]
