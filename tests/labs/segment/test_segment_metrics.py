"""Dice and IoU against hand-computed cases, and our numpy scores against MONAI's DiceMetric."""
import numpy as np
import pytest

from playground.labs.segment.metrics import dice, dice_per_slice, iou, iou_per_slice


def test_hand_computed_overlap():
    a = np.zeros((4, 4), bool)
    b = np.zeros((4, 4), bool)
    a[0, :3] = True          # 3 pixels
    b[0, 1:] = True          # 3 pixels, 2 shared
    assert dice(a, b) == pytest.approx(2 * 2 / (3 + 3))
    assert iou(a, b) == pytest.approx(2 / 4)


def test_perfect_disjoint_and_empty_cases():
    m = np.zeros((2, 5, 5), np.uint8)
    m[0, 1:3, 1:3] = 1
    m[1, 0, 0] = 1
    other = np.zeros_like(m)
    other[1, 4, 4] = 1
    assert dice_per_slice(m, m).tolist() == [1.0, 1.0]
    assert dice_per_slice(m, other).tolist() == [0.0, 0.0]
    empty = np.zeros((1, 3, 3))
    assert dice_per_slice(empty, empty).tolist() == [1.0] and iou_per_slice(empty, empty).tolist() == [1.0]


def test_iou_is_dice_over_two_minus_dice_and_monai_agrees():
    import torch
    from monai.metrics import DiceMetric

    rng = np.random.default_rng(0)
    p = rng.random((12, 16, 16)) > 0.5
    t = rng.random((12, 16, 16)) > 0.4
    d, j = dice_per_slice(p, t), iou_per_slice(p, t)
    assert np.allclose(j, d / (2 - d))
    metric = DiceMetric(include_background=True, reduction="none", ignore_empty=False)
    ref = metric(torch.from_numpy(p[:, None].astype(np.float32)), torch.from_numpy(t[:, None].astype(np.float32)))
    assert np.allclose(ref[:, 0].numpy(), d)


def test_shapes_must_match():
    with pytest.raises(ValueError, match="differ in shape"):
        dice(np.zeros((3, 3)), np.zeros((4, 4)))
