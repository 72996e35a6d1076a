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

from csi_gen.dates import DatePartielle, Echeance
from csi_gen.typography import NBSP, NNBSP, apostrophes

if TYPE_CHECKING:
    from babel import Locale

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


def date_longue(jour: date | DatePartielle | None) -> str:
    """``9 octobre 2020``; the first of the month is ``1er avril 2021``. A date known to the
    month only is ``juin 2022``, to the year only ``2024``: no day is invented."""
    if jour is None:
        return ""
    if isinstance(jour, DatePartielle):
        if not jour.precise:
            return mois_annee(jour.debut()) if jour.mois else str(jour.annee)
        jour = jour.debut()
    from babel.dates import format_date

    text: str = format_date(jour, "d MMMM y", locale=_locale())
    if jour.day == 1:
        text = "1er" + text[1:]
    return text.replace(" ", NBSP, 1)


def mois_annee(jour: date | DatePartielle) -> str:
    """``mars 2026``."""
    if isinstance(jour, DatePartielle):
        jour = jour.debut()
    return f"{_MONTHS[jour.month - 1]} {jour.year}"


def _precise(jour: date | DatePartielle) -> bool:
    return not isinstance(jour, DatePartielle) or jour.precise


def date_le(jour: date | DatePartielle | None) -> str:
    """``le 9 octobre 2020``, ``en juin 2022``, ``en 2024``: a date after a verb (« signé … »)."""
    if jour is None:
        return ""
    return ("le " if _precise(jour) else "en ") + date_longue(jour)


def date_au(jour: date | DatePartielle | None) -> str:
    """``au 1er mars 2022``, ``en mars 2022``, ``en 2022``: when a figure is counted."""
    if jour is None:
        return ""
    return ("au " if _precise(jour) else "en ") + date_longue(jour)


def date_du(jour: date | DatePartielle | None) -> str:
    """``du 9 octobre 2020``, ``de juin 2022``, ``d'avril 2021``, ``de 2024``: a date after a
    noun (« la convention … »)."""
    if jour is None:
        return ""
    text = date_longue(jour)
    if _precise(jour):
        return "du " + text
    return ("d’" if text[:1] in "aeiouyàâéèêëîïôöùûü" else "de ") + text


def echeance(value: Echeance | None) -> str:
    """A deadline after « d'ici » or « avant »: ``le 31 décembre 2021``, ``juin 2023``,
    ``2024``, ``la fin du mandat municipal``."""
    if value is None:
        return ""
    if value.date is None:
        return "la fin du mandat municipal"
    return ("le " if value.date.precise else "") + date_longue(value.date)


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


def nombre_ecrit(text: str) -> str:
    """A number as the contract writes it, its precision kept: ``5,30``, ``+7,60``,
    ``1 234`` (thousands grouped), ``−3,5``."""
    sign = {"+": "+", "-": "\u2212"}.get(text[:1], "")
    digits = text[1:] if sign else text
    whole, _, decimals = digits.replace(".", ",").partition(",")
    grouped = nombre(int(whole))
    return f"{sign}{grouped}{',' + decimals if decimals else ''}"


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


# The space that becomes non-breaking, and what it becomes: narrow before ; ! ?
_FRENCH_SPACES = (
    (" ;", NNBSP + ";"),
    (" !", NNBSP + "!"),
    (" ?", NNBSP + "?"),
    (" :", NBSP + ":"),
    ("« ", "«" + NBSP),
    (" »", NBSP + "»"),
)


def typographie(text: str) -> str:
    """French typography: the spaces before ; : ! ? » and after « become non-breaking.

    Only an existing space changes; no character is added or removed, so « 10:30 » and
    URLs stay as they are.
    """
    if " " not in text:
        return text
    for space, french in _FRENCH_SPACES:
        text = text.replace(space, french)
    return text


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


# --- Numbers ------------------------------------------------------------------------------

