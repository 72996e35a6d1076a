"""Rules on who commits: whoever commits or pays signs; each executive is empowered.

« Whoever commits or pays signs »: a party that is only present, or a partner that does not
sign, carries no obligation; the contract can only say what a signing party will seek from
it. In a « definitif » or « signe » contract these are errors, in a draft warnings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from csi_gen import grammar
from csi_gen.errors import Problem, Severity, closest
from csi_gen.model import (
    Contrat,
    Deliberation,
    Engagement,
    Financement,
    Partie,
    Representant,
    Statut,
)
from csi_gen.wording import denomination

EXECUTIVES = frozenset({"maire", "president_epci", "elu_delegue"})
PARTIES = ("etat", "justice", "collectivites")


def _severity(contrat: Contrat) -> Severity:
    return Severity.WARNING if contrat.statut is Statut.PROJET else Severity.ERROR


def _name(contrat: Contrat, partie: Partie, partenaire: str | None) -> str:
    if partie is Partie.PARTENAIRE:
        found = next((p.nom for p in contrat.parties.partenaires if p.id == partenaire), None)
        return found or f"le partenaire « {partenaire} »"
    return denomination(partie, contrat.territoire).sujet


def _de_name(contrat: Contrat, partie: Partie, partenaire: str | None) -> str:
    """« de l'État », « de Tisséo Voyageurs », « du partenaire « tiseo » »."""
    if partie is Partie.PARTENAIRE:
        found = next((p.nom for p in contrat.parties.partenaires if p.id == partenaire), None)
        if found is None:
            return f"du partenaire « {partenaire} »"
        return grammar.de_lieu_message(grammar.deviner_lieu(found).lieu)
    return denomination(partie, contrat.territoire).de


def partner_references(contrat: Contrat) -> Iterator[Problem]:
    """A partner who commits or pays is one of the contract's partners."""
    partners = [p.id for p in contrat.parties.partenaires]
    for engagement in contrat.engagements:
        if engagement.partie is Partie.PARTENAIRE and engagement.partenaire not in partners:
            yield Problem(
                "REFERENCE-PARTENAIRE",
                (*engagement.path, "partenaire"),
                f"partenaire « {engagement.partenaire or ''} » inconnu"
                if engagement.partenaire
                else "engagement d'un partenaire sans « partenaire »",
                expected="l'identifiant d'un partenaire de parties.partenaires",
                suggestion=closest(engagement.partenaire or "", partners),
            )
        for financement in engagement.financements:
            payer = financement.partie
            if payer is not None and payer not in PARTIES and payer not in partners:
                yield Problem(
                    "REFERENCE-PARTENAIRE",
                    (*financement.path, "partie"),
                    f"partie « {payer} » inconnue",
                    expected="« etat », « justice », « collectivites » ou l'identifiant d'un "
                    "partenaire",
                    suggestion=closest(payer, [*PARTIES, *partners]),
                )


def committing_parties_sign(contrat: Contrat) -> Iterator[Problem]:
    """A retained engagement is taken by a party that signs."""
    for engagement in contrat.engagements:
        if not engagement.retenue or engagement.partie is Partie.COLLECTIVITES:
            continue  # every commune signs: see COMMUNE-SIGNATAIRE
        if contrat.parties.signe(engagement.partie, engagement.partenaire):
            continue
        who = _de_name(contrat, engagement.partie, engagement.partenaire)
        yield Problem(
            "PARTIE-NON-SIGNATAIRE",
            (*engagement.path, "partie"),
            f"engagement {who}, qui ne signe pas le contrat : « {engagement.titre} »",
            expected="une partie signataire ; sinon, l'engagement d'une partie qui signe, "
            "rédigé comme ce qu'elle sollicitera",
            severity=_severity(contrat),
        )


def implementers_sign(contrat: Contrat) -> Iterator[Problem]:
    """Whoever a retained engagement names to carry it out belongs to a party that signs:
    « Mise en œuvre : le procureur de la République » binds a parquet that must sign."""
    sides: dict[str, tuple[Partie, str | None, str]] = {
        r.id: (r.partie, None, r.qualite) for r in contrat.parties.representants
    }
    sides |= {p.id: (Partie.PARTENAIRE, p.id, p.nom) for p in contrat.parties.partenaires}
    for engagement in contrat.engagements:
        if not engagement.retenue:
            continue
        for index, porteur in enumerate(engagement.porteurs):
            if porteur not in sides:
                continue  # see REFERENCE-PORTEUR
            partie, partenaire, name = sides[porteur]
            if contrat.parties.signe(partie, partenaire):
                continue
            yield Problem(
                "PORTEUR-NON-SIGNATAIRE",
                (*engagement.path, "porteurs", index),
                f"« {name} » met en œuvre « {engagement.titre} » sans que "
                f"{_name(contrat, partie, partenaire)} signe le contrat",
                expected="un porteur d'une partie signataire ; le concours d'un tiers se dit "
                "dans le texte de l'engagement (« en lien avec … »)",
                severity=_severity(contrat),
            )


