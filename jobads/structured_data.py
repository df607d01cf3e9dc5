"""schema.org JobPosting JSON-LD for a public ad, so job search engines can show it with its pay range.

It carries what the major engines' structured-data guidelines require (title, description,
datePosted, hiringOrganization, jobLocation or, for remote work, jobLocationType with
applicantLocationRequirements) and what they recommend (baseSalary, employmentType, identifier,
directApply, validThrough when the ad has a deadline). The employer is the deployment's, from
settings. The JSON sits in a ``<script type="application/ld+json">`` data block: browsers never
execute it, so the Content-Security-Policy allows it, and it is escaped like ``json_script`` so
that no text in an ad can close the element.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from jobads.models import JobAd, WorkArrangement
from jobads.pay import PayPeriod

_UNIT_TEXT = {PayPeriod.YEAR: "YEAR", PayPeriod.HOUR: "HOUR"}
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def hiring_organization() -> dict[str, Any]:
    organization = {"@type": "Organization", "name": settings.ORGANIZATION_NAME}
    if settings.ORGANIZATION_URL:
        organization["sameAs"] = settings.ORGANIZATION_URL
    if settings.ORGANIZATION_LOGO_URL:
        organization["logo"] = settings.ORGANIZATION_LOGO_URL
    return organization


def job_posting(ad: JobAd, *, url: str) -> dict[str, Any]:
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": ad.title,
        "description": description_html(ad),
        "url": url,
        "identifier": {"@type": "PropertyValue", "name": settings.ORGANIZATION_NAME, "value": ad.slug},
        "datePosted": ad.published_at.date().isoformat() if ad.published_at else None,
        "validThrough": ad.deadline.isoformat() if ad.deadline else None,
        "employmentType": ad.employment_type,
        "directApply": True,  # the ad's page links to our own application form
        "hiringOrganization": hiring_organization(),
        "occupationalCategory": ad.role_family.name if ad.role_family else None,
        "skills": ", ".join(ad.required_skills) or None,
        "responsibilities": "; ".join(ad.responsibilities) or None,
        "jobBenefits": ad.benefits or None,
        "jobLocation": {"@type": "Place", "address": _address(ad)},
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
        posting["applicantLocationRequirements"] = _applicant_areas(ad)
    return {key: value for key, value in posting.items() if value is not None}


def description_html(ad: JobAd) -> str:
    """The whole ad in the few tags the engines read (p, ul, li), every text escaped."""
    parts = [f"<p>{escape(paragraph)}</p>" for paragraph in ad.summary.split("\n\n") if paragraph.strip()]
    sections = (
        ("Responsibilities", ad.responsibilities),
        ("Skills you need", ad.required_skills),
        ("Nice to have", ad.nice_to_have_skills),
    )
    for heading, items in sections:
        if items:
            parts.append(f"<p>{heading}:</p><ul>{''.join(f'<li>{escape(item)}</li>' for item in items)}</ul>")
    parts.append(f"<p>Pay: {escape(ad.pay_range_display)}.</p>")
    if ad.benefits:
        parts.append(f"<p>Benefits: {escape(ad.benefits)}</p>")
    return "".join(parts)


def json_ld_script(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def _address(ad: JobAd) -> dict[str, Any]:
    """ "Denver, CO" reads as a locality and a region; the country comes from the ad's own field."""
    locality, _, region = (part.strip() for part in ad.location.partition(","))
    if ad.country and region.lower() == str(ad.country.name).lower():
        region = ""  # "Berlin, Germany": the country, not a region
    address = {"@type": "PostalAddress", "addressLocality": locality or None, "addressRegion": region or None}
    address["addressCountry"] = str(ad.country) if ad.country else None
    return {key: value for key, value in address.items() if value is not None}


def _applicant_areas(ad: JobAd) -> list[dict[str, str]]:
    areas = [{"@type": "AdministrativeArea", "name": label} for label in ad.jurisdiction_labels]
    if not areas and ad.country:
        areas = [{"@type": "Country", "name": str(ad.country)}]
    return areas
