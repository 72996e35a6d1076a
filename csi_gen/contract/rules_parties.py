"""Rules on the territory and the parties: identifiers, references, who signs for whom."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from csi_gen import grammar
from csi_gen.errors import Path_, Problem, closest
from csi_gen.model import Contrat, Partie
from csi_gen.territory import TypeTerritoire, lieu_commune

STATE_FUNCTIONS = frozenset(
    {
        "premier_ministre",
        "ministre",
        "prefet",
        "prefet_de_police",
        "prefet_delegue",
        "sous_prefet",
        "recteur",
        "dasen",
    }
)
JUDICIAL_FUNCTIONS = frozenset(
    {"procureur_de_la_republique", "procureur_adjoint", "procureur_general"}
)
SIDES = {Partie.ETAT: "etat", Partie.JUSTICE: "justice", Partie.COLLECTIVITES: "collectivites"}
LOCAL_FUNCTIONS = frozenset({"maire", "president_epci", "elu_delegue"})

# --- Identifiers and references -------------------------------------------------------------


def ids_are_unique(contrat: Contrat) -> Iterator[Problem]:
    seen: dict[str, Path_] = {}
    items: list[tuple[str | None, Path_]] = [
        *((r.id, r.path) for r in contrat.parties.representants),
        *((p.id, p.path) for p in contrat.parties.partenaires),
    ]
    for ids in (
        items,
        [(e.id, e.path) for e in contrat.engagements],
        [(i.id, i.path) for i in (contrat.diagnostic.indicateurs if contrat.diagnostic else ())],
    ):
        seen = {}
        for identifier, path in ids:
            if identifier is None:
                continue
            if identifier in seen:
                yield Problem(
                    "ID-DOUBLE",
                    (*path, "id"),
                    f"identifiant « {identifier} » déjà employé",
                    expected="un identifiant unique dans le contrat",
                )
            seen[identifier] = path
    codes = Counter(c.code_insee for c in contrat.territoire.communes)
    for commune in contrat.territoire.communes:
        if codes[commune.code_insee] > 1:
            yield Problem(
                "COMMUNE-DOUBLE",
                (*commune.path, "code_insee"),
                f"commune {commune.code_insee} citée plusieurs fois",
                expected="chaque commune une seule fois",
            )
            codes[commune.code_insee] = 0


def party_references(contrat: Contrat) -> Iterator[Problem]:
    parties = contrat.parties.ids()
    for engagement in contrat.engagements:
        for index, porteur in enumerate(engagement.porteurs):
            if porteur not in parties:
                yield Problem(
                    "REFERENCE-PORTEUR",
                    (*engagement.path, "porteurs", index),
                    f"porteur « {porteur} » inconnu",
                    expected="l'identifiant d'un représentant ou d'un partenaire",
                    suggestion=closest(porteur, parties),
                )


def indicator_references(contrat: Contrat) -> Iterator[Problem]:
    series = {i.id for i in contrat.diagnostic.indicateurs} if contrat.diagnostic else set()
    for engagement in contrat.engagements:
        for indicateur in engagement.indicateurs:
            if indicateur.indicateur and indicateur.indicateur not in series:
                yield Problem(
                    "REFERENCE-INDICATEUR",
                    (*indicateur.path, "indicateur"),
                    f"série « {indicateur.indicateur} » absente du diagnostic",
                    expected="l'identifiant d'un indicateur de diagnostic.indicateurs",
                    suggestion=closest(indicateur.indicateur, series),
                )


def commune_references(contrat: Contrat) -> Iterator[Problem]:
    codes = {c.code_insee for c in contrat.territoire.communes}
    for representant in contrat.parties.representants:
        if representant.commune and representant.commune not in codes:
            yield Problem(
                "REFERENCE-COMMUNE",
                (*representant.path, "commune"),
                f"la commune {representant.commune} n'est pas dans le territoire",
                expected="le code INSEE d'une commune de territoire.communes",
                suggestion=closest(representant.commune, codes),
            )
    for quartier in contrat.territoire.quartiers:
        if quartier.commune and quartier.commune not in codes:
            yield Problem(
                "REFERENCE-COMMUNE",
                (*quartier.path, "commune"),
                f"la commune {quartier.commune} n'est pas dans le territoire",
                expected="le code INSEE d'une commune de territoire.communes",
                suggestion=closest(quartier.commune, codes),
            )


# --- Territory and parties --------------------------------------------------------------------


def territory_shape(contrat: Contrat) -> Iterator[Problem]:
    territoire = contrat.territoire
    count = len(territoire.communes)
    path = (*territoire.path, "type")
    if territoire.type is TypeTerritoire.COMMUNE and count != 1:
        yield Problem(
            "TERRITOIRE-TYPE",
            path,
            f"territoire de type « commune » avec {count} communes",
            expected="une seule commune, ou le type « communes » ou « intercommunalite »",
        )
    if territoire.type is TypeTerritoire.COMMUNES and count < 2:
        yield Problem(
            "TERRITOIRE-TYPE",
            path,
            "territoire de type « communes » avec une seule commune",
            expected="au moins deux communes, ou le type « commune »",
        )
    if territoire.type is TypeTerritoire.INTERCOMMUNALITE and territoire.epci is None:
        yield Problem(
            "TERRITOIRE-EPCI",
            territoire.path,
            "intercommunalité sans EPCI",
            expected="« epci » : le nom et la nature de la métropole ou de l'EPCI",
        )
    if territoire.type is not TypeTerritoire.INTERCOMMUNALITE and territoire.epci is not None:
        yield Problem(
            "TERRITOIRE-EPCI",
            territoire.epci.path,
            "EPCI indiqué pour un territoire qui n'est pas une intercommunalité",
            expected="« type » : « intercommunalite », ou pas de clé « epci »",
        )


BELONGS = {
    Partie.ETAT: "de l'État",
    Partie.COLLECTIVITES: "des collectivités",
    Partie.JUSTICE: "de l'autorité judiciaire : le procureur de la République est partie au "
    "contrat en son nom",
}


def _de_commune(nom: str, code: str) -> str:
    return grammar.de_lieu_message(lieu_commune(nom, code))


def functions_match_sides(contrat: Contrat) -> Iterator[Problem]:
    """Each representative stands with the party he represents; the procureur de la
    République is not the State's representative but a party in his own right."""
    for representant in contrat.parties.representants:
        path = (*representant.path, "fonction")
        fonction = representant.fonction
        side = (
            Partie.JUSTICE
            if fonction in JUDICIAL_FUNCTIONS
            else Partie.ETAT
            if fonction in STATE_FUNCTIONS
            else Partie.COLLECTIVITES
            if fonction in LOCAL_FUNCTIONS
            else representant.partie
        )
        if side is not representant.partie:
            yield Problem(
                "FONCTION-PARTIE",
                path,
                f"la fonction « {fonction} » relève {BELONGS[side]}",
                expected=f"ce représentant dans parties.{SIDES[side]}",
            )
        if fonction in ("maire", "elu_delegue") and representant.commune is None:
            yield Problem(
                "FONCTION-COMMUNE",
                representant.path,
                "maire ou élu délégué sans commune",
                expected="« commune » : le code INSEE de la commune qu'il représente",
            )


