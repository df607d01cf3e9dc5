"""Grant the roles their permissions on portfolio models (see hiring/roles.py)."""

from django.db import migrations

from hiring.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("hiring", "0003_candidates_applications_flags"),
        ("portfolios", "0001_reviews_analyses_known_repositories"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
