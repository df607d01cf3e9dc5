"""Wording that belongs to a library, not to the people who read our pages.

Django's and pydantic's default messages are collected from the libraries themselves (form and
model fields, validators, the sign-in form, every pydantic error type, email-validator's reasons),
so the list follows the installed versions. A page that shows one of them shows a message nobody
wrote for its reader ("String should have at least 1 character", "This field is required.").
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators
from django.db import models
from pydantic_core._pydantic_core import list_all_errors  # the catalogue of pydantic's error types

MIN_FRAGMENT = 14  # shorter pieces ("Enter a ") are ordinary English
MIN_MID_SENTENCE_FRAGMENT = 22  # "already exists" ends a sentence of ours too
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdrf]|%[sdrf]|\{[^}]*\}|\d+|'[^']*'|`[^`]*`")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


class _AnyNumber(dict[str, int]):
    """Fills any placeholder of a plural message with 1."""

    def __missing__(self, key: str) -> int:
        return 1


def _text(message: Any) -> str | None:
    try:
        return str(message)
    except (KeyError, TypeError):  # a lazy plural needs its number first
        try:
            return str(message % _AnyNumber())
        except (KeyError, TypeError, ValueError):
            return None


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _django_messages() -> Iterator[Any]:
    for base in (forms.Field, models.Field):
        for field in (base, *_subclasses(base)):
            yield from getattr(field, "default_error_messages", {}).values()
    for name in dir(validators):
        yield getattr(getattr(validators, name), "message", None)
    yield from AuthenticationForm.error_messages.values()
    yield from forms.BaseFormSet.default_error_messages.values()


def _pydantic_messages() -> Iterator[str]:
    for error in list_all_errors():
        yield error["message_template_python"]
    yield "value is not a valid email address: {reason}"  # pydantic's EmailStr
    yield "Value error, {error}"


def _email_validator_messages() -> Iterator[str]:
    """The reasons email-validator gives (its EmailNotValidError texts), read from its source."""
    for name in ("email_validator.syntax", "email_validator.validate_email"):
        source = Path(str(importlib.import_module(name).__file__)).read_text(encoding="utf-8")
        yield from re.findall(r'EmailSyntaxError\(\s*f?"([^"]+)"', source)
        yield from re.findall(r'EmailUndeliverableError\(\s*f?"([^"]+)"', source)


@cache
def library_fragments() -> tuple[str, ...]:
    """The literal pieces of every library message long enough to be recognized on a page."""
    fragments: set[str] = set()
    for message in (*_django_messages(), *_pydantic_messages(), *_email_validator_messages()):
        text = _text(message) if message is not None else None
        for piece in PLACEHOLDER.split(text or ""):
            piece = " ".join(piece.split()).strip(" ,.:;()")
            starts_sentence = piece[:1].isupper() or piece[:1] == "”"
            if len(piece) >= (MIN_FRAGMENT if starts_sentence else MIN_MID_SENTENCE_FRAGMENT):
                fragments.add(piece)
    return tuple(sorted(fragments))


def page_text(markup: str) -> str:
    """What a reader sees of an HTML page: tags and scripts dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(TAGS.sub(" ", markup)).split())


def library_wording(markup: str) -> list[str]:
    """The library messages shown on an HTML page; empty when every message was written for people."""
    text = page_text(markup)
    return [fragment for fragment in library_fragments() if fragment in text]
