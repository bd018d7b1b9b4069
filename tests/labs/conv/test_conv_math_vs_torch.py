"""The stepper's numpy arithmetic against torch on random configurations: direct convolution with
every padding mode, stride and dilation, transposed convolution (output padding included), padding
alone, max and average pooling; and the lecture's 4×4 example by hand."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground.labs.conv.conv_math import (PADDING_MODES, ConvConfig, ConvError, check_conv, conv2d,
                                            conv_output_size, conv_transpose2d, pad, pool2d, run_conv,
                                            transposed_output_size, window)
from playground.labs.conv.presets import CASES, CONV_ARITHMETIC, LECTURE_INPUT, LECTURE_KERNEL, case_input

TORCH_MODE = {"zero": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def _t(a):
    return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float64))


def _random_configs(n, seed, transposed=False):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < n:
        i, k = int(rng.integers(1, 17)), int(rng.integers(1, 8))
        cfg = ConvConfig(kernel=k, padding=int(rng.integers(0, 7)),
                         mode="zero" if transposed else PADDING_MODES[int(rng.integers(0, 4))],
                         stride=int(rng.integers(1, 5)), dilation=int(rng.integers(1, 5)), transposed=transposed,
                         output_padding=int(rng.integers(0, 4)) if transposed else 0)
        try:
            check_conv(i, cfg)
        except ConvError:
            continue
        out.append((i, int(rng.integers(1, 4)), cfg))
    return out


def test_the_lecture_example_by_hand():
    out = conv2d(LECTURE_INPUT, LECTURE_KERNEL)
    # The slide's window 1 2 5 / 5 3 2 / 1 3 3 is the top-right one: 1+5+3+2+1+3 = 15.
    assert out.tolist() == [[22, 15], [11, 17]]
    padded = conv2d(LECTURE_INPUT, LECTURE_KERNEL, p=1)
    assert padded.shape == (4, 4)
    assert padded[0, 0] == 4 + 1 + 5  # the window 0 0 0 / 0 4 1 / 0 3 5 drawn on the slide
    w = window(pad(LECTURE_INPUT[None], 1), LECTURE_KERNEL[None], 0, 0, 1, 1)
    assert w["values"][0].tolist() == [[0, 0, 0], [0, 4, 1], [0, 3, 5]]


@pytest.mark.parametrize("i,c,cfg", _random_configs(60, seed=1))
def test_direct_convolution_matches_torch(i, c, cfg):
    rng = np.random.default_rng(i * 31 + cfg.kernel)
    x, w, b = rng.normal(size=(c, i, i)), rng.normal(size=(c, cfg.kernel, cfg.kernel)), float(rng.normal())
    got = run_conv(x, w, b, cfg)["output"]
    xt = F.pad(_t(x)[None], [cfg.padding] * 4, mode=TORCH_MODE[cfg.mode]) if cfg.padding else _t(x)[None]
    want = F.conv2d(xt, _t(w)[None], torch.tensor([b], dtype=torch.float64), stride=cfg.stride,
                    dilation=cfg.dilation)[0, 0].numpy()
    assert got.shape == want.shape == (conv_output_size(i, cfg.kernel, cfg.padding, cfg.stride, cfg.dilation),) * 2
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("i,c,cfg", _random_configs(40, seed=2, transposed=True))
def test_transposed_convolution_matches_torch(i, c, cfg):
    rng = np.random.default_rng(i * 17 + cfg.kernel)
    x, w, b = rng.normal(size=(c, i, i)), rng.normal(size=(c, cfg.kernel, cfg.kernel)), float(rng.normal())
    got = run_conv(x, w, b, cfg)["output"]
    want = F.conv_transpose2d(_t(x)[None], _t(w)[:, None], torch.tensor([b], dtype=torch.float64),
                              stride=cfg.stride, padding=cfg.padding, output_padding=cfg.output_padding,
                              dilation=cfg.dilation)[0, 0].numpy()
    size = transposed_output_size(i, cfg.kernel, cfg.padding, cfg.stride, cfg.dilation, cfg.output_padding)
    assert got.shape == want.shape == (size, size)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)
    direct = conv_transpose2d(x, w, b, cfg.padding, cfg.stride, cfg.dilation, cfg.output_padding)
    np.testing.assert_allclose(direct, want, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("mode", PADDING_MODES)
@pytest.mark.parametrize("p", [1, 2, 3])
def test_padding_matches_torch(mode, p):
    x = np.random.default_rng(p).normal(size=(2, 5, 5))
    want = F.pad(_t(x)[None], [p] * 4, mode=TORCH_MODE[mode])[0].numpy()
    np.testing.assert_array_equal(pad(x, p, mode), want)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pooling_matches_torch(seed, kind):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(2, 20)), int(rng.integers(1, 6))
    k = min(k, n)
    s = int(rng.integers(1, 5))
    x = rng.normal(size=(3, n, n))
    fn = F.max_pool2d if kind == "max" else F.avg_pool2d
    want = fn(_t(x)[None], k, s)[0].numpy()
    np.testing.assert_allclose(pool2d(x, k, s, kind), want, rtol=1e-12)


@pytest.mark.parametrize("name", CONV_ARITHMETIC)
def test_every_conv_arithmetic_case_runs_and_matches_torch(name):
    s = CASES[name][1]
    cfg = ConvConfig(kernel=s["kernel"], padding=s["padding"], stride=s["stride"], dilation=s["dilation"],
                     transposed=s["transposed"], output_padding=s.get("output_padding", 0))
    x, w = case_input(name), np.ones((s["kernel"], s["kernel"]))
    r = run_conv(x, w, 0.0, cfg)
    if cfg.transposed:
        want = F.conv_transpose2d(_t(x)[None, None], _t(w)[None, None], stride=cfg.stride, padding=cfg.padding,
                                  output_padding=cfg.output_padding, dilation=cfg.dilation)
        # conv_arithmetic's transposed cases undo their direct twins: i=2 k=3 → 4, the odd case → 6.
    else:
        want = F.conv2d(_t(x)[None, None], _t(w)[None, None], stride=cfg.stride, padding=cfg.padding,
                        dilation=cfg.dilation)
    np.testing.assert_allclose(r["output"], want[0, 0].numpy())
    assert len(CONV_ARITHMETIC) == 15


def test_the_odd_transposed_case_recovers_six_cells():
    cfg = ConvConfig(kernel=3, padding=1, stride=2, transposed=True, output_padding=1)
    assert run_conv(np.ones((3, 3)), np.ones((3, 3)), 0, cfg)["output_size"] == 6
    assert conv_output_size(6, 3, 1, 2) == 3 and conv_output_size(5, 3, 1, 2) == 3  # two sizes map to 3


def test_stretched_input_has_the_zeros_inserted():
    cfg = ConvConfig(kernel=3, padding=0, stride=2, transposed=True)
    shown = run_conv(np.arange(1, 5).reshape(2, 2), np.ones((3, 3)), 0, cfg)["shown"][0]
    # 2×2 input, 1 zero between the cells, d(k-1) - p = 2 zeros around: 7×7
    assert shown.shape == (7, 7)
    assert shown[2, 2] == 1 and shown[2, 4] == 2 and shown[4, 2] == 3 and shown[2, 3] == 0


@pytest.mark.parametrize("i,cfg,words", [
    (4, ConvConfig(kernel=7), "larger than the padded input"),
    (4, ConvConfig(kernel=3, dilation=3), "dilated by 3"),
    (3, ConvConfig(kernel=3, padding=3, mode="reflect"), "reflect padding"),
    (3, ConvConfig(kernel=3, padding=4, mode="circular"), "circular padding"),
    (3, ConvConfig(kernel=3, stride=0), "stride"),
    (3, ConvConfig(kernel=3, stride=2, transposed=True, output_padding=2), "output padding"),
    (2, ConvConfig(kernel=3, padding=3, transposed=True), "crops"),
    (3, ConvConfig(kernel=3, padding=1, mode="reflect", transposed=True), "only zero padding"),
])
def test_impossible_configurations_say_why(i, cfg, words):
    with pytest.raises(ConvError, match=words):
        check_conv(i, cfg)
