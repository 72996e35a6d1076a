"""The context of the parties: who signs, on whose behalf, empowered how; who is present.

The State (its signatories), the judicial authority (the procureur, a party in his own
right), each collectivity (represented by its mayor or president, empowered or approved by
its council) and each partner who signs are parties; whoever is only present is listed
apart. Names are written as a jurist writes them: « M. Jean-Luc MOUDENC ».
"""

from __future__ import annotations

from datetime import date

from csi_gen import catalogue, grammar
from csi_gen.dates import DatePartielle
from csi_gen.document.context_base import doc, shape
from csi_gen.document.context_places import Commune, Epci, commune, epci
from csi_gen.model import Contrat, Representant
from csi_gen.model import Deliberation as DeliberationModel
from csi_gen.model import Personne as PersonneModel
from csi_gen.typography import apostrophes


@shape
class Periode:
    """La période du contrat."""

    debut: date = doc("la date de prise d'effet")
    fin: date = doc("la date de fin")
    fin_libelle: str | None = doc(
        "la fin telle que le contrat l'écrit, quand elle n'est pas une date "
        "(« jusqu'au renouvellement général des conseils municipaux de 2026 »)"
    )
    annee_debut: int = doc("l'année de début")
    annee_fin: int = doc("l'année de fin")
    a_la_signature: bool = doc("vrai si le contrat prend effet le jour de sa signature")
    duree_du_mandat: bool = doc("vrai si la période est le mandat municipal restant à courir")


@shape
class Deliberation:
    """Une délibération d'un conseil."""

    organe: str = doc("le conseil qui a délibéré (« conseil municipal »)")
    numero: str | None = doc("le numéro de la délibération, s'il est connu")
    date: date = doc("la date de la délibération")
    objet: str | None = doc("son objet, s'il est précisé")
    apres_signature: bool = doc("vrai si elle approuve le contrat après sa signature")
    collectivite: str | None = doc("« de Toulouse » : la collectivité dont le conseil a délibéré")


@shape
class Personne:
    """Une personne, partie au contrat ou présente."""

    personne: str = doc("la civilité, le prénom et le nom (« M. Jean-Luc MOUDENC »)")
    qualite: str = doc("la qualité, sans article (« préfet de la Haute-Garonne »)")
    le_titre: str = doc("la qualité avec son article (« le préfet de la Haute-Garonne »)")
    feminin: bool = doc(
        "vrai pour une femme (accords : « habilitée », « représentée par sa maire »)"
    )


@shape
class Collectivite:
    """Une collectivité signataire et son représentant."""

    etat: bool = doc("toujours faux (pour la désignation des parties)")
    justice: bool = doc("toujours faux (pour la désignation des parties)")
    commune: Commune | None = doc("la commune représentée par son maire")
    epci: Epci | None = doc("l'intercommunalité représentée par son président")
    nom: str = doc("le nom du territoire, à défaut")
    representant: Personne = doc("son représentant")
    titre_court: str | None = doc("« maire », « présidente »… pour « représentée par son maire »")
    habilitation: Deliberation | None = doc("la délibération qui l'habilite ou approuve le contrat")


@shape
class Partenaire:
    """Un partenaire signataire."""

    nom: str = doc("le nom du partenaire")
    representant: Personne | None = doc("son représentant, s'il est nommé")


@shape
class Present:
    """Une personne ou un partenaire présent sans signer."""

    nom: str | None = doc("le nom d'un partenaire (vide pour une personne)")
    representant: Personne | None = doc("la personne présente, ou le représentant du partenaire")


@shape
class Parties:
    """Les parties au contrat."""

    etat: list[Personne] = doc("les représentants de l'État qui signent")
    justice: list[Personne] = doc("le procureur de la République, s'il signe")
    collectivites: list[Collectivite] = doc("les collectivités qui signent")
    partenaires: list[Partenaire] = doc("les partenaires qui signent")
    presents: list[Present] = doc("les personnes et partenaires présents sans signer")
    prefet_de_police: bool = doc(
        "vrai si un préfet de police signe (« Préfecture de police de … »)"
    )


@shape
class BlocSignature:
    """Le bloc de signature d'une partie."""

    etat: bool = doc("vrai pour un représentant de l'État")
    justice: bool = doc("vrai pour le procureur de la République")
    commune: Commune | None = doc("la commune, pour son maire")
    epci: Epci | None = doc("l'intercommunalité, pour son président")
    nom: str = doc("le nom du partenaire, ou du territoire")
    titre: str = doc(
        "la qualité du signataire, avec son article (« le préfet de la Haute-Garonne »)"
    )
    signataire: str = doc("le prénom et le nom (« Jean-Luc MOUDENC »)")


@shape
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


# --- People and their titles ------------------------------------------------------------------------

_SHORT = {"maire": ("maire", "maire"), "president_epci": ("président", "présidente")}
_VOWEL = tuple("aàâeéèêiîoôuûhAÀÂEÉÈÊIÎOÔUÛH")


def with_article(qualite: str, feminin: bool) -> str:
    """« le préfet de … », « la préfète de … », « l'inspecteur d'académie »."""
    text = apostrophes(qualite.strip())
    if text.startswith(("le ", "la ", "l’", "les ")):
        return text
    if text.startswith(_VOWEL):
        return "l’" + text
    return ("la " if feminin else "le ") + text


