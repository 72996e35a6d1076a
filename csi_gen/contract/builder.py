"""From schema-valid data to the model: the only code that sees the raw JSON after the schema.

The conversion is generic: each dataclass of ``model.py`` is filled from the keys named
like its fields, each value converted by the field's type hint (dates, enumerations,
nested dataclasses, tuples of them, values by year); an absent key takes the field's
default, or None, or an empty tuple. ``path`` fields receive the object's JSON path.
Declared conversions cover the few fields whose JSON shape differs from the model.

Along the way, the builder records where the Markdown texts are (the rules check what
Markdown they use) and which texts still hold the « [à compléter] » marker of a new
contract.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from csi_gen import catalogue
from csi_gen.errors import Path_
from csi_gen.model import (
    PLACEHOLDER,
    Contrat,
    Engagement,
    Forme,
    ParAnnee,
    Partie,
    Representant,
    Volet,
)

Convert = Callable[["_Builder", Any, Path_], Any]
_ABSENT = object()


def build_model(identifiant: str, data: dict[str, Any]) -> Contrat:
    """The model of a contract whose data passed the schema."""
    builder = _Builder(identifiant)
    contrat: Contrat = builder.build(Contrat, data, ())
    return dataclasses.replace(
        contrat,
        markdown_fields=tuple(builder.markdown),
        placeholders=tuple(builder.placeholders),
    )


class _Builder:
    def __init__(self, identifiant: str) -> None:
        self.identifiant = identifiant
        self.markdown: list[tuple[Path_, str]] = []
        self.placeholders: list[Path_] = []

    def build(self, cls: type[Any], data: dict[str, Any], path: Path_) -> Any:
        values = {}
        for name, convert, absent in _plan(cls):
            if convert is not None:
                value = data.get(name, _ABSENT)
                if value is not _ABSENT:
                    values[name] = convert(self, value, (*path, name))
                    continue
            if callable(absent):
                values[name] = absent(self, data, path)
            elif absent is not _ABSENT:  # else, the dataclass default
                values[name] = absent
        return cls(**values)

    def text(self, value: str, path: Path_) -> str:
        if PLACEHOLDER in value:
            self.placeholders.append(path)
        return value


# --- Declared conversions: where the JSON's shape is not the model's ----------------------------


def _volets(builder: _Builder, data: dict[str, Any], path: Path_) -> tuple[Volet, ...]:
    """The volets, a JSON object keyed by volet, in the order of the catalogue."""
    volets = data["volets"]
    return tuple(
        builder.build(Volet, volets[v.id], ("volets", v.id))
        for v in catalogue.volets()
        if v.id in volets
    )


# Filled from the object's place or from outside the data, never from a key of its own.
DECLARED: dict[tuple[type[Any], str], Convert] = {
    (Contrat, "identifiant"): lambda builder, data, path: builder.identifiant,
    (Contrat, "volets"): _volets,
    (Representant, "partie"): lambda builder, data, path: Partie(path[-2]),  # its side's list
    (Volet, "id"): lambda builder, data, path: path[-1],  # its key in « volets »
    (Engagement, "volet"): lambda builder, data, path: path[-3],  # its volet's key
}
# Recorded by the builder as it goes: see build_model.
COMPUTED = {(Contrat, "markdown_fields"), (Contrat, "placeholders")}


# --- Generic conversions, from the type hints ----------------------------------------------------


Plan = tuple[tuple[str, Convert | None, Any], ...]


def _plan(cls: type[Any]) -> Plan:
    """For each field: its name, the conversion of its key's value, its value when absent.

    The conversion is None for a field filled from elsewhere than a key of its own; the
    value when absent is ``_ABSENT`` for the dataclass default, a value, or a function of
    the object's data and path.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


_PLANS: dict[type[Any], Plan] = {}


def _make_plan(cls: type[Any]) -> Plan:
    hints = get_type_hints(cls, include_extras=True)
    plan: list[tuple[str, Convert | None, Any]] = []
    for field in dataclasses.fields(cls):
        name = field.name
        if (cls, name) in COMPUTED:
            continue
        if (cls, name) in DECLARED:
            plan.append((name, None, DECLARED[cls, name]))
        elif name == "path":
            plan.append((name, None, lambda builder, data, path: path))
        else:
            plan.append((name, _converter(hints[name]), _when_absent(field, hints[name])))
    return tuple(plan)


def _when_absent(field: dataclasses.Field[Any], hint: Any) -> Any:
    if field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING:
        return _ABSENT
    if _optional(hint) is not None:
        return None
    base = _unannotated(hint)
    if get_origin(base) is tuple:
        return ()
    if dataclasses.is_dataclass(base):  # an object whose keys are all optional
        return lambda builder, data, path: builder.build(base, {}, (*path, field.name))
    return lambda builder, data, path: data[field.name]  # required by the schema: a KeyError


def _converter(hint: Any) -> Convert:
    """The conversion of a JSON value to a field of type ``hint``."""
    optional = _optional(hint)
    if optional is not None:
        inner = _converter(optional)
        return lambda builder, value, path: None if value is None else inner(builder, value, path)
    if get_origin(hint) is Annotated:
        base, *marks = get_args(hint)
        convert = _converter(base)
        if Forme.MARKDOWN in marks:
            return _recorded(convert)
        return convert
    return _converter_of_type(hint)


def _converter_of_type(hint: Any) -> Convert:
    if hint is str:
        return lambda builder, value, path: builder.text(value, path)
    if hint in (int, float, bool):
        return lambda builder, value, path: value
    if hint is date:
        return lambda builder, value, path: date.fromisoformat(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda builder, value, path: hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda builder, value, path: builder.build(hint, value, path)
    if hint == ParAnnee:
        return lambda builder, value, path: tuple(sorted((int(y), v) for y, v in value.items()))
    if get_origin(hint) is tuple:
        item = _converter(get_args(hint)[0])
        return lambda builder, value, path: tuple(
            item(builder, v, (*path, i)) for i, v in enumerate(value)
        )
    raise TypeError(f"no conversion from JSON to {hint!r}")


def _recorded(convert: Convert) -> Convert:
    """A Markdown text: converted, and its place recorded for the rules."""

    def markdown(builder: _Builder, value: Any, path: Path_) -> Any:
        text = convert(builder, value, path)
        builder.markdown.append((path, text))
        return text

    return markdown


def _optional(hint: Any) -> Any:
    """``X`` for a hint ``X | None``, else None."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return args[0]
    return None


def _unannotated(hint: Any) -> Any:
    return get_args(hint)[0] if get_origin(hint) is Annotated else hint
