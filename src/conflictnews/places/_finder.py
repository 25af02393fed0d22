"""Finding place mentions in a parsed Doc.

The small English models mislabel many places ("Kursk" PRODUCT, "Sudzha" PERSON), so
mentions come from three sources: capitalised token n-grams found in the gazetteer, GPE/LOC/
FAC entities, and names the words around them call places (`_described`). A gazetteer match
that the model did not label as a place needs evidence (a preposition or "village of"
before it, "region" after it, a list of places it belongs to, or being a country or major
region); names that are usually not places (months, person names, common words) need
stronger evidence.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .._ids import fold
from ._candidates import candidates_for, is_people
from ._described import (
    article_names,
    described_as_place,
    described_names,
    introduced_settlements,
    named_features,
)
from ._gazetteer import Gazetteer, gazetteer
from ._lexicon import PlaceLexicon, place_lexicon
from ._query import DISTRICT_HINT, REGION_HINT, SETTLEMENT_HINT, Query
from ._record import COUNTRY, PRIMARY, REGION, km_between
from ._tokens import (
    DETERMINERS,
    Found,
    headline,
    is_cap,
    is_demonym,
    name_start,
    prev_word,
    title_case,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_CONNECTORS = frozenset(
    {"of", "de", "del", "la", "le", "al", "el", "on", "upon", "am", "an", "der"}
)


_LIST_JOINS = frozenset({",", "and", "or", "&"})
_TOWN_WORDS = frozenset({"city", "town", "village", "township"})


def find_places(doc: Doc) -> list[Query]:
    """Place mentions of a Doc, as resolver queries with kind hints."""
    gaz = gazetteer()
    lex = place_lexicon()
    spans: dict[tuple[int, int], Found] = {}
    for f in _gazetteer_spans(doc, gaz, lex):
        spans[(f.start, f.end)] = f
    for start, end, label in _place_entities(doc, gaz):
        while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_space):
            start += 1
        breaks = [t.i for t in doc[start:end] if t.is_space]
        if breaks:
            end = breaks[0]  # an entity never runs across a line break
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in {"'s", "’s"}
        ):
            end -= 1
        while end - start > 1 and end < len(doc) and is_demonym(gaz, doc[end - 1].text):
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
            and not headline(doc[start].sent)  # a headline's capitals join no names
        ):
            # "Malaya Zagorodnovka" is one unknown place, not the known "Malaya".
            for k in inside:
                del spans[k]
            spans[(start, end)] = Found(start, end, ner=label)
            continue
        if overlapping:
            if not headline(doc[start].sent):  # "Lebanon Border Village" vouches for no part
                for k in overlapping:
                    spans[k].ner = label
            continue
        spans[(start, end)] = Found(start, end, ner=label)
    for f in introduced_settlements(doc, lex) + article_names(doc, lex):
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
    for f in named_features(doc, lex) + described_names(doc, lex):
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
        if f.ner is None and not headline(doc[f.start].sent):
            f.ner = _ner_label(doc, f.start, f.end)
        if is_demonym(gaz, span.text) or span.text in lex.not_places or is_people(span.text):
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
            and headline(doc[f.start].sent)
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


def _gazetteer_spans(doc: Doc, gaz: Gazetteer, lex: PlaceLexicon) -> list[Found]:
    found: list[Found] = []
    n = len(doc)
    i = 0
    max_words = min(5, gaz.max_key_words)
    while i < n:
        token = doc[i]
        if not name_start(doc, i) or token.is_punct:
            i += 1
            continue
        match_end = -1
        for length in range(max_words, 0, -1):
            end = i + length
            if end > n:
                continue
            span = doc[i:end]
            joined = any(t.lower_ == "and" for t in span)
            if not is_cap(span[-1]) or any(
                not is_cap(t)
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
            if right - left > 1 and is_cap(doc[left + 1]):
                out.append((left + 1, right, ent.label_))
    return out


def _ner_label(doc: Doc, start: int, end: int) -> str | None:
    for i in range(start, end):
        if doc[i].ent_type_:
            return doc[i].ent_type_
    return None


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
        prev, j = prev_word(doc, f.start)
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


def _evidence(
    doc: Doc, f: Found, gaz: Gazetteer, lex: PlaceLexicon, accepted: list[Found]
) -> float:
    span = doc[f.start : f.end]
    score = 0.0
    if f.ner in PLACE_LABELS:
        score += 3.0
    elif f.ner in OTHER_NAME_LABELS:
        score -= 1.0
    prev, j = prev_word(doc, f.start)
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
    if described_as_place(doc, f.start, f.end, lex):
        score += 3.0  # "X, the country's third-largest city," / "the provincial capital, X"
    if accepted and _joined(doc, accepted[-1].end, f.start):
        score += 2.0
        shared, _ = prev_word(doc, accepted[-1].start)
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
    if not title_case(doc[f.start].sent):
        if (before is not None and is_cap(before) and not before.is_sent_start) or (
            before is not None
            and before.lower_ == "of"
            and f.start >= 2
            and is_cap(doc[f.start - 2])
        ):
            score -= 2.0  # inside a longer name: "Freedom of Russia Legion", "Bank of America"
        if (
            after is not None
            and is_cap(after)
            and after.lower_ not in lex.region_words
            and not is_demonym(gaz, after.text)
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


def _falls_to_a_force(doc: Doc, end: int, lex: PlaceLexicon) -> bool:
    """Whether the words after a name say it fell to (or stays under) a force: "fell to the
    RSF", "fell to Russian forces", "remains under Ukrainian control"; not "fell to the
    ground"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in lex.place_subject_verbs:
        return False
    if doc[end + 1].lower_ not in ("to", "into", "under"):
        return False
    i = end + 2
    while i < len(doc) and doc[i].lower_ in DETERMINERS:
        i += 1
    if i >= len(doc):
        return False
    word = doc[i]
    return is_cap(word) or word.lower_ in lex.captor_words or word.lower_ == "control"


