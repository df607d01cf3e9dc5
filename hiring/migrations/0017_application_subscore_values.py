from django.db import migrations, models

CHUNK = 2000


def copy_subscores(apps, schema_editor):
    """Each scored application's sub-scores by key, from its review's stored score, in chunks."""
    Application = apps.get_model("hiring", "Application")
    scored = Application.objects.exclude(portfolio_review__score=None).values_list("pk", "portfolio_review__score")
    batch = []
    for pk, score in scored.iterator(chunk_size=CHUNK):
        subscores = score.get("subscores") if isinstance(score, dict) else None
        values = {s["key"]: s.get("score") for s in subscores or [] if isinstance(s, dict) and "key" in s}
        batch.append(Application(pk=pk, subscore_values=values))
        if len(batch) == CHUNK:
            Application.objects.bulk_update(batch, ["subscore_values"])
            batch = []
    Application.objects.bulk_update(batch, ["subscore_values"])


class Migration(migrations.Migration):
    """Sub-scores by key on the application, written with the overall score, so the CSV export
    reads a few numbers per row instead of every review's sentences and evidence."""

    dependencies = [
        ("hiring", "0016_application_overall_score"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="subscore_values",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text='Sub-scores by key ({"testing": 70, ...}), copied with the overall: the export reads it.',
            ),
        ),
        migrations.RunPython(copy_subscores, migrations.RunPython.noop),
    ]