def funders_sign(contrat: Contrat) -> Iterator[Problem]:
    """A financing line is paid by a party that signs, or is worded as sought."""
    for engagement in contrat.engagements:
        if not engagement.retenue:
            continue
        for financement in engagement.financements:
            if financement.sollicite:
                continue
            yield from _funder(contrat, engagement, financement)


def _funder(
    contrat: Contrat, engagement: Engagement, financement: Financement
) -> Iterator[Problem]:
    payer = financement.partie
    if payer is None:
        if not _names_the_party(contrat, engagement.partie, financement.financeur):
            yield Problem(
                "FINANCEUR-TIERS",
                (*financement.path, "financeur"),
                f"« {financement.financeur} » n'est pas la partie de l'engagement "
                f"({_name(contrat, engagement.partie, engagement.partenaire)})",
                expected="« sollicite » : true si ce financeur ne signe pas (la partie le "
                "sollicitera), ou « partie » : la partie signataire qui paie",
                severity=Severity.WARNING,
            )
        return
    partie = Partie(payer) if payer in PARTIES else Partie.PARTENAIRE
    if not contrat.parties.signe(partie, payer):
        yield Problem(
            "FINANCEUR-NON-SIGNATAIRE",
            (*financement.path, "partie"),
            f"financement par {_name(contrat, partie, payer)}, qui ne signe pas le contrat",
            expected="une partie signataire, ou « sollicite » : true",
            severity=_severity(contrat),
        )


def _plain(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )


def _names_the_party(contrat: Contrat, partie: Partie, financeur: str) -> bool:
    """Whether a funder's label designates the engagement's own party (a cautious reading)."""
    label = _plain(financeur)
    if partie is Partie.ETAT:
        return any(w in label for w in ("etat", "ministere", "prefecture", "gouvernement"))
    if partie is Partie.JUSTICE:
        return any(w in label for w in ("justice", "parquet", "tribunal"))
    if partie is Partie.PARTENAIRE:
        return True
    territoire = contrat.territoire
    names = [c.nom for c in territoire.communes] + [territoire.nom]
    if territoire.epci:
        names.append(territoire.epci.nom)
    words = ("ville", "commune", "metropole", "communaute", "agglomeration", "mairie")
    return any(_plain(n) in label for n in names) or any(w in label for w in words)


def _deliberations_of(contrat: Contrat, representant: Representant) -> list[Deliberation]:
    linked = [d for d in contrat.deliberations if d.representant == representant.id]
    signing = [r for r in contrat.parties.collectivites if r.signataire]
    if not linked and len(signing) == 1:  # one executive: the deliberations are his
        linked = [d for d in contrat.deliberations if d.representant is None]
    return linked


def executives_are_empowered(contrat: Contrat) -> Iterator[Problem]:
    """Each mayor or president who signs is empowered (or approved) by his council. A draft
    prints a visible placeholder instead (the note lists it): only a definitive contract is
    refused."""
    for representant in contrat.parties.collectivites:
        signs = representant.signataire and representant.fonction in EXECUTIVES
        final = contrat.statut is not Statut.PROJET
        if final and signs and not _deliberations_of(contrat, representant):
            yield Problem(
                "DELIBERATION-ABSENTE",
                representant.path,
                f"{representant.qualite} signe sans délibération de son conseil",
                expected="dans « deliberations », la délibération qui l'habilite (organe, "
                f"numéro, date, « representant » : « {representant.id} »)",
            )
    known = [r.id for r in contrat.parties.collectivites]
    for deliberation in contrat.deliberations:
        if deliberation.representant and deliberation.representant not in known:
            yield Problem(
                "REFERENCE-REPRESENTANT",
                (*deliberation.path, "representant"),
                f"représentant « {deliberation.representant} » inconnu",
                expected="l'identifiant d'un représentant de parties.collectivites",
                suggestion=closest(deliberation.representant, known),
            )
