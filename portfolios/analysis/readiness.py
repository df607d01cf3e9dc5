"""Would it run today? What someone cloning the repository to run it would meet, read statically.

Nothing is installed, imported or executed. The signals: a dependency list (and how much of it is
pinned) or a lock file; imports no list declares; a stated Python version; notebooks that ran top
to bottom; paths on the author's own machine; data files the code reads that the repository does
not hold; and committed credentials, found by detect-secrets' detectors on the file's text and
kept only as a redacted hint (the secret itself never leaves this process).
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from portfolios.analysis.dependencies import distribution
from portfolios.analysis.notebooks import Cell
from portfolios.analysis.report import (
    DependencyFile,
    FileFacts,
    Found,
    Occurrence,
    Occurrences,
    ReadinessReport,
    locate,
)

LOCK_FILES = frozenset({"poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "conda-lock.yml"})
VERSION_FILES = frozenset({".python-version", "runtime.txt", ".tool-versions"})
# Import names whose distribution is called something else (the import is checked against any).
DISTRIBUTIONS_OF_IMPORT: dict[str, tuple[str, ...]] = {
    "sklearn": ("scikit-learn",), "skimage": ("scikit-image",), "cv2": ("opencv-python",
    "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless", "opencv"),
    "PIL": ("pillow",), "yaml": ("pyyaml",), "bs4": ("beautifulsoup4",), "dateutil": ("python-dateutil",),
    "dotenv": ("python-dotenv",), "jwt": ("pyjwt",), "attr": ("attrs",), "Crypto": ("pycryptodome",),
    "docx": ("python-docx",), "umap": ("umap-learn",), "mpl_toolkits": ("matplotlib",),
    "pkg_resources": ("setuptools",), "google": ("google-cloud-storage", "google-cloud-bigquery",
    "protobuf", "google-api-python-client", "google-auth"), "tensorflow_hub": ("tensorflow-hub",),
    "IPython": ("ipython", "jupyter", "notebook", "jupyterlab"), "ipywidgets": ("ipywidgets", "jupyter"),
    "psycopg2": ("psycopg2", "psycopg2-binary"), "MySQLdb": ("mysqlclient",), "serial": ("pyserial",),
    "sentence_transformers": ("sentence-transformers",), "Levenshtein": ("python-levenshtein", "levenshtein"),
    "OpenSSL": ("pyopenssl",), "git": ("gitpython",), "magic": ("python-magic",), "zmq": ("pyzmq",),
}  # fmt: skip
# Libraries that many others install with them: importing one declared through another is fine.
BUNDLED = {"numpy": ("pandas", "scikit-learn", "scipy", "matplotlib", "seaborn", "tensorflow", "torch")}
DATA_READERS = frozenset(
    {"read_csv", "read_table", "read_parquet", "read_excel", "read_json", "read_feather", "read_pickle"}
    | {"read_hdf", "read_sql", "read_stata", "read_spss", "read_sas", "load", "loadtxt", "genfromtxt"}
    | {"open", "imread", "load_workbook", "read_file", "scan_csv", "scan_parquet"}
)
DATA_SUFFIXES = (
    ".csv", ".tsv", ".parquet", ".xlsx", ".xls", ".json", ".jsonl", ".feather", ".pkl", ".pickle",
    ".npy", ".npz", ".h5", ".hdf5", ".zip", ".gz", ".arrow", ".sav", ".sqlite", ".db", ".txt", ".png",
    ".jpg", ".jpeg", ".joblib", ".pt", ".pth", ".geojson", ".shp",
)  # fmt: skip
# A path on someone's own machine, inside quotes: "C:\\Users\\ada\\...", "/home/ada/...", "/Users/ada/...".
MACHINE_PATH = re.compile(
    rb"""["'](?P<path>(?:[A-Za-z]:(?:\\\\|\\|/)(?:Users|Documents and Settings)(?:\\\\|\\|/)[^"'\\/\s]+"""
    rb"""|/home/[^"'/\s]+/|/Users/[^"'/\s]+/)[^"'\n]{0,60})"""
)
# Detectors of committed credentials (detect-secrets plugins). The high-entropy detectors are left
# out: every hash and test fixture would be "a secret".
CREDENTIAL_DETECTORS = (
    "AWSKeyDetector", "ArtifactoryDetector", "AzureStorageKeyDetector", "BasicAuthDetector",
    "CloudantDetector", "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector",
    "IbmCloudIamDetector", "IbmCosHmacDetector", "JwtTokenDetector", "KeywordDetector", "MailchimpDetector",
    "NpmDetector", "OpenAIDetector", "PrivateKeyDetector", "PypiTokenDetector", "SendGridDetector",
    "SlackDetector", "SoftlayerDetector", "SquareOAuthDetector", "StripeDetector",
    "TelegramBotTokenDetector", "TwilioKeyDetector",
)  # fmt: skip
# A line can only hold what those detectors find if it holds one of these: the detectors (about
# 75 µs a line) run on the few lines that do.
CREDENTIAL_HINTS = re.compile(
    r"key|token|secret|passw|pwd|auth|cred|://|private|akia|asia|gh[pousr]_|glpat|xox|[sr]k_live|sk-"
    r"|sg\.|eyj|pypi-|:aa|\b(?:ac|sk)[0-9a-f]{32}\b|[mno][\w-]{23,25}\.|-us\d|accountkey",
    re.IGNORECASE,
)
# A reader called with a string first: read_csv("data/train.csv"), np.load('x.npy'), open(r"a.txt").
DATA_READ = re.compile(
    rb"\b(?:" + b"|".join(name.encode() for name in sorted(DATA_READERS)) + rb")\(\s*[rRbBuU]?"
    rb"(?P<quote>['\"])(?P<path>[^'\"\n]{1,200})(?P=quote)"
)
MAX_CREDENTIAL_LINE = 1_000
# Code importing one of these may read data files: only its calls are looked through.
DATA_LIBRARIES = frozenset(
    {"pandas", "numpy", "polars", "pyarrow", "scipy", "sklearn", "joblib", "torch", "tensorflow", "keras"}
    | {"cv2", "PIL", "imageio", "skimage", "openpyxl", "geopandas", "h5py", "xarray", "csv"}
)
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}
NO_CODE = "no code"  # a notebook without code: no run order to check


