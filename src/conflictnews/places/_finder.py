"""Finding place mentions in a parsed Doc.

The small English models mislabel many places ("Kursk" PRODUCT, "Sudzha" PERSON), so
mentions come from two sources: capitalised token n-grams found in the gazetteer, and
GPE/LOC/FAC entities. A gazetteer match that the model did not label as a place needs
evidence (a preposition or "village of" before it, "region" after it, a list of places it
belongs to, or being a country or major region); names that are usually not places
(months, person names, common words) need stronger evidence.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from .._ids import fold
from ._candidates import candidates_for, is_people
from ._gazetteer import COUNTRY, PRIMARY, REGION, Gazetteer, gazetteer
from ._lexicon import PlaceLexicon, place_lexicon
from ._query import DISTRICT_HINT, REGION_HINT, SETTLEMENT_HINT, Query
from ._record import km_between

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_CONNECTORS = frozenset(
    {"of", "de", "del", "la", "le", "al", "el", "on", "upon", "am", "an", "der"}
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_LIST_JOINS = frozenset({",", "and", "or", "&"})
_TOWN_WORDS = frozenset({"city", "town", "village", "township"})


@dataclass(slots=True)
class Found:
    """A candidate mention: token span, its kind hint and the evidence for it."""

    start: int
    end: int
    hint: str | None = None
    evidence: float = 0.0
    ner: str | None = None
    extend_to: int | None = None
    named: bool = False


def _is_cap(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


# Arabic articles written in lower case before a name: "al-Mawasi", "el-Fasher", "ash-Sham".
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "en", "es", "et", "ez", "ul"}
)


def _article_start(doc: Doc, i: int) -> bool:
    """Token i is a lower-case article glued by a hyphen to a capitalised name."""
    return (
        doc[i].lower_ in _ARTICLES
        and i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and _is_cap(doc[i + 2])
    )


def _name_start(doc: Doc, i: int) -> bool:
    return _is_cap(doc[i]) or _article_start(doc, i)


def _ner_label(doc: Doc, start: int, end: int) -> str | None:
    for i in range(start, end):
        if doc[i].ent_type_:
            return doc[i].ent_type_
    return None


def _prev_word(doc: Doc, i: int) -> tuple[Token | None, int]:
    """The word before token i, skipping determiners; and its index."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _DETERMINERS:
        j -= 1
    return (doc[j], j) if j >= 0 else (None, -1)


def _gazetteer_spans(doc: Doc, gaz: Gazetteer, lex: PlaceLexicon) -> list[Found]:
    found: list[Found] = []
    n = len(doc)
    i = 0
    max_words = min(5, gaz.max_key_words)
    while i < n:
        token = doc[i]
        if not _name_start(doc, i) or token.is_punct:
            i += 1
            continue
        match_end = -1
        for length in range(max_words, 0, -1):
            end = i + length
            if end > n:
                continue
            span = doc[i:end]
            joined = any(t.lower_ == "and" for t in span)
            if not _is_cap(span[-1]) or any(
                not _is_cap(t)
                and t.lower_ not in _CONNECTORS
                and t.text not in {"-", "'"}
                and t.lower_ != "and"
                for t in span
            ):
                continue
            if any(t.is_sent_start for t in span[1:]):
                continue
            if joined and not gaz.lookup(fold(span.text)):
                continue  # "Jammu and Kashmir" is one name; "Tibu and El Tarra" are two
            if _known(gaz, span.text):
                match_end = end
                break
        if match_end > 0:
            found.append(Found(i, match_end))
            i = match_end
        else:
            i += 1
    return found


def _known(gaz: Gazetteer, surface: str) -> bool:
    if gaz.lookup_surface(surface) or gaz.area(surface) is not None:
        return True
    key = fold(surface)
    if len(key) < 3:
        return False
    if gaz.lookup(key):
        return True
    return len(key) >= 5 and bool(gaz.lookup_variant(key))


def _is_demonym(gaz: Gazetteer, text: str) -> bool:
    forms = [text, text[:-1]] if text.endswith("s") else [text]
    return any(gaz.lookup_surface("demonym:" + f) for f in forms)


