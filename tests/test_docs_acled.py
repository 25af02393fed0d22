"""The ACLED mapping table in docs/concepts.md is generated from data/acled.json.

When the mapping changes, regenerate the table with

    .venv/bin/python tests/test_docs_acled.py

and paste it between the ``acled-table`` markers of docs/concepts.md.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

CONCEPTS = Path(__file__).resolve().parents[1] / "docs" / "concepts.md"
BETWEEN_MARKERS = re.compile(
    r"<!-- acled-table:start -->\n(?P<table>.*?)<!-- acled-table:end -->", re.DOTALL
)


def _cell(value: str | None) -> str:
    return value if value else "—"


def _words(words: list[str]) -> str:
    return ", ".join(f"*{w}*" for w in words)


def acled_table(mapping: dict[str, Any]) -> str:
    """The Markdown table of `mapping` (the parsed acled.json), one row per rule, in order."""
    state = ", ".join(mapping["state_kinds"])
    non_state = ", ".join(mapping["non_state_kinds"])
    agent_condition = {
        "state": f"the agent is a state actor ({state})",
        "non_state": f"the agent is a non-state actor ({non_state})",
    }
    rows = [
        "| event | when | ACLED event type | ACLED sub-event type |",
        "| --- | --- | --- | --- |",
    ]
    for event, rule in mapping["events"].items():
        conditions: list[tuple[str, list[str | None]]] = []
        # The order conflictnews.claims._acled applies them: sentence words, then the agent's kind.
        for context in rule.get("by_context", []):
            conditions.append((f"the sentence has {_words(context['words'])}", context["type"]))
        for side, pair in rule.get("by_agent", {}).items():
            conditions.append((agent_condition.get(side, f"the agent is {side}"), pair))
        conditions.append(("otherwise" if conditions else "always", rule["default"]))
        for condition, (event_type, sub_event_type) in conditions:
            rows.append(
                f"| `{event}` | {condition} | {_cell(event_type)} | {_cell(sub_event_type)} |"
            )
    return "\n".join(rows) + "\n"


def shipped_mapping() -> dict[str, Any]:
    data = resources.files("conflictnews") / "data" / "acled.json"
    loaded: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return loaded


def test_concepts_page_shows_the_shipped_acled_mapping() -> None:
    match = BETWEEN_MARKERS.search(CONCEPTS.read_text(encoding="utf-8"))
    assert match, "docs/concepts.md lost its acled-table markers"
    assert match["table"].strip() == acled_table(shipped_mapping()).strip(), (
        "docs/concepts.md shows an outdated ACLED mapping; regenerate it with "
        "`.venv/bin/python tests/test_docs_acled.py`"
    )


def test_table_has_a_row_per_rule() -> None:
    mapping = {
        "state_kinds": ["military"],
        "non_state_kinds": ["armed_group"],
        "events": {
            "strike": {
                "default": ["Explosions/Remote violence", None],
                "by_context": [{"words": ["drone"], "type": ["A", "B"]}],
                "by_agent": {"state": ["C", "D"]},
            },
            "other": {"default": [None, None]},
        },
    }
    assert acled_table(mapping).splitlines()[2:] == [
        "| `strike` | the sentence has *drone* | A | B |",
        "| `strike` | the agent is a state actor (military) | C | D |",
        "| `strike` | otherwise | Explosions/Remote violence | — |",
        "| `other` | always | — | — |",
    ]


if __name__ == "__main__":
    print(acled_table(shipped_mapping()), end="")
