"""The exact deep construction: t^k computed with error 0, 2^k pieces (counted, and checked against
dense sampling), each block doubling the pieces, and the recurrent version with shared weights."""
from __future__ import annotations

import numpy as np
import pytest

from playground.core.nets.mlp import make_engine
from playground.labs.depth import pieces as pc
from playground.labs.depth.sawtooth import (RecurrentBlock, construction_params, construction_spec, sawtooth,
                                            sawtooth_knots, telgarsky_sample, tent)


def _dense_piece_count(f, n: int, offset: float = 0.0) -> int:
    """Brute force: sample f on n cells of [0, 1], count where the slope changes. A knee inside a cell
    changes the slope twice in a row: adjacent changes are one knee."""
    x = (np.arange(n + 1) + offset) / n
    x[-1] = 1.0
    x[0] = 0.0
    y = f(x)
    s = np.diff(y) / np.diff(x)
    change = np.abs(np.diff(s)) > 1e-7 * max(1.0, np.abs(s).max())
    idx = np.flatnonzero(change)
    knees = 0 if len(idx) == 0 else 1 + int(np.sum(np.diff(idx) > 1))
    return knees + 1


def test_the_tent_is_one_relu_layer_of_width_2():
    x = np.linspace(0, 1, 1001)
    relu = lambda v: np.maximum(v, 0)  # noqa: E731
    assert np.allclose(tent(x), 2 * relu(x) - 4 * relu(x - 0.5), atol=1e-15)
    assert tent(np.array([0.0, 0.25, 0.5, 0.75, 1.0])).tolist() == [0.0, 0.5, 1.0, 0.5, 0.0]


@pytest.mark.parametrize("k", range(1, 11))
def test_the_construction_computes_the_sawtooth_exactly(k):
    spec, params = construction_spec(k), construction_params(k)
    engine = make_engine(spec, params, "cpu")
    # On a dyadic grid finer than the knees every number is exact in float64: the error is 0, not small.
    x = np.arange(2 ** (k + 3) + 1) / 2 ** (k + 3)
    out = engine.predict(x.reshape(-1, 1))[:, 0]
    assert np.array_equal(out, sawtooth(x, k))
    kx, ky = sawtooth_knots(k)
    assert np.array_equal(engine.predict(kx.reshape(-1, 1))[:, 0], ky)
    r = np.random.default_rng(k).random(2000)
    assert np.max(np.abs(engine.predict(r.reshape(-1, 1))[:, 0] - sawtooth(r, k))) < 1e-12
    counted = pc.count_pieces(spec, params)
    assert counted.count == 2 ** k and not counted.truncated
    assert np.array_equal(counted.knees, kx[1:-1])  # every knee at j / 2^k, nothing else
    assert pc.n_params(spec) == 6 * k + 1


@pytest.mark.parametrize("k", [1, 3, 5, 8])
def test_the_construction_piece_count_matches_dense_sampling(k):
    engine = make_engine(construction_spec(k), construction_params(k), "cpu")
    f = lambda x: engine.predict(x.reshape(-1, 1))[:, 0]  # noqa: E731
    # A grid not aligned with the knees (offset) as well as one that is.
    assert _dense_piece_count(f, 2 ** 16) == 2 ** k
    assert _dense_piece_count(f, 2 ** 16 + 7, offset=0.37) == 2 ** k


def test_the_counter_reaches_k_12_and_knows_the_formula_pieces():
    counted = pc.count_pieces(construction_spec(12), construction_params(12))
    assert counted.count == 4096
    assert set(np.abs(counted.slopes).tolist()) == {4096.0}  # every tooth has slope ±2^k
    x = np.random.default_rng(1).random(5000)
    assert np.max(np.abs(np.interp(x, counted.knots_x, counted.knots_y) - sawtooth(x, 12))) < 1e-9


def test_telgarskys_sample_is_the_sawtooth_at_multiples_of_two_to_the_minus_k():
    for k in (1, 4, 9):
        x, y = telgarsky_sample(k)
        assert len(x) == 2 ** k and set(y.tolist()) == {0.0, 1.0}
        assert np.array_equal(sawtooth(x, k), y)  # so t^k classifies the sample with risk 0


def test_each_block_folds_once_more_in_the_session():
    from playground.labs.depth.core import DepthSession

    s = DepthSession({"k": 6, "model": "exact"})
    for j, values in enumerate(s.blocks, start=1):
        assert len(values) == 2 ** j + 1  # t^j's knots
        assert np.array_equal(values, (np.arange(2 ** j + 1) % 2).astype(float))
    snap = s.snapshot()
    assert [len(b) for b in snap["blocks"]] == [2 ** j + 1 for j in range(1, 7)]
    assert snap["exact"]["pieces"] == 64 and snap["exact"]["mse"] == 0.0 and snap["exact"]["risk"] == 0.0


@pytest.mark.parametrize("k", range(1, 13))
def test_the_recurrent_block_gives_2_to_the_k_pieces_with_constant_parameters(k):
    block = RecurrentBlock()
    assert block.n_params == 7  # one block, whatever k
    x = np.random.default_rng(k).random(3000)
    assert np.max(np.abs(block.run(x, k) - sawtooth(x, k))) < 1e-12
    spec, params = block.unrolled(k)
    # R(sigma, 2, 1, k) within N(sigma, 2, k): unrolled, it is the deep construction, weights shared.
    expected = construction_params(k)
    assert params.keys() == expected.keys()
    for name in params:
        assert np.array_equal(params[name], expected[name]), name
    for layer in range(2, k):
        assert np.array_equal(params[f"layer{layer}.weight"], params["layer1.weight"])
    assert pc.count_pieces(spec, params).count == 2 ** k
    engine = make_engine(spec, params, "cpu")
    assert np.max(np.abs(engine.predict(x.reshape(-1, 1))[:, 0] - block.run(x, k))) < 1e-12


def test_the_counting_bounds_by_hand():
    assert pc.telgarsky_bound(37, 1) == 74 and pc.telgarsky_bound(4, 6) == 8 ** 6
    assert pc.risk_lower_bound(1, 16) == pytest.approx(12 / 48)
    assert pc.risk_lower_bound(2 ** 5, 2 ** 8) == pytest.approx(1 / 6)  # (2m)^l = 2^(k-3) pieces
    assert pc.risk_lower_bound(100, 16) == 0.0
