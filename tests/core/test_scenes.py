"""Scene decks: every scene a lab ships is valid, a deck saves and reopens unchanged, and a bad deck is
refused with the file, the scene and the problem named."""
import json
import os

import pytest

from playground.core.scenes import (Deck, DeckError, Scene, lab_scenes, lecture_deck, load_deck, save_deck,
                                    scene_from_json)
from playground.registry import lab_ids


def test_the_lecture_deck_follows_the_labs_in_lecture_order():
    deck = lecture_deck()
    labs = [s.lab for s in deck.scenes]
    assert labs[0] == "perceptron" and len(deck.scenes) >= 10
    order = [lab_ids().index(lab) for lab in labs]
    assert order == sorted(order)
    assert all(s.caption.get("en") and s.caption.get("fr") for s in deck.scenes)


def test_every_lab_scene_is_valid_for_its_lab():
    for lab in lab_ids():
        for scene in lab_scenes(lab):
            assert scene.lab == lab


def test_a_deck_saves_and_reopens_unchanged(tmp_path):
    deck = lecture_deck()
    deck.scenes.insert(1, Scene("perceptron", scene_from_json({"lab": "perceptron", "params": {"dataset": "or"}}).params,
                                {"en": "OR too"}, "", 7))
    path = str(tmp_path / "d.npdeck.json")
    save_deck(path, deck)
    again = load_deck(path)
    assert again.to_json() == deck.to_json()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".deck-")]


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(format="other"), "not a Neural Playground deck"),
    (lambda d: d.update(version=99), "newer than this app reads"),
    (lambda d: d.update(scenes=[]), "at least one scene"),
    (lambda d: d["scenes"][1].update(lab="nope"), "scene 2: 'nope' is not a lab"),
    (lambda d: d["scenes"][0]["params"].update(lr="fast"), "scene 1: lr"),
    (lambda d: d["scenes"][0]["params"].update(bogus=1), "scene 1: unknown parameter 'bogus'"),
    (lambda d: d["scenes"][0].update(train_to=-3), "scene 1: train_to"),
    (lambda d: d["scenes"][0].update(train_to=10 ** 30), "scene 1: train_to"),
    (lambda d: d["scenes"][0].update(caption=5), "scene 1: caption"),
    (lambda d: d["scenes"][0].update(extra=1), "scene 1: unknown key 'extra'"),
])
def test_a_bad_deck_is_refused_naming_the_problem(tmp_path, mutate, message):
    data = lecture_deck().to_json()
    mutate(data)
    path = tmp_path / "bad.npdeck.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DeckError, match=message.replace("(", r"\(")) as info:
        load_deck(str(path))
    assert "bad.npdeck.json" in str(info.value)


def test_files_that_are_not_decks_are_refused(tmp_path):
    trunc = tmp_path / "t.json"
    trunc.write_text(json.dumps(lecture_deck().to_json())[:200])
    with pytest.raises(DeckError, match="not valid JSON"):
        load_deck(str(trunc))
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DeckError, match="UTF-8"):
        load_deck(str(binary))
    with pytest.raises(DeckError, match="not a regular file"):
        load_deck(str(tmp_path))
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    with pytest.raises(DeckError, match="not a regular file"):
        load_deck(str(fifo))
    with pytest.raises(DeckError, match="cannot be opened"):
        load_deck(str(tmp_path / "missing.json"))


def test_a_deck_needs_its_folder(tmp_path):
    with pytest.raises(DeckError, match="does not exist"):
        save_deck(str(tmp_path / "no" / "d.json"), Deck("t", lecture_deck().scenes[:1]))
