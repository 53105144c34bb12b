"""Data objectives (least squares, hinge, Keras Dense + MSE) and the seeded data sets."""

from __future__ import annotations

import dataclasses
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import DataObjective, datasets
from tests.engine.data_objectives import BUILDERS

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EPS = np.finfo(float).eps


OBJECTIVES = {name: build() for name, build in BUILDERS.items()}


def random_params(objective, n, seed):
    rng = np.random.default_rng(seed)
    lo = np.array([a for a, _ in objective.window])
    hi = np.array([b for _, b in objective.window])
    return rng.uniform(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo), size=(n, objective.dim))


def near_a_hinge_kink(objective, params, rows, distance=1e-4):
    """True for parameter points where some sample of ``rows`` sits (almost) on its kink."""
    if not objective.classifier:
        return np.zeros(len(params), dtype=bool)
    rows = np.arange(objective.n_samples) if rows is None else rows
    margins = objective.y[rows] * objective.outputs(params, objective.X[rows])
    scale = 1e-6 * (1.0 + np.abs(params).max(axis=1, keepdims=True)) * np.abs(objective.X[rows]).max()
    return (np.abs(margins - 1.0) < distance + 10 * scale).any(axis=1)


def central_differences(f, points):
    fd = np.empty_like(points)
    rounding = np.empty_like(points)
    for i in range(points.shape[1]):
        h = 1e-6 * np.maximum(1.0, np.abs(points[:, i]))
        up, down = points.copy(), points.copy()
        up[:, i] += h
        down[:, i] -= h
        width = up[:, i] - down[:, i]
        f_up, f_down = f(up), f(down)
        fd[:, i] = (f_up - f_down) / width
        rounding[:, i] = 8 * EPS * (np.abs(f_up) + np.abs(f_down)) / width
    return fd, rounding


@pytest.mark.parametrize("name", OBJECTIVES)
@SETTINGS
@given(seed=st.integers(0, 2 ** 32 - 1), batch=st.integers(1, 12), replace=st.booleans())
def test_minibatch_gradient_matches_central_differences_of_the_minibatch_loss(name, seed, batch, replace):
    objective = OBJECTIVES[name]
    rng = np.random.default_rng(seed)
    n = objective.n_samples
    rows = rng.integers(0, n, size=batch) if replace else rng.permutation(n)[: min(batch, n)]
    params = random_params(objective, 6, seed)
    params = params[~near_a_hinge_kink(objective, params, rows)]
    exact = objective.grad(params, rows=rows)
    fd, rounding = central_differences(lambda p: objective.loss(p, rows=rows), params)
    tolerance = 1e-6 * (1.0 + np.abs(exact).max(axis=1, keepdims=True)) + rounding
    np.testing.assert_array_less(np.abs(exact - fd), tolerance)


