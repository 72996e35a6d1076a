"""Rules on who carries an engagement: the parties that take it jointly, the one commune that
carries it among several, and a target split between communes.

A joint party is bound as the engagement's own party is: it signs (in a draft, a warning).
A commune named as the carrier, or given a share of a target, is one of the territory's; the
shares add up to the target.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from csi_gen.contract.rules_signatories import PARTIES, _de_name, _name, _severity
from csi_gen.errors import Path_, Problem, closest
from csi_gen.formatting import nombre
from csi_gen.grammar import de_lieu_message
from csi_gen.model import Contrat, Engagement, Objectif, Partie
from csi_gen.territory import TypeTerritoire, lieu_commune


def _side(contrat: Contrat, reference: str) -> tuple[Partie, str | None] | None:
    """The party a joint reference names: « etat », « justice », « collectivites », a partner."""
    if reference in PARTIES:
        return Partie(reference), None
    if any(p.id == reference for p in contrat.parties.partenaires):
        return Partie.PARTENAIRE, reference
    return None


def joint_parties_sign(contrat: Contrat) -> Iterator[Problem]:
    """Each party that takes an engagement jointly is known, is not the engagement's own party,
    and signs the contract."""
    known = [*PARTIES, *(p.id for p in contrat.parties.partenaires)]
    for engagement in contrat.engagements:
        own = (engagement.partie, engagement.partenaire)
        for index, reference in enumerate(engagement.conjointement):
            path = (*engagement.path, "conjointement", index)
            side = _side(contrat, reference)
            if side is None:
                yield Problem(
                    "CONJOINT-INCONNU",
                    path,
                    f"partie conjointe « {reference} » inconnue",
                    expected="« etat », « justice », « collectivites » ou l'identifiant d'un "
                    "partenaire de parties.partenaires",
                    suggestion=closest(reference, known),
                )
            elif side == own:
                yield Problem(
                    "CONJOINT-PARTIE",
                    path,
                    f"l'engagement est déjà celui {_de_name(contrat, *side)} : « {engagement.titre} »",
                    expected="une autre partie que celle qui prend l'engagement",
                )
            elif engagement.retenue and not contrat.parties.signe(*side):
                yield Problem(
                    "CONJOINT-NON-SIGNATAIRE",
                    path,
                    f"engagement pris conjointement avec {_name(contrat, *side)}, qui ne signe "
                    f"pas le contrat : « {engagement.titre} »",
                    expected="une partie conjointe signataire ; le concours d'un tiers se dit dans "
                    "le texte de l'engagement (« en lien avec … »)",
                    severity=_severity(contrat),
                )


def _commune_reference(contrat: Contrat, code: str, path: Path_) -> Problem:
    codes = [c.code_insee for c in contrat.territoire.communes]
    return Problem(
        "REFERENCE-COMMUNE",
        path,
        f"la commune {code} n'est pas dans le territoire",
        expected="le code INSEE d'une commune de territoire.communes",
        suggestion=closest(code, codes),
    )


def carrying_commune(contrat: Contrat) -> Iterator[Problem]:
    """The commune that carries an engagement is one of several in the territory, and the
    engagement is the collectivities'."""
    territoire = contrat.territoire
    for engagement in contrat.engagements:
        code = engagement.commune
        if code is None:
            continue
        path = (*engagement.path, "commune")
        if engagement.partie is not Partie.COLLECTIVITES:
            yield Problem(
                "ENGAGEMENT-COMMUNE",
                path,
                f"une commune porte un engagement qui n'est pas celui des collectivités : "
                f"« {engagement.titre} »",
                expected="« partie » : « collectivites », ou pas de clé « commune »",
            )
        elif territoire.commune(code) is None:
            yield _commune_reference(contrat, code, path)
        elif territoire.type is TypeTerritoire.COMMUNE:
            yield Problem(
                "ENGAGEMENT-COMMUNE",
                path,
                "le territoire n'a qu'une commune : l'engagement "
                f"{_de_name(contrat, Partie.COLLECTIVITES, None)} est déjà le sien",
                expected="pas de clé « commune » dans un contrat d'une seule commune",
            )


def splits_add_up(contrat: Contrat) -> Iterator[Problem]:
    """A target split between communes: communes of the territory, each once, shares that add
    up to the figure aimed at."""
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            if objectif.repartition:
                yield from _split(contrat, engagement, objectif)


def _split(contrat: Contrat, engagement: Engagement, objectif: Objectif) -> Iterator[Problem]:
    path = (*objectif.path, "repartition")
    seen: set[str] = set()
    for part in objectif.repartition:
        commune = contrat.territoire.commune(part.commune)
        if commune is None:
            yield _commune_reference(contrat, part.commune, (*part.path, "commune"))
        elif part.commune in seen:
            yield Problem(
                "REPARTITION-DOUBLE",
                (*part.path, "commune"),
                f"la commune {part.commune} a déjà sa part",
                expected="chaque commune une seule fois dans la répartition",
            )
        elif engagement.commune is not None and part.commune != engagement.commune:
            carrier = contrat.territoire.commune(engagement.commune)
            name = carrier.nom if carrier else engagement.commune
            yield Problem(
                "REPARTITION-COMMUNE",
                (*part.path, "commune"),
                f"l'engagement est celui de la seule commune "
                f"{de_lieu_message(lieu_commune(name, engagement.commune))} : "
                f"{commune.nom} ({part.commune}) n'y a pas de part",
                expected="pas de répartition, ou pas de clé « commune » sur l'engagement",
            )
        seen.add(part.commune)
    yield from _split_total(objectif, path)


def _split_total(objectif: Objectif, path: Path_) -> Iterator[Problem]:
    cible = objectif.cible
    if cible.qualificatif == "entre":
        yield Problem(
            "REPARTITION-FOURCHETTE",
            path,
            "une fourchette ne se répartit pas entre communes",
            expected="une valeur visée, ou pas de répartition",
        )
        return
    target = objectif.valeur_cible
    if target is None:
        yield Problem(
            "REPARTITION-RELATIVE",
            path,
            "répartition d'une cible relative sans situation initiale : la valeur visée "
            "n'est pas connue",
            expected="« situation_initiale » : la valeur de départ, ou une cible en valeur",
        )
        return
    total = sum(part.valeur for part in objectif.repartition)
    if not math.isclose(total, target, rel_tol=1e-9, abs_tol=1e-9):
        yield Problem(
            "REPARTITION-SOMME",
            path,
            f"les parts des communes font {nombre(total)} {objectif.unite}, la cible "
            f"{nombre(target)}",
            expected="des parts dont la somme égale la valeur visée",
        )
