"""Transliteration-variant keys: one key for the many Latin spellings of one name.

Cyrillic, Arabic and other names reach English text through several romanisation
systems ("Tiotkino", "Tyotkino", "Tetkino"; "Sudzha", "Suja"; "Porechye", "Poreche",
"Porech"). `variant_key` maps a folded name (see `conflictnews._ids.fold`) to a coarser
key on which such spellings coincide. The rules are general sound correspondences, not
per-name cases; the key is only consulted when the exact folded name has no entry.
"""

from __future__ import annotations

import functools
import re

# Digraphs and letters that romanisation systems write differently for one sound.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("zh", "j"),
    ("dzh", "j"),
    ("dj", "j"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("ou", "u"),
)

# Iotated vowels: ё/е/я/ю are written yo/io/jo/e, ye/ie/je/e, ya/ia/ja, yu/iu/ju.
# A "j" after a vowel is more often English "dzh" ("Suja"), so it only counts after a consonant.
_C = "(?<=[bcdfghklmnprstvz])"

_DOUBLE = re.compile(r"(.)\1+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


_DIGRAPH_RE = re.compile(
    "|".join(sorted((re.escape(old) for old, _ in _DIGRAPHS), key=len, reverse=True))
)
_DIGRAPH_MAP = dict(_DIGRAPHS)
_IOTATED_RE = re.compile(rf"(?:[yi]|{_C}j)([oeau])")
_IOTATED_MAP = {"o": "e", "e": "e", "a": "a", "u": "u"}
_LOOSE = str.maketrans({"y": "i", "z": "s"})


@functools.lru_cache(maxsize=262_144)
def _word_key(word: str) -> str:
    # Doubled letters go first too, so a doubled consonant does not hide a digraph
    # ("Suddzha" reads as "Sudzha").
    word = _DOUBLE.sub(r"\1", word)
    word = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], word)
    word = _IOTATED_RE.sub(lambda m: _IOTATED_MAP[m.group(1)], word)
    # y/i/j endings (-iy, -yi, -yy, -ij) and the voiced/unvoiced s/z pair vary freely.
    word = _DOUBLE.sub(r"\1", word.translate(_LOOSE))
    # A final soft vowel is often dropped ("Porech'e" -> "Porech"), and so is the final
    # "h" of Arabic names ("Hodeidah" / "Hodeida").
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    return word


def variant_key(folded: str) -> str:
    """Coarse spelling key of a folded name: "tiotkino" and "tetkino" give the same key.

    Args:
        folded: A name already passed through `conflictnews._ids.fold`.

    Returns:
        The variant key; empty when the name has no letters.
    """
    words = _NON_ALNUM.sub("", folded.replace("-", " ")).split()
    # The Arabic article is written or left out at will ("Al Hudaydah", "Hudaydah").
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(_word_key(w) for w in words if w)


_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})
