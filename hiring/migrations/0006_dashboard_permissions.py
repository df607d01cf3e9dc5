"""Grant the roles their permissions on the reviewer dashboard's models (see hiring/roles.py)."""

from django.db import migrations

from hiring.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [("hiring", "0005_dashboard")]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
