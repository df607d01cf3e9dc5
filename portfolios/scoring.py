"""From analyzed repositories to a PortfolioScore a non-technical reader can trust.

Pure: RepoReports and repository facts in, a pydantic PortfolioScore out (no Django, no I/O).
Every sub-score carries one plain sentence and its evidence; a sub-score that cannot be computed
is None with the reason, never a silent zero. Thin evidence lowers the stated confidence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from core.text import and_list, count
from portfolios.analysis import RepoReport
from portfolios.analysis.matching import FileMatch, NearCopy
from portfolios.analysis.report import ReadinessReport
from portfolios.freshness import Freshness

logger = logging.getLogger(__name__)
SUBSCORE_LABELS = {
    "documentation": "Documentation",
    "typing": "Type hints",
    "testing": "Testing",
    "organization": "Code organization",
    "originality": "Own work",
    "beyond_tutorial": "Beyond the tutorial",
    "readiness": "Ready to run",
}
SUBSCORE_KEYS = tuple(SUBSCORE_LABELS)
# How much each aspect weighs in the overall score: tests and own work say most about a portfolio.
WEIGHTS: Mapping[str, float] = {
    "documentation": 1.0,
    "typing": 1.0,
    "testing": 1.5,
    "organization": 1.0,
    "originality": 1.5,
    "beyond_tutorial": 1.0,
    "readiness": 1.0,
}
# An overall score averages what could be judged; fewer aspects than this and it would mislead.
MIN_SCORED_SUBSCORES = 3
MODULE_MARKER = ":1:<module>"  # the analyzer's location of a file's own docstring
IDEAL_FUNCTION_LINES = 20
TOO_LONG_FUNCTION_LINES = 80
README_MIN_WORDS = 30
Confidence = Literal["low", "medium", "high"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class SubScore(_Model):
    key: str
    label: str
    score: int | None  # 0-100; None when there was nothing to judge (the sentence says why)
    sentence: str
    evidence: list[str] = []


class RepositoryOutcome(_Model):
    """What happened to one listed repository, and (when analyzed) its report."""

    full_name: str
    html_url: str = ""
    status: Literal["analyzed", "fork", "copy", "skipped", "failed"]
    reason: str = ""
    fork_of: str | None = None
    copy_of: str | None = None
    head_sha: str | None = None
    report: RepoReport | None = None
    near_copies: list[NearCopy] = []  # what of it repeats other repositories of the copy index
    chosen: Literal["named", "pinned", "newest"] | None = None  # why this one was read (None: not chosen)
    freshness: Freshness | None = None  # pinned versions against the newest releases (when the setting is on)


class PortfolioScore(_Model):
    overall: int | None  # None below MIN_SCORED_SUBSCORES; ``overall_sentence`` says why
    overall_sentence: str = ""
    weights: dict[str, float] = {}  # the weight each sub-score had in ``overall``
    confidence: Confidence
    confidence_sentence: str
    subscores: list[SubScore]
    repositories: list[RepositoryOutcome]
    role_evidence: dict[str, list[str]]  # "data_science" / "ml_engineering" → findings
    copies: list[str]  # "candidate/repo is a copy of acme/churn-model"

    def formation_sentence(self) -> str:
        """How ``overall`` is made, in one sentence for people who are not statisticians."""
        labels = {s.key: s.label for s in self.subscores}
        by_weight: dict[float, list[str]] = {}
        for key, weight in self.weights.items():
            by_weight.setdefault(weight, []).append(labels.get(key, key))
        if len(by_weight) > 1:
            usual = max(by_weight, key=lambda weight: len(by_weight[weight]))
            groups = [(w, names) for w, names in sorted(by_weight.items(), reverse=True) if w != usual]
            parts = [
                f"{and_list(names)} {'counts' if len(names) == 1 else 'count'} {weight:g} times"
                if i == 0
                else f"{and_list(names)} {weight:g} times"
                for i, (weight, names) in enumerate(groups)
            ]
            weighting = f", where {and_list(parts)} as much as the others"
        else:
            weighting = ", each counting the same"
        return (
            f"The overall score is the average of the aspects that could be judged{weighting}. "
            "It describes the public code we could read, not the person, and is not a ranking of candidates."
        )


def score_portfolio(
    outcomes: Sequence[RepositoryOutcome],
    *,
    weights: Mapping[str, float] = WEIGHTS,
    now: datetime | None = None,
) -> PortfolioScore:
    """``weights`` by sub-score key (``WEIGHTS`` unless a test studies others); a missing key weighs 1.

    ``now`` is when the review is made: "last changed 3 years ago" is counted from it."""
    own = [o for o in outcomes if o.status == "analyzed" and o.report is not None]
    copies = [o for o in outcomes if o.status == "copy"]
    reports = [o.report for o in own if o.report is not None]
    subscores = [
        documentation(reports),
        typing(reports),
        testing(reports),
        organization(reports),
        originality(own, copies, forks=[o for o in outcomes if o.status == "fork"]),
        beyond_tutorial(own),
        readiness(own, now=now or datetime.now(UTC)),
    ]
    confidence, sentence = confidence_of(reports)
    return PortfolioScore(
        overall=overall(subscores, weights),
        overall_sentence=overall_sentence(subscores),
        weights={s.key: weights.get(s.key, 1.0) for s in subscores},
        confidence=confidence,
        confidence_sentence=sentence,
        subscores=subscores,
        repositories=list(outcomes),
        role_evidence=role_evidence(reports),
        copies=[f"{o.full_name} is a copy of {o.copy_of}" for o in copies],
    )


def overall(subscores: Sequence[SubScore], weights: Mapping[str, float]) -> int | None:
    """The weighted mean of the sub-scores that could be computed, once there are enough of them."""
    scored = [(s.score, weights.get(s.key, 1.0)) for s in subscores if s.score is not None]
    total = sum(weight for _, weight in scored)
    if len(scored) < MIN_SCORED_SUBSCORES or not total:
        return None
    return round(sum(score * weight for score, weight in scored) / total)


def overall_sentence(subscores: Sequence[SubScore]) -> str:
    """Why there is no overall score; empty when there is one."""
    judged = [s.label for s in subscores if s.score is not None]
    if len(judged) >= MIN_SCORED_SUBSCORES:
        return ""
    what = f"only {and_list(judged)} could be judged" if judged else "no aspect could be judged"
    return (
        f"Not enough code to score: {what}, and an overall score needs at least "
        f"{MIN_SCORED_SUBSCORES} of the {len(subscores)} aspects. "
        "Each aspect below still says what was found."
    )


def read_score(data: Any) -> PortfolioScore | None:
    """A stored score (JSON on the review row) back as its model: the one place it is parsed.

    None when there is none, or when it cannot be read (logged; the page says so).
    """
    if data is None:
        return None
    try:
        return PortfolioScore.model_validate(data)
    except ValidationError as error:
        logger.error("a stored portfolio score does not match PortfolioScore: %s", error)
        return None


_SUBSCORE_LIST = TypeAdapter(list[SubScore])


def read_subscores(data: Any) -> list[SubScore]:
    """Sub-scores read from the stored JSON alone (the board fetches only that part of a score)."""
    try:
        return _SUBSCORE_LIST.validate_python(data or [])
    except ValidationError as error:
        logger.error("stored sub-scores do not match SubScore: %s", error)
        return []


def documentation(reports: Sequence[RepoReport]) -> SubScore:
    """Docstrings for code, and for notebooks also their markdown: a code cell a heading or a
    sentence explains counts as documented, so well-narrated notebooks read as documented."""
    definitions = sum(r.docstrings.total + r.notebooks.docstrings.total for r in reports)
    cells = sum(r.notebooks.code_cells for r in reports)
    if not reports or not (definitions or cells):
        return _unscored("documentation", "There was no Python code to read.")
    documented = sum(r.docstrings.documented + r.notebooks.docstrings.documented for r in reports)
    narrated = sum(r.notebooks.narrated_code_cells for r in reports)
    with_readme = sum(1 for r in reports if _good_readme(r))
    share = (documented + narrated) / (definitions + cells)
    parts = []
    if definitions:
        parts.append(
            f"{documented / definitions:.0%} of functions and classes explain themselves with docstrings"
        )
    if cells:
        parts.append(f"{narrated / cells:.0%} of notebook code cells come with a written explanation")
    return SubScore(
        key="documentation",
        label=SUBSCORE_LABELS["documentation"],
        score=round(70 * share + 30 * with_readme / len(reports)),
        sentence=f"{_upper_first(and_list(parts))}; {_readme_words(reports, with_readme)}.",
        evidence=[readable_location(item) for r in reports for item in r.docstrings.undocumented_public[:3]][
            :10
        ],
    )


def typing(reports: Sequence[RepoReport]) -> SubScore:
    functions = sum(r.type_hints.functions for r in reports)
    if not functions:
        return _unscored("typing", "There were no functions to check for type hints.")
    annotated = sum(r.type_hints.fully_annotated for r in reports)
    checked = [c for r in reports for c in r.type_hints.checker_configs]
    share = annotated / functions
    sentence = f"{share:.0%} of functions state the types they take and return"
    sentence += f", and a type checker is configured ({', '.join(sorted(set(checked)))})." if checked else "."
    return SubScore(
        key="typing",
        label=SUBSCORE_LABELS["typing"],
        score=round(100 * share),
        sentence=sentence,
        evidence=checked,
    )


def testing(reports: Sequence[RepoReport]) -> SubScore:
    if not reports:
        return _unscored("testing", "No project could be read.")
    tested = [r for r in reports if r.tests.test_functions > 0]
    with_ci = [r for r in reports if r.tests.ci]
    tests = sum(r.tests.test_functions for r in reports)
    score = 70 * len(tested) / len(reports) + 20 * min(1.0, _test_ratio(reports)) + 10 * bool(with_ci)
    systems = sorted({system for r in with_ci for system in r.tests.ci})
    sentence = (
        f"{_projects_with(len(tested), len(reports), 'tests')} ({count(tests, 'test function')} in all)"
    )
    sentence += (
        f"; {len(with_ci)} run{'s' if len(with_ci) == 1 else ''} them automatically ({', '.join(systems)})."
        if with_ci
        else "."
    )
    decoys = [d for r in reports for d in r.tests.decoy_files]
    return SubScore(
        key="testing",
        label=SUBSCORE_LABELS["testing"],
        score=round(score),
        sentence=sentence,
        evidence=decoys[:5],
    )


def organization(reports: Sequence[RepoReport]) -> SubScore:
    lengths = [r.organization.mean_function_length for r in reports if r.organization.mean_function_length]
    if not lengths:
        return _unscored("organization", "There were no functions to measure.")
    mean = sum(lengths) / len(lengths)
    length_score = max(
        0.0, min(1.0, (TOO_LONG_FUNCTION_LINES - mean) / (TOO_LONG_FUNCTION_LINES - IDEAL_FUNCTION_LINES))
    )
    declared = sum(1 for r in reports if r.organization.dependencies_declared)
    licensed = sum(1 for r in reports if r.organization.license)
    n = len(reports)
    score = 60 * length_score + 25 * declared / n + 15 * licensed / n
    return SubScore(
        key="organization",
        label=SUBSCORE_LABELS["organization"],
        score=round(score),
        sentence=(
            f"Functions average {mean:.0f} lines; "
            f"{_lower_first(_projects_with(declared, n, 'a dependency list'))} "
            f"and {_lower_first(_projects_with(licensed, n, 'a license'))}."
        ),
        evidence=[
            r.organization.longest_function.location for r in reports if r.organization.longest_function
        ][:3],
    )


def originality(
    own: Sequence[RepositoryOutcome],
    copies: Sequence[RepositoryOutcome],
    *,
    forks: Sequence[RepositoryOutcome],
) -> SubScore:
    considered = len(own) + len(copies)
    if not considered:
        return _unscored("originality", "No project of the candidate's own could be read.")
    shares = [
        o.report.provenance.author_share
        for o in own
        if o.report and o.report.provenance.author_share is not None
    ]
    authorship = sum(shares) / len(shares) if shares else 1.0
    own_code = sum(1 - copied_share(o) for o in own) / len(own) if own else 0.0
    score = 0 if copies else round(100 * authorship * own_code)
    near = [(o, copy) for o in own for copy in o.near_copies]
    if copies:
        sentence = "; ".join(f"{o.full_name} is a copy of {o.copy_of}" for o in copies) + "."
    elif near:
        repeats = [f"{copy.share:.0%} of {o.full_name} repeats {copy_source(copy)}" for o, copy in near]
        sentence = f"{_upper_first(and_list(repeats))}; the rest is the candidate's own"
        sentence += f" (they wrote {authorship:.0%} of the commits)." if shares else "."
    else:
        sentence = (
            "The analyzed project is the candidate's own"
            if considered == 1
            else f"All {considered} analyzed projects are the candidate's own"
        )
        sentence += f" (they wrote {authorship:.0%} of the commits)." if shares else "."
    if forks:
        sentence += f" {count(len(forks), 'fork')} of other people's work left out."
    evidence = [near_copy_evidence(o, copy, match) for o, copy in near for match in copy.files][:8]
    evidence += [f"{o.full_name} forks {o.fork_of}" for o in forks if o.fork_of][:5]
    return SubScore(
        key="originality",
        label=SUBSCORE_LABELS["originality"],
        score=score,
        sentence=sentence,
        evidence=evidence,
    )


def copied_share(outcome: RepositoryOutcome) -> float:
    """How much of a repository repeats others of the copy index (overlaps counted once at most)."""
    return min(1.0, sum(copy.share for copy in outcome.near_copies))


def copy_source(copy: NearCopy) -> str:
    """The other side, as the pages name it; another applicant is never named in a score."""
    if copy.kind == "ours":
        return f"our repository {copy.repository}"
    if copy.kind == "tutorial":
        return f"the tutorial {copy.repository}"
    return "another applicant's repository, given earlier"


def near_copy_evidence(outcome: RepositoryOutcome, copy: NearCopy, match: FileMatch) -> str:
    """ "ada/churn: model.py lines 12–88 repeat 91% of the tutorial …'s plot_forest.py lines 20–97"."""
    return (
        f"{outcome.full_name}: {match.path} {match.place()} repeat {match.share_of_other:.0%} of "
        f"{match.other_path} {match.other_place()} in {copy_source(copy)}"
    )


def beyond_tutorial(own: Sequence[RepositoryOutcome]) -> SubScore:
    reports = [o.report for o in own if o.report is not None]
    tutorial = [r.tutorial for r in reports]
    configured = sum(t.configured_estimators.count for t in tutorial)
    default = sum(t.default_estimators.count for t in tutorial)
    tuning = sum(t.tuning.count for t in tutorial)
    validation = sum(t.cross_validation.count for t in tutorial)
    toys = sum(t.toy_datasets.count for t in tutorial)
    copied = [(o, copy) for o in own for copy in o.near_copies if copy.kind == "tutorial"]
    if not (configured or default or tuning or validation or toys or copied):
        return _unscored("beyond_tutorial", "No machine-learning model code to judge.")
    score = 50 + 20 * bool(tuning) + 15 * bool(validation) + 15 * (configured > default) - 25 * (toys > 0)
    models = count(configured, "model")
    parts = [f"{models} set up with chosen settings, {default} with defaults"]
    parts.append("hyperparameters are tuned" if tuning else "no hyperparameter search")
    parts.append("results are cross-validated" if validation else "no cross-validation")
    if toys:
        parts.append(f"{toys} use{'s' if toys == 1 else ''} of textbook toy data sets")
    sentence = "; ".join(parts).capitalize() + "."
    if copied:
        share = sum(copy.share for _, copy in copied) / len(own)
        score -= round(50 * share)
        sentence = f"{_tutorial_sentence(own, copied)} {sentence}"
    evidence = [
        f"{f.location}: {f.detail}" for t in tutorial for f in (t.tuning.items + t.toy_datasets.items)
    ][:6]
    return SubScore(
        key="beyond_tutorial",
        label=SUBSCORE_LABELS["beyond_tutorial"],
        score=max(0, min(100, score)),
        sentence=sentence,
        evidence=evidence,
    )


ADDED_WORK = {  # what a candidate can add to a tutorial's model, in the words the sentence uses
    "tuning": "hyperparameter tuning",
    "cross_validation": "cross-validation",
    "configured_estimators": "models with settings of their own",
}


def _tutorial_sentence(
    own: Sequence[RepositoryOutcome], copied: Sequence[tuple[RepositoryOutcome, NearCopy]]
) -> str:
    """What was copied from a tutorial, and what the candidate added outside the copied lines."""
    repeats = and_list(
        [f"{copy.share:.0%} of {o.full_name} repeats {copy_source(copy)}" for o, copy in copied]
    )
    added = []
    for category, words in ADDED_WORK.items():
        for o in own:
            if o.report is None:
                continue
            matches = [match for copy in o.near_copies if copy.kind == "tutorial" for match in copy.files]
            items = getattr(o.report.tutorial, category).items
            if any(not inside_copied_lines(item.location, matches) for item in items):
                added.append(words)
                break
    beyond = f"beyond it they added {and_list(added)}" if added else "nothing was added beyond it"
    return f"{_upper_first(repeats)}; {beyond}."


LOCATION = re.compile(r"^(?P<path>.*?)(?:\[cell (?P<cell>\d+)\])?:(?P<line>\d+)$")


def inside_copied_lines(location: str, matches: Sequence[FileMatch]) -> bool:
    """Whether an analyzer location ("model.py:45", "eda.ipynb[cell 3]:2") lies in a copied stretch."""
    parsed = LOCATION.match(location)
    if parsed is None:
        return False
    path, cell, line = parsed["path"], parsed["cell"], int(parsed["line"])
    for match in matches:
        if match.path != path:
            continue
        if cell is not None and match.cells is not None:
            if match.cells[0] <= int(cell) <= match.cells[1]:
                return True
        elif cell is None and match.lines[0] <= line <= match.lines[1]:
            return True
    return False


# What "ready to run" weighs: a dependency list first, then what would stop a run on the spot.
READINESS_WEIGHTS = {
    "manifest": 30, "pinned": 15, "declared": 15, "python": 10, "recent": 10, "notebooks": 10,
    "machine_paths": 5, "data_files": 5, "current": 10,
}  # fmt: skip
RECENT_DAYS = 365
STALE_DAYS = 3 * 365


def readiness(own: Sequence[RepositoryOutcome], *, now: datetime) -> SubScore:
    """Could someone run it today? Read statically; committed credentials are a prompt, never points."""
    read = [(o, o.report) for o in own if o.report is not None]
    runnable = [(o, r) for o, r in read if r.organization.modules or r.notebooks.notebooks]
    checked = [(o, r, r.readiness) for o, r in runnable if r.readiness is not None]
    if not checked:
        why = "There was no code that could be read, so nothing to try running."
        if runnable:
            why = "Not checked: these projects were read before this check existed; a retried review adds it."
        return _unscored("readiness", why)
    scores = [_readiness_points(r, ready, now, o.freshness) for o, r, ready in checked]
    n = len(checked)
    listed = [ready for _, _, ready in checked if ready.manifests]
    parts = [_projects_with(len(listed), n, "a dependency list")]
    declared = sum(r.organization.dependencies_declared for _, r, _ in checked)
    pinned = sum(r.organization.dependencies_pinned for _, r, _ in checked)
    locked = sum(1 for ready in listed if ready.lock_files)
    if locked:
        parts[0] += f" ({count(locked, 'lock file')} fixing every version)"
    elif declared:
        parts[0] += f" ({pinned / declared:.0%} of the versions pinned)"
    undeclared = sorted({item.detail for _, _, ready in checked for item in ready.undeclared_imports.items})
    if undeclared:
        parts.append(
            f"it uses {count(len(undeclared), 'package')} no list declares ({and_list(undeclared[:4])})"
        )
    versions = sum(1 for _, _, ready in checked if ready.python_version)
    parts.append(_lower_first(_projects_with(versions, n, "a stated Python version")))
    if (age := _last_change(checked, now)) is not None:
        parts.append(age)
    notebooks = sum(ready.notebooks_checked for _, _, ready in checked)
    if notebooks:
        in_order = sum(ready.notebooks_in_order for _, _, ready in checked)
        parts.append(f"{in_order} of {count(notebooks, 'notebook')} ran top to bottom as saved")
    if (current := _freshness_words([o.freshness for o, _, _ in checked if o.freshness])) is not None:
        parts.append(current)
    machine = sum(ready.machine_paths.count for _, _, ready in checked)
    if machine:
        parts.append(
            f"{count(machine, 'path')} point{'s' if machine == 1 else ''} at the author's own computer"
        )
    missing = sum(ready.missing_data_files.count for _, _, ready in checked)
    if missing:
        parts.append(f"it reads {count(missing, 'data file')} the repository does not include")
    return SubScore(
        key="readiness",
        label=SUBSCORE_LABELS["readiness"],
        score=round(sum(scores) / n),
        sentence=_upper_first("; ".join(parts)) + ".",
        evidence=_readiness_evidence(checked)[:10],
    )


def _freshness_words(found: Sequence[Freshness]) -> str | None:
    compared = sum(item.compared for item in found if item.checked)
    if compared:
        lags = [lag for item in found for lag in item.behind if lag.majors_behind >= 1]
        if not lags:
            return "every pinned version is within a major release of the newest"
        named = and_list([f"{lag.name} {lag.pinned}, newest {lag.newest}" for lag in lags[:2]])
        verb = "is" if len(lags) == 1 else "are"
        pinned = count(compared, "pinned version")
        return f"{len(lags)} of {pinned} {verb} a major release or more behind ({named})"
    reasons = sorted({item.reason for item in found if not item.checked})
    return f"pinned versions not compared with the newest releases: {reasons[0]}" if reasons else None


def _readiness_points(
    report: RepoReport, ready: ReadinessReport, now: datetime, freshness: Freshness | None = None
) -> float:
    """0-100 for one repository: the weighted share of the checks it passes (checks that do not
    apply, such as notebooks in a project without any, are left out)."""
    passed: dict[str, float] = {
        "manifest": float(bool(ready.manifests)),
        "pinned": _pinned_share(report, ready),
        "declared": _declared_share(ready),
        "python": float(ready.python_version is not None),
        "machine_paths": float(not ready.machine_paths.count),
        "data_files": float(not ready.missing_data_files.count),
    }
    if report.organization.last_commit_at is not None:
        days = (now - report.organization.last_commit_at).days
        passed["recent"] = 1.0 if days <= RECENT_DAYS else 0.5 if days <= STALE_DAYS else 0.0
    if ready.notebooks_checked:
        passed["notebooks"] = ready.notebooks_in_order / ready.notebooks_checked
    if freshness is not None and freshness.checked and freshness.compared:
        majors = sum(1 for lag in freshness.behind if lag.majors_behind >= 1)
        passed["current"] = 1 - majors / freshness.compared
    weight = sum(READINESS_WEIGHTS[key] for key in passed)
    return 100 * sum(READINESS_WEIGHTS[key] * max(0.0, value) for key, value in passed.items()) / weight


def _pinned_share(report: RepoReport, ready: ReadinessReport) -> float:
    """A lock file fixes every version; otherwise the share of requirements pinned to one."""
    if ready.lock_files:
        return 1.0
    declared = report.organization.dependencies_declared
    return report.organization.dependencies_pinned / declared if declared else 0.0


def _declared_share(ready: ReadinessReport) -> float:
    """How much of what the code imports a dependency list declares (all of nothing imported)."""
    third_party = len(ready.third_party_imports)
    if not third_party:
        return 1.0
    if not ready.manifests:
        return 0.0
    return 1.0 - ready.undeclared_imports.count / third_party


def _last_change(
    checked: Sequence[tuple[RepositoryOutcome, RepoReport, ReadinessReport]], now: datetime
) -> str | None:
    dates = sorted(r.organization.last_commit_at for _, r, _ in checked if r.organization.last_commit_at)
    if not dates:
        return None
    if len(dates) == 1 or age_in_words(dates[0], now) == age_in_words(dates[-1], now):
        return f"last changed {age_in_words(dates[-1], now)}"
    return f"last changed between {age_in_words(dates[-1], now)} and {age_in_words(dates[0], now)}"


def age_in_words(then: datetime, now: datetime) -> str:
    """ "today", "5 days ago", "3 months ago", "a year ago", "3 years ago"."""
    days = max(0, (now - then).days)
    if days == 0:
        return "today"
    if days < 60:
        return f"{count(days, 'day')} ago"
    if days < 365:
        return f"{days // 30} months ago"
    years = days // 365
    return "a year ago" if years == 1 else f"{years} years ago"


def _readiness_evidence(
    checked: Sequence[tuple[RepositoryOutcome, RepoReport, ReadinessReport]],
) -> list[str]:
    evidence = []
    for outcome, _, ready in checked:
        name = outcome.full_name
        evidence += [
            f"{name}: imports {item.detail} ({item.location}), which no dependency list declares"
            for item in ready.undeclared_imports.items[:3]
        ]
        evidence += [f"{name}: {item.location} {item.detail}" for item in ready.notebook_problems.items[:3]]
        evidence += [
            f"{name}: {item.location} points at {item.detail}, on the author's own computer"
            for item in ready.machine_paths.items[:2]
        ]
        evidence += [
            f"{name}: {item.location} reads {item.detail}, which is not in the repository"
            for item in ready.missing_data_files.items[:2]
        ]
        evidence += [
            f"{name}: {item.location} holds what looks like a committed credential: {item.detail}"
            for item in ready.credentials.items[:2]
        ]
        lags = outcome.freshness.behind if outcome.freshness else []
        evidence += [f"{name}: pins {lag.name} {lag.pinned}; the newest is {lag.newest}" for lag in lags[:3]]
    return evidence


def confidence_of(reports: Sequence[RepoReport]) -> tuple[Confidence, str]:
    definitions = sum(r.docstrings.total + r.notebooks.docstrings.total for r in reports)
    if len(reports) >= 2 and definitions >= 100:
        return "high", f"Based on {len(reports)} projects with {definitions} functions and classes."
    if reports and definitions >= 20:
        return (
            "medium",
            f"Based on {count(len(reports), 'project')} with {definitions} functions and classes.",
        )
    return "low", "Little public code to go on, so treat these scores as a rough first look."


def role_evidence(reports: Sequence[RepoReport]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"data_science": [], "ml_engineering": []}
    for report in reports:
        for role, signals in (
            ("data_science", report.role_signals.data_science),
            ("ml_engineering", report.role_signals.ml_engineering),
        ):
            found[role].extend(signal.signal for signal in signals if signal.signal not in found[role])
    return found


def readable_location(location: str) -> str:
    """ "churn/model.py:16:fit" stays checkable as it is; a file's own docstring reads as the file."""
    if location.endswith(MODULE_MARKER):
        return f"{location.removesuffix(MODULE_MARKER)} (top of the file)"
    return location


