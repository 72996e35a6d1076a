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
    date_au,
    echeance,
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


# « une soixantaine de caméras »: the approximate numbers French writes as a noun
_APPROXIMATIONS = {
    10: "dizaine",
    12: "douzaine",
    15: "quinzaine",
    20: "vingtaine",
    30: "trentaine",
    40: "quarantaine",
    50: "cinquantaine",
    60: "soixantaine",
    100: "centaine",
}
_FACTORS = {2: "le doublement", 3: "le triplement", 4: "le quadruplement"}


def environ(value: float, unite: str) -> str:
    """``une soixantaine de caméras``, or ``environ 52 caméras``."""
    noun = _APPROXIMATIONS.get(int(value)) if value == int(value) else None
    if noun is None:
        return f"environ {quantite(value, unite)}"
    if not unite:
        return f"une {noun}"
    elided = unite[:1].lower() in "aeiouyhàâéèêîïôû"
    return f"une {noun} {'d’' if elided else 'de '}{unite}"


def situation_initiale_text(objectif: Objectif) -> str | None:
    """``52 caméras``, ``une soixantaine de caméras``, or ``néant`` for zero (never « 0 points
    d'accueil »)."""
    initial = objectif.situation_initiale
    if initial is None:
        return None
    if initial.valeur == 0:
        return "néant"
    if initial.qualificatif == "environ":
        return environ(initial.valeur, objectif.unite)
    return quantite(initial.valeur, objectif.unite)


def _qualified(qualificatif: str, value: float, unite: str) -> str:
    prefix = libelle("qualificatif", qualificatif)
    text = quantite(value, unite)
    return f"{prefix} {text}" if prefix else text


def cible_text(objectif: Objectif) -> str:
    """``au moins 100 policiers municipaux``, ``entre 40 et 90 caméras``, ``le doublement,
    soit 120 caméras``, ``une hausse de 50 %, soit environ 90 caméras``."""
    cible = objectif.cible
    if cible.relative:
        return _relative_text(objectif)
    value = cible.valeur or 0.0
    if cible.qualificatif == "entre" and cible.valeur_max is not None:
        return f"entre {nombre(value)} et {quantite(cible.valeur_max, objectif.unite)}"
    return _qualified(cible.qualificatif, value, objectif.unite)


def _relative_text(objectif: Objectif) -> str:
    cible = objectif.cible
    if cible.facteur is not None:
        change = _FACTORS.get(int(cible.facteur)) if cible.facteur == int(cible.facteur) else None
        change = change or f"la multiplication par {nombre(cible.facteur)}"
    else:
        evolution = cible.evolution or 0.0
        change = f"une {'hausse' if evolution >= 0 else 'baisse'} de {pourcentage(abs(evolution))}"
    result = objectif.valeur_cible
    if result is None:  # no baseline: refused by the rules
        return change
    qualificatif = "environ" if objectif.approximative else cible.qualificatif
    return f"{change}, soit {_qualified(qualificatif, result, objectif.unite)}"


def objectif_text(objectif: Objectif) -> str:
    """One sentence: what is counted, the target, the deadline and the baseline."""
    text = f"{objectif.libelle} : {cible_text(objectif)}"
    if objectif.echeance:
        text += f" d'ici {echeance(objectif.echeance)}"
    initial = situation_initiale_text(objectif)
    if initial:
        year = objectif.situation_initiale.annee if objectif.situation_initiale else None
        text += f" (situation initiale : {initial}{f' en {year}' if year else ''})"
    return text + "."


def trajectoire_label(objectif: Objectif) -> str:
    """What a trajectory's values count: ``policiers supplémentaires dans l'année``,
    ``caméras en fin d'année``, ``familles dans l'année``, ``familles en cumul``."""
    cumulative = objectif.trajectoire is not None and objectif.trajectoire.mode == "cumule"
    if objectif.nature == "flux":
        return f"{objectif.unite}, " + ("en cumul" if cumulative else "dans l'année")
    if cumulative:
        return f"{objectif.unite} en fin d'année"
    return f"{objectif.unite} supplémentaires dans l'année"


def trajectoire_text(objectif: Objectif) -> str | None:
    trajectoire = objectif.trajectoire
    if trajectoire is None:
        return None
    steps = [f"{nombre(value)} {date_au(day)}" for day, value in trajectoire.valeurs]
    if trajectoire.reste:
        steps.append(f"{nombre(trajectoire.reste)} à une date non encore fixée")
    return f"Trajectoire ({trajectoire_label(objectif)}) : {liste_et(steps)}."


def conditions_text(conditions: tuple[str, ...]) -> str | None:
    """``Cet engagement est pris sous réserve de A et de B.``"""
    if not conditions:
        return None
    return f"Cet engagement est pris sous réserve {liste_et(conditions)}."


def financement_text(financement: Financement) -> str:
    """``État : 150 000 € (cent cinquante mille euros) en 2021, au titre du FIPD…``, or a rate,
    an amount each year, a funding carried on, an amount to be set."""
    share = ""
    if financement.type == "montant" and financement.taux is not None:
        share = f", soit {pourcentage(financement.taux)} du coût total"
    source = libelle("source_financement", financement.source)
    return (
        f"{financement.financeur} : {financement_montant_text(financement)}, {source}{share}"
        f"{_objet(financement)}."
    )


def financement_montant_text(f: Financement) -> str:
    """What a line funds, in words: ``50 % du coût du plan, plafonné à 300 000 €``…"""
    amount = f"{euros(f.montant)} ({euros_en_lettres(f.montant)})" if f.montant is not None else ""
    if f.type == "taux":
        text = f"{pourcentage(f.taux or 0)} {f.assiette or 'du coût total'}"
        if f.plafond is not None:
            text += f", plafonné à {euros(f.plafond)} ({euros_en_lettres(f.plafond)})"
        return text + (f" en {f.annee}" if f.annee else "")
    if f.type == "annuel":
        return f"{amount} par an de {f.annee} à {f.annee_fin}"
    if f.type == "poursuite":
        return "financement poursuivi"
    if f.type == "a_fixer":
        return f"montant fixé {f.fixation}"
    return f"{amount} en {f.annee}"


def _objet(financement: Financement) -> str:
    objet = financement.objet
    if not objet:
        return ""
    return f", pour {objet}" if objet[:1].islower() else f" ({objet})"


def cout_total_text(cout_total: float) -> str:
    return f"Coût total : {euros(cout_total)} ({euros_en_lettres(cout_total)})."


def personne(civilite: str, prenom: str, nom: str) -> str:
    """``M. Jean Castex``."""
    return f"{civilite}{NBSP}{prenom} {nom}"
