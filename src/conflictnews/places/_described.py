"""Names neither the gazetteer nor the model knows, found because the words around them call
them places: "the village of X" (and the names listed after it), "in al-X", "X Hospital",
"X Street", "X village", "X, the country's third-largest city", "the X military base"."""

from __future__ import annotations

from spacy.tokens import Doc

from ._candidates import is_people
from ._gazetteer import gazetteer
from ._lexicon import PlaceLexicon
from ._query import SETTLEMENT_HINT
from ._tokens import (
    DETERMINERS,
    Found,
    article_start,
    headline,
    is_cap,
    is_demonym,
    name_start,
    prev_word,
)


def introduced_settlements(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """ "the village of Novoselivka Persha": a capitalised name introduced as a settlement is
    a place even when neither the gazetteer nor the model knows it."""
    out = []
    for token in doc[:-2]:
        if doc[token.i + 1].lower_ != "of":
            continue
        if token.lower_ not in lex.settlement_words and token.lower_ not in lex.area_nouns:
            continue
        start = end = token.i + 2
        while end < len(doc) and not (end > start and doc[end].is_sent_start):
            if is_cap(doc[end]) and not doc[end].is_punct:
                end += 1
            elif article_start(doc, end):
                end += 3  # "the village of Kfar al-Hamam"
            elif end > start and _hyphen_join(doc, end):
                end += 2  # "the village of Mayi-Moya": one name, not "Mayi"
            else:
                break
        if end > start and doc[start:end].text not in lex.not_places:
            out.append(Found(start, end, hint=SETTLEMENT_HINT, evidence=1.0, named=True))
            out += _listed_after(doc, end, lex)
    return out


def _listed_after(doc: Doc, end: int, lex: PlaceLexicon) -> list[Found]:
    """ "the villages of A, B and C": the names listed after the first one introduced."""
    out = []
    while end + 1 < len(doc) and doc[end].text in (",", "and"):
        start = end + 1
        if doc[end].text == "," and doc[start].lower_ == "and":
            start += 1
        stop = start
        while stop < len(doc) and (is_cap(doc[stop]) or doc[stop].text == "-"):
            if doc[stop].is_punct and doc[stop].text != "-":
                break
            stop += 1
        if stop == start or not is_cap(doc[stop - 1]):
            break
        if doc[start:stop].text in lex.not_places:
            break
        out.append(Found(start, stop, hint=SETTLEMENT_HINT, evidence=1.0))
        end = stop
    return out


def _hyphen_join(doc: Doc, i: int) -> bool:
    """Token i is a hyphen glued on both sides to capitalised words ("Mayi-Moya")."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and is_cap(doc[i + 1])
        and not doc[i + 1].is_punct
    )


def article_names(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """ "in al-Mawasi", "near el-Geneina": a name with a lower-case Arabic article after a
    place preposition or verb, a place even when the gazetteer does not hold it (the model
    reads such names as organisations)."""
    out = []
    for i in range(len(doc)):
        if not article_start(doc, i):
            continue
        prev, j = prev_word(doc, i)
        if prev is None or not (
            prev.lower_ in lex.place_prepositions or (prev.lower_ in lex.place_verbs and j == i - 1)
        ):
            continue
        end = i + 3
        while end + 1 < len(doc) and doc[end].text == "-" and is_cap(doc[end + 1]):
            end += 2
        out.append(Found(i, end, evidence=1.5))
    return out


def named_features(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """ "Al-Ahli Hospital", "Khreshchatyk Street", "Let Yet Kone village": a capitalised name
    whose last word is a local feature (or that a settlement word follows) is a place even
    when neither the gazetteer nor the model knows it. Institutions ("Foreign Ministry")
    are left to the actors."""
    out = []
    n = len(doc)
    for token in doc:
        word = token.lower_
        is_head = word in lex.feature_heads and is_cap(token) and not headline(token.sent)
        is_settlement = word in ("village", "town") and not is_cap(token)
        if not (is_head or is_settlement):
            continue
        end = token.i + 1 if is_head else token.i
        start = end - 1 if is_head else end
        while start > 0 and not doc[start].is_sent_start:
            before = doc[start - 1]
            if before.text == "-" and start >= 2 and name_start(doc, start - 2):
                start -= 2  # "Al-Ahli Hospital", "al-Nuri Mosque"
            elif before.text in ("'", "’") and start >= 2 and is_cap(doc[start - 2]):
                start -= 2  # "Martyrs' Square"
            elif is_cap(before) and not before.is_punct and before.lower_ not in DETERMINERS:
                start -= 1
            else:
                break
        if is_head and start == end - 1:
            continue  # "Hospital" alone names no place
        if start >= end or (end < n and is_cap(doc[end]) and not doc[end].is_punct):
            continue  # part of a longer name
        if doc[start:end].text in lex.not_places:
            continue
        hint = SETTLEMENT_HINT if is_settlement else None
        out.append(Found(start, end, hint=hint, evidence=4.0, named=True))
    return out


def described_names(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """Capitalised names the gazetteer and the model miss but the words around them call a
    place (see `described_as_place`): villages and bases below the gazetteer's floor."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not name_start(doc, i) or doc[i].is_punct or doc[i].lower_ in DETERMINERS:
            i += 1
            continue
        end = i + (3 if article_start(doc, i) else 1)
        while end < n and not doc[end].is_sent_start:
            if is_cap(doc[end]) and not doc[end].is_punct:
                end += 1
            elif doc[end].text == "-" and end + 1 < n and is_cap(doc[end + 1]):
                end += 2
            elif article_start(doc, end):
                end += 3
            else:
                break
        stop = end
        while stop - i > 1 and is_demonym(gazetteer(), doc[stop - 1].text):
            stop -= 1  # "the Mtabila Burundian refugee camp"
        name = doc[i:stop].text
        if (
            not doc[i].is_sent_start
            and not headline(doc[i].sent)
            and name not in lex.not_places
            and not is_people(name)
            and described_as_place(doc, i, stop, lex)
        ):
            out.append(Found(i, stop, hint=SETTLEMENT_HINT, evidence=4.0, named=True))
        i = end
    return out


# "the X military base", "the base in X": military sites, named by the place they stand in.
_SITE_NOUNS = frozenset(
    {"base", "bases", "camp", "airbase", "barracks", "garrison", "outpost", "airfield", "airport"}
)
_SITE_MODIFIERS = frozenset(
    {"military", "army", "air", "naval", "navy", "police", "border", "refugee", "displacement"}
)


def described_as_place(doc: Doc, start: int, end: int, lex: PlaceLexicon) -> bool:
    """A name the words around it call a place: in apposition with a settlement or region
    noun ("X, the country's third-largest city," / "the regional capital, X"), or naming a
    military site ("the X military base", "the base in X")."""
    nouns = lex.settlement_words | lex.region_words
    n = len(doc)
    if end + 2 < n and doc[end].text == "," and doc[end + 1].lower_ in ("the", "a", "an"):
        for token in doc[end + 2 : min(end + 9, n)]:
            if (token.is_punct and token.text != "-") or token.is_sent_start:
                break
            if token.lower_ in nouns and token.pos_ == "NOUN":
                nxt = doc[token.i + 1] if token.i + 1 < n else None
                if nxt is None or nxt.is_punct or nxt.lower_ in ("in", "of", "near", "on"):
                    return True
    if start >= 2 and doc[start - 1].text == ",":
        noun = doc[start - 2]
        after = doc[end] if end < n else None
        told = after is not None and after.pos_ in ("VERB", "AUX")  # "the city, John Smith told"
        j = start - 3  # the noun phrase before the comma is unnamed: "the regional capital"
        while j >= 0 and j > start - 8 and (doc[j].is_lower or doc[j].text in ("-", "'s", "’s")):
            if doc[j].lower_ in DETERMINERS:
                break
            j -= 1
        if (
            noun.lower_ in nouns
            and noun.pos_ == "NOUN"
            and not is_cap(noun)
            and not told
            and j >= 0
            and doc[j].lower_ in DETERMINERS
        ):
            return True
    if end < n and doc[end].is_lower and doc[end].lower_ in lex.region_words:
        return True  # "Hodeidah's Al-Hawk district", "the Sanhan district"
    i = end
    while (
        i < n
        and i < end + 2
        and (doc[i].lower_ in _SITE_MODIFIERS or is_demonym(gazetteer(), doc[i].text))
    ):
        i += 1
    if (
        i < n
        and doc[i].lower_ == "airbase"
        or (i - end == 1 and doc[end].lower_ == "air" and i < n and doc[i].lower_ == "base")
    ):
        return True  # "X air base": air bases are named after the place they stand in
    if i < n and doc[i].lower_ in _SITE_NOUNS and start > 0:
        before = doc[start - 1]
        if before.lower_ == "the" or (
            start > 1 and before.is_lower and before.is_alpha and doc[start - 2].lower_ == "the"
        ):
            return True
    return (
        start >= 2
        and doc[start - 1].lower_ in ("in", "at", "near")
        and doc[start - 2].lower_ in _SITE_NOUNS
    )
