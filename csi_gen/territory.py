"""The territory of a contract: its communes, département, intercommunality and quarters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from csi_gen import geography, grammar
from csi_gen.errors import Path_
from csi_gen.model_types import Annee, Libelle


class TypeTerritoire(Enum):
    COMMUNE = "commune"
    COMMUNES = "communes"
    INTERCOMMUNALITE = "intercommunalite"


@dataclass(frozen=True)
class Departement:
    """The territory's département."""

    code: str
    nom: str


@dataclass(frozen=True)
class Commune:
    """A commune of the territory, with its population."""

    nom: str
    code_insee: str
    population: int | None
    population_millesime: Annee | None  # the census year; in force on 1 January, three years on
    path: Path_


@dataclass(frozen=True)
class Epci:
    """The intercommunality, and how its name is worded."""

    nom: str
    forme_de: str | None  # « de la Métropole du Val d'Exemple », as the writer states it
    nature: Annotated[str, Libelle("nature_epci")]
    siren: str | None
    path: Path_


@dataclass(frozen=True)
class Quartier:
    """A priority neighbourhood (QPV) or reconquest zone (QRR) of the territory."""

    nom: str
    type: Annotated[str, Libelle("type_quartier")]  # "qpv" or "qrr"
    code: str | None
    commune: str | None
    depuis: date | None
    path: Path_


@dataclass(frozen=True)
class Territoire:
    """« territoire »: the commune or communes, or the intercommunality, covered."""

    type: Annotated[TypeTerritoire, Libelle("type_territoire")]
    nom: str
    departement: Departement
    communes: tuple[Commune, ...]
    epci: Epci | None
    quartiers: tuple[Quartier, ...]
    path: Path_

    def commune(self, code_insee: str) -> Commune | None:
        return next((c for c in self.communes if c.code_insee == code_insee), None)

    @property
    def lieu(self) -> grammar.Lieu:
        """The territory's name as the grammar writes it: « d'Angers », « du Havre »."""
        if self.type is TypeTerritoire.COMMUNE and self.communes:
            commune = self.communes[0]
            if geography.name_key(commune.nom) == geography.name_key(self.nom):
                return lieu_commune(commune.nom, commune.code_insee)
        if self.epci and geography.name_key(self.epci.nom) == geography.name_key(self.nom):
            return lieu_epci(self.epci)
        return grammar.deviner_lieu(self.nom).lieu


def lieu_commune(nom: str, code_insee: str) -> grammar.Lieu:
    """A commune's name with INSEE's article type, or the grammar's cautious reading."""
    official = geography.commune(code_insee)
    if official is not None and geography.name_key(official.nom) == geography.name_key(nom):
        return grammar.Lieu(nom, official.tncc, True)
    return grammar.deviner_lieu(nom).lieu


def lieu_epci(epci: Epci) -> grammar.Lieu:
    """An EPCI's name: as the writer states it (« forme_de »), as the DGCL's list gives its
    article type, or as the grammar reads it."""
    if epci.forme_de:
        lieu = grammar.lieu_depuis_de(epci.forme_de)
        in_name = lieu.article_dans_le_nom or grammar.commence_par_article(epci.nom, lieu.tncc)
        return grammar.Lieu(epci.nom, lieu.tncc, in_name)
    official = geography.epci(epci.siren) if epci.siren else None
    if official is not None and geography.name_key(official.nom) == geography.name_key(epci.nom):
        return grammar.Lieu(epci.nom, official.tncc, False)
    return grammar.deviner_lieu(epci.nom).lieu
