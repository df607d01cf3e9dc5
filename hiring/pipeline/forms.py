"""The forms of the pipeline's pages: a stage's email text, the times offered for an interview."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from core.form_messages import PlainMessagesMixin
from core.text import and_list
from hiring.pipeline.emails import PLACEHOLDERS, unknown_placeholders
from hiring.pipeline.interviews import ZONES


class EmailTemplateForm(PlainMessagesMixin, forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(label="Message", max_length=10_000, widget=forms.Textarea(attrs={"rows": 14}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("subject", "body"):
            if unknown := unknown_placeholders(data.get(name, "")):
                known = and_list([f"{{{key}}}" for key in PLACEHOLDERS])
                self.add_error(name, f"Not a placeholder: {', '.join(unknown)}. Use {known}.")
        return data


TIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OfferTimesForm(PlainMessagesMixin, forms.Form):
    """Up to three times for the technical discussion, as wall-clock times in the chosen zone."""

    first = forms.DateTimeField(label="First time", widget=TIME_INPUT, input_formats=["%Y-%m-%dT%H:%M"])
    second = forms.DateTimeField(
        label="Second time", required=False, widget=TIME_INPUT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    third = forms.DateTimeField(
        label="Third time", required=False, widget=TIME_INPUT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    time_zone = forms.ChoiceField(label="Time zone of these times", choices=[(zone, zone) for zone in ZONES])
    minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=240, initial=45)
    where = forms.CharField(label="Where (a video link or a room)", max_length=300, required=False)
    send_email = forms.BooleanField(
        label="Then email the candidate the times (you read the email first)", required=False, initial=True
    )

    def starts(self) -> list[datetime]:
        """The times given, naive wall-clock times (``interviews.offer`` puts them in the zone)."""
        chosen = [self.cleaned_data.get(name) for name in ("first", "second", "third")]
        return [moment.replace(tzinfo=None) for moment in chosen if moment is not None]
