"""Staff forms for ads and role families, and the filter forms of the two ad lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.text import slugify

from core.form_messages import PlainMessagesMixin
from jobads.models import (
    MAX_SCALE_POINTS,
    MIN_SCALE_POINTS,
    OWNER_CHOICES,
    JobAd,
    JobAdQuerySet,
    RoleFamily,
    Status,
    WorkArrangement,
    default_scorecard_scale,
)
from jobads.pay import UNSUPPORTED_CURRENCY
from jobads.sanitize import plain_text
from jobads.transparency import Jurisdiction

MAX_LINE_CHARS = 300


class LinesField(forms.Field):
    """A list edited as one item per line; bullets typed out of habit are dropped."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *, max_items: int, **kwargs: Any) -> None:
        self.max_items = max_items
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return [str(item) for item in value]
        lines = (line.strip().lstrip("-*•").strip() for line in str(value or "").splitlines())
        return [line for line in lines if line]

    def validate(self, value: Any) -> None:
        super().validate(value)
        if len(value) > self.max_items:
            raise forms.ValidationError(f"At most {self.max_items} lines, please (there are {len(value)}).")
        if any(len(line) > MAX_LINE_CHARS for line in value):
            raise forms.ValidationError(f"Keep each line under {MAX_LINE_CHARS} characters.")


class VocabularyField(LinesField):
    """Skill terms, one per line, synonyms after a colon: "hypothesis testing: A/B testing, t-test"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(
                f"{term}: {', '.join(synonyms)}" if synonyms else term for term, synonyms in value.items()
            )
        return value

    def clean(self, value: Any) -> dict[str, list[str]]:
        vocabulary: dict[str, list[str]] = {}
        for line in super().clean(value):
            term, _, synonyms = line.partition(":")
            if plain_text(term):
                vocabulary[plain_text(term)] = [s for s in (plain_text(x) for x in synonyms.split(",")) if s]
        return vocabulary


class CompetenciesField(LinesField):
    """Scorecard competencies, one per line, description after a colon: "Statistics: sound inference".

    The key is the label's slug, so renaming a competency starts a new one; past scorecards keep theirs.
    """

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return "\n".join(
                f"{item.get('label', '')}: {item.get('description', '')}".rstrip(": ") for item in value
            )
        return value

    def clean(self, value: Any) -> list[dict[str, str]]:
        competencies: list[dict[str, str]] = []
        for line in super().clean(value):
            label, _, description = (plain_text(part).strip() for part in line.partition(":"))
            key = slugify(label)[:40]
            if not key:
                continue
            if key in {c["key"] for c in competencies}:
                raise forms.ValidationError(f"“{label}” is listed twice.")
            competencies.append({"key": key, "label": label, "description": description})
        return competencies


class OwnerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class ReviewerChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


def _pay_field(label: str, help_text: str = "") -> forms.IntegerField:
    """No form-level bounds: the model's validators give the clearer messages."""
    widget = forms.NumberInput(attrs={"min": 1, "step": 1})
    return forms.IntegerField(label=label, required=False, help_text=help_text, widget=widget)


class JobAdForm(PlainMessagesMixin, forms.ModelForm):  # type: ignore[type-arg]
    jurisdictions = forms.MultipleChoiceField(
        label="Posted for",
        choices=Jurisdiction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each jurisdiction adds its pay-transparency rules to the checklist.",
        error_messages={"invalid_choice": "Choose only jurisdictions from the list."},
    )
    responsibilities = LinesField(
        max_items=20,
        required=False,
        help_text=(
            "One per line, in order; at least three to publish. A role family's list is only a starting "
            "point: write what this person will do day to day (the team, the data, the systems)."
        ),
    )
    required_skills = LinesField(max_items=30, required=False, help_text="One per line.")
    pay_min = _pay_field("Minimum pay", "Whole currency units, e.g. 140000.")
    pay_max = _pay_field("Maximum pay")
    nice_to_have_skills = LinesField(
        max_items=30, required=False, label="Nice-to-have skills", help_text="One per line."
    )

    class Meta:
        model = JobAd
        fields = [
            "title", "role_family", "team", "owner", "reviewers", "summary", "responsibilities",
            "required_skills", "nice_to_have_skills", "location", "country", "work_arrangement",
            "employment_type", "jurisdictions", "pay_min", "pay_max", "currency", "pay_period", "benefits",
            "deadline", "is_ongoing",
            "is_blind_review",
        ]  # fmt: skip
        field_classes = {"owner": OwnerChoiceField, "reviewers": ReviewerChoiceField}
        widgets = {
            "reviewers": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "currency": {"invalid_choice": UNSUPPORTED_CURRENCY},
            "reviewers": {"invalid_choice": "Choose reviewers from the list of hiring managers."},
        }
        help_texts = {
            "pay_min": "Whole currency units, e.g. 140000.",
            "summary": "Plain text; HTML is removed.",
        }