def every_commune_signs(contrat: Contrat) -> Iterator[Problem]:
    """Each commune has a signing mayor, or an elected official who signs for it."""
    signing = {
        r.commune
        for r in contrat.parties.collectivites
        if r.signataire and r.fonction in ("maire", "elu_delegue")
    }
    for commune in contrat.territoire.communes:
        if commune.code_insee not in signing:
            yield Problem(
                "COMMUNE-SIGNATAIRE",
                commune.path,
                f"la commune {_de_commune(commune.nom, commune.code_insee)} "
                f"({commune.code_insee}) n'a pas de signataire",
                expected="dans parties.collectivites, son maire (ou un élu délégué) avec "
                f"« commune » : « {commune.code_insee} » et « signataire » : true",
            )


def epci_has_its_president(contrat: Contrat) -> Iterator[Problem]:
    if contrat.territoire.type is not TypeTerritoire.INTERCOMMUNALITE:
        return
    if not any(r.fonction == "president_epci" for r in contrat.parties.collectivites):
        yield Problem(
            "EPCI-PRESIDENT",
            ("parties", "collectivites"),
            "le président de l'intercommunalité ne figure pas parmi les parties",
            expected="un représentant avec « fonction » : « president_epci »",
        )


def the_state_signs(contrat: Contrat) -> Iterator[Problem]:
    if not any(r.signataire for r in contrat.parties.etat):
        yield Problem(
            "ETAT-SIGNATAIRE",
            ("parties", "etat"),
            "aucun représentant de l'État ne signe le contrat",
            expected="au moins un représentant de l'État avec « signataire » : true",
        )
