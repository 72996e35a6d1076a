"""French formatting: dates, numbers, euros, amounts in words, typography.

Pure functions, registered as Jinja filters by ``rendering``. Babel gives the locale data
(month names, grouping with U+202F, U+00A0 before the currency sign); num2words the
cardinals. What they get wrong for an administrative text is mended here, and tested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

NBSP = "\u00a0"  # no-break space: before « : », inside « », before € and %
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and between groups of digits
LOCALE = "fr_FR"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@cache
def _locale() -> Locale:
    """The French locale, parsed once (Babel parses a locale name on every call)."""
    from babel import Locale

    return Locale.parse(LOCALE)


def date_longue(jour: date | None) -> str:
    """``9 octobre 2020``; the first of the month is ``1er avril 2021``."""
    if jour is None:
        return ""
    from babel.dates import format_date

    text: str = format_date(jour, "d MMMM y", locale=_locale())
    if jour.day == 1:
        text = "1er" + text[1:]
    return text.replace(" ", NBSP, 1)


def mois_annee(jour: date) -> str:
    """``mars 2026``."""
    return f"{_MONTHS[jour.month - 1]} {jour.year}"


def _decimal(value: float | int | Decimal) -> Decimal:
    return Decimal(str(value))


def nombre(value: float | int | Decimal, decimales: int | None = None) -> str:
    """``1 250 000``, ``12,5``: French grouping and decimal comma."""
    from babel.numbers import format_decimal

    amount = _decimal(value)
    if decimales is not None:
        pattern = "#,##0" + ("." + "0" * decimales if decimales else "")
        return str(format_decimal(amount, format=pattern, locale=_locale()))
    if amount == amount.to_integral_value():
        return str(format_decimal(amount.to_integral_value(), format="#,##0", locale=_locale()))
    return str(format_decimal(amount, format="#,##0.###", locale=_locale()))


def euros(value: float | int | Decimal) -> str:
    """``1 250 000 €``; cents only when there are some: ``1 250,50 €``."""
    amount = _decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    decimales = 0 if amount == amount.to_integral_value() else 2
    return f"{nombre(amount, decimales)}{NBSP}€"


def pourcentage(value: float | int | Decimal) -> str:
    """``50 %``, ``12,5 %`` for a value already in percent."""
    return f"{nombre(value)}{NBSP}%"


def en_lettres(value: int) -> str:
    """``quatre-vingt-onze``: a whole number in words."""
    return str(_french_converter().to_cardinal(value))


_NUM2WORDS_FR = "csi_gen._num2words"


@cache
def _french_converter() -> Any:
    """num2words' French converter, loaded without num2words' 55 other languages.

    ``import num2words`` imports every language it knows: 25 ms, a tenth of a build. The
    French converter needs only four of its modules; they are imported from the installed
    num2words' own folder, as a package named ``csi_gen._num2words``, so that the code is
    num2words', at the installed version. Should its layout change, its public API serves.
    """
    import importlib
    import importlib.util
    import sys
    import types

    try:
        spec = importlib.util.find_spec("num2words")  # found, not imported
        if spec is None or spec.submodule_search_locations is None:
            raise ImportError("num2words")
        if _NUM2WORDS_FR not in sys.modules:
            package = types.ModuleType(_NUM2WORDS_FR)
            package.__path__ = list(spec.submodule_search_locations)
            sys.modules[_NUM2WORDS_FR] = package
        return importlib.import_module(f"{_NUM2WORDS_FR}.lang_FR").Num2Word_FR()
    except (ImportError, AttributeError):
        from num2words import CONVERTER_CLASSES

        return CONVERTER_CLASSES["fr"]


def euros_en_lettres(value: float | int | Decimal) -> str:
    """``cent cinquante mille euros``, ``un million d'euros``, ``deux euros et cinq centimes``.

    num2words' ``to="currency"`` reads an int as cents and writes « un million euros »:
    the wording is built from its cardinals instead.
    """
    amount = _decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "moins " + euros_en_lettres(-amount)
    whole = int(amount)
    cents = int((amount - whole) * 100)
    words = en_lettres(whole)
    if whole in (0, 1):
        unit = "euro"
    elif re.search(r"(millions?|milliards?|billions?|billiards?|trillions?)$", words):
        unit = "d'euros"
    else:
        unit = "euros"
    text = f"{words} {unit}" if unit != "d'euros" else f"{words} d'euros"
    if cents:
        text += f" et {en_lettres(cents)} centime" + ("s" if cents > 1 else "")
    return text


_BEFORE_HIGH_PUNCTUATION = re.compile(r" ([;!?])")
_BEFORE_COLON = re.compile(r" :")
_AFTER_OPENING_QUOTE = re.compile(r"« ")
_BEFORE_CLOSING_QUOTE = re.compile(r" »")


def typographie(text: str) -> str:
    """French typography: the spaces before ; : ! ? » and after « become non-breaking.

    Only an existing space changes; no character is added or removed, so « 10:30 » and
    URLs stay as they are.
    """
    if not text:
        return text
    text = _BEFORE_HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    return _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)


def liste_et(items: Iterable[str]) -> str:
    """``a, b et c``."""
    values = list(items)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " et " + values[-1]


def majuscule(text: str) -> str:
    """Capitalise the first letter only: ``préfet de …`` → ``Préfet de …``."""
    return text[:1].upper() + text[1:]


def nom_signature(nom: str) -> str:
    """Surname as printed under a signature: ``Castex`` → ``CASTEX``."""
    return nom.upper()