def initial_for(family: RoleFamily | None) -> dict[str, Any]:
    """A new ad's starting values: the family's default responsibilities."""
    if family is None:
        return {}
    return {"role_family": family, "responsibilities": list(family.default_responsibilities)}


class ScaleField(LinesField):
    """A rating scale: its labels, lowest first, one per line."""

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(str(label) for label in value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:
        labels = [plain_text(line).strip() for line in self.to_python(value)]
        labels = [label for label in labels if label]
        if not labels:
            return default_scorecard_scale()
        if not MIN_SCALE_POINTS <= len(labels) <= MAX_SCALE_POINTS:
            raise forms.ValidationError(
                f"A scale has {MIN_SCALE_POINTS} to {MAX_SCALE_POINTS} points, "
                "one label per line, lowest first."
            )
        return labels


class RoleFamilyForm(PlainMessagesMixin, forms.ModelForm):  # type: ignore[type-arg]
    default_responsibilities = LinesField(max_items=20, required=False, help_text="One per line.")
    skill_vocabulary = VocabularyField(
        max_items=100,
        required=False,
        label="Skill vocabulary",
        help_text="One term per line; synonyms after a colon, separated by commas.",
    )
    scorecard_competencies = CompetenciesField(
        max_items=12,
        required=False,
        label="Scorecard competencies",
        help_text=(
            "What interviewers rate after a technical discussion, one per line, with what it means "
            "after a colon, e.g. “Statistics: sound inference and its limits”."
        ),
    )

    scorecard_scale = ScaleField(
        max_items=MAX_SCALE_POINTS,
        required=False,
        label="Scorecard scale",
        help_text=(
            "The labels interviewers choose from, lowest first, one per line "
            "(2 to 7 points; empty: the default four)."
        ),
    )

    class Meta:
        model = RoleFamily
        fields = [
            "name", "description", "default_responsibilities", "skill_vocabulary", "scorecard_competencies",
            "scorecard_scale",
        ]  # fmt: skip

    def clean_name(self) -> str:
        name = plain_text(self.cleaned_data["name"])
        others = RoleFamily.objects.exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists() or others.filter(slug=slugify(name)).exists():
            raise forms.ValidationError("A role family with this name already exists.")
        return name


class BoardFilterForm(PlainMessagesMixin, forms.Form):
    """The public board's filters; an unusable value is ignored and its error shown."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    family = forms.ModelChoiceField(
        RoleFamily.objects.all(), required=False, to_field_name="slug", empty_label="All", label="Role family"
    )
    arrangement = forms.ChoiceField(
        label="Work arrangement", required=False, choices=[("", "Any"), *WorkArrangement.choices]
    )

    def apply(self, ads: JobAdQuerySet) -> JobAdQuerySet:
        self.is_valid()
        data = self.cleaned_data
        if data.get("family"):
            ads = ads.filter(role_family=data["family"])
        if data.get("arrangement"):
            ads = ads.filter(work_arrangement=data["arrangement"])
        return ads.matching(data.get("q") or "")


class StaffAdFilterForm(PlainMessagesMixin, forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *Status.choices])
    family = forms.ModelChoiceField(
        RoleFamily.objects.all(), required=False, empty_label="All", label="Role family"
    )
    owner = OwnerChoiceField(
        User.objects.filter(OWNER_CHOICES).distinct(), required=False, empty_label="Anyone"
    )

    def apply(self, ads: JobAdQuerySet) -> JobAdQuerySet:
        self.is_valid()
        data = self.cleaned_data
        if data.get("status"):
            ads = ads.filter(status=data["status"])
        if data.get("family"):
            ads = ads.filter(role_family=data["family"])
        if data.get("owner"):
            ads = ads.filter(owner=data["owner"])
        return ads
