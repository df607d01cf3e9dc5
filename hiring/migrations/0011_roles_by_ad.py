"""The role matrix by ad: recruiters keep aggregates (analytics) and lose sight of candidates; a
private note becomes its author's own, so the "read private notes" permission goes."""

from django.db import migrations, models

from hiring.roles import sync_role_groups


def drop_private_note_permission(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="hiring", codename="view_private_note"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("hiring", "0010_rating_score_label")]

    operations = [
        migrations.AlterModelOptions(
            name="application",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("download_resume", "Can download résumés"),
                    ("view_ad_analytics", "Can read ads' applicant analytics (aggregates, no names)"),
                ],
            },
        ),
        migrations.AlterModelOptions(name="note", options={"ordering": ["created_at", "pk"]}),
        migrations.AlterField(
            model_name="note",
            name="is_private",
            field=models.BooleanField(default=False, help_text="Only its author can read it."),
        ),
        migrations.RunPython(drop_private_note_permission, migrations.RunPython.noop),
        migrations.RunPython(sync_role_groups, migrations.RunPython.noop),
    ]
