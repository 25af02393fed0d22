"""Read sources, extract, write: the only module that joins the extraction pipeline and the store.

The store (`conflictnews.store`) never imports spaCy or the pipeline, so reading claims costs no
model. `Store.ingest` and `Store.ingest_article` are kept as methods for callers of the store,
and hand over to the functions here. The functions take the store as an `IngestTarget` (the
four calls they make) rather than importing `Store`, so that the store's hand-over is the only
import between the two modules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from .errors import ConflictNewsError, StoreError
from .models import ArticleInput, Extraction
from .store._records import AddResult, IngestSummary
from .text._checks import as_text
from .text._files import SourceFile
from .text._sources import ExtractedSource, Unreadable

IngestItem = ArticleInput | Extraction | str | SourceFile | ExtractedSource | Unreadable
"""What `ingest` accepts: inputs to extract, finished extractions, or unreadable files."""

ProgressCallback = Callable[[str, str, str | None], None]
"""Called once per ingest item with (outcome, label, message); outcome is new/known/failed."""


class IngestTarget(Protocol):
    """Where ingested articles go: what `ingest` and `ingest_article` ask of a `Store`."""

    def knows(self, text: str, url: str | None = None) -> str | None:
        """Id of the stored article with this text (normalised) or URL, else None."""
        ...

    def add(self, extraction: Extraction) -> AddResult:
        """Store one extraction; an article already stored is not stored again."""
        ...

    def add_many(self, extractions: Sequence[Extraction]) -> list[AddResult | StoreError]:
        """Store several extractions, each article whole or not at all."""
        ...

    def extraction(self, article_id: str) -> Extraction:
        """A stored article as an `Extraction`."""
        ...


def ingest(
    store: IngestTarget,
    items: Iterable[IngestItem],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    nlp: Any = None,
    progress: ProgressCallback | None = None,
    commit_every: int = 32,
    client: Any = None,
) -> IngestSummary:
    """Extract and store many articles; known ones are skipped before extraction.

    A bad item (binary text, unreadable file) is counted as failed and reported; the rest
    goes in. Articles are committed in small batches, each whole, so stopping half-way keeps
    what is done.

    Args:
        store: Where the articles go (a `conflictnews.Store`).
        items: `ArticleInput`, plain text, files read by `conflictnews.text._files`,
            finished `Extraction` objects, or `Unreadable` markers (counted as failed).
        n_process: spaCy worker processes for extraction.
        batch_size: Documents per spaCy batch.
        nlp: Pipeline from `conflictnews.load_pipeline`; the default one otherwise.
        progress: Called once per item with (outcome, label, message).
        commit_every: Articles per transaction (each in its own savepoint, so every
            committed article is whole).
        client: A Dask ``distributed.Client`` whose workers extract (see
            `conflictnews.extract_many`); results are stored as they come back.

    Returns:
        Counts of new, known and failed articles and of stored claims.
    """
    summary = IngestSummary()
    pending_paths: list[str | None] = []

    def report(outcome: str, label: str, message: str | None = None) -> None:
        if outcome == "failed":
            summary.failed += 1
            summary.errors.append(f"{label}: {message}")
        elif outcome == "known":
            summary.known += 1
        if progress is not None:
            progress(outcome, label, message)

    batch: list[tuple[Extraction, str]] = []

    def flush() -> None:
        if not batch:
            return
        results = store.add_many([e for e, _ in batch])
        for (_, label), result in zip(batch, results, strict=True):
            if isinstance(result, StoreError):
                report("failed", label, str(result))
            elif result.new:
                summary.new += 1
                summary.claims += result.claims
                if progress is not None:
                    progress("new", label, None)
            else:
                report("known", label)
        batch.clear()

    def write(extraction: Extraction, label: str) -> None:
        batch.append((extraction, label))
        if len(batch) >= commit_every:
            flush()

    def to_extract() -> Iterator[ArticleInput]:
        for raw in items:
            if isinstance(raw, Unreadable):
                report("failed", raw.path, raw.message)
                continue
            if isinstance(raw, Extraction | ExtractedSource):
                extraction = raw if isinstance(raw, Extraction) else raw.extraction
                label = raw.path if isinstance(raw, ExtractedSource) else extraction.article.id
                write(extraction, label)
                continue
            path = raw.path if isinstance(raw, SourceFile) else None
            item = raw.item if isinstance(raw, SourceFile) else raw
            label = path or "<input>"
            try:
                if isinstance(item, str):
                    item = ArticleInput(text=item)
                as_text(item.text)
                if store.knows(item.text, item.url) is not None:
                    report("known", label)
                    continue
            except (ConflictNewsError, ValueError) as exc:
                report("failed", label, str(exc))
                continue
            pending_paths.append(path)
            yield item

    inputs = to_extract()
    try:
        first = next(inputs, None)
        if first is None:
            # Nothing to extract: do not load a spaCy pipeline for finished extractions.
            return summary
        # Imported only now: storing finished extractions needs no spaCy at all.
        from .pipeline import extract_many

        stream = itertools.chain([first], inputs)
        extractions = extract_many(
            stream, nlp=nlp, batch_size=batch_size, n_process=n_process, client=client
        )
        for extraction in extractions:
            path = pending_paths.pop(0) if pending_paths else None
            if path is not None:
                extraction.article.path = path
            write(extraction, path or extraction.article.id)
    finally:
        # Whatever happens to the input stream, the articles read so far are committed.
        flush()
    return summary


def ingest_article(
    store: IngestTarget,
    item: ArticleInput,
    *,
    extractor: Callable[[ArticleInput], Extraction] | None = None,
) -> tuple[Extraction, bool]:
    """Extract and store one article, or return the stored one.

    Args:
        store: Where the article goes (a `conflictnews.Store`).
        item: The article.
        extractor: Turns the input into an `Extraction`; `conflictnews.extract` by default.

    Returns:
        The article's extraction as stored, and whether it was new.

    Raises:
        InvalidInputError: The text is not article text.
    """
    as_text(item.text)
    known = store.knows(item.text, item.url)
    if known is None:
        if extractor is None:
            # Imported only now, like in `ingest`: a known article needs no spaCy.
            from .pipeline import extract

            extraction = extract(
                item.text,
                title=item.title,
                url=item.url,
                source=item.source,
                published=item.published,
            )
        else:
            extraction = extractor(item)
        result = store.add(extraction)
        known, new = result.article_id, result.new
    else:
        new = False
    return store.extraction(known), new


__all__ = [
    "IngestItem",
    "IngestSummary",
    "IngestTarget",
    "ProgressCallback",
    "ingest",
    "ingest_article",
]
