"""Places: find the place names of an article and resolve them, in context, to GeoNames entries.

The stage runs first in the pipeline. Its spaCy component (`_component`) finds place mentions
in a parsed Doc (`_finder`, with `_tokens` and `_described`) and resolves them; the resolver
(`resolve_places`) also works on plain text and character spans, without spaCy. In the order
the data flows:

- `_record`, `_builder`, `_build`, `_gazetteer`: the offline gazetteer, built once from
  pip-installed data into a cached SQLite index, and read from it;
- `_query`, `_cues`: a mention to resolve, and what the words around it say;
- `_candidates`: the entries a mention may name, scored on their own;
- `_context`: those candidates scored against the article's other places;
- `_doubts`: readings the text argues against;
- `_choices`, `_confidence`: each mention's reading and how sure it is;
- `_containment`: the resolved place holding a mention the gazetteer does not know;
- `_resolver`: the public `Location` of each mention.

May import: ``conflictnews.models``, ``conflictnews.errors``, ``conflictnews._ids``, and for
the component only ``conflictnews.doc``. Never the later stages (``conflictnews.actors``,
``conflictnews.claims``) nor the store. Only `_component`, `_finder`, `_tokens` and
`_described` import spaCy: ``import conflictnews.places`` and `resolve_places` do not.
"""

from __future__ import annotations

from ._resolver import resolve_places

__all__ = ["resolve_places"]
