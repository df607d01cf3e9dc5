"""Discussion scorecards: the role family's competencies and the scale, who sees which scorecard, the
per-competency summary, the form that cleans one and the write that keeps every submitted version.

Visibility: a draft is seen by its author only. A user sees other interviewers' submitted scorecards,
and the summary, only once they have submitted their own for that application; until then they see
how many colleagues have submitted. Users who cannot score (recruiters) therefore see only that count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.form_messages import PlainMessagesMixin
from hiring.models import Application, Scorecard, ScorecardRating
from jobads.models import RoleFamily, default_scorecard_scale

SCORE_APPLICATIONS = "hiring.add_scorecard"
SCORE_REQUIRED = "Choose a score to submit."
REASON_REQUIRED = "Say why: a written reason is required to submit."
NO_COMPETENCIES = "This role family has no competencies to rate yet; a recruiter can add them."


class IncompleteScorecardError(Exception):
    """Submitting needs a score and a reason for every competency."""


@dataclass(frozen=True)
class Competency:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class RatingIn:
    competency: Competency
    score: int | None
    reason: str
    score_label: str = ""  # the scale's word for ``score`` when rated


@dataclass(frozen=True)
class CompetencySummary:
    key: str
    label: str
    mean: float | None
    count: int


@dataclass(frozen=True)
class InterviewerScorecards:
    """One colleague's newest submitted scorecard and their earlier submitted revisions, newest first."""

    latest: Scorecard
    earlier: list[Scorecard]


def scale_for(family: RoleFamily | None) -> list[tuple[int, str]]:
    """The family's rating scale as (position, label) pairs, 1 = lowest."""
    labels = family.scorecard_scale if family is not None else default_scorecard_scale()
    return list(enumerate((str(label) for label in labels), start=1))


def competencies_for(family: RoleFamily | None) -> list[Competency]:
    """The family's competencies as recruiters last saved them; malformed entries are skipped."""
    items = family.scorecard_competencies if family is not None else []
    return [
        Competency(
            key=str(item["key"]),
            label=str(item.get("label") or item["key"]),
            description=str(item.get("description") or ""),
        )
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and item.get("key")
    ]


def may_see_others(own: Iterable[Scorecard]) -> bool:
    return any(card.is_submitted for card in own)


def by_interviewer(cards: Iterable[Scorecard]) -> list[InterviewerScorecards]:
    """Submitted scorecards grouped per interviewer, the newest revision as ``latest``."""
    grouped: dict[int, list[Scorecard]] = {}
    for card in cards:
        if card.is_submitted:
            grouped.setdefault(card.interviewer_id, []).append(card)
    return [
        InterviewerScorecards(latest=revisions[0], earlier=revisions[1:])
        for revisions in (sorted(group, key=lambda c: -c.revision) for group in grouped.values())
    ]


def summarize(
    *, competencies: list[Competency], ratings: Iterable[ScorecardRating]
) -> list[CompetencySummary]:
    """Per competency, the mean score and how many scores: the family's order first, then retired ones."""
    labels = {c.key: c.label for c in competencies}
    scores: dict[str, list[int]] = {c.key: [] for c in competencies}
    for rating in ratings:
        labels.setdefault(rating.competency_key, rating.competency_label)
        found = scores.setdefault(rating.competency_key, [])
        if rating.score is not None:
            found.append(rating.score)
    return [
        CompetencySummary(key=key, label=labels[key], mean=sum(s) / len(s) if s else None, count=len(s))
        for key, s in scores.items()
    ]


