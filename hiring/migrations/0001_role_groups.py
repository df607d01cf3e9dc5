"""Create the "Recruiters" and "Hiring managers" groups (see hiring/roles.py)."""

from django.db import migrations

from hiring.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
