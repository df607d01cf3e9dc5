"""Model fields that store recruiter text made plain on every save (RELIABILITY D4).

Sanitizing in ``pre_save`` covers every write path: staff forms, the admin, the demo seed and the
shell. The instance is updated too, so what a page renders right after saving is what was stored.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from jobads.sanitize import plain_lines, plain_text


def _store_plain(model_instance: models.Model, attname: str) -> str:
    value = plain_text(getattr(model_instance, attname) or "")
    setattr(model_instance, attname, value)
    return value


class PlainCharField(models.CharField):  # type: ignore[type-arg]
    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        return _store_plain(model_instance, self.attname)


class PlainTextField(models.TextField):  # type: ignore[type-arg]
    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        return _store_plain(model_instance, self.attname)


class PlainTextListField(models.JSONField):
    """An ordered list of short texts (responsibilities, skills), each made plain."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = plain_lines(str(item) for item in getattr(model_instance, self.attname) or [])
        setattr(model_instance, self.attname, value)
        return value
