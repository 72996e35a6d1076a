"""French grammar of names and numbers in prose, and the typography of a legal text.

Pure functions returning exact Unicode text, after section 3 of the drafting conventions
(``shared/reference/redaction-juridique.md``):

- place names with « de » and « à » by INSEE's TNCC (« du Havre », « de la Haute-Garonne »,
  « d'Arles »), lists of places with the preposition repeated, and a cautious guess for a
  name no data knows (an EPCI's, a quarter's) that says it guessed;
- people: « M. », « Mme », family names in capitals with their particles in lower case;
- small quantities in words (« deux communes », « aucune commune »), ordinals (« 1er »,
  « TITRE Ier ») and roman numerals;
- the typographic apostrophe and the no-break spaces and hyphens of a legal text.

Every function returns text ready for the document: the typographic apostrophe ’, a no-break
space U+00A0 after « M. », U+202F between groups of digits, U+2011 (no-break hyphen) inside
a place name. Superscripts are the document's business: ``ORDINAL_SUFFIX`` and
``exposants`` say which characters to raise.

Nothing here reads data or imports more than ``re`` and ``unicodedata``: the module costs
nothing to import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space: between groups of digits
NBHY = "\u2011"  # no-break hyphen
APOSTROPHE = "\u2019"  # the typographic apostrophe ’

# --- Place names --------------------------------------------------------------------------

# INSEE's TNCC (« type de nom en clair »): the article of a name, 0 to 8.
TNCC_ARTICLES = {2: "le", 3: "la", 4: "les", 5: "l’", 6: "aux", 7: "las", 8: "los"}
_DE = {
    0: "de ",
    1: "d’",
    2: "du ",
    3: "de la ",
    4: "des ",
    5: "de l’",
    6: "des ",
    7: "de las ",
    8: "de los ",
}
_A = {
    0: "à ",
    1: "à ",
    2: "au ",
    3: "à la ",
    4: "aux ",
    5: "à l’",
    6: "aux ",
    7: "à las ",
    8: "à los ",
}
_CONTRACTED = frozenset({2, 4, 6})  # « de le » → « du », « de les » / « de aux » → « des »


class Nomme(Protocol):
    """Anything named with a TNCC: a ``Lieu``, and the communes, départements and EPCI of
    ``csi_gen.geography``."""

    @property
    def nom(self) -> str: ...

    @property
    def tncc(self) -> int: ...

    @property
    def article_dans_le_nom(self) -> bool: ...


@dataclass(frozen=True)
class Lieu:
    """A name and its TNCC.

    ``article_dans_le_nom``: True when the name carries its article, capitalised, as INSEE
    writes communes (« Le Havre », TNCC 2; « La Rochelle », 3); False when the article is
    not part of the name and is written in lower case before it, as for départements
    (« Haute-Garonne », TNCC 3: « la Haute-Garonne ») and EPCI (« Métropole du Grand
    Paris », 3).
    """

    nom: str
    tncc: int
    article_dans_le_nom: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.tncc <= 8:
            raise ValueError(f"TNCC {self.tncc} : un TNCC va de 0 à 8")


def _split_article(nom: str, tncc: int) -> tuple[str, str] | None:
    """The article the name starts with, and the rest: (« Le », « Havre »); None if none."""
    article = TNCC_ARTICLES.get(tncc)
    if article is None:
        return None
    if tncc == 5:
        return (nom[:2], nom[2:]) if nom[:2].lower() in ("l'", "l’") else None
    if nom.lower().startswith(article + " "):
        return nom[: len(article)], nom[len(article) + 1 :]
    return None


def _write(nom: str, insecable: bool) -> str:
    """The name with the typographic apostrophe, and no-break hyphens if asked."""
    nom = apostrophes(nom)
    return insecable_nom(nom) if insecable else nom


def _with_article(article: str, nom: str, tncc: int) -> str:
    return article + nom if tncc == 5 else f"{article} {nom}"


def _form(lieu: Nomme, table: dict[int, str], insecable: bool) -> str:
    nom, tncc = _write(lieu.nom, insecable), lieu.tncc
    if tncc in (0, 1) or not lieu.article_dans_le_nom:
        return table[tncc] + nom
    split = _split_article(nom, tncc)
    if tncc in _CONTRACTED:  # « du Havre », « aux Mureaux »
        return table[tncc] + (split[1] if split else nom)
    if split is None:  # « Rochelle », TNCC 3, article in the name: « La Rochelle »
        nom = _with_article(TNCC_ARTICLES[tncc].capitalize(), nom, tncc)
    return table[0] + nom  # « de La Rochelle », « à L’Haÿ-les-Roses »


def de_lieu(lieu: Nomme, *, insecable: bool = True) -> str:
    """« de Toulouse », « d’Arles », « du Havre », « de La Rochelle », « des Mureaux »,
    « de L’Haÿ-les-Roses »; « de la Haute-Garonne », « du Rhône », « de l’Ain ».

    ``insecable``: hyphens inside the name become no-break hyphens (U+2011).
    """
    return _form(lieu, _DE, insecable)


def a_lieu(lieu: Nomme, *, insecable: bool = True) -> str:
    """« à Toulouse », « à Arles », « au Havre », « à La Rochelle », « aux Mureaux »: for a
    commune. A département takes « en » or « dans » (« en Haute-Garonne », « dans le
    Rhône »), which no TNCC tells: write it out."""
    return _form(lieu, _A, insecable)


def lieu_sujet(lieu: Nomme, *, insecable: bool = True) -> str:
    """The name where a subject or object stands: « Le Havre », « la Haute-Garonne »,
    « l’Ain », « la Métropole du Grand Paris », « Toulouse Métropole »."""
    nom, tncc = _write(lieu.nom, insecable), lieu.tncc
    if tncc in (0, 1):
        return nom
    if not lieu.article_dans_le_nom:
        return _with_article(TNCC_ARTICLES[tncc], nom, tncc)
    if _split_article(nom, tncc):
        return nom
    return _with_article(TNCC_ARTICLES[tncc].capitalize(), nom, tncc)


def enumeration(items: Sequence[str], *, virgule_avant_et: bool = False) -> str:
    """« a, b et c »; « a, b, et c » when the items hold commas themselves."""
    if len(items) <= 1:
        return "".join(items)
    last = ", et " if virgule_avant_et else " et "
    return ", ".join(items[:-1]) + last + items[-1]


def liste_de(lieux: Iterable[Nomme], *, insecable: bool = True) -> str:
    """The preposition repeated: « de Rennes et de Saint-Jacques-de-la-Lande »,
    « d’Aval, d’Amont et du Havre »."""
    return enumeration([de_lieu(lieu, insecable=insecable) for lieu in lieux])


def liste_a(lieux: Iterable[Nomme], *, insecable: bool = True) -> str:
    """« à Rennes et au Havre »."""
    return enumeration([a_lieu(lieu, insecable=insecable) for lieu in lieux])


# --- A name no data knows -----------------------------------------------------------------


@dataclass(frozen=True)
class Deduction:
    """How a name was read: the ``lieu``, and ``doute``, a French sentence saying what was
    guessed (for a warning), or None when the writer's text said it all."""

    lieu: Lieu
    doute: str | None = None