def find_places(doc: Doc) -> list[Query]:
    """Place mentions of a Doc, as resolver queries with kind hints."""
    gaz = gazetteer()
    lex = place_lexicon()
    spans: dict[tuple[int, int], Found] = {}
    for f in _gazetteer_spans(doc, gaz, lex):
        spans[(f.start, f.end)] = f
    for start, end, label in _place_entities(doc, gaz):
        while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_space):
            start += 1
        breaks = [t.i for t in doc[start:end] if t.is_space]
        if breaks:
            end = breaks[0]  # an entity never runs across a line break
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in {"'s", "’s"}
        ):
            end -= 1
        while end - start > 1 and end < len(doc) and _is_demonym(gaz, doc[end - 1].text):
            end -= 1  # "the Mtabila Burundian refugee camp": the camp's name ends before
        if end - start > 1 and doc[end - 1].is_lower and doc[end - 1].lower_ in _TOWN_WORDS:
            end -= 1  # "Mekelle city", "Kirenowa village": the name, hinted a settlement
        if start >= end:
            continue
        overlapping = [k for k in spans if k[0] < end and start < k[1]]
        inside = [k for k in overlapping if start <= k[0] and k[1] <= end and k != (start, end)]
        if (
            overlapping
            and inside == overlapping
            and not _ends_with_type_word(doc, end)
            and not _headline(doc[start].sent)  # a headline's capitals join no names
        ):
            # "Malaya Zagorodnovka" is one unknown place, not the known "Malaya".
            for k in inside:
                del spans[k]
            spans[(start, end)] = Found(start, end, ner=label)
            continue
        if overlapping:
            if not _headline(doc[start].sent):  # "Lebanon Border Village" vouches for no part
                for k in overlapping:
                    spans[k].ner = label
            continue
        spans[(start, end)] = Found(start, end, ner=label)
    for f in _introduced_settlements(doc, lex) + _article_names(doc, lex):
        overlapping = [k for k in spans if k[0] < f.end and f.start < k[1]]
        if (
            overlapping
            and f.named
            and all(
                f.start <= k[0] and k[1] <= f.end and k != (f.start, f.end) for k in overlapping
            )
        ):
            # "the village of Kfar al-Hamam": the whole name, not a known "al-Hamam" in it.
            for k in overlapping:
                del spans[k]
            overlapping = []
        if not overlapping:
            spans[(f.start, f.end)] = f
    for f in _named_features(doc, lex) + _described_names(doc, lex):
        overlapping = [k for k in spans if k[0] < f.end and f.start < k[1]]
        if all(f.start <= k[0] and k[1] <= f.end for k in overlapping):
            # "Saudi Hospital", "Oxford Street": the whole feature, not the place inside it.
            for k in overlapping:
                del spans[k]
            spans[(f.start, f.end)] = f
    ordered = sorted(spans.values(), key=lambda f: f.start)
    _mark_regions(doc, ordered, lex)
    persons = _person_spans(doc)
    accepted: list[Found] = []
    doubtful: list[Found] = []
    text = doc.text
    headline_end = text.find("\n") if "\n" in text else len(text)
    for f in ordered:
        span = doc[f.start : f.end]
        if f.ner is None and not _headline(doc[f.start].sent):
            f.ner = _ner_label(doc, f.start, f.end)
        if _is_demonym(gaz, span.text) or span.text in lex.not_places or is_people(span.text):
            continue
        if _names_a_vessel(doc, f.start, f.end, lex):
            continue
        if not f.named and _around_a_nickname(text, span.start_char, span.end_char):
            continue  # 'Ismael "El Mayo" Zambada': a given name and a surname, not places
        if not f.named and _ends_an_acronymed_name(text, span.start_char, span.end_char):
            continue  # "Islamic State West Africa Province (ISWAP)": a group's name
        if len(span) == 1 and span[0].is_stop and span[0].text.istitle():
            continue  # "Control Over Checkpoint": a capitalised function word in a headline
        if (
            len(span) == 1
            and span.start_char < headline_end
            and _headline(doc[f.start].sent)
            and _only_another_name(gaz, span.text)
        ):
            continue  # "Volunteers Strike Deep": a headline word that is a hamlet's old name
        if not f.named and _inside_person(f.start, f.end, persons):
            continue  # but "Hnin Si village" read as a person is still a village
        f.evidence += _evidence(doc, f, gaz, lex, accepted)
        if f.evidence >= 2.0:
            accepted.append(f)
        elif f.evidence >= -1.5:
            doubtful.append(f)
    accepted += _near_accepted(doc, gaz, doubtful, accepted)
    taken = {(f.start, f.end) for f in accepted}
    accepted += _listed_together(doc, gaz, [f for f in doubtful if (f.start, f.end) not in taken])
    accepted += _repeats(doc, accepted, lex, persons)
    accepted.sort(key=lambda f: f.start)
    reach = [(f.start, f.extend_to if f.extend_to is not None else f.end) for f in accepted]
    queries: list[Query] = []
    for n, f in enumerate(accepted):
        own = reach[n]
        if any(s <= own[0] and own[1] <= e and (s, e) != own for s, e in reach):
            continue  # the "Region" of "Kharkiv Region", already part of that mention
        end_token = f.extend_to if f.extend_to is not None else f.end
        span = doc[f.start : end_token]
        queries.append(Query(span.start_char, span.end_char, span.text, f.hint))
    return queries