@pytest.mark.parametrize("name", OBJECTIVES)
def test_full_batch_and_per_sample_consistency(name):
    objective = OBJECTIVES[name]
    params = random_params(objective, 9, seed=7)
    n = objective.n_samples
    everything = np.arange(n)
    np.testing.assert_allclose(objective.grad(params, rows=everything), objective.grad(params), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(objective.grad(params, rows=None), objective.grad(params), rtol=0, atol=0)
    np.testing.assert_allclose(objective.loss(params, rows=everything), objective.value(params), rtol=1e-12)
    # A mini-batch is the plain mean of its samples, duplicates counted twice.
    rows = np.array([0, n - 1, 0] if n > 1 else [0, 0])
    per_sample = np.mean([objective.grad(params, rows=[r]) for r in rows], axis=0)
    np.testing.assert_allclose(objective.grad(params, rows=rows), per_sample, rtol=1e-12, atol=1e-14)
    per_sample_loss = np.mean([objective.loss(params, rows=[r]) for r in rows], axis=0)
    np.testing.assert_allclose(objective.loss(params, rows=rows), per_sample_loss, rtol=1e-12)


@pytest.mark.parametrize("name", OBJECTIVES)
def test_vectorized_over_points(name):
    objective = OBJECTIVES[name]
    params = random_params(objective, 12, seed=8)
    rows = np.array([1 % objective.n_samples, 0])
    # A batch of runs must equal the same runs done one at a time, bit for bit.
    for r in (rows, None):
        np.testing.assert_array_equal(objective.grad(params, rows=r), [objective.grad(p[None], rows=r)[0] for p in params])
        np.testing.assert_array_equal(objective.loss(params, rows=r), [objective.loss(p[None], rows=r)[0] for p in params])
    plane = params.reshape(3, 4, -1)
    assert objective.value(plane).shape == (3, 4)
    assert objective.grad(plane, rows=rows).shape == plane.shape
    np.testing.assert_allclose(objective.value(plane).ravel(), objective.value(params), rtol=1e-13)
    assert objective.value(params[0]).shape == ()


@pytest.mark.parametrize("name", OBJECTIVES)
def test_objective_metadata(name):
    objective = OBJECTIVES[name]
    assert isinstance(objective, DataObjective) and isinstance(objective, surfaces.Surface)
    assert objective.n_samples == len(objective.X) == len(objective.y) >= 1
    assert len(objective.window) == objective.dim and all(lo < hi for lo, hi in objective.window)
    inside = lambda p: all(lo <= c <= hi for c, (lo, hi) in zip(p, objective.window))  # noqa: E731
    assert objective.starts and all(len(s) == objective.dim and inside(s) for s in objective.starts)
    assert all(inside(p.location) for p in objective.critical_points)
    for text in (objective.title, objective.description):
        assert text["en"].strip() and text["ko"].strip()
    assert objective.name not in surfaces.names()
    if objective.dim == 2:
        xs, ys, values = objective.grid(20)
        assert values.shape == (20, 20) and np.isfinite(values).all()
    else:
        with pytest.raises(ValueError, match="grid"):
            objective.grid(20)


@pytest.mark.parametrize("name", OBJECTIVES)
def test_listed_minimum_is_a_minimum(name):
    objective = OBJECTIVES[name]
    (best,) = objective.critical_points
    assert best.kind == "global minimum"
    here = np.array(best.location)
    assert objective.value(here) == pytest.approx(best.value, abs=1e-12)
    if name != "hinge_noisy":  # at a kink of non-separable data the chosen subgradient need not vanish
        assert np.abs(objective.grad(here)).max() < 1e-10
    around = objective.value(random_params(objective, 2000, seed=9))
    assert around.min() >= best.value - 1e-12


@pytest.mark.parametrize("name", OBJECTIVES)
def test_bad_rows_are_rejected(name):
    objective = OBJECTIVES[name]
    p = np.zeros(objective.dim)
    n = objective.n_samples
    for rows, message in [([], "non-empty"), ([[0]], "1-D"), ([0.5], "integer"), ([n], "lie in"), ([-1], "lie in"),
                          (np.array([True] * n), "integer")]:
        with pytest.raises(ValueError, match=message):
            objective.grad(p, rows=rows)
        with pytest.raises(ValueError, match=message):
            objective.loss(p, rows=rows)
    with pytest.raises(ValueError, match="coordinate"):
        objective.grad(np.zeros(objective.dim + 1))


@pytest.mark.parametrize("name", OBJECTIVES)
def test_non_finite_parameters_do_not_raise(name):
    objective = OBJECTIVES[name]
    p = np.zeros((4, objective.dim))
    p[0, 0], p[1, -1], p[2, :] = np.inf, np.nan, 1e300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = objective.value(p)
        grads = objective.grad(p, rows=[0])
        objective.predict(p)
    assert values.shape == (4,) and grads.shape == p.shape
    assert np.isfinite(values[3]) and np.isfinite(grads[3]).all()
    assert not np.isfinite(grads[1]).all()


# -- least squares ------------------------------------------------------------------------

def test_least_squares_minimum_is_lstsq():
    X, y = datasets.regression(n=60, seed=11, noise=0.8, slope=[0.7, -1.3])
    objective = surfaces.least_squares(X, y)
    Z = np.hstack([X, np.ones((len(X), 1))])
    solution, *_ = np.linalg.lstsq(Z, y, rcond=None)
    (best,) = objective.critical_points
    np.testing.assert_allclose(best.location, solution, rtol=1e-12, atol=1e-12)
    assert best.value == pytest.approx(np.mean((Z @ solution - y) ** 2), rel=1e-12)
    assert objective.dim == 3
    np.testing.assert_allclose(objective.predict(solution, X), Z @ solution, rtol=1e-12)
    np.testing.assert_allclose(objective.predict(np.stack([solution] * 2)), np.stack([Z @ solution] * 2))


def test_least_squares_window_shows_the_valley():
    X, y = datasets.regression(n=50, seed=0)
    objective = surfaces.least_squares(X, y)
    assert objective.dim == 2 and objective.start == (0.0, 0.0)
    (best,) = objective.critical_points
    for (lo, hi), c in zip(objective.window, best.location):
        assert lo < c < hi and abs((lo + hi) / 2 - c) < 1e-9 * (hi - lo)  # centred on the optimum
        assert lo <= 0.0 <= hi
    # The window is wide enough that the loss at its edges is well above the minimum.
    xs, ys, values = objective.grid(50)
    assert values.max() > best.value + 2 * (objective.value([0.0, 0.0]) - best.value)


def test_least_squares_hand_written_gradient():
    X, y = datasets.regression(n=10, seed=12)
    objective = surfaces.least_squares(X, y)
    w, b = 0.3, -0.7
    rows = np.array([2, 5, 5, 9])
    r = w * X[rows, 0] + b - y[rows]
    expected = [2 * np.mean(r * X[rows, 0]), 2 * np.mean(r)]
    np.testing.assert_allclose(objective.grad([w, b], rows=rows), expected, rtol=1e-13)
    assert objective.loss([w, b], rows=rows) == pytest.approx(np.mean(r ** 2), rel=1e-13)


def test_least_squares_with_one_output_dense_layer_is_the_same_objective():
    X, y = datasets.regression(n=20, seed=13, slope=[1.0, 2.0])
    ls, dense = surfaces.least_squares(X, y), surfaces.dense_mse(X, y[:, None])
    params = random_params(ls, 10, seed=14)
    np.testing.assert_allclose(ls.value(params), dense.value(params), rtol=1e-13)
    np.testing.assert_allclose(ls.grad(params, rows=[3, 4]), dense.grad(params, rows=[3, 4]), rtol=1e-13)


def test_large_grids_are_chunked_without_changing_values():
    X, y = datasets.regression(n=1500, seed=15)
    objective = surfaces.least_squares(X, y)
    xs, ys, values = objective.grid(40)  # 1600 points x 1500 samples: computed in chunks
    w, b = np.meshgrid(xs, ys)
    direct = np.array([np.mean((wi * X[:, 0] + bi - y) ** 2) for wi, bi in zip(w.ravel(), b.ravel())])
    np.testing.assert_allclose(values.ravel(), direct, rtol=1e-12)


# -- Keras Dense + MSE ----------------------------------------------------------------------

def keras_style_mse(inputs, targets, kernel, bias):
    """The loss written out as Keras computes it, with explicit loops."""
    n, n_out = targets.shape
    total = 0.0
    for i in range(n):
        for j in range(n_out):
            out = sum(inputs[i][k] * kernel[k][j] for k in range(len(inputs[i]))) + bias[j]
            total += (out - targets[i][j]) ** 2
    return total / (n * n_out)


def test_dense_keras_tutorial_first_loss_and_first_step():
    inputs, targets, start = datasets.keras_dense_example()
    layer = surfaces.dense_mse(inputs, targets, starts=[start])
    assert layer.dim == 6 and layer.n_samples == 1 and layer.start == tuple(start)
    assert round(float(layer.value(start)), 4) == 1.0738
    kernel = np.array(datasets.KERAS_TUTORIAL_KERNEL).reshape(1, 3)
    assert layer.value(start) == pytest.approx(keras_style_mse(inputs, targets, kernel, np.zeros(3)), rel=1e-14)
    # model.fit(..., epochs=100) with Keras' SGD (learning rate 0.01) printed 1.0738, 1.0453, 1.0176, ...
    after = start - 0.01 * layer.grad(start)
    assert round(float(layer.value(after)), 4) == 1.0453
    after = after - 0.01 * layer.grad(after)
    assert round(float(layer.value(after)), 4) == 1.0176  # "Epoch 3/100 ... loss: 1.0176"
    np.testing.assert_allclose(layer.outputs(start), [[-0.5095548, -0.7187625, 0.08668923]], rtol=1e-15)
    assert layer.outputs(np.stack([start] * 5)).shape == (5, 1, 3)


def test_dense_parameters_are_kernel_row_major_then_bias():
    rng = np.random.default_rng(16)
    inputs, targets = rng.normal(size=(4, 2)), rng.normal(size=(4, 3))
    layer = surfaces.dense_mse(inputs, targets)
    kernel, bias = rng.normal(size=(2, 3)), rng.normal(size=3)
    params = np.concatenate([kernel.ravel(), bias])
    np.testing.assert_allclose(layer.outputs(params), inputs @ kernel + bias, rtol=1e-14)
    assert layer.value(params) == pytest.approx(keras_style_mse(inputs, targets, kernel, bias), rel=1e-13)
    no_bias = surfaces.dense_mse(inputs, targets, use_bias=False)
    assert no_bias.dim == 6
    assert no_bias.value(kernel.ravel()) == pytest.approx(keras_style_mse(inputs, targets, kernel, np.zeros(3)))
    new_inputs = rng.normal(size=(7, 2))
    np.testing.assert_allclose(layer.predict(params, new_inputs), new_inputs @ kernel + bias, rtol=1e-14)


# -- hinge ----------------------------------------------------------------------------------

def test_hinge_loss_gradient_and_kink_convention():
    X = np.array([[1.0, 0.0], [0.0, 2.0]])
    y = np.array([1.0, -1.0])
    objective = surfaces.hinge(X, y)
    # margins: w1 for sample 0, -2 w2 for sample 1
    assert objective.value([0.0, 0.0]) == 1.0
    assert objective.value([0.5, 1.0]) == pytest.approx((0.5 + 3.0) / 2)
    np.testing.assert_allclose(objective.grad([0.5, 1.0]), [-0.5, 1.0])
    np.testing.assert_array_equal(objective.grad([1.0, -0.5]), [0.0, 0.0])  # both exactly on the kink: 0
    np.testing.assert_array_equal(objective.grad([1.0 - 1e-9, -0.5]), [-0.5, 0.0])
    np.testing.assert_array_equal(objective.predict([[1.0, 1.0]], [[2.0, 1.0], [0.0, -3.0], [1.0, -1.0]]),
                                  [[1.0, -1.0, 1.0]])
    np.testing.assert_allclose(objective.outputs([[1.0, 1.0]], [[2.0, 1.0]]), [[3.0]])


def test_hinge_minimum_on_separable_data_is_the_max_margin_classifier():
    X, y = datasets.classification(n=40, seed=17, margin=0.4)
    objective = surfaces.hinge(X, y)
    (best,) = objective.critical_points
    w = np.array(best.location)
    margins = y * (X @ w)
    assert best.value == pytest.approx(0.0, abs=1e-12) and margins.min() == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_array_equal(objective.predict(w), y)
    # No shorter w separates the data with margins >= 1 (checked on a fine polar grid).
    angles = np.linspace(0, 2 * np.pi, 20000, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    scores = (y[:, None] * (X @ directions.T)).min(axis=0)
    shortest = (1.0 / scores[scores > 0]).min()
    assert shortest * (1 - 1e-3) <= np.linalg.norm(w) <= shortest + 1e-9  # the grid is only ~3e-4 fine


def test_hinge_minimum_on_overlapping_data_beats_a_fine_grid():
    objective = OBJECTIVES["hinge_noisy"]
    (best,) = objective.critical_points
    xs, ys, values = objective.grid(400)
    assert best.value <= values.min() + 1e-12
    assert best.value > 0


# -- data sets ------------------------------------------------------------------------------

def test_generators_are_deterministic_per_seed():
    for make in (datasets.regression, datasets.classification):
        a, b, c = make(seed=3), make(seed=3), make(seed=4)
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])
        assert not np.array_equal(a[0], c[0])


