"""The public application form: HTML fields around the ``ApplicationIn`` payload.

The form only renders fields and carries the upload; every rule lives in ``ApplicationIn`` (and
``hiring.intake.resumes`` for the file), whose messages land next to the field they concern.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from pydantic import ValidationError as PydanticValidationError

from core.form_messages import PlainMessagesMixin
from hiring.flags.rules import FlagKind, PostedRange, salary_flag
from hiring.intake.payload import FIELD_MESSAGES, MAX_LINKS, MAX_PROJECTS, ApplicationIn, message_for
from hiring.intake.resumes import MAX_RESUME_BYTES, ResumeRejectedError, detect_resume_kind
from hiring.intake.salary import DesiredSalary, parse_desired_salary
from hiring.intake.submit import ResumeUpload
from hiring.intake.uploads import load_stashed_resume, stash_resume
from jobads.models import JobAd
from jobads.pay import Currency, PayPeriod

RETENTION_MONTHS = 12


def consent_text(ad: JobAd) -> str:
    portfolio = (
        "If you give a GitHub profile, your public repositories are read automatically (their code is "
        "never run) to give the reviewers context; that analysis only assists a person's review and "
        "never rejects anyone by itself."
    )
    return (
        f"I agree that the hiring team at {settings.ORGANIZATION_NAME} may process the information and "
        "résumé I send to consider me for "
        f"“{ad.title}”. {portfolio} My application is kept for {RETENTION_MONTHS} months after the role "
        "closes, then deleted; I can ask for it to be deleted sooner."
    )


def _text(max_length: int, label: str, help_text: str = "", **attrs: Any) -> forms.CharField:
    widget = forms.TextInput(attrs={"maxlength": max_length, **attrs})
    return forms.CharField(required=False, label=label, help_text=help_text, widget=widget)


CONFIRM_SALARY = "I understand my minimum is above the posted range, and I still want to apply."


class ApplicationForm(PlainMessagesMixin, forms.Form):
    """Labels and hints live here, so the fields and the error summary name each field alike."""

    full_name = _text(200, "Full name", autocomplete="name", required=True)
    email = forms.CharField(
        required=False,
        label="Email",
        help_text="We send a confirmation and a private status link here.",
        widget=forms.EmailInput(attrs={"maxlength": 254, "autocomplete": "email", "required": True}),
    )
    phone = _text(40, "Phone", autocomplete="tel", inputmode="tel")
    location = _text(200, "Where you are based", autocomplete="address-level2", required=True)
    current_title = _text(
        120, "Current or most recent job title", autocomplete="organization-title", required=True
    )
    years_experience = forms.CharField(
        required=False,
        label="Years of professional experience",
        widget=forms.NumberInput(attrs={"min": 0, "max": 60, "required": True}),
    )
    skills = forms.CharField(
        required=False,
        label="Skills",
        help_text="A few words or a list.",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )
    github_username = _text(
        200,
        "GitHub profile",
        "A username or a github.com profile link. Not everyone can share code publicly; leaving this "
        "empty counts against no one.",
        autocomplete="off",
        placeholder="octocat or https://github.com/octocat",
    )
    projects = forms.CharField(
        required=False,
        label="Projects to read first",
        help_text="Up to three of your public repositories you are proud of, one per line: its name, "
        "owner/name or its github.com link. The review reads these before the others.",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "churn-model (one per line)"}),
    )
    other_links = forms.CharField(
        required=False,
        label="Other links",
        help_text="Portfolio, papers, talks: one link per line, at most five.",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://… (one per line)"}),
    )
    resume = forms.FileField(
        required=False,
        label="Résumé",
        help_text="PDF or Word (.docx), at most 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    resume_token = forms.CharField(
        required=False, widget=forms.HiddenInput
    )  # rendered from stashed_resume_token
    salary_text = _text(60, "Your desired minimum", inputmode="decimal", required=True, placeholder="150k")
    salary_currency = forms.ChoiceField(
        label="Currency",
        choices=Currency.choices,
        error_messages={"invalid_choice": FIELD_MESSAGES["salary_currency"]["*"]},
    )
    salary_period = forms.ChoiceField(
        label="Per",
        choices=PayPeriod.choices,
        error_messages={"invalid_choice": FIELD_MESSAGES["salary_period"]["*"]},
    )
    confirm_salary = forms.BooleanField(required=False, label=CONFIRM_SALARY)
    note = forms.CharField(
        required=False,
        label="A short note to the hiring team",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    consent = forms.BooleanField(required=False)
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    website = forms.CharField(  # a honeypot: hidden from people, filled in by bots
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile[Any]] | None = None,
        *,
        ad: JobAd,
    ) -> None:
        initial = {
            "salary_currency": ad.currency,
            "salary_period": ad.pay_period,
            "submission_token": uuid.uuid4(),
        }
        super().__init__(data, files, initial=initial)
        self.ad = ad
        self.stashed_resume_token = ""  # names a valid résumé kept for the next submit
        self.fields["consent"].label = consent_text(ad)
        self.fields["consent"].summary_label = "Consent"  # type: ignore[attr-defined]  # the error summary's name
        self.fields["confirm_salary"].summary_label = "Desired pay"  # type: ignore[attr-defined]
        self._payload: ApplicationIn | None = None
        self._resume: ResumeUpload | None = None

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Leave this field empty.")
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._resume = self._clean_resume(data.get("resume"), data.get("resume_token", ""))
        try:
            self._payload = ApplicationIn(**self._payload_fields(data))
        except PydanticValidationError as error:
            for problem in error.errors():
                field = self._field_of(problem["loc"])
                if field not in self.errors:  # one message per field: the form's own came first
                    self.add_error(field, message_for(problem))
        if self._payload and self.salary_above_range() and not data.get("confirm_salary"):
            self.add_error(
                "confirm_salary", "Your minimum is above this role's range: tick this box to apply anyway."
            )
        if self._resume and self.errors and not self.stashed_resume_token:
            self.stashed_resume_token = stash_resume(self._resume)
        return data

    def payload(self) -> ApplicationIn:
        assert self._payload is not None, "call is_valid() first"
        return self._payload

    def resume_upload(self) -> ResumeUpload:
        assert self._resume is not None, "call is_valid() first"
        return self._resume

    def salary_above_range(self) -> bool:
        return self._payload is not None and bool(
            _above_range_message(self.ad, self._payload.desired_salary())
        )

    def _clean_resume(self, upload: UploadedFile[bytes] | None, token: str) -> ResumeUpload | None:
        if upload is None:
            stashed = load_stashed_resume(token) if token else None
            if stashed is None:
                self.add_error("resume", "Attach your résumé (PDF or Word .docx, at most 5 MB).")
            else:
                self.stashed_resume_token = token
            return stashed
        if upload.size is None or upload.size > MAX_RESUME_BYTES:
            self.add_error("resume", f"The résumé is larger than {MAX_RESUME_BYTES // (1024 * 1024)} MB.")
            return None
        data = upload.read()
        try:
            kind = detect_resume_kind(data, name=upload.name or "")
        except ResumeRejectedError as rejected:
            self.add_error("resume", str(rejected))
            return None
        return ResumeUpload(data=data, kind=kind, original_name=upload.name or "resume")

    def _payload_fields(self, data: dict[str, Any]) -> dict[str, Any]:
        links = [line.strip() for line in (data.get("other_links") or "").splitlines() if line.strip()]
        projects = [line.strip() for line in (data.get("projects") or "").splitlines() if line.strip()]
        years = (data.get("years_experience") or "").strip()
        return {
            **{name: data.get(name) or "" for name in ApplicationIn.model_fields if name in self.fields},
            "years_experience": years if years else None,
            "other_links": links[: MAX_LINKS + 1],
            "projects": projects[: MAX_PROJECTS + 1],
            "consent": bool(data.get("consent")),
            "submission_token": data.get("submission_token") or self.initial["submission_token"],
        }

    def _field_of(self, location: tuple[int | str, ...]) -> str | None:
        name = str(location[0]) if location else ""
        return name if name in self.fields else None


@dataclass(frozen=True)
class SalaryHint:
    text: str = ""
    above_range: bool = False  # the text asks to confirm a minimum above the posted range


def salary_hint(ad: JobAd, params: Mapping[str, str]) -> SalaryHint:
    """What the form says about a typed salary before submit: above the range, unreadable, or nothing."""
    text = params.get("salary_text", "").strip()
    if not text:
        return SalaryHint()
    try:
        desired = parse_desired_salary(
            text,
            currency=params.get("salary_currency", ad.currency),
            period=params.get("salary_period", ad.pay_period),
        )
    except ValueError as problem:
        return SalaryHint(text=str(problem))
    above = _above_range_message(ad, desired)
    return SalaryHint(text=above, above_range=bool(above))


def _above_range_message(ad: JobAd, desired: DesiredSalary) -> str:
    if ad.pay_min is None or ad.pay_max is None:
        return ""
    posted = PostedRange(minimum=ad.pay_min, maximum=ad.pay_max, currency=ad.currency, period=ad.pay_period)
    finding = salary_flag(desired, posted)
    if finding is None or finding.kind != FlagKind.SALARY_ABOVE_RANGE:
        return ""
    return (
        f"Your minimum is above this role's posted range ({ad.pay_range_display}). You can still apply: "
        "tick the box below to confirm, and the hiring team will see both numbers."
    )


class WithdrawForm(PlainMessagesMixin, forms.Form):
    """The candidate takes their application back from the status link."""

    confirm = forms.BooleanField(
        label="Yes, withdraw my application",
        error_messages={"required": "Tick the box to confirm that you want to withdraw."},
    )
    why = forms.CharField(
        label="Would you tell us why? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ErasureRequestForm(PlainMessagesMixin, forms.Form):
    """The candidate asks for their application and everything kept with it to be erased."""

    confirm = forms.BooleanField(
        label="Yes, erase my application and everything kept with it",
        error_messages={"required": "Tick the box to confirm that you want it erased."},
    )
