"""Receptive fields against a brute-force computation (the gradient of one output unit with respect to
the input, by torch autograd), the lecture's "about 50 layers", and the parameter counts by hand."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground.labs.conv.param_count import PRESETS, cnn_first_layer, compare, mlp_first_layer
from playground.labs.conv.receptive import RFError, layers_to_reach, parse_layers, rf_table, unit_field


def _brute_field(layers, n, layer_index, u, v):
    """Input rows/columns whose value changes unit (u, v) of a layer: all-ones weights, average
    pooling (so every pixel under a pooling window counts, as the field does), positive input."""
    x = torch.rand(1, 1, n, n, dtype=torch.float64) + 0.5
    x.requires_grad_(True)
    y = x
    for layer in layers[:layer_index + 1]:
        if layer.kind == "conv":
            w = torch.ones(1, 1, layer.k, layer.k, dtype=torch.float64)
            y = F.conv2d(y, w, stride=layer.s, padding=layer.p, dilation=layer.d)
        else:
            y = F.avg_pool2d(y, layer.k, layer.s)
    y[0, 0, u, v].backward()
    rows, cols = np.nonzero(x.grad[0, 0].numpy())
    return rows.min(), rows.max(), cols.min(), cols.max()


SPECS = ["3x3,3x3,pool2,3x3s2,3x3d2", "5x5p0,pool2,3x3,3x3", "3x3s2,3x3s2,3x3", "3x3d2,3x3d4,pool3s2",
         "7x7s2p3,pool3s2,3x3,3x3", "2x2p0,4x4s2,pool2s1", "1x1,3x3p0,3x3d3p0"]


@pytest.mark.parametrize("spec", SPECS)
def test_every_row_matches_the_gradient_of_one_unit(spec):
    n = 28
    layers = parse_layers(spec)
    rows = rf_table(layers, n)
    for i, row in enumerate(rows):
        o = row["output_size"]
        assert row["valid"]
        x = torch.zeros(1, 1, n, n)
        y = x
        for layer in layers[:i + 1]:
            y = (F.conv2d(y, torch.ones(1, 1, layer.k, layer.k), stride=layer.s, padding=layer.p, dilation=layer.d)
                 if layer.kind == "conv" else F.avg_pool2d(y, layer.k, layer.s))
        assert y.shape[-1] == o  # the output size, from torch
        for u, v in {(o // 2, o // 2), (0, 0), (o - 1, o // 3)}:
            assert unit_field(row, u, v, n) == _brute_field(layers, n, i, u, v), (spec, i, u, v)
        # An interior unit sees exactly rf pixels across (clipped units see fewer).
        r0, r1, _c0, _c1 = _brute_field(layers, n, i, o // 2, o // 2)
        if r0 > 0 and r1 < n - 1:
            assert r1 - r0 + 1 == row["rf"]


def test_stacked_3x3_convolutions_need_about_50_layers_for_100_pixels():
    assert layers_to_reach(100, "3x3") == (50, 101)  # r = 1 + 2L
    rows = rf_table(parse_layers(",".join(["3x3"] * 50)), 100)
    assert [r["rf"] for r in rows[:3]] == [3, 5, 7] and rows[49]["rf"] == 101
    assert not rows[48]["exceeds"] and rows[49]["exceeds"]  # 99 fits in 100 px, 101 does not
    assert layers_to_reach(100, "3x3s2")[0] < 10 and layers_to_reach(100, "dilated")[0] < 10
    assert layers_to_reach(100, "3x3,pool2")[0] < 50


@pytest.mark.parametrize("spec,words", [("3x3s0", "stride"), ("3x5", "square"), ("conv3", "not a convolution"),
                                        ("", "no layers"), ("3x3s2s2", "twice")])
def test_bad_layer_lists_are_refused_with_the_layer_named(spec, words):
    with pytest.raises(RFError, match=words):
        parse_layers(spec)


def test_mlp_against_cnn_counts_by_hand():
    assert mlp_first_layer(28, 28, 1, 1000) == 785_000  # the lecture's "800 000"
    _label, h, w, c, hidden, filters, k = PRESETS["photo"]
    assert h * w == pytest.approx(28e6, rel=0.01)
    assert 5e10 < mlp_first_layer(h, w, c, hidden) < 2e11  # "≈ 10¹¹"
    assert cnn_first_layer(3, 32, 3) == 32 * (3 * 9 + 1) == 896
    r = compare(28, 28, 1, 1000, 32, 3)
    assert r["cnn"] == torch.nn.Conv2d(1, 32, 3).weight.numel() + 32
    assert r["mlp"] == sum(p.numel() for p in torch.nn.Linear(784, 1000).parameters())
