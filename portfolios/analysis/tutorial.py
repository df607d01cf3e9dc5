"""Beyond the tutorial: toy datasets, estimators left at their defaults or configured, tuning and
cross-validation, each with path:line evidence.

Only code that imports a data-science library is walked (an iterative `ast.walk`), so the rest of
a large repository costs nothing here.
"""

from __future__ import annotations

import ast

from portfolios.analysis.definitions import ModuleScan, call_name
from portfolios.analysis.report import FileFacts, Occurrence, Occurrences, TutorialReport, locate

ML_LIBRARIES = frozenset(
    {"sklearn", "xgboost", "lightgbm", "catboost", "optuna", "hyperopt", "pandas", "seaborn"}
    | {"tensorflow", "keras", "torchvision", "ray", "skopt", "keras_tuner"}
)
TOY_LOADERS = frozenset(
    {"load_iris", "load_digits", "load_wine", "load_breast_cancer", "load_boston", "load_diabetes"}
    | {"load_linnerud", "fetch_california_housing"}
)
TOY_NAMES = ("titanic", "iris", "mnist", "boston", "wine", "penguins", "tips", "fashion_mnist", "cifar10")
TUNERS = frozenset(
    {"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV", "BayesSearchCV"}
    | {"create_study", "fmin", "Tuner", "RandomSearch", "Hyperband", "BayesianOptimization"}
)
TUNING_IMPORTS = frozenset({"optuna", "hyperopt", "skopt", "keras_tuner"})
CROSS_VALIDATION = frozenset(
    {"cross_val_score", "cross_validate", "cross_val_predict", "KFold", "StratifiedKFold", "GroupKFold"}
    | {"TimeSeriesSplit", "RepeatedKFold", "RepeatedStratifiedKFold", "ShuffleSplit", "LeaveOneOut"}
)
ESTIMATOR_SUFFIXES = ("Classifier", "Regressor", "Regression", "SVC", "SVR", "NB")
ESTIMATORS = frozenset(
    {"KMeans", "MiniBatchKMeans", "DBSCAN", "PCA", "TSNE", "Ridge", "Lasso", "ElasticNet", "IsolationForest"}
    | {"GaussianMixture", "AgglomerativeClustering", "LinearDiscriminantAnalysis", "NMF", "TruncatedSVD"}
)
# Settings that make a run reproducible or faster, not hyperparameters a person thought about.
NOT_HYPERPARAMETERS = frozenset({"random_state", "n_jobs", "verbose", "verbosity", "seed"})
CATEGORIES = ("toy_datasets", "default_estimators", "configured_estimators", "tuning", "cross_validation")


def uses_ml_libraries(scan: ModuleScan) -> bool:
    return not ML_LIBRARIES.isdisjoint(scan.imports)


def findings(tree: ast.Module, scan: ModuleScan) -> list[tuple[str, int, str]]:
    """(category, line, detail) of each finding in a module (or notebook cell) importing an ML library."""
    found = [
        ("tuning", scan.imports[package], f"import {package}")
        for package in sorted(TUNING_IMPORTS.intersection(scan.imports))
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := call_name(node)):
            category = classify_call(name, node)
            if category:
                found.append((category, node.lineno, f"{name}(...)"))
    return found


class TutorialTally:
    def __init__(self, max_evidence: int) -> None:
        self.max_evidence = max_evidence
        self.findings: dict[str, list[Occurrence]] = {category: [] for category in CATEGORIES}
        self.counts = dict.fromkeys(CATEGORIES, 0)

    def add(self, path: str, facts: FileFacts) -> None:
        """One file's findings, as capped in its facts, with their full counts."""
        for category, count in facts.tutorial_counts.items():
            self.counts[category] += count
        for category, cell, line, detail in facts.tutorial:
            if len(self.findings[category]) < self.max_evidence:
                self.findings[category].append(
                    Occurrence(location=f"{locate(path, cell)}:{line}", detail=detail)
                )

    def report(self) -> TutorialReport:
        return TutorialReport(
            **{
                category: Occurrences(count=self.counts[category], items=self.findings[category])
                for category in CATEGORIES
            }
        )


def classify_call(name: str, node: ast.Call) -> str | None:
    if name in TOY_LOADERS or _names_toy_dataset(name, node):
        return "toy_datasets"
    if name in TUNERS:
        return "tuning"
    if name in CROSS_VALIDATION:
        return "cross_validation"
    if name in ESTIMATORS or (name[:1].isupper() and name.endswith(ESTIMATOR_SUFFIXES)):
        configured = node.args or any(keyword.arg not in NOT_HYPERPARAMETERS for keyword in node.keywords)
        return "configured_estimators" if configured else "default_estimators"
    return None


def _names_toy_dataset(name: str, node: ast.Call) -> bool:
    """`fetch_openml("mnist_784")`, `sns.load_dataset("titanic")`, `pd.read_csv("data/iris.csv")`."""
    if name == "load_data" and isinstance(node.func, ast.Attribute):
        return _is_toy_name(_dotted_names(node.func.value))  # keras.datasets.mnist.load_data()
    if name not in ("fetch_openml", "load_dataset", "read_csv"):
        return False
    texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    texts += [
        keyword.value.value
        for keyword in node.keywords
        if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
    ]
    return any(_is_toy_name(text.rsplit("/", 1)[-1]) for text in texts)


def _is_toy_name(text: str) -> bool:
    lowered = text.lower()
    return any(toy in lowered for toy in TOY_NAMES)


def _dotted_names(node: ast.expr) -> str:
    """The names of an attribute chain, walked iteratively (`ast.unparse` recurses)."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return ".".join(reversed(names))
