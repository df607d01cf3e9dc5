"""Discussion prompts for the technical interview, generated from the candidate's portfolio.

The team interviews by discussion, not coding tests: each prompt points at a real place in the
candidate's own code. Pure: the stored score JSON in, sentences out (no Django).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_PROMPTS = 8
LONG_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Prompt:
    topic: str
    text: str


def discussion_prompts(score: dict[str, Any] | None) -> list[Prompt]:
    if not score:
        return []
    prompts: list[Prompt] = []
    for outcome in score.get("repositories", []):
        prompts.extend(_repository_prompts(outcome))
    if score.get("confidence") == "low":
        prompts.append(
            Prompt(
                "Background",
                "Little public code to go on: ask them to walk through a project they are proud of.",
            )
        )
    return _unique(prompts)[:MAX_PROMPTS]


def _repository_prompts(outcome: dict[str, Any]) -> Iterator[Prompt]:
    name = outcome.get("full_name", "")
    if outcome.get("status") == "copy":
        yield Prompt(
            "Own work",
            f"Ask about {name}: it matches {outcome.get('copy_of')}. What did they change, and why?",
        )
        return
    report = outcome.get("report") or {}
    if outcome.get("status") != "analyzed" or not report:
        return
    yield from _modelling_prompts(name, report.get("tutorial", {}))
    yield from _testing_prompts(name, report)
    yield from _design_prompts(name, report)


def _modelling_prompts(name: str, tutorial: dict[str, Any]) -> Iterator[Prompt]:
    for item in _items(tutorial, "configured_estimators")[:1]:
        yield Prompt(
            "Modelling",
            f"Ask how the hyperparameters in {_at(name, item['location'])} were chosen ({item['detail']}).",
        )
    for item in _items(tutorial, "tuning")[:1]:
        yield Prompt(
            "Modelling",
            f"Ask what search space they tuned in {_at(name, item['location'])} "
            "and how they judged the winner.",
        )
    estimators = _count(tutorial, "configured_estimators") + _count(tutorial, "default_estimators")
    if estimators and not _count(tutorial, "cross_validation"):
        yield Prompt(
            "Validation", f"Ask how they know the models in {name} generalize: no cross-validation was found."
        )
    for item in _items(tutorial, "toy_datasets")[:1]:
        yield Prompt(
            "Real data",
            f"Ask what would change in {_at(name, item['location'])} "
            "on messy real data instead of a textbook set.",
        )


def _testing_prompts(name: str, report: dict[str, Any]) -> Iterator[Prompt]:
    tests = report.get("tests", {})
    for decoy in tests.get("decoy_files", [])[:1]:
        yield Prompt(
            "Testing", f"Ask what {_at(name, decoy)} checks: it is named like a test but asserts nothing."
        )
    if not tests.get("test_functions"):
        target = (
            _file_of((report.get("organization") or {}).get("longest_function", {}).get("location")) or name
        )
        yield Prompt("Testing", f"Ask how they would test {_at(name, target) if target != name else name}.")


def _design_prompts(name: str, report: dict[str, Any]) -> Iterator[Prompt]:
    longest = (report.get("organization") or {}).get("longest_function") or {}
    if longest.get("lines", 0) >= LONG_FUNCTION_LINES:
        yield Prompt(
            "Design", f"Ask how they would split {_at(name, longest['location'])} ({longest['lines']} lines)."
        )
    for where in report.get("docstrings", {}).get("undocumented_public", [])[:1]:
        yield Prompt("Communication", f"Ask them to explain {_at(name, where)}, which has no docstring.")


def _count(tutorial: dict[str, Any], key: str) -> int:
    return int(tutorial.get(key, {}).get("count", 0))


def _items(tutorial: dict[str, Any], key: str) -> list[dict[str, str]]:
    return list(tutorial.get(key, {}).get("items", []))


def _at(repository: str, location: str) -> str:
    """``churn/train.py:42`` inside ``ada/churn``; the trailing ``:name`` of definitions is kept."""
    return f"{repository}: {location}"


def _file_of(location: str | None) -> str:
    return location.split(":", 1)[0] if location else ""


def _unique(prompts: list[Prompt]) -> list[Prompt]:
    seen: set[str] = set()
    kept = []
    for prompt in prompts:
        if prompt.text not in seen:
            seen.add(prompt.text)
            kept.append(prompt)
    return kept
