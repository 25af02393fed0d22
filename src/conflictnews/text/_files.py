"""Reading articles from files and standard input."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidInputError
from ..models import ArticleInput
from . import _checks as _text


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article read from a file: the input and the path it came from."""

    item: ArticleInput
    path: str


def headline_of(text: str) -> str | None:
    """First non-blank line of the text, which article files use as the headline."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def decode(data: bytes) -> str:
    """UTF-8 text with newlines folded as Python's text mode reads them."""
    text = _text.as_text(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: str | Path, *, published: dt.date | None = None) -> SourceFile:
    """Read a .txt article: the whole file is the text, its first line the headline.

    Raises:
        InvalidInputError: The file cannot be read or is not UTF-8 text.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InvalidInputError(f"{path}: {exc.strerror or exc}") from exc
        name = str(path)
    try:
        text = decode(data)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{name}: {exc}") from exc
    item = ArticleInput(text=text, title=headline_of(text), published=published)
    return SourceFile(item=item, path=name)


def iter_text_files(paths: list[str], *, published: dt.date | None = None) -> Iterator[SourceFile]:
    """Read each path (a .txt file, a folder of them, or ``-``) as an article."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            for child in sorted(path.rglob("*.txt")):
                yield read_text_file(child, published=published)
        else:
            yield read_text_file(raw, published=published)
