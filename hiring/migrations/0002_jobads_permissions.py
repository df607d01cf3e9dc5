"""Grant the role groups their job-ad permissions (see ROLE_PERMISSIONS in hiring/roles.py)."""

from django.db import migrations

from hiring.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [("hiring", "0001_role_groups"), ("jobads", "0001_initial")]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
