"""The data objectives that the data-objective tests (test_surfaces_data.py, test_hessians.py) both check: generated
data, Keras's Dense example, and a student's data read through surfaces.tabular (bundled tables and an upload)."""

from __future__ import annotations

import numpy as np

import surfaces
from surfaces import datasets, tabular


def _random_dense(n=7, n_in=2, n_out=3, use_bias=True):
    rng = np.random.default_rng(5)
    return surfaces.dense_mse(rng.normal(size=(n, n_in)), rng.normal(size=(n, n_out)), use_bias=use_bias)


def _from_table(name, feature, target, task, positive, standardise):
    data = tabular.prepare(tabular.bundled(name), feature, target, task, positive, standardise)
    return (surfaces.least_squares if task == "regression" else surfaces.logistic)(data.X, data.y)


# An upload as a student's spreadsheet writes it: semicolons, decimal commas, a byte-order mark.
UPLOAD = b"\xef\xbb\xbfhours;passed;score\n" + "\n".join(
    f"{0.2 * i:.1f};{int((i * 7) % 11 > 4 + i // 8)};{40 + 3 * i + (i * 5) % 7}".replace(".", ",")
    for i in range(30)).encode()


def _from_upload(task):
    table = tabular.read_csv(UPLOAD, name="upload.csv")
    if task == "regression":
        data = tabular.prepare(table, "hours", "score", task, standardise=False)
        return surfaces.least_squares(data.X, data.y)
    data = tabular.prepare(table, "hours", "passed", task, positive="1")
    return surfaces.logistic(data.X, data.y)


def _random_logistic(n=40, f=3):
    """Overlapping classes on three features: a finite minimum."""
    rng = np.random.default_rng(8)
    X = rng.normal(size=(n, f))
    y = (X @ np.array([1.0, -0.5, 0.3]) + rng.normal(size=n) > 0).astype(float)
    return surfaces.logistic(X, y)


BUILDERS = {
    "least_squares_1": lambda: surfaces.least_squares(*datasets.regression(n=40, seed=1)),
    "least_squares_3": lambda: surfaces.least_squares(*datasets.regression(n=30, seed=2, slope=[1.0, -2.0, 0.5])),
    "hinge_separable": lambda: surfaces.hinge(*datasets.classification(n=30, seed=3)),
    "hinge_noisy": lambda: surfaces.hinge(*datasets.classification(n=30, seed=4, margin=0.0, noise=1.0)),
    "dense_keras": lambda: surfaces.dense_mse(*datasets.keras_dense_example()[:2]),
    "dense_random": _random_dense,
    "dense_no_bias": lambda: _random_dense(use_bias=False),
    # a student's data: bundled tables read through surfaces.tabular, as the page reads an upload
    "least_squares_tips": lambda: _from_table("tips", "total_bill", "tip", "regression", None, False),
    "logistic_iris": lambda: _from_table("iris", "petal_length", "species", "classification", "virginica", True),
    "logistic_3": lambda: _random_logistic(),
    "logistic_upload": lambda: _from_upload("classification"),
    "least_squares_upload": lambda: _from_upload("regression"),
}
