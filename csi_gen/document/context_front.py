"""The context of the framework: visas, devices placed under the contract, governance."""

from __future__ import annotations

from datetime import date
from typing import Any

from csi_gen import catalogue, wording
from csi_gen.dates import DatePartielle
from csi_gen.document.context_base import Builder, Xml, doc, shape
from csi_gen.model import Contrat
from csi_gen.territory import TypeTerritoire


@shape
class Dispositif:
    """Un cadre contractuel existant placé sous le contrat."""

    intitule: str = doc("l'intitulé du dispositif")
    date: DatePartielle | None = doc("sa date, si elle est connue (au jour, au mois ou à l'année)")
    type: str | None = doc("sa nature, quand l'intitulé ne la dit pas déjà")
    articulation: Xml | None = doc("son articulation avec le contrat")


@shape
class Instance:
    """Un comité de pilotage ou technique."""

    presidence: str | None = doc("qui la préside")
    membres: list[str] = doc("ses membres")
    frequence: str = doc("sa fréquence (« une fois par an »)")
    secretariat: str | None = doc("qui assure son secrétariat, s'il est nommé")


@shape
class Revoyure:
    """La clause de revoyure."""

    date: date = doc("la date de la revoyure")
    objet: Xml | None = doc("son objet")


@shape
class Gouvernance:
    """Le pilotage, le suivi et l'évaluation."""

    comite_pilotage: Instance | None = doc("le comité de pilotage, s'il est institué")
    comite_technique: Instance | None = doc("le comité technique, s'il est institué")
    evaluation: str = doc("la périodicité de l'évaluation (« annuelle »)")
    modalites_evaluation: Xml | None = doc("les modalités de l'évaluation")
    revoyure: Revoyure | None = doc("la clause de revoyure, s'il y en a une")


def visas(contrat: Contrat) -> list[str]:
    """The texts cited after « Vu », in force on the signature (or start) date."""
    reference = contrat.date_de_reference
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
        head = " ".join(label.lower().split()[:3])  # « convention de coordination »
        informative = d.type != "autre" and head not in d.intitule.lower()
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
            value.presidence,
            list(value.membres),
            wording.libelle("frequence", value.frequence),
            value.secretariat,
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
