"""The copy index at scale, on PostgreSQL: how long one near-copy search (``find_near_copies``)
takes with 1,000 repositories indexed, next to 10 indexed, and what the index costs in bytes per
1,000 lines of code.

Repositories are cut from the real corpus of benchmarks/copies.py (the scikit-learn and statsmodels
source distributions, about 550,000 lines): every module is split between top-level statements into
files, as few cuts as give enough files, and the files are dealt without replacement into
repositories of 5 to 10 files. No two repositories share code by construction, so what a search
finds is what real, unrelated code of the field has in common; the corpus is too small for 1,000
repositories of whole modules, and dealing modules out again would make nearly every search a
match. Files of examples/ make the 3% of repositories registered as tutorials, 0.5% are ours, the
rest are applicants'. The searched repositories are dealt the same way (--lookups of them) and
each is indexed just before its search and deleted after it, as a review indexes then searches;
five of them also hold a renamed, reformatted and reordered copy of a file of one of the first ten
repositories indexed, so the match path runs in both runs. --large more searched repositories of
45 files each (about 3,000 lines when 1,000 are indexed) show what a larger repository costs.

Latency: the same searches against the first 10 repositories indexed, then against all of them
(VACUUM ANALYZE after each indexing and after the first searches), one warm-up search first. An
execute wrapper times every query of a search; the Python between two queries is charged to the
query before it. DEBUG is on (the settings need it without secrets), so Django logs each query.
Size: pg_relation_size, pg_indexes_size and pg_total_relation_size of the fingerprint and code-file
tables, and pg_column_size of the file text CodeFile stores for the side-by-side view.

Needs PostgreSQL at 127.0.0.1:5432, user postgres with trust auth: the database bench_copy_index is
dropped and created anew, and dropped at the end unless --keep.
Usage: python benchmarks/copy_index.py [--repositories N] [--lookups N] [--large N] [--seed S] [--keep]
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import hashlib
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from copies import Module, corpus, rewrite  # noqa: E402  (beside this script)

from portfolios.analysis.facts import python_facts  # noqa: E402
from portfolios.analysis.fingerprints import CodeIndexer  # noqa: E402
from portfolios.analysis.report import AnalysisLimits, CodeIndex  # noqa: E402

LIMITS = AnalysisLimits()
DATABASE = "bench_copy_index"
SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
GOAL_SECONDS = 0.050  # median search at 1,000 repositories
BASELINE_REPOSITORIES = 10
PLANTED_COPIES = 5
FILES_PER_REPOSITORY = (5, 10)
LARGE_FILES = 45  # about 3,000 lines of the corpus's files: a large applicant's repository
TUTORIAL_SHARE = 0.03
OURS_SHARE = 0.005
COPY_TRANSFORMS = ("renamed", "reformatted", "reordered")
TABLES = ("portfolios_fingerprint", "portfolios_codefile", "portfolios_codesource")
HITS = "fingerprint hash IN (...)"
FILES = "CodeFile in_bulk of the pairs (with text)"
# A search's queries, named by the first of these fragments their SQL contains.
QUERIES = (
    ('"portfolios_fingerprint"."hash" IN', HITS),
    ('FROM "portfolios_fingerprint"', "the searched repository's fingerprints"),
    ('FROM "portfolios_codefile"', FILES),
    ("COUNT(*)", "count of applicants' repositories"),
    ('FROM "portfolios_codesource"', "CodeSource in_bulk"),
    ('"portfolios_codematch"', "CodeMatch delete and inserts"),
)


@dataclass(frozen=True)
class Repository:
    kind: str
    full_name: str
    files: list[Module]


@dataclass(frozen=True)
class Query:
    label: str
    sql: str
    started: float
    ended: float
    rows: int
    params: Sequence[Any]


@dataclass(frozen=True)
class Search:
    seconds: float
    steps: dict[str, float]  # seconds by "SQL: <query>" and "Python after: <query>"
    queries: list[Query]
    fingerprints: int  # distinct, of the searched repository
    lines: int
    matched: set[int]  # CodeSource ids of the repositories it near-copies
    file_matches: int
    # The pairs' CodeFile rows loaded again: seconds as the search loads them, seconds without the
    # text, and the characters of text they hold.
    reload: tuple[float, float, int]

    def rows(self, label: str) -> int:
        return sum(query.rows for query in self.queries if query.label == label)


class QueryTimer:
    """Times every query of a search, with its rows, to split the search's time into steps."""

    def __init__(self) -> None:
        self.queries: list[Query] = []

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Sequence[Any],
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        started = time.perf_counter()
        result = execute(sql, params, many, context)
        ended = time.perf_counter()
        label = next((name for fragment, name in QUERIES if fragment in sql), sql.split(" ", 1)[0])
        self.queries.append(Query(label, sql, started, ended, context["cursor"].rowcount, params or ()))
        return result


