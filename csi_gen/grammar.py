"""French grammar of names: places with « de » and « à », names no data knows, people.

Pure functions returning exact Unicode text, after section 3 of the drafting conventions
(``shared/reference/redaction-juridique.md``):

- place names with « de » and « à » by INSEE's TNCC (« du Havre », « de la Haute-Garonne »,
  « d'Arles »), lists of places with the preposition repeated, and a cautious guess for a
  name no data knows (an EPCI's, a quarter's) that says it guessed;
- people: « M. », « Mme », family names in capitals with their particles in lower case.

Numbers in prose are in ``formatting``, the typography of a legal text in ``typography``.
Nothing here reads data: the module costs nothing to import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from csi_gen.typography import APOSTROPHE, NBSP, apostrophes, insecable_nom

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


def commence_par_article(nom: str, tncc: int) -> bool:
    """True when the name starts with its TNCC's article: « Le Muretain Agglo », TNCC 2."""
    return _split_article(apostrophes(nom), tncc) is not None


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


def de_lieu_message(lieu: Nomme) -> str:
    """« de » and a place for a terminal message: « d'Aussonne », straight apostrophe and
    ordinary hyphens, as the rest of the message is written."""
    return de_lieu(lieu, insecable=False).replace(APOSTROPHE, "'")


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


# The first words of names in h whose elision is known (Grevisse, § 48): the names of
# partners (« Habitat 44 », « Hôpital … ») and of places (« Hauts-de-Seine »).
_H_MUET = frozenset(
    {"habitat", "habitation", "habitations", "herault", "homme", "hopital", "hopitaux", "hotel"}
)
_H_ASPIRE = frozenset(
    {"hall", "halle", "halles", "hameau", "hangar", "haut", "haute", "hautes", "hauts", "havre"}
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
        word = _unaccented(first).lower()
        if word in _H_MUET:  # « d’Habitat 44 », « d’Hôpital … »
            return Deduction(Lieu(texte, 1, article_dans_le_nom=False))
        if word in _H_ASPIRE:  # « de Hauts-de-Seine Habitat »
            return Deduction(Lieu(texte, 0, article_dans_le_nom=False))
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
    written with a capital is part of the name: « De Smet » → « DE SMET ». A placeholder
    (« [à compléter] ») stays as written."""
    if nom.startswith("[") and nom.endswith("]"):
        return nom
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
    """A person as a sentence names them: civility, names, quality."""

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
