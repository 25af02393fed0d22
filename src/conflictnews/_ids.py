"""Stable ids: the same article, actor or place gets the same id in every run."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from anyascii import anyascii


@functools.lru_cache(maxsize=1 << 16)  # names repeat across mentions, passes and articles
def fold(text: str) -> str:
    """Lower-case ASCII form of a name, for matching spellings: "Sudža" -> "sudza"."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    ascii_text = re.sub(r"[\"'`’‘“”«».,()]", "", ascii_text).lower()
    return re.sub(r"[\s\-_/]+", " ", ascii_text).strip()


def slugify(text: str) -> str:
    """URL-safe slug of a name: "Freedom of Russia Legion" -> "freedom-of-russia-legion"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "unnamed"


def normalise_text(text: str) -> str:
    """Whitespace-folded text, so that a re-wrapped copy of an article hashes the same."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def digest(*parts: object, length: int = 16) -> str:
    """Short hex digest of the given parts."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def article_id(text: str) -> str:
    """Id of an article, from its normalised text."""
    return "art_" + digest(normalise_text(text))


def claim_id(article: str, start: int, end: int, event: str, stance: str, places: list[str]) -> str:
    """Id of a claim, from where it stands in its article and what it says."""
    return "clm_" + digest(article, start, end, event, stance, ",".join(places))
