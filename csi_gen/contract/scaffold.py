"""A new contract, ready to fill in: every socle measure listed « à étudier ».

``csi-gen nouveau`` writes it. It validates at once as a ``projet``: what the user must
still write is marked « [à compléter] », which is a warning in a projet and an error
beyond, so that ``csi-gen couverture`` can list it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from csi_gen import catalogue, formatting, geography, grammar
from csi_gen.errors import OutputError, UsageError, os_reason
from csi_gen.model import PLACEHOLDER

INSEE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$")


def find_commune(argument: str, departement: str | None = None) -> geography.Commune:
    """A commune by its name (« Angers », « le havre »), its INSEE code (« 49007 »), or both
    (« Angers=49007 »), from the official geography; homonyms need a département."""
    name, _, code = argument.rpartition("=")
    text = (code if name else argument).strip()
    if INSEE.match(text.upper()):
        found = geography.commune(text.upper())
        if found is None:
            raise UsageError(
                f"aucune commune n'a le code INSEE {text} ; attendu : le code INSEE d'une "
                'commune actuelle, ou son nom, par exemple --commune "Angers".'
            )
        return found
    named = geography.communes_named(text, departement)
    if len(named) == 1:
        return named[0]
    where = f" dans le département {departement}" if departement else ""
    if not named:
        suggestions = [c.nom for c in geography.closest_communes(text, departement)]
        hint = f" ; vouliez-vous dire « {suggestions[0]} » ?" if suggestions else ""
        raise UsageError(
            f"« {text} » n'est pas une commune{where}{hint} "
            'Attendu : son nom ou son code INSEE, par exemple --commune "Angers".'
        )
    homonyms = ", ".join(f"{c.nom} ({c.code}, département {c.departement})" for c in named[:8])
    raise UsageError(
        f"plusieurs communes s'appellent « {text} »{where} : {homonyms} ; précisez le "
        f"département (--departement {named[0].departement}) ou le code INSEE."
    )


def slug(text: str) -> str:
    """``Saint-Étienne`` → ``saint-etienne``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "commune"


def _departement(commune: geography.Commune) -> dict[str, str]:
    found = geography.departement(commune.departement)
    return {"code": commune.departement, "nom": found.nom if found else PLACEHOLDER}


def _de_departement(code: str) -> str:
    """« de la Haute-Garonne », « de Vaucluse », as the State writes it."""
    found = geography.departement(code)
    if found is None:
        return f"de {PLACEHOLDER}"
    return grammar.de_lieu(grammar.Lieu(found.nom, found.tncc, False), insecable=False)


def _de(commune: geography.Commune) -> str:
    return grammar.de_lieu(grammar.Lieu(commune.nom, commune.tncc), insecable=False)


def _socle_engagement(mesure: catalogue.Mesure) -> dict[str, Any]:
    wording = mesure.texte + "".join(f" ; {e}" for e in mesure.elements)
    return {
        "id": f"{mesure.partie}-{mesure.id.lower()}",
        "mesure": mesure.id,
        "partie": mesure.partie,
        "statut": "a_etudier",
        "note_de_redaction": f"Rappel de la circulaire ({mesure.id}, socle) : {wording}.",
    }


def _person(identifiant: str, fonction: str, qualite: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": identifiant,
        "fonction": fonction,
        "civilite": "M.",
        "prenom": PLACEHOLDER,
        "nom": PLACEHOLDER,
        "qualite": qualite,
        "signataire": True,
        **extra,
    }


def _procureur() -> dict[str, Any]:
    """The justice volet is worked out with the judicial authority (circular, volet justice)
    and real contracts are signed by the procureur. His court is not in the official
    geography csi-gen holds: the writer names it."""
    qualite = f"procureur de la République près le tribunal judiciaire de {PLACEHOLDER}"
    return _person("procureur", "procureur_de_la_republique", qualite)


def new_contract(
    nom: str | None,
    kind: str,
    communes: list[geography.Commune],
    today: date,
) -> dict[str, Any]:
    """The data of a new projet: the territory from the official geography (département,
    intercommunality, populations in force today), every socle measure « à étudier »."""
    if not communes:
        raise UsageError(
            "indiquez au moins une commune, par son nom ou son code INSEE, par exemple "
            '--commune "Angers".'
        )
    if kind == "commune" and len(communes) > 1:
        kind = "communes"
    territoire = _territoire(nom, kind, communes, today)
    mandat = catalogue.mandat_en_cours(today)
    fin = mandat.fin if mandat else date(today.year + 5, today.month, min(today.day, 28))
    lieu = _lieu(territoire, kind, communes)
    return {
        "$schema": "../schema/contrat.schema.json",
        "titre": "Contrat de sécurité intégrée " + grammar.de_lieu(lieu, insecable=False),
        "statut": "projet",
        "notes_de_redaction": (
            f"Projet créé par « csi-gen nouveau » le {formatting.date_longue(today)}. Les "
            "textes marqués "
            f"« {PLACEHOLDER} » restent à écrire ; chaque mesure du socle est « a_etudier » "
            "avec, en note, le rappel de la circulaire."
        ),
        "territoire": territoire,
        "parties": {
            "etat": [
                _person("prefet", "prefet", f"préfet {_de_departement(communes[0].departement)}")
            ],
            "justice": [_procureur()],
            "collectivites": _collectivites(territoire, communes),
            "partenaires": [],
        },
        "signature": {"lieu": communes[0].nom},
        "periode": {"debut": today.isoformat(), "fin": fin.isoformat()},
        "deliberations": [],
        "visas": {"par_defaut": True, "exclus": [], "ajouts": []},
        "dispositifs": [],
        "diagnostic": {
            "synthese": f"{PLACEHOLDER} Synthèse du diagnostic partagé : données relatives à "
            "la délinquance et état des lieux des moyens engagés et des méthodes de travail.",
            "indicateurs": [],
        },
        "volets": _volets(),
        "gouvernance": _gouvernance(kind),
        "annexes": [],
    }


