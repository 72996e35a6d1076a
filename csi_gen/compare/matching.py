"""Pair the items of two versions of a list: the same item, moved, added, removed or changed.

Items are the same when their keys are (an identifier, or what names them); when keys are
unique, an item found at another place is moved, not removed and added, and what remains
is paired when alike (a renamed objective), so that an insertion is not read as a change
of every item after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from difflib import SequenceMatcher
from typing import Any, TypeVar

T = TypeVar("T")


def match(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], object]
) -> tuple[list[tuple[T | None, T | None]], set[int]]:
    """Pair the objects of two lists, in the later list's order; also say which ones moved.

    Objects are the same when their keys are; when keys are unique, an object found at
    another place is moved, not removed and added. What remains is paired when it is
    alike (a renamed objective), else removed or added.
    """
    old_keys, new_keys = [key(o) for o in old], [key(n) for n in new]
    if len(set(old_keys)) < len(old_keys) or len(set(new_keys)) < len(new_keys):
        return _in_order(old, new, old_keys, new_keys), set()
    by_key = dict(zip(old_keys, old, strict=True))
    kept_old = [k for k in old_keys if k in set(new_keys)]
    kept_new = [k for k in new_keys if k in by_key]
    matcher = SequenceMatcher(None, kept_old, kept_new, autojunk=False)
    in_place = {k for a, _, size in matcher.get_matching_blocks() for k in kept_old[a : a + size]}
    moved = {id(n) for k, n in zip(new_keys, new, strict=True) if k in by_key and k not in in_place}
    removed = [o for k, o in zip(old_keys, old, strict=True) if k not in set(new_keys)]
    added = [n for k, n in zip(new_keys, new, strict=True) if k not in by_key]
    renamed: dict[int, T] = {}
    if removed and len(removed) == len(added) and all(map(_similar, removed, added)):
        renamed = {id(n): o for o, n in zip(removed, added, strict=True)}
        removed = []
    pairs: list[tuple[T | None, T | None]] = [(o, None) for o in removed]
    for k, n in zip(new_keys, new, strict=True):
        pairs.append((by_key.get(k, renamed.get(id(n))), n))
    return pairs, moved


def _in_order(
    old: Sequence[T], new: Sequence[T], old_keys: list[object], new_keys: list[object]
) -> list[tuple[T | None, T | None]]:
    """Pairs for lists whose keys repeat: difflib on the keys, alike objects paired."""
    pairs: list[tuple[T | None, T | None]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        if tag == "equal" or (len(olds) == len(news) and all(map(_similar, olds, news))):
            pairs.extend(zip(olds, news, strict=True))
        else:
            pairs.extend([(o, None) for o in olds] + [(None, n) for n in news])
    return pairs


def _similar(old: Any, new: Any) -> bool:
    """Two objects that share at least half of their filled-in fields: one object changed.

    Objects that carry different identifiers are never the same.
    """
    if not (is_dataclass(old) and is_dataclass(new)) or type(old) is not type(new):
        return False
    old_id, new_id = getattr(old, "id", None), getattr(new, "id", None)
    if old_id and new_id and old_id != new_id:
        return False
    names = [
        f.name
        for f in fields(old)
        if f.name != "path" and (getattr(old, f.name) or getattr(new, f.name))
    ]
    same = sum(getattr(old, n) == getattr(new, n) for n in names)
    return bool(names) and same * 2 >= len(names)