def spans(module: Module, max_lines: int) -> list[tuple[int, int]]:
    """[first, end) line ranges of at most ``max_lines`` lines where possible, cut only between
    top-level statements (a longer statement stays whole), with as few cuts as that allows."""
    body = module.tree.body
    starts = [min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) for node in body]
    cuts = [start for start, node in zip(starts[1:], body, strict=False) if start > (node.end_lineno or 0)]
    end_of_file = module.source.count("\n") + 2
    found: list[tuple[int, int]] = []
    first = last = 1
    for cut in [*cuts, end_of_file]:
        if cut - first > max_lines:
            end = last if last > first else cut
            found.append((first, end))
            first = end
        last = cut
    if first < end_of_file:
        found.append((first, end_of_file))
    return found


def cut_files(modules: list[Module], wanted: int) -> list[Module]:
    """The corpus as at least ``wanted`` disjoint files, each as long as that allows."""
    low, high = 1, max(module.source.count("\n") + 1 for module in modules)
    while low < high:  # the longest file length that still makes enough files
        middle = (low + high + 1) // 2
        if sum(len(spans(module, middle)) for module in modules) >= wanted:
            low = middle
        else:
            high = middle - 1
    files: list[Module] = []
    for module in modules:
        lines = module.source.split("\n")
        found = spans(module, low)
        stem = module.name.split("/", 1)[-1].rsplit(".", 1)[0]
        for number, (first, end) in enumerate(found, start=1):
            text = "\n".join(lines[first - 1 : end - 1]) + "\n"
            try:
                tree = ast.parse(text)
            except SyntaxError:
                continue
            path = f"{stem}.py" if len(found) == 1 else f"{stem}_{number}.py"
            files.append(Module(path, module.group, text, tree))
    return files


def deal(modules: list[Module], indexed: int, searched: list[int], rng: random.Random) -> list[Repository]:
    """The index's repositories, of 5 to 10 files, in index order, then the searched ones of ``searched``
    files each: no file in two of them."""
    sizes = [rng.randint(*FILES_PER_REPOSITORY) for _ in range(indexed)] + searched
    files = cut_files(modules, sum(sizes))
    if len(files) < sum(sizes):
        raise SystemExit(f"the corpus makes {len(files)} files, {sum(sizes)} are needed: ask for fewer")
    rng.shuffle(files)
    tutorials = [file for file in files if file.group == "tutorial"]
    library = [file for file in files if file.group != "tutorial"]
    registered = [("tutorial", tutorials)] * round(TUTORIAL_SHARE * indexed)
    registered += [("ours", library)] * max(1, round(OURS_SHARE * indexed))
    dealt = [
        (kind, [pool.pop() for _ in range(size)])
        for (kind, pool), size in zip(registered, sizes, strict=False)
    ]
    rest = tutorials + library
    rng.shuffle(rest)
    dealt += [("candidate", [rest.pop() for _ in range(size)]) for size in sizes[len(dealt) :]]
    index, searches = dealt[:indexed], dealt[indexed:]
    rng.shuffle(index)  # registered repositories arrive among applicants'
    return [Repository(kind, f"owner{i}/repo{i}", files) for i, (kind, files) in enumerate(index + searches)]


def plant_copies(searched: list[Repository], index: list[Repository], rng: random.Random) -> list[Repository]:
    """The first searched repositories gain a disguised copy of the most fingerprinted file of an early one
    (the first ten repositories indexed hold the originals, so both runs of searches can find them)."""
    planted = []
    for number, repository in enumerate(searched[:PLANTED_COPIES]):
        original = max(index[number % BASELINE_REPOSITORIES].files, key=fingerprint_count)
        tree = rewrite(original, original, rng, COPY_TRANSFORMS)
        copy = Module(f"src/copied_{Path(original.name).name}", original.group, ast.unparse(tree), tree)
        planted.append(dataclasses.replace(repository, files=[*repository.files, copy]))
    return planted + searched[PLANTED_COPIES:]


def fingerprint_count(file: Module) -> int:
    return sum(len(code.fingerprints) for code in fingerprint(Repository("", "", [file])).files)


def fingerprint(repository: Repository) -> CodeIndex:
    indexer = CodeIndexer()
    for file in repository.files:
        indexer.add(file.name, python_facts(file.source.encode(), LIMITS), None)
    return indexer.index()


