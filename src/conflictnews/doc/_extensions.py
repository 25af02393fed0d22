"""spaCy extension attributes, registered once.

Read and write them through the helpers in `_mentions`.

``Doc._.cn_published``  publication date (ISO string or None), set before the pipeline runs.
``Doc._.cn_places``     `PlaceMention` data, set by ``conflictnews_places``.
``Doc._.cn_actors``     `ActorMention` data, set by ``conflictnews_actors``.
``Doc._.cn_claims``     `Claim` data, set by ``conflictnews_claims``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("cn_published", "cn_places", "cn_actors", "cn_claims")


def register_extensions() -> None:
    """Register the Doc extensions conflictnews uses; safe to call many times."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
