"""The ``conflictnews`` command line."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.table import Table

from . import _cli_store
from .errors import ConflictNewsError
from .models import Extraction
from .text._files import iter_text_files

app = typer.Typer(
    help="Who claims what happened where in news about armed conflict.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


@app.callback()
def _root() -> None:
    """Who claims what happened where in news about armed conflict."""


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    TABLE = "table"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def _print_table(results: list[Extraction]) -> None:
    console = Console()
    for result in results:
        actors = {a.id: a.name for a in result.actors}
        places = {loc.id: loc.name for loc in result.locations}
        table = Table(title=result.article.title or result.article.path or result.article.id)
        for column in ("event", "stance", "places", "claimant", "agent", "date", "evidence"):
            table.add_column(column, overflow="fold")
        for c in result.claims:
            table.add_row(
                c.event.value + (" (hedged)" if c.hedged else ""),
                c.stance.value,
                ", ".join(places.get(p, p) for p in c.places),
                actors.get(c.claimant, c.claimant) if c.claimant else "(article)",
                actors.get(c.agent, c.agent) if c.agent else "",
                c.date or (f"({c.date_text})" if c.date_text else ""),
                result.article.text[c.start : c.end],
            )
        console.print(table)


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Article .txt files or folders; - reads stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl: one article a line.")
    ] = OutputFormat.JSONL,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every article.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
) -> None:
    """Extract claims, actors and places from articles (first line of a file: headline)."""
    from .pipeline import extract_many, load_pipeline

    date = _parse_date(published)
    failed = 0
    results: list[Extraction] = []
    try:
        nlp = load_pipeline(model)
    except ConflictNewsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for source in _safe_sources(paths, date):
        if source is None:
            failed += 1
            continue
        try:
            result = next(extract_many([source.item], nlp=nlp, paths=[source.path]))
        except ConflictNewsError as exc:
            err.print(f"[red]error:[/red] {source.path}: {exc}")
            failed += 1
            continue
        if output_format is OutputFormat.JSONL:
            sys.stdout.buffer.write(orjson.dumps(result.model_dump(mode="json")) + b"\n")
            sys.stdout.flush()
        else:
            results.append(result)
    if output_format is OutputFormat.JSON:
        dumped = [r.model_dump(mode="json") for r in results]
        sys.stdout.buffer.write(orjson.dumps(dumped, option=orjson.OPT_INDENT_2) + b"\n")
    elif output_format is OutputFormat.TABLE:
        _print_table(results)
    if failed:
        raise typer.Exit(1)


def _safe_sources(paths: list[str], date: dt.date | None):  # type: ignore[no-untyped-def]
    iterator = iter(iter_text_files(paths, published=date))
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except ConflictNewsError as exc:
            err.print(f"[red]error:[/red] {exc}")
            yield None


_cli_store.register(app)


def main() -> None:
    """Entry point of the ``conflictnews`` script."""
    app()


if __name__ == "__main__":
    main()
