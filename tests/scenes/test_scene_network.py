"""The tiny-network scene: Keras's Dense(3) tutorial numbers, starts, optimizers and errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes import network as scene
from surfaces import datasets


def test_tutorial_sgd_losses_match_keras_log():
    result = scene.network("tutorial", 0, ("sgd",), (), 100)
    assert [round(float(v), 4) for v in result.loss[:3, 0]] == [1.0738, 1.0453, 1.0176]
    # The tutorial's last three epochs of 100 (printed by Keras).
    assert [round(float(v), 4) for v in result.loss[-3:, 0]] == [0.0794, 0.0773, 0.0753]
    assert result.hyperparams[0]["lr"] == 0.01  # Keras's SGD default


def test_log_table_reads_like_keras():
    result = scene.network("tutorial", 0, scene.OPTIMIZERS, (), 100)
    table = result.log_table()
    assert list(table.columns) == ["epoch", "sgd", "adam", "rmsprop"]
    assert table["epoch"].tolist() == [1, 2, 3, 4, 5]
    assert table.loc[0, ["sgd", "adam", "rmsprop"]].round(4).tolist() == [1.0738] * 3
    assert table["sgd"].round(4).tolist()[:3] == [1.0738, 1.0453, 1.0176]


def test_epoch_loss_is_taken_before_the_update():
    result = scene.network("tutorial", 0, ("adam",), (), 10)
    traj = result.trajectories[0]
    assert result.loss.shape == (10, 1)
    np.testing.assert_array_equal(result.loss[:, 0], traj.loss[:10, 0])
    assert result.outputs.shape == (11, 1, 3)
    # Outputs of x = 1: kernel + bias.
    np.testing.assert_allclose(result.outputs[0, 0], np.array(datasets.KERAS_TUTORIAL_KERNEL))
    np.testing.assert_allclose(result.outputs[:, 0], traj.points[:, 0, :3] + traj.points[:, 0, 3:])


def test_keras_defaults_and_adaptive_first_steps():
    result = scene.network("tutorial", 0, scene.OPTIMIZERS, (), 2)
    hp = dict(zip(result.names, result.hyperparams))
    assert hp["adam"]["epsilon_hat"] is True and hp["adam"]["eps"] == 1e-7 and hp["adam"]["lr"] == 1e-3
    assert hp["rmsprop"]["alpha"] == 0.9 and hp["rmsprop"]["lr"] == 1e-3
    first_step = np.abs(np.diff(result.trajectories[1].points[:2, 0], axis=0))[0]
    np.testing.assert_allclose(first_step, 1e-3, rtol=1e-3)  # Adam: about lr per coordinate
    rms_step = np.abs(np.diff(result.trajectories[2].points[:2, 0], axis=0))[0]
    np.testing.assert_allclose(rms_step, 1e-3 * math.sqrt(10), rtol=1e-3)  # RMSprop: lr / sqrt(1 - rho)


def test_sgd_beats_adaptive_methods_at_keras_defaults_but_not_at_larger_lr():
    result = scene.network("tutorial", 0, scene.OPTIMIZERS, (), 100)
    last = dict(zip(result.names, result.loss[-1]))
    assert last["sgd"] < last["rmsprop"] < last["adam"]
    faster = scene.network("tutorial", 0, scene.OPTIMIZERS, (("adam", 0.01), ("rmsprop", 0.01)), 100)
    last = dict(zip(faster.names, faster.loss[-1]))
    assert last["adam"] < last["sgd"] and last["rmsprop"] < last["sgd"]


def test_glorot_start_is_seeded_and_within_the_limit():
    a = scene.start_point("glorot", 3)
    b = scene.start_point("glorot", 3)
    c = scene.start_point("glorot", 4)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert np.all(np.abs(a[:3]) <= math.sqrt(6 / 4)) and np.all(a[3:] == 0)
    result = scene.network("glorot", 3, ("sgd",), (), 5)
    np.testing.assert_array_equal(result.start, a)


def test_bad_settings():
    with pytest.raises(ValueError):
        scene.network("nope", 0, ("sgd",), (), 5)
    with pytest.raises(ValueError):
        scene.network("tutorial", 0, ("sgd",), (), 0)
    result = scene.network("tutorial", 0, ("sgd", "adam"), (("adam", -1.0),), 5)
    assert result.names == ("sgd",) and "adam" in result.errors


def test_diverging_sgd_is_finite_and_reported():
    result = scene.network("tutorial", 0, ("sgd",), (("sgd", 2.5),), 30)
    assert np.isfinite(result.loss).all() and np.isfinite(result.outputs).all()
    assert result.final_table().loc[0, "diverged_at"] == 12


def test_result_is_read_only_and_frame_is_tidy():
    result = scene.network("tutorial", 0, ("sgd", "adam"), (), 7)
    with pytest.raises(ValueError):
        result.loss[0, 0] = 1.0
    frame = result.frame()
    assert len(frame) == 14 and {"epoch", "loss", "kernel1", "bias3", "output2"} <= set(frame.columns)
