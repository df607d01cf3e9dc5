from django.db import migrations, models
from django.db.models.functions import Coalesce

SCORES_PER_UPDATE = 2000


def copy_scores(apps, schema_editor):
    """Every finished review's overall score onto its application: one UPDATE per distinct score
    and chunk of reviews, so a large table is filled in a few hundred statements."""
    Application = apps.get_model("hiring", "Application")
    PortfolioReview = apps.get_model("portfolios", "PortfolioReview")
    scored = PortfolioReview.objects.exclude(score=None).values_list("id", "score")
    by_score: dict[int, list[object]] = {}
    for review_id, score in scored.iterator(chunk_size=SCORES_PER_UPDATE):
        overall = score.get("overall") if isinstance(score, dict) else None
        if isinstance(overall, int):
            by_score.setdefault(overall, []).append(review_id)
    for overall, review_ids in by_score.items():
        for start in range(0, len(review_ids), SCORES_PER_UPDATE):
            Application.objects.filter(portfolio_review_id__in=review_ids[start : start + SCORES_PER_UPDATE]).update(
                overall_score=overall
            )


class Migration(migrations.Migration):
    """The overall score as an indexed column, so the board sorts by it without reading every
    review's JSON; filled from the stored scores."""

    dependencies = [
        ("hiring", "0015_resume_read"),
        ("jobads", "0007_employment_type_and_country"),
        ("portfolios", "0005_review_restarted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="overall_score",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="The portfolio review's overall score, copied when it finishes: the board sorts by it.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                models.F("job_ad"),
                models.OrderBy(Coalesce(models.F("overall_score"), models.Value(-1)), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="application_ad_best",
            ),
        ),
        migrations.RunPython(copy_scores, migrations.RunPython.noop),
    ]
