"""`playground run segment` headless: the JSON's keys, the randomised regime, and --input with a saved
experiment's model writing the mask; bad inputs end with one line, never a traceback."""
import json

import numpy as np

from playground.cli import main
from playground.core.train.experiment import save_experiment
from playground.labs.segment.core import SegmentSession
from test_segment_files import make_dicom

TINY = ["--size", "64", "--train-slices", "16", "--test-slices", "8", "--batch-size", "8"]


def test_run_writes_the_scores_and_history(tmp_path, capsys):
    out = tmp_path / "out.json"
    code = main(["run", "segment", "--epochs", "1", *TINY, "--train-domain", "narrow", "--test-domain", "shifted",
                 "--regime", "randomised", "--seed", "0", "--json", str(out)])
    assert code == 0
    r = json.loads(out.read_text())
    assert {"dice_train", "dice_test", "iou_test", "history", "params"} <= set(r)
    assert r["params"]["regime"] == "randomised" and r["params"]["test_domain"] == "shifted"
    assert len(r["history"]) == 2 and r["steps"] == 2  # before training and after the epoch


def test_input_with_a_saved_model_writes_the_mask(tmp_path, capsys):
    s = SegmentSession({"size": 64, "train_slices": 16, "test_slices": 8, "batch_size": 8})
    s.step(2)
    exp = tmp_path / "model.npexp.json"
    save_experiment(str(exp), "segment", s.params, s.state(), s.epoch)
    hu = s.test["hu"][0]
    dcm = make_dicom(tmp_path / "slice.dcm", np.kron(np.clip(hu + 1024, 0, 4000), np.ones((2, 2))).astype(np.uint16))
    out, mask = tmp_path / "r.json", tmp_path / "mask.png"
    fig = tmp_path / "fig.png"
    code = main(["run", "segment", "--model", str(exp), "--input", str(dcm), "--mask", str(mask), "--json", str(out),
                 "--export", str(fig), "--width", "400"])
    assert code == 0, capsys.readouterr().err
    r = json.loads(out.read_text())
    assert r["steps"] == 2 and r["input"]["shape"] == [128, 128] and r["input"]["mask"] == str(mask)
    from playground.labs.segment.slice_io import read_slice

    assert read_slice(str(mask)).slice(0).shape == (128, 128)
    assert fig.stat().st_size > 2000  # --export: the slice with its mask, as a figure


def test_bad_inputs_end_with_one_line(tmp_path, capsys):
    notes = tmp_path / "notes.dcm"
    notes.write_text("hello")
    for argv, words in ((["--input", str(notes), "--epochs", "0"], "could not be read"),
                        (["--mask", str(tmp_path / "m.png"), "--epochs", "0"], "--mask needs --input"),
                        (["--size", "100", "--epochs", "0"], "multiple of 8"),
                        (["--model", str(tmp_path / "none.json"), "--input", str(notes)], "does not exist")):
        code = main(["run", "segment", *TINY, *argv])
        err = capsys.readouterr().err
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1, err
