"""Small real programs for the near-copy tests: a training script, the ways a copier disguises it,
independent code of the same field, and boilerplate every command-line script shares."""

from __future__ import annotations

import ast
import re

TRAINING = '''"""Train a churn model."""

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split


def load(path):
    # read and clean
    frame = pd.read_csv(path)
    frame = frame.dropna()
    frame["tenure_years"] = frame["tenure_days"] / 365
    return frame


def split(frame, target="churned"):
    features = frame.drop(columns=[target])
    labels = frame[target]
    return train_test_split(features, labels, test_size=0.2, random_state=42)


def train(features, labels):
    model = RandomForestClassifier(n_estimators=100, random_state=42)
    model.fit(features, labels)
    return model


def report(model, features, labels):
    predictions = model.predict(features)
    accuracy = (predictions == labels).mean()
    print("accuracy", accuracy)
    return accuracy


if __name__ == "__main__":
    frame = load("customers.csv")
    x_train, x_test, y_train, y_test = split(frame)
    model = train(x_train, y_train)
    report(model, x_test, y_test)
'''

RENAMES = {"frame": "df", "features": "X", "labels": "y", "model": "clf", "load": "read_data", "split": "cut"}
RENAMED = re.sub(r"\b(" + "|".join(RENAMES) + r")\b", lambda m: RENAMES[m.group()], TRAINING)
REFORMATTED = ast.unparse(ast.parse(TRAINING))  # another layout, no comments
COMMENTS_CHANGED = TRAINING.replace("# read and clean", "# my own comment\n    # on two lines").replace(
    '"""Train a churn model."""', '"""My churn project, written for the course."""'
)
REORDERED = TRAINING.replace(TRAINING[TRAINING.index("def split") : TRAINING.index("def train")], "").replace(
    "if __name__", TRAINING[TRAINING.index("def split") : TRAINING.index("def train")] + "if __name__"
)
BURIED = "\n\n".join(
    [
        "import numpy as np",
        *(
            f"def helper_{i}(values):\n    total = np.sum(values) * {i}\n    return total / len(values)\n"
            for i in range(3)
        ),
        TRAINING,
    ]
)

# Same field, same libraries, written independently: a forecasting script.
FORECAST = """import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor


def add_lags(sales, lags=(1, 2, 4)):
    grouped = sales.groupby("store")["units"]
    for lag in lags:
        sales[f"lag_{lag}"] = grouped.shift(lag)
    return sales.dropna()


def fit(train, columns):
    model = GradientBoostingRegressor(max_depth=3)
    model.fit(train[columns], train["units"])
    return model


def mape(actual, predicted):
    predicted = np.clip(predicted, 0, None)
    return float(np.mean(np.abs(actual - predicted) / actual))


for store, rows in pd.read_csv("sales.csv").groupby("store"):
    print(store, len(rows))
"""

BOILERPLATE = """import argparse


def main():
    parser = argparse.ArgumentParser(description="{what}")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", default="out.csv")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    run(options.input, options.output)


if __name__ == "__main__":
    main()
"""
