"""The typography of a French legal text: the typographic apostrophe, no-break spaces and
hyphens where a line must not break, ordinal suffixes and roman numerals.

Pure functions returning exact Unicode text (section 3 of the drafting conventions): a
no-break space U+00A0 after « M. », U+202F between groups of digits, U+2011 (no-break
hyphen) inside a place name or an article number. Superscripts are the document's business:
``ORDINAL_SUFFIX`` and ``exposants`` say which characters to raise. Nothing here costs
anything to import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space: between groups of digits
NBHY = "\u2011"  # no-break hyphen
APOSTROPHE = "\u2019"  # the typographic apostrophe ’

# --- Ordinals and roman numerals ----------------------------------------------------------

# The ordinal suffixes to set in superscript: « 1er », « 1re », « 2e », « IIe », « Ier »;
# group ``suffixe`` is the part to raise. Roman numerals are matched with I, V and X only,
# so that « Le », « De », « Me » are never taken for ordinals.
ORDINAL_SUFFIX = re.compile(r"(?<![\w’'])(?:\d+|[IVX]+)(?P<suffixe>ers|er|res|re|es|e)(?!\w)")


def ordinal(n: int, *, feminin: bool = False) -> str:
    """« 1er », « 1re », « 2e »: plain text, the suffix to be raised (``exposants``)."""
    if n < 1:
        raise ValueError(f"ordinal de {n}")
    if n == 1:
        return "1re" if feminin else "1er"
    return f"{n}e"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def romain(n: int) -> str:
    """The cardinal roman numeral: 4 → « IV », 14 → « XIV »."""
    if not 0 < n < 4000:
        raise ValueError(f"pas de chiffre romain pour {n}")
    text = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        text += letters * count
    return text


def numero_titre(n: int) -> str:
    """« Ier », « II », « III »: « TITRE Ier », never « TITRE IER »."""
    return "Ier" if n == 1 else romain(n)


def numero_article(n: int) -> str:
    """« 1er », « 2 »: « Article 1er », « Article 2 »."""
    return "1er" if n == 1 else str(n)


def exposants(texte: str) -> list[tuple[int, int]]:
    """The (start, end) of each ordinal suffix to set in superscript."""
    return [m.span("suffixe") for m in ORDINAL_SUFFIX.finditer(texte)]


# --- Typography ---------------------------------------------------------------------------

# Patterns are kept as strings: ``re`` compiles each on its first use and caches it, so that
# importing this module compiles nothing.
_APOSTROPHE_IN_WORD = r"(?<=[^\W\d_])'(?=[^\W\d_])"
_ELISION = r"(?i)(?<![\w’'])((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)')(?=[«\"“(\d])"


def apostrophes(texte: str) -> str:
    """The typographic apostrophe ’ for the straight one between two letters (« l’État »,
    « aujourd’hui ») and after an elided word before « or a figure (« d’« exemple » »,
    « d’1,5 million »); other straight quotes (5', code) stay. Idempotent."""
    if "'" not in texte:
        return texte
    texte = re.sub(_APOSTROPHE_IN_WORD, APOSTROPHE, texte)
    return re.sub(_ELISION, lambda m: m.group(1)[:-1] + APOSTROPHE, texte)


def insecable_nom(nom: str) -> str:
    """A place name whose hyphens do not break a line: « Saint‑Jacques‑de‑la‑Lande »."""
    return re.sub(r"(?<=\w)-(?=\w)", NBHY, nom)


_AFTER_ABBREVIATION = (
    r"(?<![\w.])(n°|N°|nº|Nº|nos|Nos|M\.|MM\.|Mme|Mmes|Mlle|Me|Dr|art\.|Art\.|§) (?=\S)"
)
_NUMBERED = (
    r"(?<![\w.])(n°|N°|nº|Nº|nos|Nos|art\.|Art\.|articles?|Articles?|L\.O\.|LO\.|L\.|R\.|D\.|A\.)"
    r"[ \u00a0](\d+(?:[-\u2011]\d+)*)(?!\w)"
)
_DIGIT_GROUPS = r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)"
_UNITS = (
    "%|‰|€|\\$|£|°C|°|km²|km|m²|m³|cm|mm|m|kg|g|t|ha|h|min|s|ms|kWh|kW|MW|Mo|Go|ETP|k€|M€|Md€"
    "|euros?|centimes?|heures?|minutes?|secondes?|jours?|semaines?|mois|ans?|années?"
    "|habitants?|kilomètres?|mètres?|hectares?"
)
_BEFORE_UNIT = rf"(?<=\d) (?=(?:{_UNITS})(?![\w'’]))"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DAY_MONTH = rf"(?<!\w)(\d{{1,2}}(?:er)?) (?=(?:{_MONTHS})(?!\w))"


@lru_cache(maxsize=64)
def _place_pattern(noms: tuple[str, ...]) -> str | None:
    variants = sorted({n for n in noms if "-" in n or NBHY in n}, key=len, reverse=True)
    if not variants:
        return None
    parts = [
        re.escape(apostrophes(n).replace(NBHY, "-"))
        .replace(r"\-", "[-\u2011]")
        .replace("’", "['’]")
        for n in variants
    ]
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


def insecables(texte: str, lieux: Iterable[str] = ()) -> str:
    """No line break where a legal text must not break; only spaces and hyphens change.

    - a no-break space after « n° », « M. », « Mme », « art. », « § », and after « L. »,
      « R. », « D. », « A. », « L.O. », « article » before an article number, whose hyphens
      become no-break hyphens (« L. 5211-59 », « n° 2021-646 »);
    - a narrow no-break space between groups of digits (« 1 250 000 »);
    - a no-break space between a number and its unit (« 12 km », « 150 000 € », « 3 ans »)
      and between a day and its month (« 1er janvier »);
    - no-break hyphens inside the place names given in ``lieux`` (« Saint-Jacques-de-la-
      Lande »): hyphens of ordinary words are left alone.

    Idempotent; never adds nor removes a visible character.
    """
    if not texte:
        return texte
    texte = re.sub(_AFTER_ABBREVIATION, r"\1" + NBSP, texte)
    if re.search(r"\d", texte):  # the other rules are about numbers
        texte = re.sub(_NUMBERED, lambda m: m[1] + NBSP + m[2].replace("-", NBHY), texte)
        texte = re.sub(_DIGIT_GROUPS, lambda m: re.sub("[ \u00a0]", NNBSP, m[0]), texte)
        texte = re.sub(_BEFORE_UNIT, NBSP, texte)
        texte = re.sub(_DAY_MONTH, r"\1" + NBSP, texte)
    pattern = _place_pattern(tuple(lieux))
    if pattern is not None:
        texte = re.sub(pattern, lambda m: insecable_nom(m[0]), texte)
    return texte