def personne(r: Representant | PersonneModel) -> Personne:
    feminin = r.civilite == "Mme"
    return Personne(
        grammar.personne(r.civilite, r.prenom, r.nom),
        apostrophes(r.qualite),
        with_article(r.qualite, feminin),
        feminin,
    )


def short_title(r: Representant) -> str | None:
    forms = _SHORT.get(r.fonction)
    return None if forms is None else forms[r.civilite == "Mme"]


def signer_name(civilite: str, prenom: str, nom: str) -> str:
    """« Jean-Luc MOUDENC », « Patrick de CAROLIS »: a signature's name, without civilité."""
    return f"{apostrophes(prenom)} {grammar.nom_de_famille(nom)}".strip()


# --- The parties --------------------------------------------------------------------------------------


def deliberation(contrat: Contrat, d: DeliberationModel) -> Deliberation:
    owner = next((r for r in contrat.parties.collectivites if r.id == d.representant), None)
    place = _place_of(contrat, owner) if owner else None
    signed = contrat.signature.date
    return Deliberation(
        organe=d.organe,
        numero=d.numero,
        date=d.date,
        objet=d.objet,
        apres_signature=signed is not None and d.date > signed.fin(),
        collectivite=grammar.de_lieu(place) if place is not None else None,
    )


def _place_of(contrat: Contrat, r: Representant) -> Commune | Epci | None:
    if r.fonction == "president_epci" and contrat.territoire.epci:
        return epci(contrat.territoire.epci)
    found = contrat.territoire.commune(r.commune) if r.commune else None
    if found is None:
        return None
    return commune(found.nom, found.code_insee, found.population, found.population_millesime)


def habilitation(contrat: Contrat, r: Representant) -> Deliberation | None:
    """The deliberation of the representative's council: linked to him, or the only one."""
    linked = [d for d in contrat.deliberations if d.representant == r.id]
    signing = [x for x in contrat.parties.collectivites if x.signataire]
    if not linked and len(signing) == 1:
        linked = [d for d in contrat.deliberations if d.representant is None]
    return deliberation(contrat, linked[-1]) if linked else None


def parties(contrat: Contrat) -> Parties:
    collectivites = []
    for r in contrat.parties.collectivites:
        if not r.signataire:
            continue
        place = _place_of(contrat, r)
        collectivites.append(
            Collectivite(
                etat=False,
                justice=False,
                commune=place if isinstance(place, Commune) else None,
                epci=place if isinstance(place, Epci) else None,
                nom=contrat.territoire.nom,
                representant=personne(r),
                titre_court=short_title(r),
                habilitation=habilitation(contrat, r),
            )
        )
    presents = [
        Present(p.nom, _partner_person(p.representant))
        for p in contrat.parties.partenaires
        if not p.signataire
    ]
    presents += [
        Present(None, personne(r)) for r in contrat.parties.representants if not r.signataire
    ]
    return Parties(
        etat=[personne(r) for r in contrat.parties.etat if r.signataire],
        justice=[personne(r) for r in contrat.parties.justice if r.signataire],
        collectivites=collectivites,
        partenaires=[
            Partenaire(p.nom, _partner_person(p.representant))
            for p in contrat.parties.partenaires
            if p.signataire
        ],
        presents=presents,
        prefet_de_police=any(
            r.signataire and r.fonction == "prefet_de_police" for r in contrat.parties.etat
        ),
    )


def _partner_person(rep: PersonneModel | None) -> Personne | None:
    return None if rep is None else personne(rep)


def signature(contrat: Contrat) -> Signature:
    blocks: list[BlocSignature] = []
    for r in contrat.parties.representants:
        if not r.signataire:
            continue
        place = _place_of(contrat, r) if r.partie.value == "collectivites" else None
        blocks.append(
            BlocSignature(
                etat=r.partie.value == "etat",
                justice=r.partie.value == "justice",
                commune=place if isinstance(place, Commune) else None,
                epci=place if isinstance(place, Epci) else None,
                nom=contrat.territoire.nom,
                titre=with_article(short_title(r) or r.qualite, r.civilite == "Mme"),
                signataire=signer_name(r.civilite, r.prenom, r.nom),
            )
        )
    for p in contrat.parties.partenaires:
        if p.signataire:
            rep = p.representant
            blocks.append(
                BlocSignature(
                    etat=False,
                    justice=False,
                    commune=None,
                    epci=None,
                    nom=p.nom,
                    titre=with_article(rep.qualite, rep.civilite == "Mme") if rep else "",
                    signataire=signer_name(rep.civilite, rep.prenom, rep.nom) if rep else "",
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


def _takes_effect_at_signature(contrat: Contrat) -> bool:
    """Whether the period starts on the signature (as far as its date is known)."""
    signed, start = contrat.signature.date, contrat.periode.debut
    return signed is None or signed.debut() <= start <= signed.fin()


def periode(contrat: Contrat) -> Periode:
    data = contrat.periode
    mandat = catalogue.mandat_en_cours(data.debut)
    return Periode(
        debut=data.debut,
        fin=data.fin,
        fin_libelle=apostrophes(data.fin_libelle) if data.fin_libelle else None,
        annee_debut=data.debut.year,
        annee_fin=data.fin.year,
        a_la_signature=_takes_effect_at_signature(contrat),
        duree_du_mandat=mandat is not None and abs((data.fin - mandat.fin).days) <= 92,
    )
