"""The context of the territory: its communes, département, intercommunality, quarters.

Each place carries what the grammar needs to write it — its name, INSEE's article type
(TNCC) and whether the article is part of the name — so that the filters ``de``, ``a`` and
``sujet`` write « d'Angers », « du Havre », « de la Haute-Garonne ». The article type comes
from the official geography (``csi_gen.geography``), or from the writer's « forme_de »,
or from a cautious reading of the name (``grammar.deviner_lieu``).
"""

from __future__ import annotations

from datetime import date

from csi_gen import geography, grammar, wording
from csi_gen.document.context_base import doc, shape
from csi_gen.model import Contrat
from csi_gen.territory import Epci as EpciModel
from csi_gen.territory import TypeTerritoire, lieu_commune, lieu_epci


@shape
class Departement:
    """Le département du territoire."""

    code: str = doc("le code du département")
    nom: str = doc(
        "le nom du département (« Haute-Garonne ») ; « |de » donne « de la Haute-Garonne »"
    )
    tncc: int = doc("le type de nom de l'INSEE (article et élision)")
    article_dans_le_nom: bool = doc("toujours faux pour un département")
    tribunal_administratif: str | None = doc(
        "le tribunal administratif compétent (« tribunal administratif de Toulouse »)"
    )


@shape
class Commune:
    """Une commune du territoire."""

    nom: str = doc(
        "le nom de la commune ; « |de » donne « de Toulouse », « d'Angers », « du Havre »"
    )
    tncc: int = doc("le type de nom de l'INSEE (article et élision)")
    article_dans_le_nom: bool = doc("toujours vrai pour une commune (« Le Havre »)")
    code_insee: str = doc("le code INSEE")
    population: int | None = doc("la population, si le contrat l'indique")
    population_millesime: int | None = doc("l'année du recensement de cette population")
    population_en_vigueur: date | None = doc(
        "le jour où cette population est entrée en vigueur (1er janvier, trois ans après)"
    )


@shape
class Epci:
    """L'intercommunalité."""

    nom: str = doc("le nom de l'intercommunalité ; « |sujet » donne « la Métropole du … »")
    tncc: int = doc("le type de nom (article et élision), lu dans la géographie ou le contrat")
    article_dans_le_nom: bool = doc("vrai si l'article fait partie du nom (« Le Muretain Agglo »)")
    masculin: bool = doc("vrai si le nom appelle le masculin : « Le Muretain Agglo, représenté »")


@shape
class Quartier:
    """Un quartier prioritaire ou de reconquête républicaine."""

    nom: str = doc("le nom du quartier")
    type: str = doc(
        "sa nature en toutes lettres (« quartier prioritaire de la politique de la ville »)"
    )
    code: str | None = doc("son code, s'il en a un")
    commune: Commune | None = doc("sa commune, si le contrat l'indique")
    depuis: date | None = doc("la date depuis laquelle il a ce statut")


@shape
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
    official = geography.departement(code)
    if official is not None and geography.name_key(official.nom) == geography.name_key(nom):
        return Departement(code, nom, official.tncc, False, official.tribunal_administratif)
    return Departement(code, nom, grammar.deviner_lieu(nom).lieu.tncc, False, None)


def commune(nom: str, code: str, population: int | None, millesime: int | None) -> Commune:
    lieu = lieu_commune(nom, code)
    in_force = date(millesime + 3, 1, 1) if millesime else None
    return Commune(nom, lieu.tncc, lieu.article_dans_le_nom, code, population, millesime, in_force)


def commune_du_territoire(contrat: Contrat, code: str | None) -> Commune | None:
    """The territory's commune of that INSEE code, as the context writes it; None if none."""
    found = contrat.territoire.commune(code) if code else None
    if found is None:
        return None
    return commune(found.nom, found.code_insee, found.population, found.population_millesime)


def epci(data: EpciModel) -> Epci:
    lieu = lieu_epci(data)
    return Epci(lieu.nom, lieu.tncc, lieu.article_dans_le_nom, masculin=lieu.tncc == 2)


def territoire(contrat: Contrat) -> Territoire:
    data = contrat.territoire
    communes = {
        c.code_insee: commune(c.nom, c.code_insee, c.population, c.population_millesime)
        for c in data.communes
    }
    return Territoire(
        type=data.type.value,
        nom=data.nom,
        departement=departement(contrat),
        communes=list(communes.values()),
        une_commune=data.type is TypeTerritoire.COMMUNE,
        epci=epci(data.epci) if data.epci else None,
        quartiers=[
            Quartier(
                nom=q.nom,
                type=wording.libelle("type_quartier", q.type),
                code=q.code,
                commune=communes.get(q.commune or ""),
                depuis=q.depuis,
            )
            for q in data.quartiers
        ],
    )
