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
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from csi_gen import catalogue, hints
from csi_gen.dates import DatePartielle, Echeance
from csi_gen.errors import Path_
from csi_gen.model import (
    PLACEHOLDER,
    Contrat,
    DocumentAnnexe,
    Engagement,
    Partie,
    Representant,
    Volet,
)
from csi_gen.model_types import Forme, ParAnnee, ParDate

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
# Recorded by the builder as it goes (see build_model), or read from the files next to the
# contract once it is checked (contract/documents.py).
COMPUTED: set[tuple[type[Any], str]] = {
    (Contrat, "markdown_fields"),
    (Contrat, "placeholders"),
    (DocumentAnnexe, "chemin"),
    (DocumentAnnexe, "pages"),
    (DocumentAnnexe, "pdfa"),
}


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
    plan: list[tuple[str, Convert | None, Any]] = []
    for field, (name, hint) in zip(dataclasses.fields(cls), hints.fields(cls).items(), strict=True):
        if (cls, name) in COMPUTED:
            continue
        if (cls, name) in DECLARED:
            plan.append((name, None, DECLARED[cls, name]))
        elif name == "path":
            plan.append((name, None, lambda builder, data, path: path))
        else:
            plan.append((name, _converter(hint), _when_absent(field, hint)))
    return tuple(plan)


def _when_absent(field: dataclasses.Field[Any], hint: hints.Hint) -> Any:
    if field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING:
        return _ABSENT
    if hint.optional:
        return None
    if hint.item is not None:
        return ()
    if hint.dataclass is not None:  # an object whose keys are all optional
        cls = hint.dataclass
        return lambda builder, data, path: builder.build(cls, {}, (*path, field.name))
    return lambda builder, data, path: data[field.name]  # required by the schema: a KeyError


def _converter(hint: hints.Hint) -> Convert:
    """The conversion of a JSON value to a field of type ``hint``."""
    convert = _converter_of_type(hint)
    if Forme.MARKDOWN in hint.marks:
        convert = _recorded(convert)
    if hint.optional:
        inner = convert
        return lambda builder, value, path: None if value is None else inner(builder, value, path)
    return convert


def _converter_of_type(hint: hints.Hint) -> Convert:
    base = hint.base
    if base is str:
        return lambda builder, value, path: builder.text(value, path)
    if base in (int, float, bool):
        return lambda builder, value, path: value
    if base is date:
        return lambda builder, value, path: date.fromisoformat(value)
    if base is DatePartielle:
        return lambda builder, value, path: DatePartielle.lire(value)
    if base is Echeance:
        return lambda builder, value, path: Echeance.lire(value)
    if isinstance(base, type) and issubclass(base, Enum):
        return lambda builder, value, path: base(value)
    if isinstance(base, type) and dataclasses.is_dataclass(base):
        return lambda builder, value, path: builder.build(base, value, path)
    if base == ParAnnee:
        return lambda builder, value, path: tuple(sorted((int(y), v) for y, v in value.items()))
    if base == ParDate:
        return lambda builder, value, path: tuple(
            sorted((DatePartielle.lire(d), v) for d, v in value.items())
        )
    if hint.item is not None:
        item = _converter(hints.read(hint.item))
        return lambda builder, value, path: tuple(
            item(builder, v, (*path, i)) for i, v in enumerate(value)
        )
    raise TypeError(f"no conversion from JSON to {base!r}")


def _recorded(convert: Convert) -> Convert:
    """A Markdown text: converted, and its place recorded for the rules."""

    def markdown(builder: _Builder, value: Any, path: Path_) -> Any:
        text = convert(builder, value, path)
        builder.markdown.append((path, text))
        return text

    return markdown
