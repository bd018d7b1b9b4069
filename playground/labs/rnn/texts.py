"""Text for the character model: the alphabet, the text that ships with the app, and the checks that
turn anything a user types or opens into a usable text or one clear sentence saying why not.

The alphabet is fixed (printable ASCII, a newline, and the letters and signs of French), so the
model's size depends only on its parameters: a saved experiment can be checked before it is loaded.
A character outside it is read as "?" and the user is told how many there were.
"""
from __future__ import annotations

from playground.core.i18n import language, tr

__all__ = ["VOCAB", "VOCAB_SIZE", "SAMPLE_TEXT", "MAX_TEXT_CHARS", "MAX_FILE_BYTES", "TextError",
           "encode", "decode", "clean_text", "read_text_file", "count", "list_separator"]

_FRENCH = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’“”–—…"
VOCAB = "\n" + "".join(chr(c) for c in range(32, 127)) + _FRENCH
VOCAB_SIZE = len(VOCAB)
_INDEX = {ch: i for i, ch in enumerate(VOCAB)}
UNKNOWN = _INDEX["?"]
MAX_TEXT_CHARS = 10_000  # the model sees windows of at most 50 characters: more text adds little here
MAX_FILE_BYTES = 5 * 1024 * 1024
MIN_TEXT_CHARS = 2

# Jean de La Fontaine, "Le Corbeau et le Renard" (1668), in the public domain, and a counting rhyme:
# short, repetitive French a small character model learns to imitate in a minute.
SAMPLE_TEXT = """Maître Corbeau, sur un arbre perché,
Tenait en son bec un fromage.
Maître Renard, par l'odeur alléché,
Lui tint à peu près ce langage :
« Hé ! bonjour, Monsieur du Corbeau.
Que vous êtes joli ! que vous me semblez beau !
Sans mentir, si votre ramage
Se rapporte à votre plumage,
Vous êtes le Phénix des hôtes de ces bois. »
À ces mots le Corbeau ne se sent pas de joie ;
Et pour montrer sa belle voix,
Il ouvre un large bec, laisse tomber sa proie.
Le Renard s'en saisit, et dit : « Mon bon Monsieur,
Apprenez que tout flatteur
Vit aux dépens de celui qui l'écoute :
Cette leçon vaut bien un fromage, sans doute. »
Le Corbeau, honteux et confus,
Jura, mais un peu tard, qu'on ne l'y prendrait plus.

Un, deux, trois, nous irons au bois,
Quatre, cinq, six, cueillir des cerises,
Sept, huit, neuf, dans mon panier neuf,
Dix, onze, douze, elles seront toutes rouges.
Un, deux, trois, nous irons au bois,
Quatre, cinq, six, cueillir des cerises,
Sept, huit, neuf, dans mon panier neuf,
Dix, onze, douze, elles seront toutes rouges.
"""


def count(n: int) -> str:
    """A whole number with its thousands grouped as the language writes them: 10,000 or 10 000."""
    text = f"{int(n):,}"
    return text.replace(",", "\u00a0") if language() == "fr" else text


def list_separator() -> str:
    """Between the items of a sentence's list: "; " in English, " ; " in French (a space before it)."""
    return " ; " if language() == "fr" else "; "


class TextError(ValueError):
    """A text the character model cannot use; the message is one sentence for the user."""


def encode(text: str) -> list[int]:
    return [_INDEX.get(ch, UNKNOWN) for ch in text]


def decode(codes) -> str:
    return "".join(VOCAB[int(i)] if 0 <= int(i) < VOCAB_SIZE else "?" for i in codes)


def clean_text(text: str, name: str | None = None) -> tuple[str, str]:
    """(the text the model will use, a note for the user or ""); raises TextError if unusable.
    `name` says what the text is in the messages (default: "the text")."""
    name = name or tr("the text")
    if not isinstance(text, str):
        raise TextError(tr("{name} is not text", name=name))
    if "\x00" in text:
        raise TextError(tr("{name} looks like a binary file (it contains NUL bytes), not text", name=name))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch != "\n")
    if text and controls > 0.05 * len(text):
        raise TextError(tr("{name} looks like a binary file ({n} control characters), not text", name=name,
                           n=count(controls)))
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise TextError(tr("{name} is empty: type or open at least a few words for the character model", name=name))
    notes = []
    if len(text) > MAX_TEXT_CHARS:
        notes.append(tr("{name} has {n} characters; the lab uses the first {limit}", name=name, n=count(len(text)),
                        limit=count(MAX_TEXT_CHARS)))
        text = text[:MAX_TEXT_CHARS]
    unknown = sum(1 for ch in text if ch not in _INDEX)
    if unknown:
        notes.append(tr("{n} character(s) outside the lab's alphabet are read as '?'", n=count(unknown)))
    return text, (list_separator().join(notes) + ".") if notes else ""


def read_text_file(path: str) -> tuple[str, str]:
    """Open a text file for the character model: (text, note); TextError for a missing, huge, binary
    or empty file."""
    import os

    name = os.path.basename(path) or path
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise TextError(tr("{name} is {size} MiB: too large for the character model (at most {limit} MiB; it "
                               "uses {n} characters)", name=name, size=f"{size / 2**20:.1f}",
                               limit=MAX_FILE_BYTES // 2**20, n=count(MAX_TEXT_CHARS)))
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise TextError(tr("{name} does not exist", name=name)) from None
    except IsADirectoryError:
        raise TextError(tr("{name} is a folder, not a text file", name=name)) from None
    except OSError as exc:
        raise TextError(tr("{name} cannot be read: {reason}", name=name, reason=exc.strerror or exc)) from None
    if b"\x00" in raw[:65536]:
        raise TextError(tr("{name} looks like a binary file (it contains NUL bytes), not text", name=name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # old Windows French texts
        except UnicodeDecodeError:
            raise TextError(tr("{name} is not a text file this lab can read (neither UTF-8 nor Windows-1252)",
                               name=name)) from None
    return clean_text(text, name)
