"""The Qt-free core in French: an experiment file's problem, a parameter's refusal and its allowed
values, a deck's problem and the worker's device reasons are written in the language in force, with
their details filled in; English comes back unchanged."""
import json

import pytest

from playground.core import i18n
from playground.core.scenes import DeckError, LECTURE_TITLE, load_deck
from playground.core.train.experiment import ExperimentError, load_experiment
from playground.core.train.params import Param, ParamError, describe, validate


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def test_an_experiment_file_problem_is_said_in_french(french, tmp_path):
    broken = tmp_path / "run.npexp.json"
    broken.write_text('{"format": "neural-playground-experiment", "version": 3, "lab": ', encoding="utf-8")
    with pytest.raises(ExperimentError) as exc:
        load_experiment(broken)
    assert str(exc.value).startswith("run.npexp.json est tronqué : le JSON s'arrête inachevé à la ligne 1")
    with pytest.raises(ExperimentError) as exc:
        load_experiment(tmp_path / "missing.json")
    assert "missing.json n'existe pas" in str(exc.value)
    folder = tmp_path / "a_folder.json"
    folder.mkdir()
    with pytest.raises(ExperimentError) as exc:
        load_experiment(folder)
    assert str(exc.value) == ("a_folder.json est un dossier, pas un fichier ordinaire, il ne peut donc pas être "
                              "un fichier d'expérience")


def test_the_same_problem_in_english(tmp_path):
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ExperimentError) as exc:
        load_experiment(tmp_path / "x.json")
    assert str(exc.value) == "x.json is not an experiment file: it holds a list, not a JSON object"


def test_parameter_refusals_and_ranges_in_french(french):
    lr = Param("lr", "Learning rate", "float", 0.1, minimum=1e-4, maximum=10)
    assert describe(lr) == "0.0001 à 10"
    with pytest.raises(ParamError) as exc:
        validate(lr, "99")
    assert str(exc.value) == "lr : 99 dépasse le maximum 10"
    act = Param("act", "Activation", "choice", "relu", choices=("relu", "tanh"))
    assert describe(act) == "parmi : relu, tanh"
    widths = Param("widths", "Widths", "int_list", [4], min_items=1, max_items=8, item_minimum=1, item_maximum=16)
    assert describe(widths) == "1 à 8 nombres entiers séparés par des virgules, chacun de 1 à 16"
    with pytest.raises(ParamError) as exc:
        validate(widths, "")
    assert "ne doit pas être vide" in str(exc.value)


def test_a_deck_problem_in_french(french, tmp_path):
    deck = tmp_path / "lesson.npdeck.json"
    deck.write_text(json.dumps({"format": "neural-playground-deck", "version": 1, "title": "t",
                                "scenes": [{"lab": "nosuchlab"}]}), encoding="utf-8")
    with pytest.raises(DeckError) as exc:
        load_deck(deck)
    assert str(exc.value).startswith("lesson.npdeck.json, scène 1 : 'nosuchlab' n'est pas un lab de cette application")
    assert i18n.tr(LECTURE_TITLE) == "Introduction à l'apprentissage profond"


def test_the_worker_explains_a_missing_device_in_french(french):
    from playground.core.train.worker import probe_devices

    reasons = probe_devices()["unavailable"]
    assert reasons.get("mps") == "Apple MPS n'existe que sur les Mac à puce Apple"