def head_sha(full_name: str) -> str:
    return hashlib.sha1(full_name.encode()).hexdigest()  # noqa: S324 (a commit id, not security)


def postgres(statement: str) -> None:
    """One statement on the server's maintenance database (CREATE and DROP DATABASE cannot run in ours)."""
    import psycopg2  # type: ignore[import-untyped]

    connection = psycopg2.connect(dbname="postgres", **SERVER)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def setup_django() -> None:
    """Django on a fresh benchmark database, migrated; DEBUG only so settings need no secrets."""
    postgres(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    postgres(f"CREATE DATABASE {DATABASE}")
    os.environ["DATABASE_URL"] = f"postgres://{SERVER['user']}@{SERVER['host']}:{SERVER['port']}/{DATABASE}"
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")  # never dialled: no embedded server
    os.environ["DJANGO_SETTINGS_MODULE"] = "hiring.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def store(repositories: list[Repository], codes: list[CodeIndex]) -> dict[str, int]:
    """Index each repository as a review does (one transaction each), then VACUUM ANALYZE."""
    from portfolios.copies import index_code

    ids = {
        repository.full_name: index_code(
            code,
            kind=repository.kind,
            full_name=repository.full_name,
            head_sha=head_sha(repository.full_name),
        ).pk
        for repository, code in zip(repositories, codes, strict=True)
    }
    vacuum_analyze()
    return ids


def vacuum_analyze() -> None:
    """Fresh planner statistics, and the rows of deleted repositories free for reuse."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def search(repository: Repository, code: CodeIndex) -> Search:
    """Index the repository, time its search, then delete it so every search sees the same index."""
    from django.db import connection

    from portfolios.copies import find_near_copies, index_code

    source = index_code(
        code, kind="candidate", full_name=repository.full_name, head_sha=head_sha(repository.full_name)
    )
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        found = find_near_copies(source)
        ended = time.perf_counter()
    loaded = [list(query.params) for query in timer.queries if query.label == FILES]
    reloaded = reload(loaded[0] if loaded else [])
    source.delete()
    steps: dict[str, float] = defaultdict(float)
    previous, label = started, "the start"
    for query in timer.queries:
        steps[f"Python after: {label}"] += query.started - previous
        steps[f"SQL: {query.label}"] += query.ended - query.started
        previous, label = query.ended, query.label
    steps[f"Python after: {label}"] += ended - previous
    return Search(
        seconds=ended - started,
        steps=dict(steps),
        queries=timer.queries,
        fingerprints=len({gram for file in code.files for gram, _, _ in file.fingerprints}),
        lines=sum(file.lines for file in code.files),
        matched={copy.source_id for copy in found},
        file_matches=sum(len(copy.files) for copy in found),
        reload=reloaded,
    )


def reload(ids: list[int]) -> tuple[float, float, int]:
    """The pairs' CodeFile rows loaded again as the search loads them, then without their text."""
    from portfolios.models import CodeFile

    rows = CodeFile.objects.select_related("source")
    started = time.perf_counter()
    files = rows.in_bulk(ids)
    middle = time.perf_counter()
    rows.defer("text").in_bulk(ids)
    return middle - started, time.perf_counter() - middle, sum(len(file.text) for file in files.values())


def searches(repositories: list[Repository], codes: list[CodeIndex]) -> list[Search]:
    search(repositories[0], codes[0])  # warm-up: connection, plans, caches
    return [search(repository, code) for repository, code in zip(repositories, codes, strict=True)]


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def milliseconds(values: Sequence[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms, p90 {percentile(values, 0.9) * 1000:.1f} ms"


def report_sizes(lines: int) -> None:
    """Bytes of each table and its indexes per 1,000 indexed lines, and the stored text's share."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portfolios_fingerprint")
        (fingerprints,) = cursor.fetchone()
        print(
            f"  {lines:,} lines indexed, {fingerprints:,} fingerprints: "
            f"{fingerprints / lines * 1000:.1f} per 1,000 lines"
        )
        total = 0
        for table in TABLES:
            cursor.execute(
                "SELECT pg_relation_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s)", [table] * 3
            )
            heap, indexes, whole = cursor.fetchone()
            total += whole
            print(
                f"  {table}: rows {_kib(heap, lines)}, indexes {_kib(indexes, lines)}, "
                f"total with TOAST {_kib(whole, lines)} per 1,000 lines ({whole / 2**20:.1f} MiB)"
            )
        cursor.execute("SELECT sum(pg_column_size(text)), sum(octet_length(text)) FROM portfolios_codefile")
        stored, raw = cursor.fetchone()
        cursor.execute("SELECT pg_total_relation_size('portfolios_codefile')")
        (files,) = cursor.fetchone()
    print(
        f"  copy index in all: {_kib(total, lines)} per 1,000 lines ({total / 2**20:.1f} MiB); "
        f"{total / fingerprints:.0f} bytes per fingerprint, all tables and indexes counted"
    )
    print(
        f"  CodeFile.text: {_kib(stored, lines)} per 1,000 lines as stored ({raw / 2**20:.1f} MiB of text, "
        f"{stored / 2**20:.1f} MiB after TOAST compression) = {stored / files:.0%} of the code-file table, "
        f"{stored / total:.0%} of the whole index"
    )


def _kib(size: int, lines: int) -> str:
    return f"{size / lines * 1000 / 1024:.1f} KiB"


def report_searches(label: str, found: list[Search], ids: dict[str, int], originals: list[str]) -> None:
    caught = sum(ids[original] in s.matched for s, original in zip(found, originals, strict=False))
    hits = sum(s.rows(HITS) for s in found)
    print(f"  {label}: {milliseconds([s.seconds for s in found])}")
    print(
        f"    per search (median): {statistics.median(s.rows(HITS) for s in found):,.0f} fingerprint rows "
        f"fetched ({hits / sum(s.fingerprints for s in found):.1f} per fingerprint searched), "
        f"{statistics.median(s.rows(FILES) for s in found):,.0f} CodeFile rows loaded with "
        f"{statistics.median(s.reload[2] for s in found) / 1024:,.0f} KiB of text, "
        f"for {statistics.median(s.file_matches for s in found):,.0f} file matches"
    )
    planted = f"; {caught}/{len(originals)} planted copies found" if originals else ""
    print(
        f"    {sum(bool(s.matched) for s in found)}/{len(found)} searches matched, "
        f"{sum(len(s.matched) for s in found)} repositories and {sum(s.file_matches for s in found)} "
        f"files in all{planted}"
    )


def report_steps(columns: dict[str, list[Search]]) -> None:
    """Mean time per step (means add up to the mean search), the slowest in the last column first."""
    names = {name for found in columns.values() for s in found for name in s.steps}
    means = {
        name: [statistics.fmean(s.steps.get(name, 0.0) for s in found) for found in columns.values()]
        for name in names
    }
    last = statistics.fmean(s.seconds for s in list(columns.values())[-1])
    print(f"  {'mean ms per search, by step':<58}" + "".join(f"{label:>13}" for label in columns) + "  share")
    for name, values in sorted(means.items(), key=lambda item: -item[1][-1]):
        print(
            f"  {name:<58}"
            + "".join(f"{value * 1000:>13.2f}" for value in values)
            + f"  {values[-1] / last:>5.0%}"
        )
    totals = [statistics.fmean(s.seconds for s in found) * 1000 for found in columns.values()]
    print(f"  {'all':<58}" + "".join(f"{total:>13.2f}" for total in totals))
    print("  (Python after: X = from the end of query X to the next query, which includes building it)")
    for label, found in columns.items():
        as_loaded, deferred = (statistics.median(s.reload[i] for s in found) * 1000 for i in (0, 1))
        print(
            f"  {label}: the pairs' CodeFile rows loaded again (median) {as_loaded:.2f} ms as "
            f"find_near_copies does, {deferred:.2f} ms with .defer('text')"
        )


def report_fit(found: list[Search]) -> None:
    """What a search costs per fingerprint of the searched repository, at the full index."""
    if len({s.fingerprints for s in found}) > 1:
        slope, intercept = statistics.linear_regression(
            [s.fingerprints for s in found], [s.seconds for s in found]
        )
        print(
            f"  least squares over the {len(found)} searches of the full index: {intercept * 1000:.1f} ms + "
            f"{slope * 1e6:.1f} ms per 1,000 distinct fingerprints of the searched repository"
        )


def explain(found: list[Search]) -> None:
    """The plan of the slowest hash IN (...) batch of the full-index searches, run again with ANALYZE."""
    from django.db import connection

    slowest = max((q for s in found for q in s.queries if q.label == HITS), key=lambda q: q.ended - q.started)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest.sql}", slowest.params)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"  plan of the slowest hash IN batch ({(slowest.ended - slowest.started) * 1000:.1f} ms), again:")
    for line in plan:
        print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repositories", type=int, default=1000, help="repositories in the index")
    parser.add_argument("--lookups", type=int, default=30, help="repositories searched, dealt like the index")
    parser.add_argument("--large", type=int, default=10, help=f"repositories of {LARGE_FILES} files searched")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help=f"leave the {DATABASE} database behind")
    options = parser.parse_args()
    if options.repositories < BASELINE_REPOSITORIES or options.lookups < 1 or options.large < 0:
        parser.error(f"needs at least {BASELINE_REPOSITORIES} repositories and one lookup")
    setup_django()
    try:
        run(options.repositories, options.lookups, options.large, options.seed)
    finally:
        if not options.keep:
            from django.db import connections

            connections.close_all()
            postgres(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def run(indexed: int, lookups: int, large: int, seed: int) -> None:
    """Deal, fingerprint and index the repositories; search against 10, then against all; print."""
    from django.db import connection

    rng = random.Random(seed)
    sizes = [rng.randint(*FILES_PER_REPOSITORY) for _ in range(lookups)] + [LARGE_FILES] * large
    repositories = deal(corpus(), indexed, sizes, rng)
    index = repositories[:indexed]
    series = {
        "regular": plant_copies(repositories[indexed : indexed + lookups], index, rng),
        "large": repositories[indexed + lookups :],
    }
    series = {name: found for name, found in series.items() if found}
    originals = [index[n % BASELINE_REPOSITORIES].full_name for n in range(min(PLANTED_COPIES, lookups))]
    started = time.perf_counter()
    codes = [fingerprint(repository) for repository in index]
    fingerprinted = time.perf_counter() - started
    searched_codes = {name: [fingerprint(r) for r in found] for name, found in series.items()}
    lines = sum(file.lines for code in codes for file in code.files)
    kinds = ", ".join(
        f"{sum(r.kind == kind for r in index)} {kind}" for kind in ("candidate", "tutorial", "ours")
    )
    version: int = connection.pg_version  # type: ignore[attr-defined]
    print(f"PostgreSQL {version // 10000}.{version % 10000}, database {DATABASE}; seed {seed}")
    print(
        f"index: {indexed} repositories ({kinds}) of {sum(len(r.files) for r in index):,} distinct files; "
        f"per repository (median) {statistics.median(len(c.files) for c in codes):.0f} fingerprinted files, "
        f"{statistics.median(sum(f.lines for f in c.files) for c in codes):,.0f} lines"
    )
    started = time.perf_counter()
    ids = store(index[:BASELINE_REPOSITORIES], codes[:BASELINE_REPOSITORIES])
    stored = time.perf_counter() - started
    baseline = {name: searches(found, searched_codes[name]) for name, found in series.items()}
    vacuum_analyze()
    started = time.perf_counter()
    ids.update(store(index[BASELINE_REPOSITORIES:], codes[BASELINE_REPOSITORIES:]))
    stored += time.perf_counter() - started
    print(
        f"indexing: fingerprinting (parse included) {fingerprinted:.1f} s, index_code and VACUUM ANALYZE "
        f"{stored:.1f} s = {(fingerprinted + stored) / indexed * 1000:.0f} ms per repository"
    )
    print("index size:")
    report_sizes(lines)
    full = {name: searches(found, searched_codes[name]) for name, found in series.items()}
    for name, found in full.items():
        print(
            f"{name}: {len(found)} other repositories, per repository (median) "
            f"{statistics.median(len(r.files) for r in series[name]):.0f} files, "
            f"{statistics.median(s.lines for s in found):,.0f} lines of fingerprinted files, "
            f"{statistics.median(s.fingerprints for s in found):,.0f} distinct fingerprints"
        )
        planted = originals if name == "regular" else []
        report_searches(f"{BASELINE_REPOSITORIES} repositories indexed", baseline[name], ids, planted)
        report_searches(f"{indexed} repositories indexed", found, ids, planted)
        median = statistics.median(s.seconds for s in found)
        ratio = median / statistics.median(s.seconds for s in baseline[name])
        verdict = "met" if median <= GOAL_SECONDS else "NOT met"
        print(f"  ratio of the medians, {indexed} / {BASELINE_REPOSITORIES} repositories: {ratio:.1f}×")
        print(
            f"  goal ≤ {GOAL_SECONDS * 1000:.0f} ms median at {indexed} repositories: "
            f"{verdict} ({median * 1000:.1f} ms)"
        )
    print("where a search's time goes:")
    columns = {
        f"{name} {size}": found
        for size, run in ((BASELINE_REPOSITORIES, baseline), (indexed, full))
        for name, found in run.items()
    }
    report_steps(dict(sorted(columns.items(), key=lambda item: item[0].split()[0] == "large")))
    everything = [s for found in full.values() for s in found]
    report_fit(everything)
    if max(statistics.median(s.seconds for s in found) for found in full.values()) > GOAL_SECONDS:
        explain(everything)


if __name__ == "__main__":
    main()
