"""How a value of the model reads, beyond its Python type: Markdown, a sentence, euros, a
year, an enumerated value with its French label. ``contract/builder.py`` and the comparison
read these marks from the type hints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated


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