def test_regression_data():
    X, y = datasets.regression(n=200, noise=0.0, seed=1, slope=[1.5, -2.0], intercept=0.25, x_range=(0, 2))
    assert X.shape == (200, 2) and y.shape == (200,)
    assert X.min() >= 0 and X.max() <= 2
    np.testing.assert_allclose(y, X @ [1.5, -2.0] + 0.25, rtol=1e-14)
    X1, y1 = datasets.regression(n=1)
    assert X1.shape == (1, 1) and y1.shape == (1,)


def test_classification_data_is_balanced_and_separable_with_the_margin():
    X, y = datasets.classification(n=51, seed=2, margin=0.7, angle=120.0)
    assert X.shape == (51, 2) and set(np.unique(y)) == {-1.0, 1.0}
    assert abs((y == 1).sum() - (y == -1).sum()) <= 1
    normal = np.array([np.cos(np.radians(120.0)), np.sin(np.radians(120.0))])
    assert (y * (X @ normal)).min() >= 0.7 - 1e-12
    Xn, yn = datasets.classification(n=200, seed=2, margin=0.0, noise=1.5)
    assert (yn * (Xn @ [np.cos(np.radians(30)), np.sin(np.radians(30))])).min() < 0  # noise makes them overlap


@pytest.mark.parametrize("call, message", [
    (lambda: datasets.regression(n=0), "n must be"),
    (lambda: datasets.regression(n=2.5), "n must be"),
    (lambda: datasets.regression(n=True), "n must be"),
    (lambda: datasets.regression(noise=-1.0), "noise"),
    (lambda: datasets.regression(noise=float("nan")), "noise"),
    (lambda: datasets.regression(seed=-1), "seed"),
    (lambda: datasets.regression(slope=[]), "slope"),
    (lambda: datasets.regression(slope=[1.0, float("inf")]), "slope"),
    (lambda: datasets.regression(x_range=(2, 1)), "x_range"),
    (lambda: datasets.regression(intercept=[1.0, 2.0]), "intercept"),
    (lambda: datasets.classification(n=-3), "n must be"),
    (lambda: datasets.classification(margin=-0.1), "margin"),
    (lambda: datasets.classification(seed=1.5), "seed"),
    (lambda: surfaces.least_squares([], []), "at least one"),
    (lambda: surfaces.least_squares([[1.0], [2.0]], [1.0]), "shape"),
    (lambda: surfaces.least_squares([[1.0], [np.nan]], [1.0, 2.0]), "finite"),
    (lambda: surfaces.least_squares([[1.0], [2.0]], [1.0, np.inf]), "finite"),
    (lambda: surfaces.least_squares(np.zeros((2, 2, 2)), [1.0, 2.0]), "1-D or 2-D"),
    (lambda: surfaces.least_squares([["a"], ["b"]], [1.0, 2.0]), "numeric"),
    (lambda: surfaces.least_squares([[1.0], [2.0]], [1.0, 2.0], starts=[[0.0]]), "starts"),
    (lambda: surfaces.hinge([[1.0, 2.0]], [0.0]), "-1 or \\+1"),
    (lambda: surfaces.hinge([[1.0, 2.0, 3.0]], [1.0]), "2 column"),
    (lambda: surfaces.hinge([[1.0, 2.0]], [1.0, -1.0]), "shape"),
    (lambda: surfaces.dense_mse([[1.0]], [[0.0, 1.0], [1.0, 0.0]]), "same number"),
    (lambda: surfaces.dense_mse(np.zeros((0, 1)), np.zeros((0, 3))), "at least one"),
    (lambda: surfaces.dense_mse([[1.0]], [[0.0, np.nan, 0.0]]), "finite"),
    (lambda: surfaces.dense_mse([[1.0]], [[0.0, 1.0, 0.0]], starts=np.zeros(5)), "starts"),
])
def test_bad_inputs_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_predict_checks_its_inputs():
    objective = OBJECTIVES["least_squares_3"]
    with pytest.raises(ValueError, match="inputs"):
        objective.predict(np.zeros(4), np.zeros((2, 2)))
    assert objective.predict(np.zeros(4), np.ones((2, 3))).shape == (2,)
    one = OBJECTIVES["least_squares_1"]
    assert one.predict([2.0, 1.0], [0.0, 1.0, 2.0]).tolist() == [1.0, 3.0, 5.0]  # 1-D inputs mean one feature


