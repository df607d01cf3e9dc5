"""Beyond the tutorial: toy datasets, default versus configured estimators, tuning, cross-validation."""

from __future__ import annotations

from .repos import DOCUMENTED_TYPED, NO_TESTS, NOTEBOOK_HEAVY, analyze_files


def test_a_copy_of_the_docs_example_shows_toy_data_and_default_estimators(tmp_path):
    tutorial = analyze_files(tmp_path, NO_TESTS).tutorial

    assert [item.model_dump() for item in tutorial.toy_datasets.items] == [
        {"location": "script.py:6", "detail": "load_iris(...)"}
    ]
    assert [item.location for item in tutorial.default_estimators.items] == ["script.py:7"]
    assert (tutorial.tuning.count, tutorial.cross_validation.count) == (0, 0)


def test_tuned_and_cross_validated_work_is_recognised(tmp_path):
    tutorial = analyze_files(tmp_path, DOCUMENTED_TYPED).tutorial

    assert tutorial.configured_estimators.count == 2
    assert tutorial.default_estimators.count == 0
    assert [item.location for item in tutorial.tuning.items] == ["churn/model.py:19"]
    assert [item.location for item in tutorial.cross_validation.items] == ["churn/model.py:26"]


def test_random_state_alone_is_not_a_hyperparameter(tmp_path):
    source = "from sklearn.svm import SVC\nmodel = SVC(random_state=0, n_jobs=-1)\n"

    tutorial = analyze_files(tmp_path, {"train.py": source}).tutorial

    assert tutorial.default_estimators.count == 1


def test_toy_datasets_by_name_are_found_in_notebooks_and_csv_paths(tmp_path):
    files = NOTEBOOK_HEAVY | {
        "load.py": "import pandas as pd\nfrom sklearn.datasets import fetch_openml\n"
        "train = pd.read_csv('data/titanic/train_titanic.csv')\nX = fetch_openml('mnist_784')\n"
        "import tensorflow as tf\n(x, y), _ = tf.keras.datasets.mnist.load_data()\n"
    }

    tutorial = analyze_files(tmp_path, files).tutorial

    assert sorted(item.location for item in tutorial.toy_datasets.items) == [
        "analysis.ipynb[cell 2]:1",
        "load.py:3",
        "load.py:4",
        "load.py:6",
    ]


def test_tuning_libraries_count_as_tuning(tmp_path):
    source = "import optuna\n\nstudy = optuna.create_study()\n"

    tutorial = analyze_files(tmp_path, {"tune.py": source}).tutorial

    assert [item.detail for item in tutorial.tuning.items] == ["import optuna", "create_study(...)"]
