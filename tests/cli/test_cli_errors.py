"""Every way a command line can go wrong ends in one line naming the problem and a non-zero status,
never a traceback (issue 8): unwritable export targets, devices this machine lacks, empty file names,
CSV files the csv module chokes on. Run in-process for speed; test_cli.py covers real subprocesses."""
import os

import pytest

from playground import cli


def run(argv, capsys):
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's errors exit with status 2
        code = exc.code
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return code, err


@pytest.mark.parametrize("target", ["/proc/x.png", "DIR/x.png"])
def test_an_export_that_cannot_be_written_says_why(tmp_path, capsys, target):
    target = target.replace("DIR", str(tmp_path))
    if target.startswith(str(tmp_path)):
        os.mkdir(target)  # a folder named x.png
    code, err = run(["run", "perceptron", "--epochs", "2", "--export", target], capsys)
    assert code == 2 and "x.png" in err or "/proc" in err, err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("device", ["cuda", "mps"])
def test_a_device_this_machine_lacks_is_refused_naming_the_ones_it_has(capsys, device):
    from playground.core.train.worker import probe_devices

    if device in probe_devices()["devices"]:
        pytest.skip(f"this machine has {device}")
    code, err = run(["run", "perceptron", "--epochs", "1", "--device", device], capsys)
    assert code == 2 and f"--device {device}" in err and "this machine has: cpu" in err


@pytest.mark.parametrize("argv", [["run", "perceptron", "--json", ""], ["run", "classify", "--data", ""],
                                  ["--screenshot", ""], ["bench", "perceptron", "--json", ""]])
def test_an_empty_file_name_is_an_error_not_silently_ignored(capsys, argv):
    code, err = run(argv, capsys)
    assert code == 2 and "empty" in err


@pytest.mark.parametrize("content,words", [
    ("x1,x2,label\r0,0,0\r1,1,1\r2,2,x\r", "row 4"),  # CR-only line endings: rows, not one line
    ('x1,x2,label\n"' + "1" * 140_000 + '",0,1\n', "row 2"),  # a field over csv's 131,072 limit
    ("0,0,1\n1,1,1\n", "only one class"),
])
def test_a_bad_csv_is_one_line_naming_the_problem(tmp_path, capsys, content, words):
    path = tmp_path / "pts.csv"
    path.write_text(content, newline="")
    code, err = run(["run", "classify", "--epochs", "1", "--data", str(path)], capsys)
    assert code == 2 and words in err and "pts.csv" in err, err


def test_a_csv_with_cr_only_line_endings_trains(tmp_path, capsys):
    import json

    path, out = tmp_path / "mac.csv", tmp_path / "out.json"
    path.write_text("x1,x2,label\r0,0,0\r1,1,1\r2,2,1\r3,0,0\r", newline="")
    code, err = run(["run", "classify", "--epochs", "1", "--data", str(path), "--json", str(out)], capsys)
    assert code == 0, err
    result = json.loads(out.read_text())
    assert result["n_train"] + result["n_test"] == 4


def test_an_unexpected_failure_is_one_line_too(capsys, monkeypatch):
    monkeypatch.delenv("PLAYGROUND_DEBUG", raising=False)

    def boom(argv):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "run_command", boom)
    code, err = run(["run", "perceptron"], capsys)
    assert code == 1 and "ZeroDivisionError: a bug" in err
