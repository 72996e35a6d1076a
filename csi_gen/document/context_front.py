"""The context of the front matter: territory, parties, visas, framework, governance, signatures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from csi_gen import catalogue, wording
from csi_gen.departements import de_departement
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.formatting import nom_signature
from csi_gen.model import Contrat, Representant, TypeTerritoire

# --- Places and people ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Periode:
    """La période du contrat."""

    debut: date = doc("la date de début")
    fin: date = doc("la date de fin")
    annee_debut: int = doc("l'année de début")
    annee_fin: int = doc("l'année de fin")


@dataclass(frozen=True)
class Deliberation:
    """Une délibération approuvant le contrat."""

    organe: str = doc("le conseil qui a délibéré (« conseil municipal de Toulouse »)")
    numero: str | None = doc("le numéro de la délibération, s'il est connu")
    date: date = doc("la date de la délibération")
    objet: str | None = doc("son objet, s'il est précisé")


@dataclass(frozen=True)
class RepresentantEtat:
    """Un représentant de l'État qui signe."""

    personne: str = doc("la civilité, le prénom et le nom (« M. Jean Castex »)")
    qualite: str = doc("la qualité (« Premier ministre »)")


@dataclass(frozen=True)
class Collectivite:
    """Une collectivité signataire et son représentant."""

    etat: bool = doc("toujours faux (pour la désignation des parties)")
    commune: Commune | None = doc("la commune représentée par son maire")
    epci: Epci | None = doc("l'intercommunalité représentée par son président")
    nom: str = doc("le nom du territoire, à défaut")
    personne: str = doc("la civilité, le prénom et le nom du représentant")
    qualite: str = doc("la qualité du représentant")
    feminin: bool = doc("vrai si le représentant est une femme (accords : « habilitée »)")
    deliberations: list[Deliberation] = doc("les délibérations qui habilitent le représentant")


@dataclass(frozen=True)
class Partenaire:
    """Un partenaire signataire."""

    nom: str = doc("le nom du partenaire")
    personne: str | None = doc("son représentant, s'il est nommé")
    qualite: str | None = doc("la qualité du représentant")


@dataclass(frozen=True)
class Associe:
    """Une personne ou un partenaire présent sans signer."""

    nom: str | None = doc("le nom d'un partenaire associé (vide pour une personne)")
    personne: str | None = doc("la personne présente, ou le représentant du partenaire")
    qualite: str | None = doc("sa qualité")


@dataclass(frozen=True)
class Parties:
    """Les parties au contrat."""

    etat: list[RepresentantEtat] = doc("les représentants de l'État qui signent")
    collectivites: list[Collectivite] = doc("les collectivités qui signent")
    partenaires: list[Partenaire] = doc("les partenaires qui signent")
    associes: list[Associe] = doc("les personnes et partenaires présents sans signer")


@dataclass(frozen=True)
class Dispositif:
    """Un cadre contractuel existant placé sous le contrat."""

    intitule: str = doc("l'intitulé du dispositif")
    date: date | None = doc("sa date, si elle est connue")
    type: str | None = doc("sa nature, quand l'intitulé ne la dit pas déjà")
    articulation: Xml | None = doc("son articulation avec le contrat")


@dataclass(frozen=True)
class Instance:
    """Un comité de pilotage ou technique."""

    presidence: str | None = doc("qui la préside")
    membres: list[str] = doc("ses membres")
    frequence: str = doc("sa fréquence (« une fois par an »)")


@dataclass(frozen=True)
class Revoyure:
    """La clause de revoyure."""

    date: date = doc("la date de la revoyure")
    objet: Xml | None = doc("son objet")


@dataclass(frozen=True)
class Gouvernance:
    """Le pilotage, le suivi et l'évaluation."""

    comite_pilotage: Instance | None = doc("le comité de pilotage, s'il est institué")
    comite_technique: Instance | None = doc("le comité technique, s'il est institué")
    evaluation: str = doc("la périodicité de l'évaluation (« annuelle »)")
    modalites_evaluation: Xml | None = doc("les modalités de l'évaluation")
    revoyure: Revoyure | None = doc("la clause de revoyure, s'il y en a une")


@dataclass(frozen=True)
class BlocSignature:
    """Le bloc de signature d'une partie."""

    etat: bool = doc("vrai pour un représentant de l'État")
    commune: Commune | None = doc("la commune, pour son maire")
    epci: Epci | None = doc("l'intercommunalité, pour son président")
    nom: str = doc("le nom du partenaire, ou du territoire")
    qualite: str = doc("la qualité du signataire")
    signataire: str = doc("le prénom et le nom, en capitales (« Jean CASTEX »)")


@dataclass(frozen=True)
class Signature:
    """La page de signatures."""

    lieu: str = doc("le lieu de signature")
    date: date | None = doc("la date de signature, si elle est connue")
    exemplaires: int = doc("le nombre d'exemplaires originaux")
    lignes: list[list[BlocSignature | None]] = doc(
        "les blocs de signature, deux par ligne (le second peut manquer)"
    )


def person(civilite: str, prenom: str, nom: str) -> str:
    return wording.personne(civilite, prenom, nom)


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


