"""The exact piece counter agrees with a brute-force count by dense sampling on random ReLU nets, its
knots reproduce the network, and it refuses what it cannot count."""
from __future__ import annotations

import numpy as np
import pytest

from playground.core.nets.mlp_spec import NetSpec, init_params
from playground.labs.depth import pieces as pc


def _forward(spec: NetSpec, params: dict, x: np.ndarray) -> np.ndarray:
    """Our own plain forward pass (not the engine's): relu hidden layers, affine output."""
    a = x.reshape(-1, 1)
    for layer in range(spec.n_layers):
        a = a @ params[f"layer{layer}.weight"] + params[f"layer{layer}.bias"]
        if layer < spec.n_layers - 1:
            a = np.maximum(a, 0.0)
    return a[:, 0]


def _sampled_knees(f, n: int = 2 ** 17) -> np.ndarray:
    """Brute force: where the sampled slope changes; adjacent changes (a knee inside a cell) are one."""
    x = np.linspace(0.0, 1.0, n + 1)
    s = np.diff(f(x)) / np.diff(x)
    change = np.flatnonzero(np.abs(np.diff(s)) > 1e-6 * max(1.0, np.abs(s).max()))
    if not len(change):
        return np.zeros(0)
    groups = np.split(change, np.flatnonzero(np.diff(change) > 1) + 1)
    return np.array([x[g[0] + 1] for g in groups])


def _random_net(seed: int, width: int, layers: int) -> tuple[NetSpec, dict]:
    rng = np.random.default_rng(seed)
    spec = NetSpec(1, [width] * layers, ["relu"] * layers, 1, "linear", "squared")
    params = init_params(spec, "he", rng)
    w = params["layer0.weight"][0]
    params["layer0.bias"] = -w * rng.uniform(0.0, 1.0, w.shape)  # first-layer knees inside [0, 1]
    for layer in range(1, layers):
        params[f"layer{layer}.bias"] = rng.normal(0.0, 0.3, params[f"layer{layer}.bias"].shape)
    return spec, params


@pytest.mark.parametrize("seed,width,layers", [(0, 3, 1), (1, 8, 1), (2, 3, 2), (3, 4, 3), (4, 6, 2),
                                               (5, 2, 5), (6, 5, 4), (7, 12, 1), (8, 3, 6), (9, 7, 3),
                                               (10, 16, 2), (11, 8, 4)])
def test_the_counter_agrees_with_dense_sampling_on_random_relu_nets(seed, width, layers):
    spec, params = _random_net(seed, width, layers)
    counted = pc.count_pieces(spec, params)
    sampled = _sampled_knees(lambda x: _forward(spec, params, x))
    assert counted.count == len(sampled) + 1
    assert np.allclose(counted.knees, sampled, atol=2e-5)  # within a few sampling cells
    x = np.random.default_rng(seed + 100).random(4000)
    assert np.allclose(np.interp(x, counted.knots_x, counted.knots_y), _forward(spec, params, x), atol=1e-9)


def test_some_random_nets_have_many_pieces_so_the_comparison_means_something():
    counts = [pc.count_pieces(*_random_net(s, w, l)).count
              for s, w, l in [(4, 6, 2), (6, 5, 4), (9, 7, 3), (10, 16, 2), (11, 8, 4)]]
    assert min(counts) >= 10 and max(counts) >= 25


def test_a_dead_net_is_one_piece_and_a_bias_free_first_layer_bends_only_at_zero():
    spec, params = _random_net(0, 4, 2)
    params["layer0.bias"][:] = -10.0  # every first-layer unit off on [0, 1]
    assert pc.count_pieces(spec, params).count == 1
    spec, params = _random_net(1, 4, 1)
    params["layer0.bias"][:] = 0.0
    assert pc.count_pieces(spec, params).count == 1


def test_the_counter_counts_the_logit_of_a_sigmoid_net_and_refuses_other_activations():
    spec = NetSpec(1, [5], ["relu"], 1, "sigmoid", "cross_entropy")
    params = init_params(spec, "he", np.random.default_rng(0))
    params["layer0.bias"] = np.array([-0.1, -0.3, -0.5, -0.7, -0.9]) * np.abs(params["layer0.weight"][0])
    assert 1 <= pc.count_pieces(spec, params).count <= 6
    with pytest.raises(ValueError, match="ReLU"):
        pc.count_pieces(NetSpec(1, [3], ["tanh"], 1, "linear", "squared"),
                        init_params(NetSpec(1, [3], ["tanh"], 1, "linear", "squared"), "he", np.random.default_rng(0)))


def test_a_walk_too_big_is_cut_short_and_says_its_count_is_a_floor(monkeypatch):
    from playground.labs.depth.sawtooth import construction_params, construction_spec

    monkeypatch.setattr(pc, "MAX_INTERVALS", 1000)
    counted = pc.count_pieces(construction_spec(12), construction_params(12))
    assert counted.truncated and 500 <= counted.count <= 1000
    assert pc.count_pieces(construction_spec(9), construction_params(9)).truncated is False
