"""The model's type hints, read once: ``X | None``, ``Annotated[X, marks]``, ``tuple[X, ...]``.

The model builder and the comparison both go by the model's type hints; this is how they
read them.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints


@dataclass(frozen=True)
class Hint:
    """A field's type: its base type, whether it may be None, and its ``Annotated`` marks."""

    base: Any  # str, date, an Enum, a dataclass, tuple[X, ...]
    optional: bool
    marks: tuple[Any, ...]

    @property
    def item(self) -> Any:
        """``X`` for ``tuple[X, ...]``; None for any other type."""
        return get_args(self.base)[0] if get_origin(self.base) is tuple else None

    @property
    def dataclass(self) -> type[Any] | None:
        """The dataclass of ``X``, ``X | None`` or ``tuple[X, ...]``, if it is one."""
        for candidate in (self.base, self.item):
            if isinstance(candidate, type) and dataclasses.is_dataclass(candidate):
                return candidate
        return None


def read(hint: Any) -> Hint:
    optional = False
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        optional = len(args) < len(get_args(hint))
        hint = args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007
    marks: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *rest = get_args(hint)
        marks = tuple(rest)
    return Hint(hint, optional, marks)


def fields(cls: type[Any]) -> dict[str, Hint]:
    """The hint of each field of the dataclass ``cls``, in the order of its fields."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = get_type_hints(cls, include_extras=True)
        found = _FIELDS[cls] = {f.name: read(hints[f.name]) for f in dataclasses.fields(cls)}
    return found


_FIELDS: dict[type[Any], dict[str, Hint]] = {}