class ReadinessTally:
    def __init__(self, max_evidence: int, *, scan_credentials: bool = True) -> None:
        self.max_evidence = max_evidence
        self.paths: set[str] = set()
        self.own_names: set[str] = set()
        self.lock_files: list[str] = []
        self.version: Occurrence | None = None
        self.imports: dict[str, tuple[str, int]] = {}  # package -> (file or cell, line) first importing it
        self.reads: list[tuple[str, str, str]] = []  # (location, folder of the file, path read)
        self.notebooks_checked = 0
        self.notebooks_in_order = 0
        self.found = {name: Occurrences() for name in ("notebook_problems", "machine_paths", "credentials")}
        self.credentials_checked = scan_credentials

    def observe_path(self, path: str) -> None:
        self.paths.add(path)
        if path.endswith((".py", ".ipynb")):
            *folders, name = path.split("/")
            self.own_names.update(folders)
            self.own_names.add(name.rsplit(".", 1)[0])
        elif path.rsplit("/", 1)[-1] in LOCK_FILES:
            self.lock_files.append(path)

    def observe_meta(self, path: str, text: str) -> None:
        name = path.rsplit("/", 1)[-1]
        if name in VERSION_FILES and self.version is None:
            version = _version_file(name, text)
            if version:
                self.version = Occurrence(location=path, detail=version)
        if self.credentials_checked:
            found = [(None, line, detail) for line, detail in credentials_in(text)]
            self._add_found("credentials", path, found, len(found))

    def add_file(self, path: str, facts: FileFacts) -> None:
        """One parsed .py file or notebook: its imports, paths, data reads, credentials, run order."""
        for cell, package, line in facts.imports:
            self.imports.setdefault(package, (locate(path, cell), line))
        self._add_found("machine_paths", path, facts.machine_paths, facts.machine_path_count)
        folder = posixpath.dirname(path)
        self.reads += [
            (f"{locate(path, cell)}:{line}", folder, read) for cell, line, read in facts.data_reads
        ]
        self._add_found("credentials", path, facts.credentials, facts.credential_count)
        if facts.kind == "notebook" and facts.run_order != NO_CODE:
            self.notebooks_checked += 1
            if facts.run_order is None:
                self.notebooks_in_order += 1
            else:
                self._add_found("notebook_problems", path, [(None, 0, facts.run_order)], 1, with_line=False)

    def _add_found(
        self, name: str, path: str, found: Sequence[Found], count: int, *, with_line: bool = True
    ) -> None:
        if not count:
            return
        occurrences = self.found[name]
        room = self.max_evidence - len(occurrences.items)
        added = [
            Occurrence(
                location=f"{locate(path, cell)}:{line}" if with_line else locate(path, cell), detail=detail
            )
            for cell, line, detail in found[: max(room, 0)]
        ]
        self.found[name] = Occurrences(count=occurrences.count + count, items=[*occurrences.items, *added])

    def report(self, dependency_files: Sequence[DependencyFile]) -> ReadinessReport:
        manifests = sorted({item.path for item in dependency_files} | set(self.lock_files))
        declared = {name for item in dependency_files for name in item.names}
        third_party = sorted(
            name for name in self.imports if name not in STDLIB and name not in self.own_names
        )
        undeclared = Occurrences()
        if dependency_files:
            missing = [name for name in third_party if not _is_declared(name, declared)]
            undeclared = _occurrences(
                [Occurrence(location="{}:{}".format(*self.imports[name]), detail=name) for name in missing],
                self.max_evidence,
            )
        version = self.version or next(
            (Occurrence(location=item.path, detail=item.python) for item in dependency_files if item.python),
            None,
        )
        return ReadinessReport(
            manifests=manifests,
            lock_files=sorted(self.lock_files),
            third_party_imports=third_party[: self.max_evidence * 4],
            undeclared_imports=undeclared,
            python_version=version,
            notebooks_checked=self.notebooks_checked,
            notebooks_in_order=self.notebooks_in_order,
            notebook_problems=self.found["notebook_problems"],
            machine_paths=self.found["machine_paths"],
            missing_data_files=self._missing_data_files(),
            credentials=self.found["credentials"],
            credentials_checked=self.credentials_checked,
        )

    def _missing_data_files(self) -> Occurrences:
        missing = []
        seen = set()
        for location, folder, read in self.reads:
            wanted = posixpath.normpath(read.removeprefix("./"))
            candidates = {wanted, posixpath.normpath(posixpath.join(folder, wanted))}
            if candidates & self.paths or wanted in seen:
                continue
            seen.add(wanted)
            missing.append(Occurrence(location=location, detail=wanted))
        return _occurrences(missing, self.max_evidence)


