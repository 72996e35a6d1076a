"""The context of the parties: who signs, who is present, on whose behalf; the signatures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csi_gen import wording
from csi_gen.dates import DatePartielle
from csi_gen.document.context_base import doc
from csi_gen.document.context_places import Commune, Epci, commune, territoire
from csi_gen.formatting import nom_signature
from csi_gen.model import Contrat, Representant


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
    date: date | None = doc(
        "la date du « Fait à … » : celle du document, sinon celle de la signature ; vide tant que le jour n'est pas connu"
    )
    date_signature: DatePartielle | None = doc(
        "la date de signature telle qu'elle est connue (au jour, ou au mois seulement)"
    )
    date_document: DatePartielle | None = doc(
        "la date portée par le document, quand elle diffère de la date de signature"
    )
    exemplaires: int = doc("le nombre d'exemplaires originaux")
    lignes: list[list[BlocSignature | None]] = doc(
        "les blocs de signature, deux par ligne (le second peut manquer)"
    )


def person(civilite: str, prenom: str, nom: str) -> str:
    return wording.personne(civilite, prenom, nom)


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
        date=contrat.signature.date_portee.jour_connu() if contrat.signature.date_portee else None,
        date_signature=contrat.signature.date,
        date_document=contrat.signature.date_document,
        exemplaires=contrat.signature.exemplaires or len(blocks),
        lignes=rows,
    )
