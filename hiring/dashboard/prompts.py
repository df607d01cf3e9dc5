"""Discussion prompts for the technical interview, generated from the candidate's portfolio.

The team interviews by discussion, not coding tests: each prompt points at a real place in the
candidate's own code. Pure: a ``PortfolioScore`` in, sentences out (no Django). Every optional part
of a report is typed as optional, so a repository with no functions still gets its prompts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portfolios.analysis import RepoReport
from portfolios.analysis.matching import NearCopy
from portfolios.analysis.report import TutorialReport
from portfolios.scoring import PortfolioScore, RepositoryOutcome, copy_source, is_file_location

MAX_PROMPTS = 8
LONG_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Prompt:
    topic: str
    text: str


def discussion_prompts(score: PortfolioScore | None) -> list[Prompt]:
    if score is None:
        return []
    prompts = [prompt for outcome in score.repositories for prompt in _repository_prompts(outcome)]
    if score.confidence == "low":
        prompts.append(
            Prompt(
                "Background",
                "Little public code to go on: ask them to walk through a project they are proud of.",
            )
        )
    return _unique(prompts)[:MAX_PROMPTS]


def _repository_prompts(outcome: RepositoryOutcome) -> Iterator[Prompt]:
    name = outcome.full_name
    if outcome.status == "copy":
        yield Prompt(
            "Own work", f"Ask about {name}: it matches {outcome.copy_of}. What did they change, and why?"
        )
        return
    if outcome.status != "analyzed" or outcome.report is None:
        return
    yield from _copy_prompts(name, outcome.near_copies)
    yield from _modelling_prompts(name, outcome.report.tutorial)
    yield from _credential_prompts(name, outcome.report)
    yield from _testing_prompts(name, outcome.report)
    yield from _design_prompts(name, outcome.report)
    yield from _running_prompts(name, outcome.report)


def _credential_prompts(name: str, report: RepoReport) -> Iterator[Prompt]:
    """A committed key is a fair question, not a verdict: many data people learnt security alone."""
    ready = report.readiness
    for item in ready.credentials.items[:1] if ready else []:
        yield Prompt(
            "Security",
            f"{_at(name, item.location)} seems to hold a committed credential ({item.detail}): "
            "ask how they handle credentials and secrets in their projects.",
        )


def _running_prompts(name: str, report: RepoReport) -> Iterator[Prompt]:
    ready = report.readiness
    if ready is None:
        return
    for item in ready.notebook_problems.items[:1]:
        yield Prompt(
            "Reproducibility",
            f"{_at(name, item.location)} {item.detail}: ask how someone else would rerun it from the top.",
        )
    if not ready.manifests and ready.third_party_imports:
        yield Prompt(
            "Reproducibility",
            f"{name} lists no dependencies: ask how a colleague would install what it needs.",
        )


def _copy_prompts(name: str, near_copies: Sequence[NearCopy]) -> Iterator[Prompt]:
    """The copied part is the best question: what they changed, and why."""
    for copy in near_copies[:2]:
        where = f"{name}/{copy.files[0].path}" if copy.files else name
        if copy.kind == "tutorial":
            text = (
                f"{where} follows {copy_source(copy)}: ask what they changed in the tutorial's "
                "model, and why, and what they would try next."
            )
        elif copy.kind == "ours":
            text = f"{where} repeats {copy_source(copy)}: ask how they came to it and what they changed."
        else:
            text = (
                f"{where} repeats {copy_source(copy)}: ask them to walk through how they built it "
                "and who they worked with."
            )
        yield Prompt("Own work", text)


def _modelling_prompts(name: str, tutorial: TutorialReport) -> Iterator[Prompt]:
    for item in tutorial.configured_estimators.items[:1]:
        yield Prompt(
            "Modelling",
            f"Ask how the hyperparameters in {_at(name, item.location)} were chosen ({item.detail}).",
        )
    for item in tutorial.tuning.items[:1]:
        yield Prompt(
            "Modelling",
            f"Ask what search space they tuned in {_at(name, item.location)} and how they judged the winner.",
        )
    estimators = tutorial.configured_estimators.count + tutorial.default_estimators.count
    if estimators and not tutorial.cross_validation.count:
        yield Prompt(
            "Validation", f"Ask how they know the models in {name} generalize: no cross-validation was found."
        )
    for item in tutorial.toy_datasets.items[:1]:
        yield Prompt(
            "Real data",
            f"Ask what would change in {_at(name, item.location)} "
            "on messy real data instead of a textbook set.",
        )


def _testing_prompts(name: str, report: RepoReport) -> Iterator[Prompt]:
    for decoy in report.tests.decoy_files[:1]:
        yield Prompt(
            "Testing", f"Ask what {_at(name, decoy)} checks: it is named like a test but asserts nothing."
        )
    if not report.tests.test_functions:
        longest = report.organization.longest_function
        target = _at(name, _file_of(longest.location)) if longest else name
        yield Prompt("Testing", f"Ask how they would test {target}.")


def _design_prompts(name: str, report: RepoReport) -> Iterator[Prompt]:
    longest = report.organization.longest_function
    if longest is not None and longest.lines >= LONG_FUNCTION_LINES:
        yield Prompt(
            "Design", f"Ask how they would split {_at(name, longest.location)} ({longest.lines} lines)."
        )
    undocumented = report.docstrings.undocumented_public
    definitions = [where for where in undocumented if not is_file_location(where)]
    for where in definitions[:1]:
        yield Prompt("Communication", f"Ask them to explain {_at(name, where)}, which has no docstring.")
    for where in undocumented[:1] if not definitions else []:
        yield Prompt(
            "Communication",
            f"Ask them what {_at(name, _file_of(where))} is for: nothing at the top of the file says so.",
        )


def _at(repository: str, location: str) -> str:
    """``churn/train.py:42`` inside ``ada/churn``; the trailing ``:name`` of definitions is kept."""
    return f"{repository}: {location}"


def _file_of(location: str) -> str:
    return location.split(":", 1)[0]


def _unique(prompts: list[Prompt]) -> list[Prompt]:
    seen: set[str] = set()
    kept = []
    for prompt in prompts:
        if prompt.text not in seen:
            seen.add(prompt.text)
            kept.append(prompt)
    return kept
