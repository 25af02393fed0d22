"""Places: an offline GeoNames gazetteer and a resolver that picks candidates in context."""

from __future__ import annotations

from ._resolver import resolve_places

__all__ = ["resolve_places"]
