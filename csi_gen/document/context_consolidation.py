"""The consolidated version of an amended contract: the avenants it integrates, and its date."""

from __future__ import annotations

from datetime import date
from typing import Any

from csi_gen import grammar, wording
from csi_gen.document.context_base import doc, shape
from csi_gen.model import Contrat
from csi_gen.model_avenant import Avenant


@shape
class AvenantIntegre:
    """Un avenant au contrat."""

    numero: int = doc("son numéro")
    date: date | None = doc("sa date de signature (vide pour un projet)")
    lieu: str = doc("son lieu de signature")
    signe: bool = doc("vrai s'il est signé")
    signataires: list[str] = doc(
        "ses signataires, chacun avec sa qualité à la date de l'avenant (« Mme Élisabeth "
        "BORNE, Première ministre »)"
    )


@shape
class Consolidation:
    """La version consolidée d'un contrat modifié par avenant."""

    date: date | None = doc(
        "la date de la version consolidée, celle du dernier avenant ; vide si c'est un projet"
    )
    avenants: list[AvenantIntegre] = doc("les avenants qu'elle intègre, dans l'ordre")


def avenants_integres(contrat: Contrat) -> list[AvenantIntegre]:
    lieu = contrat.signature.lieu
    return [
        AvenantIntegre(
            a.numero, a.date if a.signe else None, a.lieu or lieu, a.signe, signataires(contrat, a)
        )
        for a in contrat.avenants
    ]


def signataires(contrat: Contrat, avenant: Avenant) -> list[str]:
    """Who signed the avenant: the contract's signatories, or those who replaced them."""
    by_id = {s.representant: s for s in avenant.signataires}
    found = []
    for r in contrat.parties.representants:
        if r.signataire:
            s = by_id.get(r.id, r)
            found.append(f"{grammar.personne(s.civilite, s.prenom, s.nom)}, {s.qualite}")
    return found


def consolidation(contrat: Contrat) -> Consolidation | None:
    if not contrat.avenants:
        return None
    last = contrat.avenants[-1]
    return Consolidation(last.date if last.signe else None, avenants_integres(contrat))


def consolidated(common: dict[str, Any], contrat: Contrat) -> dict[str, Any]:
    """The fields every page shows: « Version consolidée au … » in the header; with a draft
    avenant, the consolidated text is a draft."""
    if not contrat.avenants:
        return common
    last = contrat.avenants[-1]
    common = {
        **common,
        "version_consolidee": True,
        "consolidee_au": last.date if last.signe else None,
    }
    if not last.signe:
        projet = wording.libelle("statut_contrat", "projet").upper()
        common = {
            **common,
            "marquage": " – ".join(m for m in (projet, common["marquage"]) if m),
            "filigrane": "PROJET",
        }
    return common
