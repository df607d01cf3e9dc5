"""Near-copy detection, measured: how often a rewritten copy is caught, how often unrelated code of
the same field is flagged, and what fingerprinting costs next to the parse itself.

The corpus is real data-science code: the pure-Python modules of scikit-learn, statsmodels and
pandas wheels (downloaded once into var/bench/wheels with `pip download`; with no package index,
the virtualenv's own packages stand in and the figures say so). Nothing is installed or imported.

Each sampled module is rewritten the ways a copier hides a copy, all at once: every name the
module defines renamed (variables, functions, classes, parameters, the attributes and keyword
arguments that use them), reformatted by `ast.unparse` (comments gone, layout changed), its
functions and methods shuffled, and 20% new statements from an unrelated module inserted. The
rewrite must match its original; the module must not match unrelated modules of the corpus.

Usage: python benchmarks/copies.py [--files N] [--unrelated M] [--seed S]
"""

from __future__ import annotations

import argparse
import ast
import gc
import hashlib
import json
import random
import sys
import tarfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portfolios.analysis.definitions import scan_module  # noqa: E402
from portfolios.analysis.fingerprints import GUARANTEE, WINDOW, K, winnow  # noqa: E402
from portfolios.analysis.matching import MIN_SHARE, MIN_SHARED, compare  # noqa: E402
from portfolios.analysis.notebooks import MalformedNotebookError, code_cells, python_source  # noqa: E402

SOURCES = {  # source distributions: the library and its tutorial gallery (examples/)
    "scikit_learn-1.9.1.tar.gz": "scikit-learn",
    "statsmodels-0.15.0.tar.gz": "statsmodels",
}
CACHE = ROOT / "var" / "bench" / "sdist"
MIN_STATEMENTS = 40  # library modules smaller than this say little either way
MIN_TUTORIAL_STATEMENTS = 20  # a short tutorial is still copied whole
NEW_CODE_SHARE = 0.2


@dataclass(frozen=True)
class Module:
    name: str
    group: str  # "tutorial" (an examples/ script or notebook) or "library"
    source: str
    tree: ast.Module


def download(filename: str, project: str) -> Path:
    """The sdist from the package index (PEP 691 JSON), checked against the index's sha256."""
    target = CACHE / filename
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    request = urllib.request.Request(
        f"https://pypi.org/simple/{project}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (a fixed https URL)
        files = json.load(answer)["files"]
    entry = next(item for item in files if item["filename"] == filename)
    with urllib.request.urlopen(entry["url"], timeout=300) as answer:  # noqa: S310
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != entry["hashes"]["sha256"]:
        raise SystemExit(f"{filename}: the download does not match the index's sha256")
    target.write_bytes(data)
    return target


def corpus() -> list[Module]:
    modules: list[Module] = []
    for filename, project in SOURCES.items():
        with tarfile.open(download(filename, project)) as archive:
            for member in archive.getmembers():
                name = member.name.split("/", 1)[-1]
                if not member.isfile() or "/tests/" in name or "archive/" in name:
                    continue
                group = "tutorial" if name.startswith("examples/") else "library"
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                if name.endswith(".py"):
                    modules.extend(_module(f"{project}/{name}", group, handle.read()))
                elif name.endswith(".ipynb"):
                    modules.extend(_module(f"{project}/{name}", group, _notebook_code(handle.read())))
    return modules


def _notebook_code(data: bytes) -> bytes:
    try:
        cells = code_cells(data)
    except MalformedNotebookError:
        return b""
    return "\n\n".join(source for cell in cells if (source := python_source(cell.source))).encode()


def _module(name: str, group: str, data: bytes) -> list[Module]:
    try:
        source = data.decode("utf-8")
        tree = ast.parse(source)
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return []
    return [Module(name, group, source, tree)]


class Renamer(ast.NodeTransformer):
    """Renames every name the module defines, and the attributes and keywords that spell them."""

    def __init__(self, defined: set[str]) -> None:
        self.names = {name: f"v{index}" for index, name in enumerate(sorted(defined))}

    def _new(self, name: str) -> str:
        return self.names.get(name, name)

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self._new(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.arg = self._new(node.arg)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        node.attr = self._new(node.attr)
        return self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        if node.arg:
            node.arg = self._new(node.arg)
        return self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.name = self._new(node.name)
        return self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]  # noqa: N815

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        node.name = self._new(node.name)
        return self.generic_visit(node)


def defined_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names - {"self", "cls"}


TRANSFORMS = ("renamed", "reformatted", "reordered", "20% new code")


def rewrite(
    module: Module, filler: Module, rng: random.Random, transforms: tuple[str, ...] = TRANSFORMS
) -> ast.Module:
    """The module as a copier would hide it; ``ast.unparse`` always reformats (comments and layout go)."""
    tree = ast.parse(module.source)
    if "renamed" in transforms:
        tree = Renamer(defined_names(tree)).visit(tree)
    if "reordered" in transforms:
        _shuffle_definitions(tree.body, rng)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                _shuffle_definitions(node.body, rng)
    if "20% new code" in transforms:
        _insert_new_code(tree, filler, rng)
    return ast.parse(ast.unparse(ast.fix_missing_locations(tree)))


def _insert_new_code(tree: ast.Module, filler: ast.Module | Module, rng: random.Random) -> None:
    """Statements of another module, a fifth of this one's, added in up to three places (new work
    comes as new functions and blocks, not one line in every five)."""
    source = filler.tree if isinstance(filler, Module) else filler
    foreign = [node for node in source.body if not isinstance(node, ast.Import | ast.ImportFrom)]
    wanted = round(NEW_CODE_SHARE * scan_module(tree).shapes.count())
    blocks: list[ast.stmt] = []
    for node in foreign:
        if scan_module(ast.Module(body=blocks, type_ignores=[])).shapes.count() >= wanted:
            break
        blocks.append(node)
    bodies = [
        node.body for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Module)
    ]
    cuts = sorted(rng.sample(range(len(blocks) + 1), min(2, len(blocks))))
    for chunk in (blocks[a:b] for a, b in zip([0, *cuts], [*cuts, len(blocks)], strict=True)):
        body = rng.choice(bodies)
        at = rng.randrange(len(body) + 1)
        body[at:at] = chunk


