"""The synthetic CT generator: deterministic per seed, masks that match the image, and domains that
differ the way the lecture's scanners do (contrast raises the liver's HU; the shifted scanner is noisier)."""
import numpy as np
import pytest

from playground.labs.segment.phantom import (DOMAINS, HU_RANGES, LESION, LIVER, VESSEL, make_batch,
                                             to_input)


def test_same_seed_same_slices_and_another_seed_other_slices():
    a = make_batch(6, 64, "randomised", 3)
    b = make_batch(6, 64, "randomised", 3)
    c = make_batch(6, 64, "randomised", 4)
    assert np.array_equal(a["hu"], b["hu"]) and np.array_equal(a["mask"], b["mask"])
    assert not np.array_equal(a["mask"], c["mask"])
    # the test stream of a seed is not its training stream
    assert not np.array_equal(make_batch(6, 64, "narrow", 3, part=0)["mask"],
                              make_batch(6, 64, "narrow", 3, part=1)["mask"])


@pytest.mark.parametrize("size", [64, 96, 256])
def test_every_size_gives_a_liver_of_similar_relative_area(size):
    b = make_batch(8, size, "narrow", 0)
    assert b["hu"].shape == (8, size, size) and b["hu"].dtype == np.float32
    assert b["mask"].shape == (8, size, size) and b["mask"].dtype == np.uint8
    area = b["mask"].mean(axis=(1, 2))
    assert np.all(area > 0.02) and np.all(area < 0.3)


@pytest.mark.parametrize("domain, contrast", [("narrow", 1.0), ("shifted", 0.0)])
def test_the_mask_is_exactly_the_pixels_with_the_livers_intensities(domain, contrast):
    b = make_batch(10, 96, domain, 1, lesion_rate=0.6, noise=False)
    labels, hu, mask = b["labels"], b["hu"], b["mask"].astype(bool)
    assert np.array_equal(mask, np.isin(labels, (LIVER, VESSEL, LESION)))
    idx = 0 if contrast == 0 else 1
    parenchyma = labels == LIVER
    expected = HU_RANGES["liver"][idx]
    # a narrow scanner: only a few HU of per-tissue jitter around the textbook value
    assert abs(np.median(hu[parenchyma]) - expected) < 12
    for name, lab in (("lesion", LESION), ("hepatic vessel", VESSEL)):
        if (labels == lab).any():
            assert abs(np.median(hu[labels == lab]) - HU_RANGES[name][idx]) < 12
    # outside the mask nothing has the liver's exact per-slice value
    for i in range(len(hu)):
        liver_value = hu[i][parenchyma[i]][0]
        assert not np.any(np.isclose(hu[i][~mask[i]], liver_value))


def test_contrast_brightens_the_liver_and_the_shifted_scanner_is_noisier():
    n = make_batch(16, 96, "narrow", 2)
    s = make_batch(16, 96, "shifted", 2)
    liver_n = np.median(n["hu"][n["mask"] == 1])
    liver_s = np.median(s["hu"][s["mask"] == 1])
    assert liver_n > liver_s + 30  # ~115 HU with contrast, ~60 without
    assert s["noise"].min() > 2 * n["noise"].max()
    assert np.all(n["contrast"] == 1) and np.all(s["contrast"] == 0)


def test_randomised_synthesis_spans_both_scanners():
    r = make_batch(200, 64, "randomised", 0)
    assert r["contrast"].min() < 0.1 and r["contrast"].max() > 0.9
    assert r["noise"].min() < 10 and r["noise"].max() > 32
    # shapes vary more than on the narrow scanner
    assert r["mask"].mean(axis=(1, 2)).std() > make_batch(200, 64, "narrow", 0)["mask"].mean(axis=(1, 2)).std()


def test_the_network_input_is_a_fixed_soft_tissue_window():
    assert to_input(np.array([40.0]))[0] == 0
    assert to_input(np.array([-1000.0]))[0] == -1 and to_input(np.array([2000.0]))[0] == 1


def test_a_bad_domain_or_size_is_refused_with_its_name():
    with pytest.raises(ValueError, match="unknown domain 'mri'"):
        make_batch(2, 64, "mri", 0)
    with pytest.raises(ValueError, match="size"):
        make_batch(2, 8, "narrow", 0)
    assert set(DOMAINS) == {"narrow", "shifted", "randomised"}
