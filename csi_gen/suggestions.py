"""« Vouliez-vous dire … ? »: the nearest known name to one mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: object, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name nearest to ``word``, if one is near enough."""
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None