def _shuffle_definitions(body: list[ast.stmt], rng: random.Random) -> None:
    slots = [i for i, node in enumerate(body) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    moved = [body[i] for i in slots]
    rng.shuffle(moved)
    for slot, node in zip(slots, moved, strict=True):
        body[slot] = node


def fingerprints(tree: ast.Module) -> list[tuple[int, int, int]]:
    return winnow(scan_module(tree).shapes)


def fingerprint_cost(modules: list[Module]) -> tuple[float, float]:
    """Best of three: the parse floor (bytes to ast, GC off) and fingerprinting the parsed trees: the
    statement walk (which also gives every other metric its definitions and imports) and winnowing."""
    data = [module.source.encode() for module in modules]
    floor = cost = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            started = time.perf_counter()
            trees = [ast.parse(item) for item in data]
            floor = min(floor, time.perf_counter() - started)
            started = time.perf_counter()
            for tree in trees:
                winnow(scan_module(tree).shapes)
            cost = min(cost, time.perf_counter() - started)
            del trees
    finally:
        gc.enable()
    return floor, cost


def detection(sample: list[Module], fillers: list[Module], rng: random.Random) -> None:
    """Each way of hiding a copy alone, then all at once: the share of rewrites still matched."""
    for transforms in [*((one,) for one in TRANSFORMS), TRANSFORMS]:
        caught, shares = 0, []
        for module in sample:
            copy = rewrite(module, rng.choice(fillers), rng, transforms)
            match = compare(fingerprints(copy), fingerprints(module.tree))
            caught += match is not None
            shares.append(match.share_of_other if match else 0.0)
        label = "all at once" if transforms == TRANSFORMS else transforms[0]
        print(
            f"  rewrites caught, {label}: {caught}/{len(sample)} = {caught / len(sample):.1%} "
            f"(median share of the original found: {sorted(shares)[len(shares) // 2]:.0%})"
        )


def false_alarms(sample: list[Module], others: list[Module], label: str) -> None:
    """Every sampled module against every other module of ``others``: pairs flagged, worst shown."""
    pairs = flagged = 0
    worst: list[tuple[float, str, str]] = []
    fingerprinted = {module.name: fingerprints(module.tree) for module in others}
    for module in sample:
        mine = fingerprints(module.tree)
        for other in others:
            if _stem(other.name) == _stem(module.name):  # itself, or statsmodels' .py twin of a notebook
                continue
            pairs += 1
            match = compare(mine, fingerprinted[other.name])
            if match is not None:
                flagged += 1
                worst.append((max(match.share_of_candidate, match.share_of_other), module.name, other.name))
    print(f"  {label} flagged: {flagged}/{pairs} = {flagged / max(pairs, 1):.2%}")
    for share, first, second in sorted(worst, reverse=True)[:8]:
        print(f"    {share:.0%}  {first}  ~  {second}")


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=150, help="modules sampled per group")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    modules = corpus()
    print(f"k = {K} statements, window = {WINDOW}: any shared run of {GUARANTEE} statements is found")
    print(
        f"a pair is flagged at ≥ {MIN_SHARED} shared fingerprints covering ≥ {MIN_SHARE:.0%} of either file"
    )
    for group, minimum in (("tutorial", MIN_TUTORIAL_STATEMENTS), ("library", MIN_STATEMENTS)):
        members = [m for m in modules if m.group == group and scan_module(m.tree).shapes.count() >= minimum]
        sample = rng.sample(members, min(options.files, len(members)))
        print(f"{group} code: {len(members)} files with ≥ {minimum} statements, {len(sample)} sampled")
        detection(sample, [m for m in modules if m.group != group] or members, rng)
        if group == "tutorial":  # every other tutorial of the field: same topic, same style, other authors
            false_alarms(sample, members, "pairs of different tutorials")
        else:  # the hardest unrelated code: modules of the same folder, by the same people
            folders: dict[str, list[Module]] = {}
            for member in members:
                folders.setdefault(member.name.rsplit("/", 1)[0], []).append(member)
            siblings = [other for module in sample for other in folders[module.name.rsplit("/", 1)[0]]]
            false_alarms(sample, list({m.name: m for m in siblings}.values()), "modules of the same folders")
    everything = [m for m in modules if scan_module(m.tree).shapes.count() >= MIN_TUTORIAL_STATEMENTS]
    floor, cost = fingerprint_cost(everything)
    print(
        f"statement walk + winnowing of {len(everything)} files: {cost:.3f} s next to a parse floor of "
        f"{floor:.3f} s = {cost / floor:.2f}× the floor (the walk also serves every other metric)"
    )


if __name__ == "__main__":
    main()
