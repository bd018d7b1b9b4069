"""The playground's data sets are deterministic per seed, have the right shapes and classes, and CSV
files round-trip and fail with the row number of the bad row."""
from __future__ import annotations

import numpy as np
import pytest

from playground.labs.classify import data as cd


@pytest.mark.parametrize("name", [d for d in cd.DATASETS if d != "empty"])
def test_each_data_set_is_deterministic_per_seed_with_the_right_shape(name):
    a = cd.generate(name, np.random.default_rng(7), noise=20)
    b = cd.generate(name, np.random.default_rng(7), noise=20)
    c = cd.generate(name, np.random.default_rng(8), noise=20)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.x, c.x)
    n = 1200 if name in cd.REGRESSION else 500
    assert a.x.shape == (n, 2) and a.y.shape == (n,)
    assert np.all(np.abs(a.x) <= 8.0)  # about [-6, 6], noise included


@pytest.mark.parametrize("name,classes", [("circle", 2), ("xor", 2), ("gauss", 2), ("spiral", 2), ("moons", 2),
                                          ("checkerboard", 2), ("random", 2), ("spiral3", 3), ("blobs", 5)])
def test_classification_sets_use_every_class_and_only_those(name, classes):
    data = cd.generate(name, np.random.default_rng(0), classes=5)
    assert data.classes == classes
    assert set(np.unique(data.y)) == set(range(classes))
    counts = np.bincount(data.y)
    assert counts.min() > 0.3 * len(data) / classes  # roughly balanced


def test_regression_sets_give_real_targets_in_minus_one_one():
    for name in cd.REGRESSION:
        data = cd.generate(name, np.random.default_rng(0))
        assert data.regression and data.y.dtype.kind == "f"
        assert data.y.min() >= -1 and data.y.max() <= 1 and data.y.std() > 0.1


def test_without_noise_circle_labels_follow_the_radius():
    data = cd.generate("circle", np.random.default_rng(1), noise=0)
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    assert np.all(r[data.y == 1] < 2.5) and np.all(r[data.y == 0] > 3.4)


def test_noise_flips_some_labels():
    clean = cd.generate("xor", np.random.default_rng(3), noise=0)
    noisy = cd.generate("xor", np.random.default_rng(3), noise=50)
    np.testing.assert_array_equal(clean.x, noisy.x)  # noise decides labels, it does not move points
    wrong = np.mean((noisy.x[:, 0] * noisy.x[:, 1] >= 0).astype(int) != noisy.y)
    assert np.all((clean.x[:, 0] * clean.x[:, 1] >= 0).astype(int) == clean.y)
    assert 0.05 < wrong < 0.5


def test_split_uses_the_ratio_and_covers_every_point_once():
    data = cd.generate("circle", np.random.default_rng(0))
    train, test = cd.split(data, 0.3, np.random.default_rng(1))
    assert len(train) == 150 and len(test) == 350
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(500))


def test_features_are_computed_from_raw_coordinates():
    x = np.array([[1.0, 2.0], [-3.0, 0.5]])
    f = cd.feature_matrix(x, list(cd.FEATURES))
    expected = np.array([[1, 2, 1, 4, 2, np.sin(1), np.sin(2)], [-3, 0.5, 9, 0.25, -1.5, np.sin(-3), np.sin(0.5)]])
    np.testing.assert_allclose(f, expected)


def test_csv_round_trips_classes_and_regression_values(tmp_path):
    for name in ("spiral3", "plane"):
        data = cd.generate(name, np.random.default_rng(0), n=40)
        path = tmp_path / f"{name}.csv"
        cd.write_csv(data, path)
        back = cd.read_csv(path)
        np.testing.assert_array_equal(back.x, data.x)
        np.testing.assert_array_equal(back.y, data.y)
        assert back.classes == data.classes


def test_csv_accepts_a_header_and_minus_one_one_labels():
    data = cd.parse_csv("x1,x2,label\n0,1,-1\n2,3,1\n\n4,5,1\n")
    assert data.classes == 2 and data.y.tolist() == [0, 1, 1]


@pytest.mark.parametrize("text,row,words", [
    ("x1,x2,label\n0,1,1\n2,3\n", 3, "expected 3 values"),
    ("0,1,1\n2,abc,0\n", 2, "'abc' is not a number"),
    ("0,1,1\n1,1,0\n2,2,nan\n", 3, "finite"),
    ("0,1,1\n1,1,0\n2,2,12\n", 3, "class label 12"),
    ("0,1,1\n1,1,0\n2,2,1,4\n", 3, "got 4"),
])
def test_csv_import_rejects_bad_rows_naming_the_row(text, row, words):
    with pytest.raises(cd.DataError) as err:
        cd.parse_csv(text, "mine.csv")
    assert f"mine.csv row {row}:" in str(err.value) and words in str(err.value)


def test_csv_with_too_few_rows_says_so():
    with pytest.raises(cd.DataError, match="at least 2"):
        cd.parse_csv("x1,x2,label\n1,2,1\n", "one.csv")


def test_the_empty_plane_has_no_points_and_two_classes():
    data = cd.generate("empty", np.random.default_rng(0), n=300)
    assert data.x.shape == (0, 2) and data.classes == 2