def _lieu(territoire: dict[str, Any], kind: str, communes: list[geography.Commune]) -> grammar.Lieu:
    """The territory's name with its article: the commune's or the intercommunality's from
    the official geography when the contract bears its name, else guessed from the name."""
    if kind == "commune":
        return grammar.Lieu(communes[0].nom, communes[0].tncc)
    if "epci" in territoire and "siren" in territoire["epci"]:
        official = geography.epci(territoire["epci"]["siren"])
        if official is not None and official.nom == territoire["nom"]:
            return grammar.Lieu(official.nom, official.tncc, False)
    return grammar.deviner_lieu(territoire["nom"]).lieu


def _volets() -> dict[str, Any]:
    """Every volet with its socle measures « à étudier »."""
    return {
        volet.id: {
            "engagements": [
                _socle_engagement(m) for m in catalogue.mesures() if m.socle and m.volet == volet.id
            ]
        }
        for volet in catalogue.volets()
    }


def _territoire(
    nom: str | None, kind: str, communes: list[geography.Commune], today: date
) -> dict[str, Any]:
    territoire: dict[str, Any] = {"type": kind}
    epci = _epci(communes) if kind == "intercommunalite" else None
    if nom is None:
        nom = communes[0].nom if kind == "commune" else epci["nom"] if epci else None
    if nom is None:
        raise UsageError(
            'indiquez le nom du territoire, par exemple --nom "Rennes et Saint-Jacques-de-la-Lande".'
        )
    territoire["nom"] = nom
    territoire["departement"] = _departement(communes[0])
    territoire["communes"] = [_commune(c, today) for c in communes]
    if kind == "intercommunalite":
        territoire["epci"] = epci or {"nom": nom, "nature": "metropole"}
    territoire["quartiers"] = []
    return territoire


def _commune(commune: geography.Commune, today: date) -> dict[str, Any]:
    """A commune with its legal population, when it was in force today."""
    data: dict[str, Any] = {"nom": commune.nom, "code_insee": commune.code}
    in_force = commune.population_en_vigueur
    if commune.population is not None and in_force is not None and in_force <= today:
        data["population"] = commune.population
        data["population_millesime"] = commune.population_millesime
    return data


def _epci(communes: list[geography.Commune]) -> dict[str, Any] | None:
    """The intercommunality the communes all belong to, as the DGCL lists it."""
    sirens = {c.ept or c.epci or "" for c in communes}
    found = geography.epci(sirens.pop()) if len(sirens) == 1 else None
    if found is None:
        return None
    nature = found.nature.replace("-", "_").replace("metropole_de_lyon", "metropole")
    return {"nom": found.nom, "nature": nature, "siren": found.siren}


def _collectivites(
    territoire: dict[str, Any], communes: list[geography.Commune]
) -> list[dict[str, Any]]:
    """A signing mayor per commune, and the president of the intercommunality first."""
    collectivites = [
        _person(f"maire-{slug(c.nom)}", "maire", f"maire {_de(c)}", commune=c.code)
        for c in communes
    ]
    if "epci" in territoire:
        epci = territoire["epci"]
        official = geography.epci(epci.get("siren", ""))
        lieu = (
            grammar.Lieu(official.nom, official.tncc, False)
            if official is not None and official.nom == epci["nom"]
            else grammar.deviner_lieu(epci["nom"]).lieu
        )
        qualite = "président " + grammar.de_lieu(lieu, insecable=False)
        collectivites.insert(0, _person("president-epci", "president_epci", qualite))
    return collectivites


def _gouvernance(kind: str) -> dict[str, Any]:
    return {
        "comite_pilotage": {
            "presidence": "le préfet et le maire, conjointement"
            if kind == "commune"
            else "le préfet et les exécutifs locaux, conjointement",
            "membres": ["les signataires du contrat", "les chefs de service territoriaux"],
            "frequence": "semestrielle",
        },
        "evaluation": {"frequence": "annuelle"},
    }


def write_new_contract(path: Path, data: dict[str, Any]) -> None:
    """Write the new contract; never overwrite an existing file."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(
            f"{path} existe déjà ; csi-gen nouveau n'écrase jamais un contrat. "
            "Choisissez un autre identifiant ou supprimez le fichier."
        ) from None
    except OSError as error:
        raise OutputError(f"impossible d'écrire {path} ({os_reason(error)}).") from None
