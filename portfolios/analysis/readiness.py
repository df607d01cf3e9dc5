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
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from portfolios.analysis.definitions import ModuleScan
from portfolios.analysis.dependencies import distribution
from portfolios.analysis.notebooks import Cell
from portfolios.analysis.report import DependencyFile, Occurrence, Occurrences, ReadinessReport

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
        self._scan_credentials(path, text)

    def add_python(self, path: str, data: bytes, scan: ModuleScan) -> None:
        self._imports(path, scan)
        self._machine_paths(path, data)
        if not DATA_LIBRARIES.isdisjoint(scan.imports):
            self._data_reads(path, path, data)
        if self.credentials_checked:
            self._scan_credentials(path, data.decode("utf-8", "replace"))

    def add_notebook(self, path: str, cells: Sequence[Cell], scans: Iterable[tuple[str, ModuleScan]]) -> None:
        """`scans`: each parsed code cell's location ("eda.ipynb[cell 3]") and scan."""
        reads_data = False
        for location, scan in scans:
            self._imports(location, scan)
            reads_data = reads_data or not DATA_LIBRARIES.isdisjoint(scan.imports)
        for cell in cells:
            if cell.kind == "code":
                location, code = f"{path}[cell {cell.number}]", cell.source.encode()
                self._machine_paths(location, code)
                if reads_data:  # cells share one namespace: an import in any cell serves them all
                    self._data_reads(location, path, code)
                self._scan_credentials(location, cell.source)
        problem = run_order_problem(cells)
        if problem != "no code":
            self.notebooks_checked += 1
            if problem is None:
                self.notebooks_in_order += 1
            else:
                self._add("notebook_problems", path, problem)

    def _scan_credentials(self, location: str, text: str) -> None:
        if not self.credentials_checked or not CREDENTIAL_HINTS.search(text):
            return
        suspects = [
            (number, line)
            for number, line in enumerate(text.splitlines(), start=1)
            if len(line) <= MAX_CREDENTIAL_LINE and CREDENTIAL_HINTS.search(line)
        ]
        for number, kind, secret in _credentials_in(suspects):
            self._add("credentials", f"{location}:{number}", f"{kind}, {redacted(secret)}")

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

    def _imports(self, location: str, scan: ModuleScan) -> None:
        for package, line in scan.imports.items():
            self.imports.setdefault(package, (location, line))

    def _machine_paths(self, location: str, data: bytes) -> None:
        if not (
            b"/home/" in data or b"Users" in data
        ):  # no such path then (XP's "Documents and Settings" aside)
            return
        for match in MACHINE_PATH.finditer(data):
            line = data.count(b"\n", 0, match.start()) + 1
            self._add("machine_paths", f"{location}:{line}", match["path"].decode("utf-8", "replace"))

    def _data_reads(self, location: str, file_path: str, code: bytes) -> None:
        """Reader calls whose first argument is a string: read from the text, as a tree walk of
        every file importing pandas would cost more than the rest of this module together."""
        folder = posixpath.dirname(file_path)
        for match in DATA_READ.finditer(code):
            path = match["path"].decode("utf-8", "replace")
            if _is_data_path(path):
                line = code.count(b"\n", 0, match.start()) + 1
                self.reads.append((f"{location}:{line}", folder, path))

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

    def _add(self, name: str, location: str, detail: str) -> None:
        found = self.found[name]
        items = (
            found.items
            if len(found.items) >= self.max_evidence
            else [*found.items, Occurrence(location=location, detail=detail)]
        )
        self.found[name] = Occurrences(count=found.count + 1, items=items)


def run_order_problem(cells: Sequence[Cell]) -> str | None:
    """Why the notebook did not run top to bottom as saved, in words; None when it did; "no code"."""
    code = [cell for cell in cells if cell.kind == "code" and cell.source.strip()]
    if not code:
        return "no code"
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
