"""The context of the territory: its communes, département, intercommunality, quarters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csi_gen import wording
from csi_gen.departements import de_departement
from csi_gen.document.context_base import doc
from csi_gen.model import Contrat, TypeTerritoire


@dataclass(frozen=True)
class Departement:
    """Le département du territoire."""

    code: str = doc("le code du département")
    nom: str = doc("le nom du département")
    de: str = doc(
        "le nom précédé de « de » et de son article (« de la Haute-Garonne », « du Rhône »)"
    )


@dataclass(frozen=True)
class Commune:
    """Une commune du territoire."""

    nom: str = doc("le nom de la commune")
    de: str = doc("le nom précédé de « de » (« de Toulouse », « d'Angers », « du Havre »)")
    code_insee: str = doc("le code INSEE")
    population: int | None = doc("la population, si le contrat l'indique")


@dataclass(frozen=True)
class Epci:
    """L'intercommunalité."""

    nom: str = doc("le nom de l'intercommunalité")
    le: str = doc(
        "le nom avec son article, en sujet (« la Métropole du Val d'Exemple », « Toulouse Métropole »)"
    )
    de: str = doc("le nom précédé de « de » (« de la Métropole du Val d'Exemple »)")


@dataclass(frozen=True)
class Quartier:
    """Un quartier prioritaire ou de reconquête républicaine."""

    nom: str = doc("le nom du quartier")
    type: str = doc(
        "sa nature en toutes lettres (« quartier prioritaire de la politique de la ville »)"
    )
    code: str | None = doc("son code, s'il en a un")
    commune: str | None = doc("le nom de sa commune, si le contrat l'indique")
    depuis: date | None = doc("la date depuis laquelle il a ce statut")


@dataclass(frozen=True)
class Territoire:
    """Le territoire couvert par le contrat."""

    type: str = doc("« commune », « communes » ou « intercommunalite »")
    nom: str = doc("le nom du territoire")
    departement: Departement = doc("le département")
    communes: list[Commune] = doc("les communes, dans l'ordre du contrat")
    une_commune: bool = doc("vrai si le contrat porte sur une seule commune")
    epci: Epci | None = doc("l'intercommunalité, s'il y en a une")
    quartiers: list[Quartier] = doc("les quartiers prioritaires et de reconquête républicaine")


def departement(contrat: Contrat) -> Departement:
    code, nom = contrat.territoire.departement.code, contrat.territoire.departement.nom
    return Departement(code, nom, de_departement(code, nom))


def commune(nom: str, code: str, population: int | None) -> Commune:
    return Commune(nom, wording.de_commune(nom), code, population)


def territoire(contrat: Contrat) -> Territoire:
    data = contrat.territoire
    communes = {c.code_insee: c for c in data.communes}
    return Territoire(
        type=data.type.value,
        nom=data.nom,
        departement=departement(contrat),
        communes=[commune(c.nom, c.code_insee, c.population) for c in data.communes],
        une_commune=data.type is TypeTerritoire.COMMUNE,
        epci=Epci(data.epci.nom, wording.epci_le(data.epci.nom), wording.epci_de(data.epci.nom))
        if data.epci
        else None,
        quartiers=[
            Quartier(
                nom=q.nom,
                type=wording.libelle("type_quartier", q.type),
                code=q.code,
                commune=communes[q.commune].nom if q.commune in communes else None,
                depuis=q.depuis,
            )
            for q in data.quartiers
        ],
    )