def is_file_location(location: str) -> bool:
    return location.endswith(MODULE_MARKER)


def _unscored(key: str, why: str) -> SubScore:
    return SubScore(key=key, label=SUBSCORE_LABELS[key], score=None, sentence=why)


def _readme_words(reports: Sequence[RepoReport], good: int) -> str:
    """ "the project has a README"; a README of a line or two is said to be one, not counted as none."""
    if len(reports) == 1 and not good and reports[0].organization.readme is not None:
        return "the project's README is only a line or two"
    return _lower_first(_projects_with(good, len(reports), "a README"))


def _good_readme(report: RepoReport) -> bool:
    readme = report.organization.readme
    return readme is not None and (readme.words >= README_MIN_WORDS or len(readme.headings) >= 2)


def _test_ratio(reports: Sequence[RepoReport]) -> float:
    source = sum(r.tests.source_lines for r in reports)
    return sum(r.tests.test_lines for r in reports) / source if source else 0.0


def _projects_with(part: int, whole: int, thing: str) -> str:
    """ "The project has tests", "3 of 5 projects have a license", "None of the 4 projects has …"."""
    if whole == 1:
        return f"The project has {thing}" if part else f"The project has no {thing.removeprefix('a ')}"
    if part == whole:
        return f"All {whole} projects have {thing}"
    if part == 0:
        return f"None of the {whole} projects has {thing}"
    return f"{part} of {whole} projects {'has' if part == 1 else 'have'} {thing}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
