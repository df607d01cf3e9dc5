"""The role family form edits scorecard competencies as one "Label: what it means" line each."""

from __future__ import annotations

import pytest

from jobads.forms import RoleFamilyForm

pytestmark = pytest.mark.django_db


def family_form(data_scientist, competencies: str) -> RoleFamilyForm:
    data = {"name": data_scientist.name, "scorecard_competencies": competencies}
    return RoleFamilyForm(data, instance=data_scientist)


def test_the_form_shows_each_competency_as_a_label_and_its_meaning(data_scientist):
    shown = RoleFamilyForm(instance=data_scientist)["scorecard_competencies"].value()

    assert shown.splitlines()[0] == "Statistics: Sound inference: uncertainty, tests, and when they mislead."


def test_a_saved_line_becomes_a_keyed_competency_without_markup(data_scientist):
    form = family_form(data_scientist, "- <b>SQL</b>: joins and windows\nCommunication")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["scorecard_competencies"] == [
        {"key": "sql", "label": "SQL", "description": "joins and windows"},
        {"key": "communication", "label": "Communication", "description": ""},
    ]


def test_a_competency_listed_twice_is_refused(data_scientist):
    form = family_form(data_scientist, "Statistics: one\nstatistics: two")

    assert "“statistics” is listed twice." in form.errors["scorecard_competencies"]