def _owns_a_place(doc: Doc, end: int, lex: PlaceLexicon) -> bool:
    """A name whose possessive qualifies a named district, town or site: "X's Y district",
    "X's Y camp"."""
    n = len(doc)
    if end >= n or doc[end].text not in ("'s", "’s"):
        return False
    j = end + 1
    while j < n and (is_cap(doc[j]) or doc[j].text == "-") and not doc[j].is_sent_start:
        j += 1
    nouns = lex.region_words | lex.settlement_words | lex.feature_heads
    return end + 1 < j < n and doc[j].lower_ in nouns


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


def _top(gaz: Gazetteer, surface: str) -> list[tuple[float, float, str]]:
    points = []
    for rec, how in candidates_for(gaz, surface):
        if how <= 1 and rec.lat is not None and rec.lon is not None:
            points.append((rec.lat, rec.lon, rec.country_code))
    return points[:50]


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
            if (before is not None and is_cap(before) and not before.is_sent_start) or (
                after is not None and is_cap(after) and after.lower_ not in lex.region_words
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


def _names_a_vessel(doc: Doc, start: int, end: int, lex: PlaceLexicon) -> bool:
    """A ship or aircraft named after a place: "the tanker X", "the X, a product tanker"."""
    if start > 0 and doc[start - 1].lower_ in lex.vessel_words:
        return start < 2 or doc[start - 2].lower_ in DETERMINERS
    n = len(doc)
    if end + 2 < n and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the"):
        for token in doc[end + 2 : min(end + 7, n)]:
            if token.is_punct:
                break
            if token.lower_ in lex.vessel_words and token.pos_ == "NOUN":
                return True
    return False


def _only_another_name(gaz: Gazetteer, word: str) -> bool:
    """Whether a word names places only as an alternate name (another language's, a former
    one): in a Title Case headline its capital says nothing, and such a match is chance."""
    candidates = candidates_for(gaz, word)
    return bool(candidates) and all(how != PRIMARY for _, how in candidates)
