"""The store commands of the ``conflictnews`` command line: ``ingest``, ``claims``, ``serve``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .errors import ConflictNewsError
from .models import EventType, Stance
from .text._sources import INGESTIBLE, JSONL_SUFFIXES, iter_sources

err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: SQLite file or SQLAlchemy URL [default: $CONFLICTNEWS_DB or "
        "conflictnews.db]",
    ),
]


def _parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from exc


def _open_store(db: str | None):  # type: ignore[no-untyped-def]
    from .store import Store

    try:
        return Store(db)
    except ConflictNewsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _count_items(paths: list[str]) -> int | None:
    """How many articles the paths hold (JSONL lines counted), for the progress bar."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = (
            [p for p in path.rglob("*") if p.suffix.lower() in INGESTIBLE]
            if path.is_dir()
            else [path]
        )
        for file in files:
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total or None


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files (.txt, .jsonl, .html) or folders (recursively)."),
    ],
    db: DbOption = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Extraction workers.")] = 1,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Extract on the Dask cluster of this scheduler (tcp://HOST:PORT)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Extract on a local Dask cluster of N worker processes."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per extraction batch.")
    ] = 16,
) -> None:
    """Extract claims from articles and store them; already stored articles are skipped."""
    from contextlib import ExitStack

    from ._distributed import open_client
    from .ingest import ingest as ingest_into
    from .pipeline import load_pipeline

    date = _parse_date(published, "--published")
    store = _open_store(db)
    stack = ExitStack()
    try:
        client = stack.enter_context(open_client(scheduler, workers))
        # With a cluster the workers load their own pipelines; this process needs one only
        # to tell them which model (--model).
        nlp = load_pipeline(model) if client is None or model else None
    except ConflictNewsError as exc:
        stack.close()
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        console=err,
        transient=False,
    )
    with progress:
        task = progress.add_task("ingest", total=_count_items(paths), last="")

        def on_item(outcome: str, label: str, message: str | None) -> None:
            if outcome == "failed":
                progress.console.print(f"[red]failed:[/red] {label}: {message}")
            progress.update(task, advance=1, last=f"{outcome} {Path(label).name}")

        with stack:
            try:
                summary = ingest_into(
                    store,
                    iter_sources(paths, published=date),
                    n_process=n_process,
                    batch_size=batch_size,
                    nlp=nlp,
                    progress=on_item,
                    client=client,
                )
            except ConflictNewsError as exc:
                # A worker that cannot load the pipeline; what was stored so far stays.
                progress.console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from exc
    table = Table(title=f"ingest into {store.url}")
    for column in ("new articles", "already known", "failed", "claims stored"):
        table.add_column(column, justify="right")
    table.add_row(str(summary.new), str(summary.known), str(summary.failed), str(summary.claims))
    Console(stderr=True).print(table)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


def claims(
    place: Annotated[str | None, typer.Option(help="Place id or any spelling of its name.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor (claimant or agent).")] = None,
    event: Annotated[EventType | None, typer.Option(help="Event type.")] = None,
    stance: Annotated[Stance | None, typer.Option(help="Stance.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest day (YYYY-MM-DD).")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Text in the evidence or sentence.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Most claims shown.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON claim a line.")] = False,
    db: DbOption = None,
) -> None:
    """Show stored claims, newest first (the same search as ``GET /claims``)."""
    store = _open_store(db)
    try:
        page = store.claims(
            place=place,
            actor=actor,
            event=event,
            stance=stance,
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            q=q,
            limit=limit,
        )
        details = [store.claim(c.id) for c in page.items]
    except ConflictNewsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if as_json:
        for detail in details:
            sys.stdout.buffer.write(orjson.dumps(detail.model_dump(mode="json")) + b"\n")
        return
    title = f"{len(details)} claims" + (f" at {place}" if place else "")
    table = Table(title=title, show_lines=True)
    for column in ("day", "event", "stance", "places", "claimant", "agent", "evidence", "source"):
        table.add_column(column, overflow="fold")
    for d in details:
        table.add_row(
            d.day or "",
            d.event.value + (" (hedged)" if d.hedged else ""),
            d.stance.value,
            ", ".join(loc.name for loc in d.locations) or ", ".join(d.places),
            d.claimant_actor.name if d.claimant_actor else (d.claimant or "(article)"),
            d.agent_actor.name if d.agent_actor else (d.agent or ""),
            d.evidence,
            d.article.source or d.article.title or d.article.id,
        )
    Console().print(table)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes, each opening the store itself.")
    ] = 1,
    access_log: Annotated[
        bool | None,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log one line per request [default: $CONFLICTNEWS_ACCESS_LOG or off].",
        ),
    ] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) with uvicorn."""
    import os

    import uvicorn

    if db is not None:
        os.environ["CONFLICTNEWS_DB"] = db
    from .store._engine import default_location

    err.print(f"serving {default_location()} on http://{host}:{port} (docs: /docs)")
    from conflictnews.api.settings import Settings

    settings = Settings()
    key = settings.api_key
    if host not in ("127.0.0.1", "localhost", "::1") and not (key and key.get_secret_value()):
        err.print(
            "[yellow]warning:[/yellow] listening beyond loopback without CONFLICTNEWS_API_KEY: "
            "anyone who can reach this port can add articles"
        )
    # An import string, not the app object: each worker process imports the module and builds
    # its own app, which opens its own store from CONFLICTNEWS_DB (set above for --db).
    uvicorn.run(
        "conflictnews.api.app:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=settings.access_log if access_log is None else access_log,
    )


def register(app: typer.Typer) -> None:
    """Add the store commands to the command line."""
    app.command()(ingest)
    app.command()(claims)
    app.command()(serve)
