"""Grant the roles their permissions on discussion scorecards (see hiring/roles.py)."""

from django.db import migrations

from hiring.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [("hiring", "0008_scorecards")]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