# Common nouns a body's name may start with, and the TNCC of their article.
_GENERIC_NOUNS = {
    "agence": 5,
    "agglomération": 5,
    "association": 5,
    "centre": 2,
    "cité": 3,
    "collectivité": 3,
    "commune": 3,
    "communauté": 3,
    "conseil": 2,
    "département": 2,
    "district": 2,
    "établissement": 5,
    "eurométropole": 5,
    "groupement": 2,
    "maison": 3,
    "métropole": 3,
    "office": 5,
    "parc": 2,
    "pays": 2,
    "pôle": 2,
    "quartier": 2,
    "région": 5,
    "résidence": 3,
    "syndicat": 2,
    "territoire": 2,
    "ville": 3,
}
_VOWELS = "aàâäeéèêëiîïoôöuùûüœæ"
_LOWER_ARTICLES = (("les ", 4), ("le ", 2), ("la ", 3), ("l'", 5), ("l’", 5), ("aux ", 6))
_CAPITAL_ARTICLES = (
    ("Les ", 4),
    ("Le ", 2),
    ("La ", 3),
    ("L'", 5),
    ("L’", 5),
    ("Aux ", 6),
    ("Las ", 7),
    ("Los ", 8),
)


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_GENERIC_KEYS = {_unaccented(noun): tncc for noun, tncc in _GENERIC_NOUNS.items()}