def machine_paths(data: bytes) -> list[tuple[int, str]]:
    """(line, path) of each path on the author's own machine, in quotes."""
    if not (b"/home/" in data or b"Users" in data):  # no such path then (XP's "Documents and Settings" aside)
        return []
    return [
        (data.count(b"\n", 0, match.start()) + 1, match["path"].decode("utf-8", "replace"))
        for match in MACHINE_PATH.finditer(data)
    ]


def data_reads(code: bytes) -> list[tuple[int, str]]:
    """(line, path) of reader calls whose first argument is a data file's relative path: read from
    the text, as a tree walk of every file importing pandas would cost more than the rest of this
    module together."""
    found = []
    for match in DATA_READ.finditer(code):
        path = match["path"].decode("utf-8", "replace")
        if _is_data_path(path):
            found.append((code.count(b"\n", 0, match.start()) + 1, path))
    return found


def credentials_in(text: str) -> list[tuple[int, str]]:
    """(line, "kind, redacted hint") of each credential detect-secrets' detectors find in the text."""
    if not CREDENTIAL_HINTS.search(text):
        return []
    suspects = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) <= MAX_CREDENTIAL_LINE and CREDENTIAL_HINTS.search(line)
    ]
    return [(number, f"{kind}, {redacted(secret)}") for number, kind, secret in _credentials_in(suspects)]


def run_order_problem(cells: Sequence[Cell]) -> str | None:
    """Why the notebook did not run top to bottom as saved, in words; None when it did; "no code"."""
    code = [cell for cell in cells if cell.kind == "code" and cell.source.strip()]
    if not code:
        return NO_CODE
    ran = [cell for cell in code if cell.execution_count is not None]
    if not ran:
        return "saved without having been run (or with its outputs cleared)"
    for earlier, later in pairwise(ran):
        if (later.execution_count or 0) <= (earlier.execution_count or 0):
            return (
                f"cell {later.number} ran before cell {earlier.number} above it "
                f"(In [{later.execution_count}] after In [{earlier.execution_count}])"
            )
    first, last = code.index(ran[0]), code.index(ran[-1])
    skipped = [cell for cell in code[first : last + 1] if cell.execution_count is None]
    if skipped:
        return f"cell {skipped[0].number} was never run, between cells that were"
    if not any(cell.outputs for cell in code):
        return "saved with no outputs, so its results cannot be checked"
    return None


def redacted(secret: str) -> str:
    """Enough to find the line again and nothing to use: its first characters and its length."""
    shown = secret[:4] if len(secret) >= 12 else secret[:1]
    return f"{shown}…, {len(secret)} characters long"


def _credentials_in(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line number, kind, secret) for each credential detect-secrets' detectors find in the lines."""
    if not lines:
        return []
    # Imported here: 110 ms to import, paid only once some line looks suspect.
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import transient_settings

    with transient_settings(_SETTINGS):
        return [
            (number, found.type, found.secret_value or "")
            for number, line in lines
            for found in scan_line(line)
        ]


_SETTINGS: dict[str, Any] = {"plugins_used": [{"name": name} for name in CREDENTIAL_DETECTORS]}


def _version_file(name: str, text: str) -> str | None:
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    if name == ".tool-versions":
        line = next((line for line in text.splitlines() if line.startswith("python ")), "")
        first = line.removeprefix("python ").strip()
    elif name == "runtime.txt":
        first = first.removeprefix("python-")
    return first[:40] if re.match(r"^\d+(\.\d+)*", first) else None


def _is_declared(package: str, declared: set[str]) -> bool:
    names = {distribution(package), *DISTRIBUTIONS_OF_IMPORT.get(package, ())}
    if names & declared:
        return True
    return any(carrier in declared for carrier in BUNDLED.get(package, ()))


def _is_data_path(value: str) -> bool:
    lowered = value.lower()
    if "://" in value or "\n" in value or len(value) > 200 or "{" in value:
        return False
    if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return False  # absolute: a machine path, reported as such when it is someone's home
    return lowered.endswith(DATA_SUFFIXES)


def _occurrences(items: list[Occurrence], cap: int) -> Occurrences:
    return Occurrences(count=len(items), items=items[:cap])