@pytest.mark.parametrize("name", OBJECTIVES)
def test_objectives_pickle_as_their_recipe(name):
    objective = OBJECTIVES[name]
    again = pickle.loads(pickle.dumps(objective))
    assert type(again) is DataObjective and again.name == objective.name and again.dim == objective.dim
    assert again.window == objective.window and again.starts == objective.starts
    assert again.critical_points == objective.critical_points and again.n_samples == objective.n_samples
    params = random_params(objective, 5, seed=18)
    np.testing.assert_array_equal(again.grad(params, rows=[0]), objective.grad(params, rows=[0]))
    moved = dataclasses.replace(objective, starts=(tuple(params[0]),))
    assert pickle.loads(pickle.dumps(moved)).starts == moved.starts


def test_degenerate_data_still_gives_a_usable_window():
    flat = surfaces.least_squares([[0.0], [0.0]], [0.0, 0.0])  # every parameter pair fits perfectly
    assert all(hi - lo > 0.1 for lo, hi in flat.window)
    blank = surfaces.hinge([[0.0, 0.0]], [1.0])  # the loss is 1 everywhere
    assert blank.window == ((-1.0, 1.0), (-1.0, 1.0)) and blank.global_minimum == 1.0
    with pytest.raises(ValueError, match="within"):
        surfaces.least_squares([[1e200], [2e200]], [1.0, 2.0])
