"""How the contract words its data: targets, trajectories, conditions, financing, parties.

Pure functions from model objects to French sentences, shared by the rules (in their
messages), the comparison and the templates' context. Labels of enumerations come from
``data/libelles.json``; the names of the parties are here (``denomination``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from csi_gen.formatting import (
    date_longue,
    euros,
    euros_en_lettres,
    liste_et,
    nombre,
    pourcentage,
)
from csi_gen.model import Financement, Objectif, Partie
from csi_gen.territory import Territoire, TypeTerritoire
from csi_gen.typography import NBSP


@dataclass(frozen=True)
class Denomination:
    """How the contract names one of its parties."""

    sujet: str  # « l'État », « les collectivités », « la commune »
    de: str  # « de l'État », « des collectivités », « de la commune »
    court: str  # « État », « collectivités », « commune »


_DENOMINATIONS = {
    Partie.ETAT: Denomination("l'État", "de l'État", "État"),
    Partie.JUSTICE: Denomination(
        "le procureur de la République", "du procureur de la République", "procureur"
    ),
    Partie.COLLECTIVITES: Denomination("les collectivités", "des collectivités", "collectivités"),
    Partie.PARTENAIRE: Denomination("le partenaire", "du partenaire", "partenaire"),
}
_COLLECTIVITES = {  # the terms the contract defines (templates/definitions.docx)
    TypeTerritoire.COMMUNE: Denomination("la Ville", "de la Ville", "Ville"),
    TypeTerritoire.COMMUNES: Denomination("les communes", "des communes", "communes"),
}


def denomination(partie: Partie | str, territoire: Territoire | None = None) -> Denomination:
    """How the contract names a party, in the terms it defines: the collectivités of a
    contract of one commune are « la Ville », of several communes « les communes »."""
    partie = Partie(partie)
    if partie is Partie.COLLECTIVITES and territoire is not None:
        return _COLLECTIVITES.get(territoire.type, _DENOMINATIONS[partie])
    return _DENOMINATIONS[partie]


@cache
def _labels() -> dict[str, dict[str, object]]:
    text = resources.files("csi_gen").joinpath("data", "libelles.json").read_text("utf-8")
    data: dict[str, dict[str, object]] = json.loads(text)
    return data


def libelle(category: str, key: str, form: str | None = None) -> str:
    """Label of an enumerated value: ``libelle("frequence", "annuelle")``."""
    value = _labels()[category][key]
    if isinstance(value, dict):
        return str(value[form or "titre"])
    return str(value)


def quantite(value: float, unite: str) -> str:
    return f"{nombre(value)}{NBSP}{unite}" if unite else nombre(value)


def cible_text(objectif: Objectif) -> str:
    """``au moins 100 policiers municipaux``, ``entre 40 et 90 caméras``."""
    cible = objectif.cible
    if cible.qualificatif == "entre" and cible.valeur_max is not None:
        return f"entre {nombre(cible.valeur)} et {quantite(cible.valeur_max, objectif.unite)}"
    prefix = libelle("qualificatif", cible.qualificatif)
    text = quantite(cible.valeur, objectif.unite)
    return f"{prefix} {text}" if prefix else text


def objectif_text(objectif: Objectif) -> str:
    """One sentence: what is counted, the target, the deadline and the baseline."""
    text = f"{objectif.libelle} : {cible_text(objectif)}"
    if objectif.echeance:
        text += f" d'ici le {date_longue(objectif.echeance)}"
    if objectif.situation_initiale:
        initial = objectif.situation_initiale
        text += (
            f" (situation initiale : {quantite(initial.valeur, objectif.unite)} en {initial.annee})"
        )
    return text + "."


def trajectoire_text(objectif: Objectif) -> str | None:
    trajectoire = objectif.trajectoire
    if trajectoire is None:
        return None
    steps = liste_et(f"{nombre(value)} en {year}" for year, value in trajectoire.valeurs)
    if trajectoire.mode == "annuel":
        return f"Trajectoire annuelle ({objectif.unite} supplémentaires) : {steps}."
    return f"Trajectoire ({objectif.unite}, niveau en fin d'année) : {steps}."


def conditions_text(conditions: tuple[str, ...]) -> str | None:
    """``Cet engagement est pris sous réserve de A et de B.``"""
    if not conditions:
        return None
    return f"Cet engagement est pris sous réserve {liste_et(conditions)}."


def financement_text(financement: Financement, cout_total: float | None = None) -> str:
    """``État : 150 000 € (cent cinquante mille euros) en 2021, au titre du FIPD…``."""
    text = (
        f"{financement.financeur} : {euros(financement.montant)} "
        f"({euros_en_lettres(financement.montant)}) en {financement.annee}, "
        f"{libelle('source_financement', financement.source)}"
    )
    if financement.taux is not None:
        text += f", soit {pourcentage(financement.taux)} du coût total"
    if financement.objet:
        text += (
            f", pour {financement.objet}"
            if financement.objet[:1].islower()
            else (f" ({financement.objet})")
        )
    return text + "."


def cout_total_text(cout_total: float) -> str:
    return f"Coût total : {euros(cout_total)} ({euros_en_lettres(cout_total)})."


def personne(civilite: str, prenom: str, nom: str) -> str:
    """``M. Jean Castex``."""
    return f"{civilite}{NBSP}{prenom} {nom}"
