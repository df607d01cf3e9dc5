"""schema.org JobPosting JSON-LD for a public ad, so search engines can show its pay range.

The JSON sits in a ``<script type="application/ld+json">`` data block: browsers never execute it,
so the Content-Security-Policy allows it, and it is escaped like ``json_script`` so that no text
in an ad can close the element.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jobads.models import JobAd, WorkArrangement
from jobads.pay import PayPeriod

ORGANIZATION_NAME = "Portfolio hiring"
_UNIT_TEXT = {PayPeriod.YEAR: "YEAR", PayPeriod.HOUR: "HOUR"}
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def job_posting(ad: JobAd, *, url: str) -> dict[str, Any]:
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": ad.title,
        "description": _description(ad),
        "url": url,
        "datePosted": ad.published_at.date().isoformat() if ad.published_at else None,
        "hiringOrganization": {"@type": "Organization", "name": ORGANIZATION_NAME},
        "occupationalCategory": ad.role_family.name if ad.role_family else None,
        "skills": ", ".join(ad.required_skills) or None,
        "jobBenefits": ad.benefits or None,
        "validThrough": ad.deadline.isoformat() if ad.deadline else None,
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": ad.location},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": ad.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": ad.pay_min,
                "maxValue": ad.pay_max,
                "unitText": _UNIT_TEXT[PayPeriod(ad.pay_period)],
            },
        },
    }
    if ad.work_arrangement == WorkArrangement.REMOTE:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = [
            {"@type": "AdministrativeArea", "name": label} for label in ad.jurisdiction_labels
        ]
    return {key: value for key, value in posting.items() if value is not None}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def _description(ad: JobAd) -> str:
    lines = [ad.summary, "Responsibilities:", *(f"- {item}" for item in ad.responsibilities)]
    return "\n".join(line for line in lines if line)
