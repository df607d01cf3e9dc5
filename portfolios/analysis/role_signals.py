"""Role signals: weighted evidence of data-science work versus ML-engineering work.

Each signal counts once toward its role's weight however often it appears (ten files importing
pandas are one signal), with its occurrences as capped evidence. The intake's title-mismatch
check consumes these lists.
"""

from __future__ import annotations

import re

from portfolios.analysis.report import RoleSignals, Signal, locate

MAX_SIGNAL_EVIDENCE = 5
DATA_SCIENCE_IMPORTS = {
    "pandas": 1.0, "numpy": 0.5, "scipy": 1.0, "statsmodels": 2.0, "sklearn": 2.0, "seaborn": 1.0,
    "matplotlib": 0.5, "plotly": 0.5, "xgboost": 2.0, "lightgbm": 2.0, "catboost": 2.0, "torch": 1.0,
    "tensorflow": 1.0, "keras": 1.0, "pymc": 2.0, "prophet": 2.0, "nltk": 1.0, "spacy": 1.0,
}  # fmt: skip
ML_ENGINEERING_IMPORTS = {
    "fastapi": 2.0, "flask": 1.0, "bentoml": 3.0, "kserve": 3.0, "seldon_core": 3.0, "tritonclient": 3.0,
    "onnxruntime": 2.0, "airflow": 3.0, "prefect": 3.0, "dagster": 3.0, "kfp": 3.0, "luigi": 2.0,
    "metaflow": 3.0, "zenml": 3.0, "mlflow": 3.0, "dvc": 2.0, "feast": 3.0, "ray": 2.0, "kubernetes": 2.0,
}  # fmt: skip
NOTEBOOK_WEIGHT = 2.0
# Files whose name alone is a signal, matched against the whole name (path searches cost ~8x).
NAME_SIGNALS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("Dockerfile", re.compile(r"Dockerfile|.*\.Dockerfile|Containerfile"), 2.0),
    ("docker compose", re.compile(r"(docker-)?compose\.ya?ml"), 1.0),
    ("Terraform", re.compile(r".*\.tf"), 2.0),
    ("Helm chart", re.compile(r"Chart\.yaml"), 2.0),
    ("MLflow project", re.compile(r"MLproject"), 3.0),
    ("DVC pipeline", re.compile(r"dvc\.yaml"), 2.0),
)
# All of them as one pattern: a name that matches none (nearly every name) costs one test.
ANY_NAME_SIGNAL = re.compile("|".join(pattern.pattern for _, pattern, _ in NAME_SIGNALS))
CI_WEIGHT = 1.0
KUBERNETES_WEIGHT = 2.0
KUBERNETES_API = re.compile(r"^apiVersion:", re.M)
KUBERNETES_KIND = re.compile(
    r"^kind:\s*(Deployment|Service|Job|CronJob|Pod|StatefulSet|InferenceService)\b", re.M
)


class RoleTally:
    def __init__(self) -> None:
        self.signals: dict[tuple[str, str], tuple[float, list[str], int]] = {}

    def _found(self, role: str, signal: str, weight: float, where: str) -> None:
        _, evidence, count = self.signals.get((role, signal), (weight, [], 0))
        if len(evidence) < MAX_SIGNAL_EVIDENCE:
            evidence.append(where)
        self.signals[(role, signal)] = (weight, evidence, count + 1)

    def add_imports(self, path: str, imports: list[tuple[int | None, str, int]]) -> None:
        """One file's imports: (notebook cell or None, top-level package, first line importing it)."""
        for cell, package, line in imports:
            if package in DATA_SCIENCE_IMPORTS:
                weight, role = DATA_SCIENCE_IMPORTS[package], "data_science"
            elif package in ML_ENGINEERING_IMPORTS:
                weight, role = ML_ENGINEERING_IMPORTS[package], "ml_engineering"
            else:
                continue
            self._found(role, f"imports {package}", weight, f"{locate(path, cell)}:{line}")

    def add_notebook(self, path: str) -> None:
        self._found("data_science", "Jupyter notebooks", NOTEBOOK_WEIGHT, path)

    def observe_path(self, path: str, ci_system: str | None) -> None:
        name = path.rsplit("/", 1)[-1]
        if ANY_NAME_SIGNAL.fullmatch(name):
            for signal, pattern, weight in NAME_SIGNALS:
                if pattern.fullmatch(name):
                    self._found("ml_engineering", signal, weight, path)
        if ci_system:
            self._found("ml_engineering", f"CI ({ci_system})", CI_WEIGHT, path)

    def observe_meta(self, path: str, text: str) -> None:
        if path.endswith((".yml", ".yaml")) and KUBERNETES_KIND.search(text) and KUBERNETES_API.search(text):
            self._found("ml_engineering", "Kubernetes manifests", KUBERNETES_WEIGHT, path)

    def report(self) -> RoleSignals:
        roles: dict[str, list[Signal]] = {"data_science": [], "ml_engineering": []}
        for (role, signal), (weight, evidence, count) in sorted(self.signals.items()):
            roles[role].append(Signal(signal=signal, weight=weight, count=count, evidence=evidence))
        return RoleSignals(
            data_science=roles["data_science"],
            ml_engineering=roles["ml_engineering"],
            data_science_weight=sum(signal.weight for signal in roles["data_science"]),
            ml_engineering_weight=sum(signal.weight for signal in roles["ml_engineering"]),
        )
