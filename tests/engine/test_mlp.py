"""The MLP objective (surfaces.mlp), the two-class shapes (datasets.moons/circles/spirals) and the planes
(surfaces.planes): gradients against finite differences, batched against one at a time, the planes' promises."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import optimizers
import surfaces
from surfaces import datasets, planes


def _net(task="classification", n=60, hidden=(16, 16), seed=0):
    X, y = datasets.moons(n=n, noise=0.2, seed=seed)
    if task == "regression":
        y = np.sin(3 * X[:, 0]) + X[:, 1]
    return surfaces.mlp(X, y, hidden=hidden, task=task)


def _fd_grad(f, p, h=1e-6):
    eye = np.eye(p.size)
    return np.array([(f(p + h * e) - f(p - h * e)) / (2 * h) for e in eye])


# -- data ------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", datasets.SHAPES)
def test_shapes_are_seeded_balanced_and_labelled_0_1(shape):
    X, y = datasets.shape(shape, n=101, noise=0.1, seed=4)
    again = datasets.shape(shape, n=101, noise=0.1, seed=4)
    other = datasets.shape(shape, n=101, noise=0.1, seed=5)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert np.array_equal(X, again[0]) and np.array_equal(y, again[1])
    assert not np.array_equal(X, other[0])
    assert set(np.unique(y)) == {0.0, 1.0} and int(y.sum()) in (50, 51)
    assert np.isfinite(X).all()


def test_noiseless_shapes_lie_on_their_curves():
    X, y = datasets.moons(n=40, noise=0.0)
    upper, lower = X[y == 0], X[y == 1] - np.array([1.0, 0.5])
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, atol=1e-12)  # unit half circles
    np.testing.assert_allclose(np.hypot(*lower.T), 1.0, atol=1e-12)
    assert (upper[:, 1] >= -1e-12).all() and (lower[:, 1] <= 1e-12).all()
    X, y = datasets.circles(n=40, noise=0.0, factor=0.3)
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.3, atol=1e-12)


@pytest.mark.parametrize("bad", [dict(n=0), dict(noise=-1.0), dict(seed=-1), dict(noise=float("nan"))])
def test_shapes_refuse_bad_arguments(bad):
    with pytest.raises(ValueError):
        datasets.moons(**bad)
    with pytest.raises(ValueError, match="Invalid data set"):
        datasets.shape("squares")


# -- the network -----------------------------------------------------------------------------
def test_layout_and_size():
    net = _net()
    assert net.layers == (2, 16, 16, 1)
    assert net.dim == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1 == 337
    theta = np.arange(net.dim, dtype=float)
    (W1, b1), (W2, b2), (W3, b3) = net.unpack(theta)
    assert W1.shape == (2, 16) and W1[0, 0] == 0 and W1[1, 0] == 16  # row-major (fan_in, fan_out)
    assert b1[0] == 32 and W2[0, 0] == 48 and b3[0] == 336
    assert [int(i) for i in net.neurons()[0]] == [0, 16]  # neuron 0 of layer 1: column 0 of W1
    assert len(net.neurons()) == 16 + 16 + 1 and net.biases().sum() == 33


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_value_is_the_mean_loss_of_a_plain_forward_pass(task):
    net = _net(task)
    theta = net.init(3) + 0.2 * np.random.default_rng(0).standard_normal(net.dim)
    (W1, b1), (W2, b2), (W3, b3) = net.unpack(theta)
    z = (np.tanh(np.tanh(net.X @ W1 + b1) @ W2 + b2) @ W3 + b3)[:, 0]
    t = net.y
    if task == "classification":
        p = 1 / (1 + np.exp(-z))
        expected = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
    else:
        expected = np.mean((z - t) ** 2)
    # The two differ only by rounding in a few dozen operations per sample.
    assert net.value(theta) == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(net.outputs(theta), z, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("hidden", [(16, 16), (5,), (4, 3, 2)])
def test_gradient_against_central_differences(task, hidden):
    net = _net(task, hidden=hidden)
    theta = net.init(1) + 0.3 * np.random.default_rng(2).standard_normal(net.dim)
    g = net.grad(theta)
    fd = _fd_grad(lambda p: float(net.value(p)), theta)
    # Central differences with h = 1e-6 err by about h^2 |f'''| + eps |f| / h ~ 1e-10 here.
    np.testing.assert_allclose(g, fd, atol=1e-8 * max(1.0, np.abs(fd).max()))
    rows = np.array([3, 7, 7, 20])
    fd_rows = _fd_grad(lambda p: float(net.loss(p, rows)), theta)
    np.testing.assert_allclose(net.grad(theta, rows), fd_rows, atol=1e-8)


def test_batched_equals_one_at_a_time():
    net = _net(n=300)
    rng = np.random.default_rng(4)
    P = net.init(0) + 0.5 * rng.standard_normal((3, 41, net.dim))  # several chunks
    values, grads = net.value(P), net.grad(P)
    rows = rng.integers(0, 300, size=17)
    assert values.shape == (3, 41) and grads.shape == (3, 41, net.dim)
    for idx in [(0, 0), (1, 17), (2, 40)]:
        # Same arithmetic per vector; a batched matmul may sum in another order: a few ulps.
        assert values[idx] == pytest.approx(float(net.value(P[idx])), rel=1e-13)
        np.testing.assert_allclose(grads[idx], net.grad(P[idx]), rtol=1e-11, atol=1e-15)
        np.testing.assert_allclose(net.grad(P, rows)[idx], net.grad(P[idx], rows), rtol=1e-11, atol=1e-15)


def test_fast_value_is_float32_close():
    net = _net(n=200)
    P = net.init(0) + 0.4 * np.random.default_rng(1).standard_normal((10, net.dim))
    # float32 arithmetic (eps 1.2e-7) through three layers and a mean over 200 samples.
    np.testing.assert_allclose(net.fast_value(P), net.value(P), rtol=2e-5)


def test_tanh_matches_numpy():
    from surfaces.mlp import _tanh_inplace

    z = np.concatenate([np.linspace(-30, 30, 100_001), [0.0, -0.0, 1e-300, -1e-300, 800.0, -800.0, np.inf, -np.inf]])
    got = _tanh_inplace(z.copy())
    # exp-based: the absolute error is a rounding of 1 - e and 1 + e (values in [0, 2]) and exp's own ulp,
    # and NumPy's tanh has its own: a few 1e-16 on any CPU
    assert np.abs(got - np.tanh(z)).max() <= 1e-15
    assert np.isnan(_tanh_inplace(np.array([np.nan])))[0]


def test_stable_for_huge_logits():
    net = _net()
    theta = net.init(0) * 1e4  # saturated tanh, logits of thousands
    assert np.isfinite(net.value(theta)) and np.isfinite(net.grad(theta)).all()


def test_init_is_seeded_glorot_with_zero_biases():
    net = _net()
    a, b = net.init(7), net.init(7)
    assert np.array_equal(a, b) and not np.array_equal(a, net.init(8))
    assert np.all(a[net.biases()] == 0)
    (W1, _), (W2, _), (W3, _) = net.unpack(a)
    assert np.abs(W1).max() <= np.sqrt(6 / 18) and np.abs(W2).max() <= np.sqrt(6 / 32)
    assert np.abs(W3).max() <= np.sqrt(6 / 17)
    assert np.array_equal(np.array(net.start), net.init(0))


def test_bad_data_is_refused():
    X, y = datasets.moons(n=20)
    with pytest.raises(ValueError, match="0 or 1"):
        surfaces.mlp(X, 2 * y - 1)
    with pytest.raises(ValueError, match="finite"):
        surfaces.mlp(np.where(X > 0.5, np.nan, X), y)
    with pytest.raises(ValueError, match="shape"):
        surfaces.mlp(X, y[:-1])
    with pytest.raises(ValueError, match="hidden"):
        surfaces.mlp(X, y, hidden=(0,))
    with pytest.raises(ValueError, match="task"):
        surfaces.mlp(X, y, task="ranking")


def test_pickles_and_trains_with_the_engine():
    net = _net()
    again = pickle.loads(pickle.dumps(net))
    theta = net.init(0)
    assert again.value(theta) == net.value(theta) and again.layers == net.layers
    traj = optimizers.run(optimizers.get("adam", lr=0.01), net, [theta, theta], 30)
    assert traj.points.shape == (31, 2, 337)
    assert traj.loss[-1, 0] < traj.loss[0, 0]
    np.testing.assert_array_equal(traj.points[:, 0], traj.points[:, 1])  # batched runs agree


# -- planes ----------------------------------------------------------------------------------
def test_filter_normalisation_gives_each_neuron_its_weights_norm():
    net = _net()
    theta = net.init(0) + 0.1 * np.random.default_rng(0).standard_normal(net.dim)
    d = planes.filter_normalized(theta, net.neurons(), net.biases(), seed=3)
    for idx in net.neurons():
        # exact up to the 1e-10 that Li et al.'s code adds to the denominator
        assert np.linalg.norm(d[idx]) == pytest.approx(np.linalg.norm(theta[idx]), rel=1e-9)
    assert np.all(d[net.biases()] == 0)
    assert np.array_equal(d, planes.filter_normalized(theta, net.neurons(), net.biases(), seed=3))


def test_random_plane_at_its_origin_is_the_network():
    net = _net()
    centre = net.init(2)
    plane = planes.random_plane(net, centre, seed=1)
    grid = plane.grid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 5))
    assert np.array_equal(grid[2, 2], centre)  # a + b = 0: the origin itself, bit for bit
    # the same parameters, once in a batch of 25 and once alone: the same arithmetic but for a batched matmul's order
    assert net.value(grid)[2, 2] == pytest.approx(float(net.value(centre)), rel=1e-13)


def test_grid_equals_point_by_point():
    net = _net()
    plane = planes.random_plane(net, net.init(0), seed=0)
    alphas, betas = np.linspace(-1, 1, 7), np.linspace(-0.5, 0.5, 4)
    grid = net.value(plane.grid(alphas, betas))
    assert grid.shape == (4, 7)
    for i, b in enumerate(betas):
        for j, a in enumerate(alphas):
            # one vector against many in a batched matmul: a few ulps
            assert grid[i, j] == pytest.approx(float(net.value(plane.at([a, b]))), rel=1e-13)


def test_a_path_in_the_plane_hides_nothing():
    net = _net()
    start = net.init(0)
    rng = np.random.default_rng(5)
    u, v = rng.standard_normal((2, net.dim))
    coords = np.cumsum(rng.standard_normal((30, 2)) * 0.05, axis=0)
    inside = np.vstack([start, start + coords @ np.stack([u, v])])
    pca = planes.pca_plane(start, [inside, inside[:10]])
    movement, final = pca.plane.hidden_shares(inside)
    # Orthonormal directions from an SVD: what is left off the plane is rounding, |r|^2 / |s|^2 ~ 1e-28.
    assert movement == pytest.approx(0.0, abs=1e-12) and final == pytest.approx(0.0, abs=1e-12)
    _, projected = pca.plane.projected_path(inside)
    np.testing.assert_allclose(projected, inside, atol=1e-12)
    np.testing.assert_allclose(net.value(projected), net.value(inside), rtol=1e-10)  # drawn == real
    assert sum(pca.explained) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(pca.plane.directions @ pca.plane.directions.T, np.eye(2), atol=1e-12)


def test_hidden_share_of_a_known_path():
    start = np.zeros(3)
    plane = planes.Plane(start, np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    path = np.array([[0, 0, 0], [1.0, 0, 0], [1.0, 0, 1.0], [2.0, 0, 1.0]])
    movement, final = plane.hidden_shares(path)
    assert movement == pytest.approx(1 / 3)  # three unit steps, one of them off the plane
    assert final == pytest.approx(1 / 5)     # end (2, 0, 1): |off|^2 / |d|^2 = 1 / 5
    assert plane.hidden_shares(np.zeros((4, 3))) == (0.0, 0.0)


def test_pca_plane_of_a_straight_line_completes_the_basis():
    start = np.ones(5)
    path = start + np.outer(np.linspace(0, 1, 6), [1.0, 2, 0, 0, 0])
    pca = planes.pca_plane(start, [path])
    assert pca.explained == (pytest.approx(1.0), 0.0)
    assert pca.plane.hidden_shares(path)[0] == pytest.approx(0.0, abs=1e-12)
    assert pca.plane.project(path[-1:])[0, 0] > 0  # the sign points along the path


def test_plane_refuses_dependent_directions():
    with pytest.raises(ValueError, match="independent"):
        planes.Plane(np.zeros(3), np.array([[1.0, 0, 0], [2.0, 0, 0]]))