def deliberations_of(contrat: Contrat, representant: Representant) -> list[Deliberation]:
    """The deliberations of the council whose executive ``representant`` is."""
    if representant.commune:
        place = contrat.territoire.commune(representant.commune)
        name = place.nom.lower() if place else ""
    elif representant.fonction == "president_epci" and contrat.territoire.epci:
        name = contrat.territoire.epci.nom.lower()
    else:
        return []
    return [
        Deliberation(d.organe, d.numero, d.date, d.objet)
        for d in contrat.deliberations
        if name and name in d.organe.lower()
    ]


def _represented(contrat: Contrat, r: Representant) -> tuple[Commune | None, Epci | None]:
    territory = territoire(contrat)
    if r.fonction == "president_epci" and territory.epci:
        return None, territory.epci
    if r.commune:
        place = contrat.territoire.commune(r.commune)
        if place:
            return commune(place.nom, place.code_insee, place.population), None
    return None, None


def parties(contrat: Contrat) -> Parties:
    collectivites = []
    for r in contrat.parties.collectivites:
        if not r.signataire:
            continue
        place, epci = _represented(contrat, r)
        collectivites.append(
            Collectivite(
                etat=False,
                commune=place,
                epci=epci,
                nom=contrat.territoire.nom,
                personne=person(r.civilite, r.prenom, r.nom),
                qualite=r.qualite,
                feminin=r.civilite == "Mme",
                deliberations=deliberations_of(contrat, r),
            )
        )
    associes = [
        Associe(
            p.nom,
            person(p.representant.civilite, p.representant.prenom, p.representant.nom)
            if p.representant
            else None,
            p.representant.qualite if p.representant else None,
        )
        for p in contrat.parties.partenaires
        if not p.signataire
    ]
    associes += [
        Associe(None, person(r.civilite, r.prenom, r.nom), r.qualite)
        for r in contrat.parties.representants
        if not r.signataire
    ]
    return Parties(
        etat=[
            RepresentantEtat(person(r.civilite, r.prenom, r.nom), r.qualite)
            for r in contrat.parties.etat
            if r.signataire
        ],
        collectivites=collectivites,
        partenaires=[
            Partenaire(
                p.nom,
                person(p.representant.civilite, p.representant.prenom, p.representant.nom)
                if p.representant
                else None,
                p.representant.qualite if p.representant else None,
            )
            for p in contrat.parties.partenaires
            if p.signataire
        ],
        associes=associes,
    )


def visas(contrat: Contrat) -> list[str]:
    """The texts cited after « Vu », in force on the signature (or start) date."""
    reference = contrat.signature.date or contrat.periode.debut
    texts: list[str] = []
    if contrat.visas.par_defaut:
        for visa in catalogue.visas_types():
            if visa.id in contrat.visas.exclus or (visa.date and visa.date > reference):
                continue
            if (
                visa.condition == "intercommunalite"
                and contrat.territoire.type is not TypeTerritoire.INTERCOMMUNALITE
            ):
                continue
            texts.append(visa.texte)
    for ajout in contrat.visas.ajouts:
        texts.append(ajout[3:] if ajout.startswith(("Vu ", "vu ")) else ajout)
    return texts


def dispositifs(builder: Builder) -> list[Dispositif]:
    result = []
    for d in builder.contrat.dispositifs:
        label = wording.libelle("dispositif", d.type)
        kind = label[:1].lower() + label[1:]  # « … forces de sécurité de l'État » keeps its capital
        informative = d.type != "autre" and label.lower() not in d.intitule.lower()
        result.append(
            Dispositif(
                d.intitule,
                d.date,
                kind if informative else None,
                builder.markdown(d.articulation, continuation=True),
            )
        )
    return result


def gouvernance(builder: Builder) -> Gouvernance:
    data = builder.contrat.gouvernance

    def instance(value: Any) -> Instance | None:
        if value is None:
            return None
        return Instance(
            value.presidence, list(value.membres), wording.libelle("frequence", value.frequence)
        )

    evaluation = data.evaluation
    return Gouvernance(
        comite_pilotage=instance(data.comite_pilotage),
        comite_technique=instance(data.comite_technique),
        evaluation=wording.libelle("periodicite", evaluation.frequence)
        if evaluation
        else "annuelle",
        modalites_evaluation=builder.markdown(evaluation.modalites) if evaluation else None,
        revoyure=Revoyure(data.revoyure.date, builder.markdown(data.revoyure.objet))
        if data.revoyure
        else None,
    )


def signature(contrat: Contrat) -> Signature:
    blocks: list[BlocSignature] = []
    for r in contrat.parties.representants:
        if not r.signataire:
            continue
        place, epci = _represented(contrat, r) if r.partie.value != "etat" else (None, None)
        blocks.append(
            BlocSignature(
                etat=r.partie.value == "etat",
                commune=place,
                epci=epci,
                nom=contrat.territoire.nom,
                qualite=r.qualite,
                signataire=f"{r.prenom} {nom_signature(r.nom)}",
            )
        )
    for p in contrat.parties.partenaires:
        if p.signataire:
            rep = p.representant
            blocks.append(
                BlocSignature(
                    etat=False,
                    commune=None,
                    epci=None,
                    nom=p.nom,
                    qualite=rep.qualite if rep else "",
                    signataire=f"{rep.prenom} {nom_signature(rep.nom)}" if rep else "",
                )
            )
    rows: list[list[BlocSignature | None]] = [
        [blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None]
        for i in range(0, len(blocks), 2)
    ]
    return Signature(
        lieu=contrat.signature.lieu,
        date=contrat.signature.date,
        exemplaires=contrat.signature.exemplaires or len(blocks),
        lignes=rows,
    )
