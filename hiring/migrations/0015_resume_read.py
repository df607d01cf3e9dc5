from django.db import migrations, models


class Migration(migrations.Migration):
    """Résumés are read by the worker from now on; every existing application's was read in its request."""

    dependencies = [
        ("hiring", "0014_near_copy_flags"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="resume_read",
            field=models.BooleanField(default=True),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="application",
            name="resume_read",
            field=models.BooleanField(
                default=False, help_text="Whether the worker has read the résumé's text (or found it unreadable)."
            ),
        ),
    ]
