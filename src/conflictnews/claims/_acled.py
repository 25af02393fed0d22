"""The nearest ACLED event and sub-event type of a claim."""

from __future__ import annotations

from collections.abc import Collection

from ..models import Actor
from ._lexicon import AcledLexicon


def acled_types(
    event: str, agent: Actor | None, context: Collection[str], lex: AcledLexicon
) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type) for an event, from its agent's kind and the words
    (lower-cased lemmas and forms) of its sentence."""
    rule = lex.rules.get(event)
    if rule is None:
        return None, None
    for words, types in rule.by_context:
        if any(w in context for w in words):
            return types
    if agent is not None and rule.by_agent:
        kind = agent.kind.value
        if kind in lex.state_kinds and "state" in rule.by_agent:
            return rule.by_agent["state"]
        if kind in lex.non_state_kinds and "non_state" in rule.by_agent:
            return rule.by_agent["non_state"]
    return rule.default
