"""Seed the two role families. Their vocabularies feed the intake's title-mismatch check.

The data is frozen here on purpose: recruiters edit the families afterwards, and later changes to
this file must not rewrite their work on existing deployments.
"""

from django.db import migrations

FAMILIES = [
    {
        "name": "Data Scientist",
        "slug": "data-scientist",
        "description": (
            "Turns data into decisions: designs experiments, builds statistical and machine-learning "
            "models, and explains the results, with their uncertainty, to the people who act on them."
        ),
        "default_responsibilities": [
            "Design and analyse experiments (A/B tests) that product teams rely on for decisions",
            "Build, validate and explain statistical and machine-learning models",
            "Explore new data sets and turn open questions into well-posed analyses",
            "Communicate findings and their uncertainty to non-specialist colleagues",
            "Write reproducible, reviewed analysis code in Python",
        ],
        "skill_vocabulary": {
            "statistics": ["statistical inference", "probability", "Bayesian statistics"],
            "hypothesis testing": ["A/B testing", "significance testing", "t-test"],
            "regression": ["linear regression", "logistic regression", "GLM"],
            "exploratory data analysis": ["EDA", "data exploration"],
            "experimentation": ["experiment design", "causal inference", "online experiments"],
            "notebooks": ["Jupyter", "JupyterLab", "ipynb"],
            "scikit-learn": ["sklearn"],
            "deep learning": ["neural networks", "PyTorch", "TensorFlow", "Keras"],
            "pandas": ["dataframes", "polars"],
            "SQL": ["queries", "data warehouse"],
            "data visualization": ["matplotlib", "seaborn", "plotly"],
        },
    },
    {
        "name": "Machine Learning Engineer",
        "slug": "machine-learning-engineer",
        "description": (
            "Takes models from notebook to production: builds the pipelines, services and monitoring "
            "that keep machine-learning systems reliable, fast and affordable."
        ),
        "default_responsibilities": [
            "Build and maintain training and data pipelines that run reliably on schedule",
            "Serve models in production behind well-tested, observable APIs",
            "Automate testing and deployment of models with CI/CD",
            "Monitor models and data for drift, latency and failures, and respond when they occur",
            "Work with data scientists to turn prototypes into maintainable software",
        ],
        "skill_vocabulary": {
            "CI/CD": ["continuous integration", "continuous delivery", "GitHub Actions", "GitLab CI"],
            "DevOps": ["site reliability engineering", "SRE", "infrastructure"],
            "Terraform": ["infrastructure as code", "IaC"],
            "Docker": ["containers", "Dockerfile"],
            "Kubernetes": ["k8s", "Helm"],
            "pipelines": ["Airflow", "Kubeflow Pipelines", "Dagster", "Prefect", "data pipelines"],
            "model serving": ["inference", "TorchServe", "BentoML", "FastAPI", "Triton"],
            "monitoring": ["observability", "Prometheus", "Grafana", "drift detection"],
            "MLOps": ["MLflow", "model registry", "feature store"],
        },
    },
]


def seed_families(apps, schema_editor):
    role_family = apps.get_model("jobads", "RoleFamily")
    for family in FAMILIES:
        role_family.objects.get_or_create(slug=family["slug"], defaults=family)


def remove_families(apps, schema_editor):
    role_family = apps.get_model("jobads", "RoleFamily")
    role_family.objects.filter(slug__in=[f["slug"] for f in FAMILIES], ads__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("jobads", "0001_initial")]

    operations = [migrations.RunPython(seed_families, remove_families)]
