"""The command line in French: `playground --language fr run LAB --help` (argparse's own words
included) has no English left but what a user types (option names, raw choice values), errors come
out in French, and English is untouched afterwards."""
import importlib
import re

import pytest

from english import english_words
from playground import cli
from playground.core import i18n
from playground.registry import LABS, get_lab


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")
    cli._speak_argparse_in_our_language()  # back to identity in English


def _run(capsys, *argv):
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def _typed_words(lab_id: str) -> set[str]:
    """What a user types as it is: the lab's raw choice values (`and`, `xor`), the lab ids (`fit`)."""
    core = importlib.import_module(get_lab(lab_id).core)
    return ({str(c).lower() for p in core.PARAMS for c in (p.choices or ())} | {lab.id for lab in LABS}
            | {"true", "false"})


def _readable(text: str) -> str:
    """The help without option names (--epochs), metavars and the command itself (playground run)."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"\bplayground (run|bench)\b", " ", text)
    return re.sub(r"'(run|bench)'", " ", text)  # the commands, named as typed


@pytest.mark.parametrize("argv", [("--language", "fr", "run", "perceptron", "--help"),
                                  ("run", "perceptron", "--language", "fr", "--help"),
                                  ("--language", "fr", "bench", "perceptron", "--help"),
                                  ("--language", "fr", "--help"),
                                  ("--language", "fr", "run", "--help")])
def test_help_in_french_has_no_english_word(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    assert out.startswith("utilisation : ")
    assert "-h, --help" not in out or "afficher ce message d'aide et quitter" in out
    typed = _typed_words("perceptron")
    left = [w for w in english_words(_readable(out)) if w.lower() not in typed]
    assert not left, f"English in the French help: {sorted(set(left))}\n{out}"


def test_argparse_errors_in_french(capsys):
    code, _out, err = _run(capsys, "--language", "fr", "run", "perceptron", "--epochs", "many")
    assert code == 2 and "erreur" in err and "valeur int invalide" in err, err
    code, _out, err = _run(capsys, "--language", "fr", "run", "perceptron", "--colour", "red")
    assert code == 2 and "arguments non reconnus" in err, err


def test_a_bad_value_is_refused_in_french(capsys):
    code, _out, err = _run(capsys, "--language", "fr", "run", "perceptron", "--lr", "99")
    assert code == 2
    assert "--lr : lr : 99 dépasse le maximum 10" in err, err
    code, _out, err = _run(capsys, "--language", "fr", "run", "nosuchlab")
    assert code == 2 and "lab inconnu 'nosuchlab'" in err, err


def test_english_stays_english_after_french(capsys):
    _run(capsys, "--language", "fr", "run", "perceptron", "--help")
    code, out, _err = _run(capsys, "--language", "en", "run", "perceptron", "--help")
    assert code == 0
    assert "show this help message and exit" in out and "usage:" in out and "[0 to 2147483647]" in out
    assert not re.search(r"\b(par défaut|afficher|époques)\b", out)


def test_a_run_prints_its_summary_in_french(capsys):
    code, out, err = _run(capsys, "--language", "fr", "run", "perceptron", "--epochs", "3")
    assert code == 0, err
    assert "époques=3" in out and "convergé=" in out and "epochs=" not in out
    code, out, err = _run(capsys, "run", "perceptron", "--epochs", "3")
    assert code == 0 and "epochs=3" in out and "converged=" in out  # English: the JSON keys, as before
