"""Role signals: weighted evidence for data-science versus ML-engineering work."""

from __future__ import annotations

from .repos import NOTEBOOK_HEAVY, analyze_files

ENGINEERING = {
    "Dockerfile": "FROM python:3.11\n",
    "infra/main.tf": 'resource "aws_s3_bucket" "models" {}\n',
    "deploy/service.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
    "chart/Chart.yaml": "apiVersion: v2\nname: api\n",
    "serve.py": "from fastapi import FastAPI\nimport mlflow\n\napp = FastAPI()\n",
    "dags/train.py": "from airflow import DAG\n",
    ".github/workflows/ci.yml": "on: push\n",
}


def signals(report, role):
    return {signal.signal: signal.evidence for signal in getattr(report.role_signals, role)}


def test_ml_engineering_evidence_is_listed_with_weights(tmp_path):
    report = analyze_files(tmp_path, ENGINEERING)

    found = signals(report, "ml_engineering")
    assert set(found) == {
        "Dockerfile",
        "Terraform",
        "Kubernetes manifests",
        "Helm chart",
        "imports fastapi",
        "imports mlflow",
        "imports airflow",
        "CI (GitHub Actions)",
    }
    assert found["imports mlflow"] == ["serve.py:2"]
    assert report.role_signals.ml_engineering_weight > report.role_signals.data_science_weight == 0


def test_notebooks_and_statistics_libraries_are_data_science_evidence(tmp_path):
    report = analyze_files(tmp_path, NOTEBOOK_HEAVY)

    found = signals(report, "data_science")
    assert found["Jupyter notebooks"] == ["analysis.ipynb", "exploration.ipynb"]
    assert {"imports pandas", "imports seaborn", "imports sklearn", "imports numpy"} <= set(found)
    assert report.role_signals.data_science_weight > report.role_signals.ml_engineering_weight