def deviner_lieu(texte: str) -> Deduction:
    """Read a name as the writer wrote it where a subject stands, and tell what was guessed.

    - A lower-case article is the writer's word: « la Métropole du Val d’Exemple »,
      « l’Eurométropole de Strasbourg » (no doubt).
    - A capitalised article belongs to the name: « Le Grand Chalon » → « du Grand Chalon ».
    - No article: « Toulouse Métropole » → « de Toulouse Métropole », « Est Ensemble » →
      « d’Est Ensemble »; no doubt, except before h or y, where the elision cannot be told.
    - No article before a common noun (« Métropole du Grand Paris », « Eurométropole de
      Strasbourg »): the article is guessed from the noun, with a doubt; so is the absence
      of an article before an acronym.
    """
    texte = " ".join(apostrophes(texte).split())
    for prefix, tncc in _LOWER_ARTICLES:
        if texte.startswith(prefix) and len(texte) > len(prefix):
            return Deduction(Lieu(texte[len(prefix) :], tncc, article_dans_le_nom=False))
    for prefix, tncc in _CAPITAL_ARTICLES:
        if texte.startswith(prefix) and len(texte) > len(prefix):
            return Deduction(Lieu(texte, tncc))
    first = re.split(r"[\s\-’]", texte, maxsplit=1)[0]
    generic = _GENERIC_KEYS.get(_unaccented(first).lower())
    if generic is not None:
        article = TNCC_ARTICLES[generic]
        doute = f"article « {article} » supposé d’après le mot « {first} »"
        return Deduction(Lieu(texte, generic, article_dans_le_nom=False), doute)
    initial = texte[:1].lower()
    if len(first) > 1 and first.isupper():
        doute = f"sigle « {first} » : nom écrit sans article"
        tncc = 1 if initial in _VOWELS else 0
        return Deduction(Lieu(texte, tncc, article_dans_le_nom=False), doute)
    if initial == "h":
        doute = f"« {first} » : h muet ou aspiré inconnu, « de » écrit sans élision"
        return Deduction(Lieu(texte, 0, article_dans_le_nom=False), doute)
    if initial == "y":
        doute = f"« {first} » : élision supposée devant y"
        return Deduction(Lieu(texte, 1, article_dans_le_nom=False), doute)
    tncc = 1 if initial in _VOWELS else 0
    return Deduction(Lieu(texte, tncc, article_dans_le_nom=False))


def lieu_depuis_de(texte: str) -> Lieu:
    """The name a writer states by its « de » form, which leaves nothing to guess: « de la
    Métropole du Val d’Exemple », « du Grand Narbonne », « d’Est Ensemble », « de Toulouse
    Métropole », « de La Roche-sur-Yon Agglomération ». ``de_lieu`` gives the text back."""
    texte = " ".join(apostrophes(texte).split())
    for prefix, tncc in (("de la ", 3), ("de l’", 5), ("des ", 4), ("du ", 2), ("d’", 1)):
        if texte.startswith(prefix) and len(texte) > len(prefix):
            return Lieu(texte[len(prefix) :], tncc, article_dans_le_nom=False)
    if texte.startswith("de ") and len(texte) > len("de "):
        rest = texte[len("de ") :]
        for article, tncc in _CAPITAL_ARTICLES:
            if rest.startswith(article) and tncc not in _CONTRACTED:
                return Lieu(rest, tncc)
        return Lieu(rest, 0, article_dans_le_nom=False)
    raise ValueError(
        f"« {texte} » : la forme attendue commence par « de », « du », « des » ou « d’ »"
    )


