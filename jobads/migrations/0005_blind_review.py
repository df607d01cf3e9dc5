from django.db import migrations, models

HELP = (
    "Hide each candidate's name, email, phone, links, GitHub username and résumé from reviewers "
    "until the candidate passes screening."
)


class Migration(migrations.Migration):
    dependencies = [
        ("jobads", "0004_role_family_scorecard_competencies"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaljobad",
            name="is_blind_review",
            field=models.BooleanField(default=False, help_text=HELP, verbose_name="blind review"),
        ),
        migrations.AddField(
            model_name="jobad",
            name="is_blind_review",
            field=models.BooleanField(default=False, help_text=HELP, verbose_name="blind review"),
        ),
    ]
