"""The model's vocabulary: how a value reads (``Forme``, ``Libelle``), the aliases of its
fields' types, and its enumerations (the territory's are in ``territory.py``). ``model.py``
re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from csi_gen.dates import DatePartielle

PLACEHOLDER = "[à compléter]"


class Forme(Enum):
    """How a value reads, beyond its Python type."""

    MARKDOWN = "markdown"  # a text in Markdown (paragraphs, bold, italics, lists)
    TEXTE = "texte"  # a sentence of the contract, quoted when shown; a name or code is not
    EUROS = "euros"
    POURCENTAGE = "pourcentage"
    ANNEE = "annee"  # a year: « 2021 », not a number « 2 021 »


@dataclass(frozen=True)
class Libelle:
    """An enumerated value whose French label is in data/libelles.json, under ``categorie``."""

    categorie: str
    forme: str | None = None  # for labels in several forms: « titre » (default), « court »


Markdown = Annotated[str, Forme.MARKDOWN, Forme.TEXTE]
Texte = Annotated[str, Forme.TEXTE]
Euros = Annotated[float, Forme.EUROS]
Pourcentage = Annotated[float, Forme.POURCENTAGE]
Annee = Annotated[int, Forme.ANNEE]
ParAnnee = tuple[tuple[int, float], ...]  # (year, value), years ascending; in JSON {"2021": 4}
# (date, value), dates ascending; in JSON {"2020-12": 20, "2021": 11}
ParDate = tuple[tuple[DatePartielle, float], ...]


class Statut(Enum):
    PROJET = "projet"
    DEFINITIF = "definitif"
    SIGNE = "signe"


class StatutEngagement(Enum):
    RETENUE = "retenue"
    NON_RETENUE = "non_retenue"
    EN_ATTENTE_ARBITRAGE = "en_attente_arbitrage"
    A_ETUDIER = "a_etudier"


class Partie(Enum):
    ETAT = "etat"
    JUSTICE = "justice"  # the procureur de la République, a party in his own right
    COLLECTIVITES = "collectivites"
    PARTENAIRE = "partenaire"  # a partner who signs
