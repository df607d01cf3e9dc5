"""Give role families the competencies interviewers rate on a discussion scorecard, and seed the two
families' defaults. Frozen here on purpose: recruiters edit them afterwards (see 0002)."""

from django.db import migrations, models

COMPETENCIES = {
    "data-scientist": [
        ("statistics", "Statistics", "Sound inference: uncertainty, tests, and when they mislead."),
        ("modeling", "Modeling", "Chooses, fits, validates and explains models fit for the question."),
        ("experimentation", "Experimentation", "Designs and reads experiments that decisions can rest on."),
        ("communication", "Communication", "Explains results and their uncertainty to non-specialists."),
    ],
    "machine-learning-engineer": [
        ("cicd", "CI/CD", "Automates testing and deployment of code and models."),
        ("infrastructure", "Infrastructure", "Runs reliable, observable and affordable services."),
        ("pipelines", "Pipelines", "Builds training and data pipelines that run on schedule and recover."),
        ("communication", "Communication", "Works with data scientists and explains trade-offs clearly."),
    ],
}


def seed_competencies(apps, schema_editor):
    role_family = apps.get_model("jobads", "RoleFamily")
    for slug, competencies in COMPETENCIES.items():
        role_family.objects.filter(slug=slug, scorecard_competencies=[]).update(
            scorecard_competencies=[
                {"key": key, "label": label, "description": description}
                for key, label, description in competencies
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("jobads", "0003_ad_reviewers")]

    operations = [
        migrations.AddField(
            model_name="rolefamily",
            name="scorecard_competencies",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="What interviewers rate after a technical discussion: [{key, label, description}].",
            ),
        ),
        migrations.RunPython(seed_competencies, migrations.RunPython.noop),
    ]