# Numbers up to this one are written in words in prose, larger ones in figures: « neuf
# communes », « 10 communes ». The threshold of the usual French style guides for
# administrative and press writing (numbers below ten in words); zero is « aucun ».
SEUIL_EN_LETTRES = 9
_WORDS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)


def chiffres(n: int) -> str:
    """« 12 », « 1 250 » with a narrow no-break space between groups of digits."""
    return f"{n:,}".replace(",", NNBSP)


def nombre_prose(n: int, *, feminin: bool = False, seuil: int = SEUIL_EN_LETTRES) -> str:
    """« trois », « une », « 12 »: in words up to ``seuil`` (at most 16), in figures above."""
    if n < 0:
        raise ValueError(f"nombre négatif : {n}")
    if n <= min(seuil, len(_WORDS) - 1):
        return "une" if n == 1 and feminin else _WORDS[n]
    return chiffres(n)


_AL_S = frozenset(
    {"bal", "cal", "carnaval", "chacal", "festival", "récital", "régal", "val"}
    | {"banal", "bancal", "fatal", "final", "natal", "naval", "tonal"}
)
_AIL_AUX = frozenset({"bail", "corail", "émail", "soupirail", "travail", "vantail", "vitrail"})
_OU_X = frozenset({"bijou", "caillou", "chou", "genou", "hibou", "joujou", "pou"})
_EU_S = frozenset({"bleu", "émeu", "landau", "pneu", "sarrau"})
_PREPOSITIONS = frozenset(
    {"de", "du", "des", "d’", "à", "au", "aux", "en", "pour", "sur", "par", "avec", "sans"}
    | {"contre", "entre", "chez", "dans", "sous", "la", "le", "les", "l’", "et", "ou"}
)


def _pluriel_mot(mot: str) -> str:
    lower = mot.lower()
    if not lower or lower[-1] in "sxz" or not lower[-1].isalpha():
        return mot
    if lower.endswith("al") and lower not in _AL_S:
        return mot[:-2] + ("AUX" if mot.isupper() else "aux")
    if lower in _AIL_AUX:
        return mot[:-3] + ("AUX" if mot.isupper() else "aux")
    if lower.endswith(("eau", "au", "eu")) and lower not in _EU_S:
        return mot + ("X" if mot.isupper() else "x")
    if lower in _OU_X:
        return mot + ("X" if mot.isupper() else "x")
    return mot + ("S" if mot.isupper() else "s")


def pluriel(groupe: str) -> str:
    """The plural of a noun and its adjectives, up to the first preposition: « commune » →
    « communes », « policier municipal » → « policiers municipaux », « point d’accueil » →
    « points d’accueil ». Compound and irregular nouns: give the plural yourself."""
    words = apostrophes(groupe).split(" ")
    result: list[str] = []
    for index, word in enumerate(words):
        head = word.split("’")[0] + "’" if "’" in word else word
        if head.lower() in _PREPOSITIONS:
            return " ".join(result + words[index:])
        result.append(_pluriel_mot(word))
    return " ".join(result)


def quantite_prose(
    n: int,
    singulier: str,
    forme_plurielle: str | None = None,
    *,
    feminin: bool = False,
    seuil: int = SEUIL_EN_LETTRES,
) -> str:
    """« aucune commune », « une commune », « deux communes », « 12 policiers »: the number
    in words up to ``seuil``, the noun agreeing; zero is « aucun(e) » with the singular,
    never « 0 points ». A figure is followed by a no-break space."""
    singulier = apostrophes(singulier)
    if n < 0:
        raise ValueError(f"quantité négative : {n}")
    if n == 0:
        return f"{'aucune' if feminin else 'aucun'} {singulier}"
    if n == 1:
        noun = singulier
    else:
        noun = apostrophes(forme_plurielle) if forme_plurielle else pluriel(singulier)
    number = nombre_prose(n, feminin=feminin, seuil=seuil)
    return f"{number}{' ' if number[0].isalpha() else NBSP}{noun}"
