"""The recruiters' form for a stage's email text."""

from __future__ import annotations

from typing import Any

from django import forms

from core.form_messages import PlainMessagesMixin
from core.text import and_list
from hiring.pipeline.emails import PLACEHOLDERS, unknown_placeholders


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