class ScorecardForm(PlainMessagesMixin, forms.Form):
    """Per competency a score on the scale and a reason; both optional for a draft, required to submit."""

    action = forms.ChoiceField(choices=[("save", "Save draft"), ("submit", "Submit")])

    def __init__(
        self, *args: object, competencies: list[Competency], scale: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.competencies = competencies
        self.scale = scale
        for competency in competencies:
            self.fields[f"score_{competency.key}"] = forms.TypedChoiceField(
                label=competency.label,
                choices=scale,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{competency.key}"] = forms.CharField(
                label="Why", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not self.competencies:
            raise forms.ValidationError(NO_COMPETENCIES)
        if cleaned.get("action") == "submit":
            for competency in self.competencies:
                if cleaned.get(f"score_{competency.key}") is None:
                    self.add_error(f"score_{competency.key}", SCORE_REQUIRED)
                if not str(cleaned.get(f"reason_{competency.key}") or "").strip():
                    self.add_error(f"reason_{competency.key}", REASON_REQUIRED)
        return cleaned

    @property
    def is_submit(self) -> bool:
        return self.cleaned_data.get("action") == "submit"

    def ratings(self) -> list[RatingIn]:
        labels = dict(self.scale)
        scores: dict[str, int | None] = {
            c.key: self.cleaned_data.get(f"score_{c.key}") for c in self.competencies
        }
        return [
            RatingIn(
                competency=c,
                score=scores[c.key],
                reason=str(self.cleaned_data.get(f"reason_{c.key}") or "").strip(),
                score_label=labels.get(scores[c.key] or 0, ""),
            )
            for c in self.competencies
        ]

    def rows(self) -> list[tuple[Competency, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.key}"], self[f"reason_{c.key}"]) for c in self.competencies]


def initial_from(card: Scorecard | None) -> dict[str, object]:
    """The form starts from the user's newest revision: their draft, or the scorecard to correct."""
    initial: dict[str, object] = {}
    for rating in card.ratings.all() if card is not None else []:
        initial[f"score_{rating.competency_key}"] = rating.score
        initial[f"reason_{rating.competency_key}"] = rating.reason
    return initial


@dataclass(frozen=True)
class ScorecardPanel:
    """What the candidate page's scorecard section shows to one user."""

    competencies: list[Competency]
    form: ScorecardForm | None  # None for users who cannot score
    own: list[Scorecard]  # the user's revisions, oldest first
    may_see_others: bool
    others: list[InterviewerScorecards] = field(default_factory=list)
    summary: list[CompetencySummary] = field(default_factory=list)
    waiting_count: int = 0  # colleagues who submitted, hidden until the user submits
    scale_points: int = 4  # the top of the family's scale, for "mean score (1-N)"

    @property
    def draft(self) -> Scorecard | None:
        return next((card for card in self.own if not card.is_submitted), None)

    @property
    def own_submitted(self) -> list[InterviewerScorecards]:
        return by_interviewer(self.own)


def scorecard_panel(
    *, application: Application, user: User, form: ScorecardForm | None = None
) -> ScorecardPanel:
    """Only what ``user`` may see is fetched: others' drafts never, others' scorecards once they submitted."""
    competencies = competencies_for(application.job_ad.role_family)
    points = len(scale_for(application.job_ad.role_family))
    cards = Scorecard.objects.filter(application=application).prefetch_related("ratings")
    own = list(cards.filter(interviewer=user).order_by("revision"))
    if form is None and user.has_perm(SCORE_APPLICATIONS):
        form = ScorecardForm(
            competencies=competencies,
            scale=scale_for(application.job_ad.role_family),
            initial=initial_from(own[-1] if own else None),
        )
    submitted_by_others = cards.filter(status=Scorecard.Status.SUBMITTED).exclude(interviewer=user)
    if not may_see_others(own):
        waiting = submitted_by_others.values("interviewer").distinct().count()
        return ScorecardPanel(
            competencies, form, own, may_see_others=False, waiting_count=waiting, scale_points=points
        )
    others = by_interviewer(submitted_by_others.select_related("interviewer"))
    counted = [group.latest for group in by_interviewer(own) + others]
    ratings = [rating for card in counted for rating in card.ratings.all()]
    summary = summarize(competencies=competencies, ratings=ratings)
    return ScorecardPanel(
        competencies, form, own, may_see_others=True, others=others, summary=summary, scale_points=points
    )


def save_scorecard(
    *, application: Application, interviewer: User, ratings: list[RatingIn], submit: bool
) -> Scorecard:
    """Save the interviewer's draft, or submit it. A submitted scorecard is never changed: saving after
    one starts the next revision, and the earlier one stays in the history."""
    if submit and (not ratings or any(r.score is None or not r.reason for r in ratings)):
        raise IncompleteScorecardError
    with transaction.atomic():
        Application.objects.select_for_update().only("pk").get(pk=application.pk)  # one revision at a time
        mine = Scorecard.objects.filter(application=application, interviewer=interviewer)
        latest = mine.order_by("-revision").first()
        if latest is not None and not latest.is_submitted:
            card = latest
            card.ratings.all().delete()
        else:
            revision = latest.revision + 1 if latest is not None else 1
            card = Scorecard.objects.create(
                application=application, interviewer=interviewer, revision=revision
            )
        ScorecardRating.objects.bulk_create(
            ScorecardRating(
                scorecard=card,
                competency_key=r.competency.key,
                competency_label=r.competency.label,
                score=r.score,
                score_label=r.score_label,
                reason=r.reason,
            )
            for r in ratings
        )
        if submit:
            card.status, card.submitted_at = Scorecard.Status.SUBMITTED, timezone.now()
        card.save(update_fields=["status", "submitted_at", "updated_at"])
    return card