# --- People -------------------------------------------------------------------------------

_CIVILITES = {
    "m": "M.",
    "m.": "M.",
    "monsieur": "M.",
    "mme": "Mme",
    "mme.": "Mme",
    "madame": "Mme",
}
# Particles kept in lower case at the start of a family name, when written in lower case.
_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "te"}
    | {"di", "da", "del", "della", "dei", "degli", "do", "dos", "das", "zu", "y"}
)
_ELIDED_PARTICLE = r"([dl]’)(.+)"


def civilite(texte: str) -> str:
    """« M. » or « Mme », from « M », « Monsieur », « madame »…"""
    value = _CIVILITES.get(texte.strip().lower())
    if value is None:
        raise ValueError(f"civilité inconnue : « {texte} » (M. ou Mme)")
    return value


def nom_de_famille(nom: str) -> str:
    """The family name in capitals, its leading particles as the writer wrote them in lower
    case: « de Carolis » → « de CAROLIS », « d'Ornano » → « d’ORNANO », « de La
    Rochefoucauld » → « de LA ROCHEFOUCAULD » (a capitalised article is part of the name,
    as in the Lexique de l'Imprimerie nationale), « du Bellay » → « du BELLAY ». A particle
    written with a capital is part of the name: « De Smet » → « DE SMET »."""
    words = apostrophes(nom).split()
    result: list[str] = []
    leading = True
    for word in words:
        elided = re.fullmatch(_ELIDED_PARTICLE, word)
        if leading and word in _PARTICLES:
            result.append(word)
            continue
        if leading and elided:
            result.append(elided.group(1) + elided.group(2).upper())
        else:
            result.append(word.upper())
        leading = False
    return " ".join(result)


def personne(civ: str, prenom: str, nom: str) -> str:
    """« M. Jean-Luc MOUDENC », « Mme Anne d’ORNANO »: a no-break space after the civilité."""
    name = nom_de_famille(nom)
    prenom = apostrophes(prenom.strip())
    return f"{civilite(civ)}{NBSP}{prenom} {name}" if prenom else f"{civilite(civ)}{NBSP}{name}"


@dataclass(frozen=True)
class Personne:
    civilite: str
    prenom: str
    nom: str
    qualite: str | None = None  # « préfet de la Haute-Garonne », in lower case


def personnes(liste: Iterable[Personne]) -> str:
    """« M. A, préfet de …, et Mme B, maire de … »; « M. A et Mme B » without qualities."""
    people = list(liste)
    items = [
        personne(p.civilite, p.prenom, p.nom) + (f", {apostrophes(p.qualite)}" if p.qualite else "")
        for p in people
    ]
    return enumeration(items, virgule_avant_et=any(p.qualite for p in people))


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


def _place_pattern(noms: Iterable[str]) -> str | None:
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
    texte = re.sub(_NUMBERED, lambda m: m[1] + NBSP + m[2].replace("-", NBHY), texte)
    texte = re.sub(_DIGIT_GROUPS, lambda m: re.sub("[ \u00a0]", NNBSP, m[0]), texte)
    texte = re.sub(_BEFORE_UNIT, NBSP, texte)
    texte = re.sub(_DAY_MONTH, r"\1" + NBSP, texte)
    pattern = _place_pattern(lieux)
    if pattern is not None:
        texte = re.sub(pattern, lambda m: insecable_nom(m[0]), texte)
    return texte
