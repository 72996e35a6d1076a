"""The one Jinja environment of the templates: sandboxed, escaping, strict, bounded.

Templates hold the words; the context gives values; the filters registered here give the
French forms of values (dates, numbers, amounts, lists). A value is escaped for
WordprocessingML and given French typography when it is printed (``finalize``); rich text
(``__html__``) is printed as is.

A jurist's mistake must not hang the machine: a template that runs too long, repeats a
text into a huge one or writes an enormous document stops with ``RunawayTemplate``, which
the renderer reports with the template and the paragraph.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from csi_gen import formatting, grammar
from csi_gen.document.ooxml import escape_text

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

NUMBER_MARK = "\ue000"  # where a heading's number goes; see finishing.number_headings
MAX_TEXT = 1_000_000  # characters a tag may build by repeating a text or a list
SECONDS = 60.0  # per rendering; CSI_GEN_DELAI_MODELES=<secondes> changes it


def seconds_allowed() -> float:
    """The time a rendering may take, in seconds."""
    try:
        return float(os.environ.get("CSI_GEN_DELAI_MODELES", SECONDS))
    except ValueError:
        return SECONDS


class RunawayTemplate(Exception):
    """A template exceeded its time or size bound; the message is French."""


def finalize(value: Any) -> Any:
    """What ``{{ value }}`` prints: rich text as is, None as nothing, text escaped."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return Markup(escape_text(formatting.typographie(str(value))))


# --- Filters: French forms of values --------------------------------------------------------------


def _none_safe(function: Callable[[Any], str]) -> Callable[[Any], str]:
    def filter_(value: Any) -> str:
        return "" if value is None else function(value)

    filter_.__doc__ = function.__doc__
    return filter_


def liste_et(items: Iterable[Any]) -> Any:
    """``a, b et c`` from a list of texts (rich or plain)."""
    values = list(items)
    if not any(hasattr(v, "__html__") for v in values):
        return formatting.liste_et(str(v) for v in values)
    from markupsafe import Markup

    marked = [finalize(v) for v in values]
    if len(marked) <= 1:
        return Markup("").join(marked)
    return Markup(", ").join(marked[:-1]) + Markup(" et ") + marked[-1]


def majuscule(text: Any) -> Any:
    """The first letter in capital: ``préfet de …`` → ``Préfet de …``."""
    if text is None:
        return ""
    if hasattr(text, "__html__"):
        return text[:1].upper() + text[1:]
    return formatting.majuscule(str(text))


def separateur(loop: Any, dernier: str = " et ", autres: str = ", ") -> str:
    """In a ``{% for %}``: « , » between items, « et » before the last, nothing after it."""
    if loop.last:
        return ""
    return dernier if loop.revindex == 2 else autres


def _place(value: Any) -> Any:
    """A place of the context (name, TNCC), or a name the grammar reads cautiously."""
    return grammar.deviner_lieu(str(value)).lieu if isinstance(value, str) else value


def de(lieu: Any) -> str:
    """« de Toulouse », « d'Angers », « du Havre », « de la Haute-Garonne »."""
    return grammar.de_lieu(_place(lieu))


def a(lieu: Any) -> str:
    """« à Toulouse », « au Havre », « aux Mureaux » (a commune)."""
    return grammar.a_lieu(_place(lieu))


def sujet(lieu: Any) -> str:
    """The name with its article: « la Haute-Garonne », « Le Havre », « la Métropole du … »."""
    return grammar.lieu_sujet(_place(lieu))


def liste_de(lieux: Iterable[Any]) -> str:
    """« de Rennes et de Saint-Jacques-de-la-Lande »: the preposition repeated."""
    return grammar.liste_de([_place(lieu) for lieu in lieux])


def quantite(nombre: int, singulier: str, pluriel: str | None = None, feminin: bool = False) -> str:
    """« trois communes », « aucune commune », « 12 policiers »: in words up to nine."""
    return formatting.quantite_prose(int(nombre), singulier, pluriel, feminin=feminin)


FILTERS: dict[str, Callable[..., Any]] = {
    "de": de,
    "a": a,
    "sujet": sujet,
    "liste_de": liste_de,
    "quantite": quantite,
    "date_longue": _none_safe(formatting.date_longue),
    "mois_annee": _none_safe(formatting.mois_annee),
    "date_le": _none_safe(formatting.date_le),
    "date_au": _none_safe(formatting.date_au),
    "date_du": _none_safe(formatting.date_du),
    "echeance": _none_safe(formatting.echeance),
    "nombre": _none_safe(formatting.nombre),
    "euros": _none_safe(formatting.euros),
    "euros_en_lettres": _none_safe(formatting.euros_en_lettres),
    "en_lettres": _none_safe(formatting.en_lettres),
    "pourcentage": _none_safe(formatting.pourcentage),
    "typo": _none_safe(formatting.typographie),
    "majuscule": majuscule,
    "liste_et": liste_et,
    "separateur": separateur,
}


# --- Bounds -------------------------------------------------------------------------------------------


class Budget:
    """The time left to the rendering in progress, checked at every call a template makes."""

    deadline: float | None = None

    allowed: float = SECONDS

    @classmethod
    def start(cls) -> None:
        cls.allowed = seconds_allowed()
        cls.deadline = time.monotonic() + cls.allowed

    @classmethod
    def stop(cls) -> None:
        cls.deadline = None

    @classmethod
    def check(cls) -> None:
        if cls.deadline is not None and time.monotonic() > cls.deadline:
            cls.deadline = None
            seconds = formatting.nombre(cls.allowed)
            raise RunawayTemplate(
                f"la génération dépasse {seconds} seconde{'s' if cls.allowed >= 2 else ''} : "
                "une boucle trop longue ou sans fin (par exemple « for » sur un très grand "
                "« range »)"
            )


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


@cache
def _environment_class() -> type:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, with a bound on time and on texts built by repetition."""

        intercepted_binops = frozenset(["*", "**"])
        safe_attributes: ClassVar[dict[tuple[type, str], bool]] = {}

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            Budget.check()
            if operator == "*":
                for sized, count in ((left, right), (right, left)):
                    length = _sized(sized)
                    if length is not None and isinstance(count, int) and length * count > MAX_TEXT:
                        raise RunawayTemplate(
                            f"une balise répète un texte ou une liste au-delà de "
                            f"{formatting.nombre(MAX_TEXT)} caractères ou éléments"
                        )
            if operator == "**" and isinstance(right, int) and abs(right) > 1000:
                raise RunawayTemplate("une balise calcule une puissance démesurée")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            Budget.check()
            return super().call(__context, __obj, *args, **kwargs)

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            """The sandbox's answer, worked out once per type and name.

            Jinja decides from the name and the kind of object only (a function, a type,
            a frame, a mutable list or mapping…), never from the value: a rendering asks
            the same few hundred questions thousands of times."""
            key = (type(obj), attr)
            safe = self.safe_attributes.get(key)
            if safe is None:
                safe = self.safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
            return safe

    return BoundedEnvironment


@cache
def environment() -> Environment:
    """The one Jinja environment: sandboxed, autoescaping, strict about undefined names."""
    from jinja2 import StrictUndefined

    env: Environment = _environment_class()(
        autoescape=True, undefined=StrictUndefined, finalize=finalize, auto_reload=False
    )
    env.filters.update(FILTERS)
    return env


def number_mark() -> Markup:
    from markupsafe import Markup

    return Markup(NUMBER_MARK)