def _place_entities(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The model's place entities as token spans, a list the model took for one name
    ("near Robotyne and Verbove") cut into its names, unless the whole is one known name
    ("Bosnia and Herzegovina")."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        cuts = [t.i for t in ent if t.lower_ in ("and", ",", "or", "&")]
        if not cuts or _known(gaz, ent.text):
            out.append((ent.start, ent.end, ent.label_))
            continue
        bounds = [ent.start - 1, *cuts, ent.end]
        for left, right in zip(bounds, bounds[1:], strict=False):
            if right - left > 1 and _is_cap(doc[left + 1]):
                out.append((left + 1, right, ent.label_))
    return out


def _introduced_settlements(doc: Doc, lex: PlaceLexicon) -> list[Found]:
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
            if _is_cap(doc[end]) and not doc[end].is_punct:
                end += 1
            elif _article_start(doc, end):
                end += 3  # "the village of Kfar al-Hamam"
            elif end > start and _hyphen_join(doc, end):
                end += 2  # "the village of Mayi-Moya": one name, not "Mayi"
            else:
                break
        if end > start and doc[start:end].text not in lex.not_places:
            out.append(Found(start, end, hint=SETTLEMENT_HINT, evidence=1.0, named=True))
            out += _listed_after(doc, end, lex)
    return out


_NICKNAME_BEFORE = re.compile(r"\b[A-Z][\w'’.-]+\s+[\"“][^\"“”\n]{1,30}[\"”]\s+$")


_NICKNAME_AFTER = re.compile(r"\s+[\"“][^\"“”\n]{1,30}[\"”]\s+[A-Z]")


def _around_a_nickname(text: str, start: int, end: int) -> bool:
    """A name right before or after a quoted nickname between two names ('Jimmy "Barbecue"
    Cherizier'): the person's given name or surname."""
    return (
        _NICKNAME_BEFORE.search(text, max(0, start - 60), start) is not None
        or _NICKNAME_AFTER.match(text, end) is not None
    )


_ACRONYM_AFTER = re.compile(r"((?:\s+[A-Z][\w'’-]*){0,2})\s*\(([A-Z]{3,8})\)")
_NAME_WORD = re.compile(r"([A-Z][\w'’-]*)\s+$")
_NAME_JOINS = frozenset({"of", "the", "and", "for"})


def _ends_an_acronymed_name(text: str, start: int, end: int) -> bool:
    """A mention that ends a longer capitalised name spelled out before its acronym
    ("Islamic State West Africa Province (ISWAP)"): the name of a group, not of a place."""
    acronym = _ACRONYM_AFTER.match(text, end)
    if acronym is None:
        return False
    words = text[start:end].split() + acronym.group(1).split()
    before: list[str] = []
    cursor = start
    while len(before) < 6:
        prior = _NAME_WORD.search(text, max(0, cursor - 30), cursor)
        if prior is None or prior.end() != cursor:
            break
        before.insert(0, prior.group(1))
        cursor = prior.start()
    if not before:
        return False
    initials = "".join(w[0] for w in before + words if w.lower() not in _NAME_JOINS)
    return initials.upper() == acronym.group(2)


def _hyphen_join(doc: Doc, i: int) -> bool:
    """Token i is a hyphen glued on both sides to capitalised words ("Mayi-Moya")."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and _is_cap(doc[i + 1])
        and not doc[i + 1].is_punct
    )


def _article_names(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """ "in al-Mawasi", "near el-Geneina": a name with a lower-case Arabic article after a
    place preposition or verb, a place even when the gazetteer does not hold it (the model
    reads such names as organisations)."""
    out = []
    for i in range(len(doc)):
        if not _article_start(doc, i):
            continue
        prev, j = _prev_word(doc, i)
        if prev is None or not (
            prev.lower_ in lex.place_prepositions or (prev.lower_ in lex.place_verbs and j == i - 1)
        ):
            continue
        end = i + 3
        while end + 1 < len(doc) and doc[end].text == "-" and _is_cap(doc[end + 1]):
            end += 2
        out.append(Found(i, end, evidence=1.5))
    return out


def _listed_after(doc: Doc, end: int, lex: PlaceLexicon) -> list[Found]:
    """ "the villages of A, B and C": the names listed after the first one introduced."""
    out = []
    while end + 1 < len(doc) and doc[end].text in (",", "and"):
        start = end + 1
        if doc[end].text == "," and doc[start].lower_ == "and":
            start += 1
        stop = start
        while stop < len(doc) and (_is_cap(doc[stop]) or doc[stop].text == "-"):
            if doc[stop].is_punct and doc[stop].text != "-":
                break
            stop += 1
        if stop == start or not _is_cap(doc[stop - 1]):
            break
        if doc[start:stop].text in lex.not_places:
            break
        out.append(Found(start, stop, hint=SETTLEMENT_HINT, evidence=1.0))
        end = stop
    return out


def _named_features(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """ "Al-Ahli Hospital", "Khreshchatyk Street", "Let Yet Kone village": a capitalised name
    whose last word is a local feature (or that a settlement word follows) is a place even
    when neither the gazetteer nor the model knows it. Institutions ("Foreign Ministry")
    are left to the actors."""
    out = []
    n = len(doc)
    for token in doc:
        word = token.lower_
        is_head = word in lex.feature_heads and _is_cap(token) and not _headline(token.sent)
        is_settlement = word in ("village", "town") and not _is_cap(token)
        if not (is_head or is_settlement):
            continue
        end = token.i + 1 if is_head else token.i
        start = end - 1 if is_head else end
        while start > 0 and not doc[start].is_sent_start:
            before = doc[start - 1]
            if before.text == "-" and start >= 2 and _name_start(doc, start - 2):
                start -= 2  # "Al-Ahli Hospital", "al-Nuri Mosque"
            elif before.text in ("'", "’") and start >= 2 and _is_cap(doc[start - 2]):
                start -= 2  # "Martyrs' Square"
            elif _is_cap(before) and not before.is_punct and before.lower_ not in _DETERMINERS:
                start -= 1
            else:
                break
        if is_head and start == end - 1:
            continue  # "Hospital" alone names no place
        if start >= end or (end < n and _is_cap(doc[end]) and not doc[end].is_punct):
            continue  # part of a longer name
        if doc[start:end].text in lex.not_places:
            continue
        hint = SETTLEMENT_HINT if is_settlement else None
        out.append(Found(start, end, hint=hint, evidence=4.0, named=True))
    return out


def _repeats(
    doc: Doc, accepted: list[Found], lex: PlaceLexicon, persons: list[tuple[int, int]]
) -> list[Found]:
    """Other occurrences of a name accepted once (one sense per article)."""
    by_first: dict[str, set[tuple[str, int]]] = {}
    for f in accepted:
        by_first.setdefault(doc[f.start].text, set()).add(
            (doc[f.start : f.end].text, f.end - f.start)
        )
    taken = sorted((f.start, f.extend_to or f.end) for f in accepted)
    covered = {i for s, e in taken for i in range(s, e)}
    out: list[Found] = []
    # Token objects are costly to make: find the candidate positions on the ORTH array.
    wanted = {doc.vocab.strings.add(first): first for first in by_first}
    orths = doc.to_array(ORTH).tolist()
    for i in (i for i, orth in enumerate(orths) if orth in wanted):
        if i in covered:
            continue
        for name, length in sorted(by_first[wanted[orths[i]]], key=lambda item: -item[1]):
            end = i + length
            if end > len(doc) or doc[i:end].text != name or covered & set(range(i, end)):
                continue
            before = doc[i - 1] if i > 0 else None
            after = doc[end] if end < len(doc) else None
            if (before is not None and _is_cap(before) and not before.is_sent_start) or (
                after is not None and _is_cap(after) and after.lower_ not in lex.region_words
            ):
                continue  # part of a longer name
            if _inside_person(i, end, persons):
                continue
            out.append(Found(i, end, hint=None))
            covered.update(range(i, end))
            break
    return out


def _ends_with_type_word(doc: Doc, end: int) -> bool:
    return doc[end - 1].lower_ in place_lexicon().region_words


def _person_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]


def _inside_person(start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    # Tokens inside a multi-word person name ("Vladimir Putin") are not places.
    return any(s <= start and end <= e and (end - start) < (e - s) for s, e in persons)


def _mark_regions(doc: Doc, found: list[Found], lex: PlaceLexicon) -> None:
    """Kind hints from the words around each mention, shared along lists of names."""
    n = len(doc)
    for k, f in enumerate(found):
        after = doc[f.end] if f.end < n else None
        if after is not None and after.lower_ in lex.region_words and not after.is_sent_start:
            f.hint = DISTRICT_HINT if after.lower_ in lex.district_words else REGION_HINT
            f.evidence += 3.0
            if after.lower_ == after.lemma_.lower() and not after.lower_.endswith("s"):
                # "Kursk region" is one mention; "Kursk and Belgorod regions" are two.
                f.extend_to = f.end + 1
            elif after.lower_.endswith("s"):
                _spread_back(doc, found, k, f.hint)
        prev, j = _prev_word(doc, f.start)
        if prev is not None and prev.lower_ == "of" and j >= 1:
            head = doc[j - 1]
            if head.lower_ in lex.region_words:
                hint = DISTRICT_HINT if head.lower_ in lex.district_words else REGION_HINT
                f.hint = f.hint or hint
                f.evidence += 3.0
                _spread_forward(doc, found, k, hint)
            elif head.lower_ in lex.settlement_words:
                f.hint = f.hint or SETTLEMENT_HINT
                f.evidence += 3.0
                _spread_forward(doc, found, k, SETTLEMENT_HINT)
            elif head.lower_ in lex.area_nouns:
                f.evidence += 3.0  # "the area of X", "the mountain of X"
        elif prev is not None and prev.lower_ in lex.settlement_words and j == f.start - 1:
            f.hint = f.hint or SETTLEMENT_HINT
            f.evidence += 2.0


def _joined(doc: Doc, left_end: int, right_start: int) -> bool:
    between = doc[left_end:right_start]
    return len(between) <= 2 and all(t.lower_ in _LIST_JOINS for t in between) and len(between) > 0


def _spread_back(doc: Doc, found: list[Found], k: int, hint: str) -> None:
    while k > 0 and _joined(doc, found[k - 1].end, found[k].start):
        found[k - 1].hint = hint
        found[k - 1].evidence += 3.0
        k -= 1


def _spread_forward(doc: Doc, found: list[Found], k: int, hint: str) -> None:
    while k + 1 < len(found) and _joined(doc, found[k].end, found[k + 1].start):
        found[k + 1].hint = found[k + 1].hint or hint
        found[k + 1].evidence += 3.0
        k += 1


def _top(gaz: Gazetteer, surface: str) -> list[tuple[float, float, str]]:
    points = []
    for rec, how in candidates_for(gaz, surface):
        if how <= 1 and rec.lat is not None and rec.lon is not None:
            points.append((rec.lat, rec.lon, rec.country_code))
    return points[:50]


def _near_accepted(
    doc: Doc, gaz: Gazetteer, doubtful: list[Found], accepted: list[Found]
) -> list[Found]:
    """Doubtful names that lie close to an accepted place of the same sentence."""
    out = []
    for f in doubtful:
        sent = doc[f.start].sent
        others = [a for a in accepted if sent.start <= a.start < sent.end]
        if not others:
            continue
        mine = _top(gaz, doc[f.start : f.end].text)
        theirs = [p for a in others for p in _top(gaz, doc[a.start : a.end].text)]
        if any(km_between(p[:2], t[:2]) <= 250 for p in mine for t in theirs):
            out.append(f)
            continue
        # "Myawaddy" in a sentence about Myanmar: a namesake inside a country named with it.
        countries = {
            rec.country_code
            for a in others
            for rec, how in candidates_for(gaz, doc[a.start : a.end].text)
            if rec.kind == COUNTRY and how == 0
        }
        if any(p[2] in countries for p in mine):
            out.append(f)
            continue
        # "Khartoum, Al-Jazira, White Nile": a name listed beside a place, spelled as a
        # variant of a place in the same country.
        beside = [a for a in others if _joined(doc, a.end, f.start) or _joined(doc, f.end, a.start)]
        if beside:
            home = {
                rec.country_code
                for a in beside
                for rec, how in candidates_for(gaz, doc[a.start : a.end].text)[:3]
                if how <= 1 and rec.country_code
            }
            names = candidates_for(gaz, doc[f.start : f.end].text)
            if any(rec.country_code in home and rec.kind != COUNTRY for rec, _ in names[:5]):
                out.append(f)
    return out


def _listed_together(doc: Doc, gaz: Gazetteer, doubtful: list[Found]) -> list[Found]:
    """Doubtful names listed together ("took Axum, Adwa and Shire") that the gazetteer puts
    within 100 km of each other: towns near one another vouch for each other, where a list
    of surnames or brands would land all over the map."""
    out: list[Found] = []
    k = 0
    while k < len(doubtful):
        group = [doubtful[k]]
        while k + 1 < len(doubtful) and _joined(doc, doubtful[k].end, doubtful[k + 1].start):
            k += 1
            group.append(doubtful[k])
        k += 1
        if len(group) < 2 or max(f.evidence for f in group) < 1.0:
            continue
        tops = [_top(gaz, doc[f.start : f.end].text)[:10] for f in group]
        for a, f in enumerate(group):
            if any(
                km_between(p[:2], q[:2]) <= 100
                for b, other in enumerate(tops)
                if b != a
                for p in tops[a]
                for q in other
            ):
                out.append(f)
    return out


def _headline(sent: Span) -> bool:
    """A headline in Title Case, where even verbs and prepositions are capitalised ("Rebels
    Regain Control Over X"); not a sentence that merely names many places."""
    if not _title_case(sent):
        return False
    capitalised_words = [
        t for t in list(sent)[1:] if t.is_alpha and t.text[:1].isupper() and t.pos_ != "PROPN"
    ]
    return len(capitalised_words) >= 2


def _only_another_name(gaz: Gazetteer, word: str) -> bool:
    """Whether a word names places only as an alternate name (another language's, a former
    one): in a Title Case headline its capital says nothing, and such a match is chance."""
    candidates = candidates_for(gaz, word)
    return bool(candidates) and all(how != PRIMARY for _, how in candidates)


def _title_case(sent: Span) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    key = (sent.start, sent.end)
    memo = _TITLE_CASE.get(sent.doc)
    if memo is None:
        memo = _TITLE_CASE.setdefault(sent.doc, {})
    if key not in memo:
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        memo[key] = len(words) >= 4 and (
            sum(t.text[:1].isupper() for t in words) / len(words) > 0.75
        )
    return memo[key]


_TITLE_CASE: weakref.WeakKeyDictionary[Doc, dict[tuple[int, int], bool]] = (
    weakref.WeakKeyDictionary()
)
"""Per Doc, whether each sentence is in Title Case: asked once per candidate name."""


def _falls_to_a_force(doc: Doc, end: int, lex: PlaceLexicon) -> bool:
    """Whether the words after a name say it fell to (or stays under) a force: "fell to the
    RSF", "fell to Russian forces", "remains under Ukrainian control"; not "fell to the
    ground"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in lex.place_subject_verbs:
        return False
    if doc[end + 1].lower_ not in ("to", "into", "under"):
        return False
    i = end + 2
    while i < len(doc) and doc[i].lower_ in _DETERMINERS:
        i += 1
    if i >= len(doc):
        return False
    word = doc[i]
    return _is_cap(word) or word.lower_ in lex.captor_words or word.lower_ == "control"


# "the X military base", "the base in X": military sites, named by the place they stand in.
_SITE_NOUNS = frozenset(
    {"base", "bases", "camp", "airbase", "barracks", "garrison", "outpost", "airfield", "airport"}
)
_SITE_MODIFIERS = frozenset(
    {"military", "army", "air", "naval", "navy", "police", "border", "refugee", "displacement"}
)


def _described_as_place(doc: Doc, start: int, end: int, lex: PlaceLexicon) -> bool:
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
            if doc[j].lower_ in _DETERMINERS:
                break
            j -= 1
        if (
            noun.lower_ in nouns
            and noun.pos_ == "NOUN"
            and not _is_cap(noun)
            and not told
            and j >= 0
            and doc[j].lower_ in _DETERMINERS
        ):
            return True
    if end < n and doc[end].is_lower and doc[end].lower_ in lex.region_words:
        return True  # "Hodeidah's Al-Hawk district", "the Sanhan district"
    i = end
    while (
        i < n
        and i < end + 2
        and (doc[i].lower_ in _SITE_MODIFIERS or _is_demonym(gazetteer(), doc[i].text))
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


def _owns_a_place(doc: Doc, end: int, lex: PlaceLexicon) -> bool:
    """A name whose possessive qualifies a named district, town or site: "X's Y district",
    "X's Y camp"."""
    n = len(doc)
    if end >= n or doc[end].text not in ("'s", "’s"):
        return False
    j = end + 1
    while j < n and (_is_cap(doc[j]) or doc[j].text == "-") and not doc[j].is_sent_start:
        j += 1
    nouns = lex.region_words | lex.settlement_words | lex.feature_heads
    return end + 1 < j < n and doc[j].lower_ in nouns


def _names_a_vessel(doc: Doc, start: int, end: int, lex: PlaceLexicon) -> bool:
    """A ship or aircraft named after a place: "the tanker X", "the X, a product tanker"."""
    if start > 0 and doc[start - 1].lower_ in lex.vessel_words:
        return start < 2 or doc[start - 2].lower_ in _DETERMINERS
    n = len(doc)
    if end + 2 < n and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the"):
        for token in doc[end + 2 : min(end + 7, n)]:
            if token.is_punct:
                break
            if token.lower_ in lex.vessel_words and token.pos_ == "NOUN":
                return True
    return False


def _described_names(doc: Doc, lex: PlaceLexicon) -> list[Found]:
    """Capitalised names the gazetteer and the model miss but the words around them call a
    place (see `_described_as_place`): villages and bases below the gazetteer's floor."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not _name_start(doc, i) or doc[i].is_punct or doc[i].lower_ in _DETERMINERS:
            i += 1
            continue
        end = i + (3 if _article_start(doc, i) else 1)
        while end < n and not doc[end].is_sent_start:
            if _is_cap(doc[end]) and not doc[end].is_punct:
                end += 1
            elif doc[end].text == "-" and end + 1 < n and _is_cap(doc[end + 1]):
                end += 2
            elif _article_start(doc, end):
                end += 3
            else:
                break
        stop = end
        while stop - i > 1 and _is_demonym(gazetteer(), doc[stop - 1].text):
            stop -= 1  # "the Mtabila Burundian refugee camp"
        name = doc[i:stop].text
        if (
            not doc[i].is_sent_start
            and not _headline(doc[i].sent)
            and name not in lex.not_places
            and not is_people(name)
            and _described_as_place(doc, i, stop, lex)
        ):
            out.append(Found(i, stop, hint=SETTLEMENT_HINT, evidence=4.0, named=True))
        i = end
    return out


def _evidence(
    doc: Doc, f: Found, gaz: Gazetteer, lex: PlaceLexicon, accepted: list[Found]
) -> float:
    span = doc[f.start : f.end]
    score = 0.0
    if f.ner in PLACE_LABELS:
        score += 3.0
    elif f.ner in OTHER_NAME_LABELS:
        score -= 1.0
    prev, j = _prev_word(doc, f.start)
    if prev is not None and prev.lower_ in lex.place_prepositions:
        score += 2.0
    elif prev is not None and prev.lower_ in lex.place_verbs and j == f.start - 1:
        score += 3.0  # "looted Zalingei", "shelled Kupiansk"
    elif (
        prev is not None
        and prev.lower_ in ("of", "on", "for")
        and j >= 1
        and doc[j - 1].lower_ in lex.place_of_nouns
    ):
        score += 2.0  # "the shelling of Kharkiv", "the outskirts of Bara", "an attack on X"
    if _falls_to_a_force(doc, f.end, lex):
        score += 4.0  # "Bara fell to the RSF", "Kupiansk remains under Ukrainian control"
    if _owns_a_place(doc, f.end, lex):
        score += 2.0  # "Hodeidah's Al-Hawk district"
    if _described_as_place(doc, f.start, f.end, lex):
        score += 3.0  # "X, the country's third-largest city," / "the provincial capital, X"
    if accepted and _joined(doc, accepted[-1].end, f.start):
        score += 2.0
        shared, _ = _prev_word(doc, accepted[-1].start)
        conjoined = any(t.lower_ in ("and", "or") for t in doc[accepted[-1].end : f.start])
        if (
            shared is not None
            and shared.lower_ in lex.place_prepositions
            and conjoined
            and candidates_for(gaz, span.text)
        ):
            score += 2.0  # "in Sanaa and Hodeidah": the preposition governs both
    candidates = candidates_for(gaz, span.text)
    if any(rec.kind == COUNTRY and how == 0 for rec, how in candidates):
        score += 2.5
    elif any(rec.kind == REGION and how == 0 for rec, how in candidates):
        score += 1.5
    elif gaz.area(span.text.removeprefix("the ")) is not None:
        score += 2.0  # "Eastern Ghouta", "Nagorno-Karabakh": known conflict areas
    best_pop = max((rec.population for rec, how in candidates if how <= 1), default=0)
    if best_pop >= 100_000:
        score += 1.0
    elif not any(how <= 1 for _, how in candidates):
        score -= 0.5
    before = doc[f.start - 1] if f.start > 0 else None
    after = doc[f.end] if f.end < len(doc) else None
    if not _title_case(doc[f.start].sent):
        if (before is not None and _is_cap(before) and not before.is_sent_start) or (
            before is not None
            and before.lower_ == "of"
            and f.start >= 2
            and _is_cap(doc[f.start - 2])
        ):
            score -= 2.0  # inside a longer name: "Freedom of Russia Legion", "Bank of America"
        if (
            after is not None
            and _is_cap(after)
            and after.lower_ not in lex.region_words
            and not _is_demonym(gaz, after.text)
        ):
            score -= 2.0
    if len(span) == 1:
        if span.text in lex.weak_single_tokens:
            score -= 2.0
        if span[0].is_sent_start:
            score -= 1.0
        if span.text.isupper() and len(span.text) <= 3 and not gaz.lookup_surface(span.text):
            score -= 2.0
    return score
