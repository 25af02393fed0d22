"""Reading articles to ingest: .txt files, JSONL, HTML pages and folders of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
from pydantic import ValidationError

from ..errors import InvalidInputError
from ..models import ArticleInput, Extraction
from ._files import SourceFile, decode, read_text_file

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})
INGESTIBLE = JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
"""File types a folder is searched for."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file or line that could not be read as an article, and why."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class ExtractedSource:
    """An already extracted article (a line of ``conflictnews extract --format jsonl``)."""

    extraction: Extraction
    path: str


Source = SourceFile | ExtractedSource | Unreadable


def iter_sources(paths: list[str], *, published: dt.date | None = None) -> Iterator[Source]:
    """Read every path (file or folder, recursively) as articles to ingest.

    Never raises for a bad file or line: it yields an `Unreadable` for it and goes on.

    Args:
        paths: Files or folders. Folders are searched for .txt, .jsonl/.ndjson and .html/.htm.
        published: Publication date for articles that do not carry one.
    """
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.suffix.lower() in INGESTIBLE)
            for child in children:
                yield from _read_file(child, published)
        elif raw != "-" and not path.exists():
            yield Unreadable(raw, "no such file or folder")
        else:
            yield from _read_file(path, published)


def _read_file(path: Path, published: dt.date | None) -> Iterator[Source]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, published)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(path, published)
        else:
            yield read_text_file(path, published=published)
    except InvalidInputError as exc:
        yield Unreadable(str(path), str(exc))


def _read_jsonl(path: Path, published: dt.date | None) -> Iterator[Source]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidInputError(f"{path}: {exc.strerror or exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
                if not isinstance(data, dict):
                    raise InvalidInputError("expected a JSON object")
                if "article" in data:
                    yield ExtractedSource(Extraction.model_validate(data), where)
                    continue
                item = ArticleInput.model_validate(data)
                if item.published is None and published is not None:
                    item = item.model_copy(update={"published": published})
                yield SourceFile(item=item, path=where)
            except (orjson.JSONDecodeError, ValidationError, InvalidInputError) as exc:
                yield Unreadable(where, _short(exc))


def _read_html(path: Path, published: dt.date | None) -> SourceFile:
    import trafilatura

    try:
        html = decode(path.read_bytes())
    except OSError as exc:
        raise InvalidInputError(f"{path}: {exc.strerror or exc}") from exc
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        raise InvalidInputError(f"{path}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    date = published
    if meta is not None and meta.date:
        try:
            date = dt.date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            date = published
    item = ArticleInput(
        text=text,
        title=(meta.title if meta is not None else None) or None,
        url=(meta.url if meta is not None else None) or None,
        source=(meta.sitename if meta is not None else None) or None,
        published=date,
    )
    return SourceFile(item=item, path=str(path))


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "line"
        return f"{where}: {first.get('msg', 'invalid')}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
