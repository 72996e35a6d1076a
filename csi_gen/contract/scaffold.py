"""A new contract, ready to fill in: every socle measure listed « à étudier ».

``csi-gen nouveau`` writes it. It validates at once as a ``projet``: what the user must
still write is marked « [à compléter] », which is a warning in a projet and an error
beyond, so that ``csi-gen couverture`` can list it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from csi_gen import catalogue
from csi_gen.departements import de_departement, departements
from csi_gen.errors import OutputError, UsageError, os_reason
from csi_gen.model import PLACEHOLDER

INSEE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$")


@dataclass(frozen=True)
class CommuneArg:
    nom: str
    code_insee: str


def parse_commune(argument: str, default_name: str) -> CommuneArg:
    """``Toulouse=31555`` or ``31555`` (named after the territory)."""
    name, _, code = argument.rpartition("=")
    name, code = name.strip() or default_name, code.strip().upper()
    if not INSEE.match(code):
        raise UsageError(
            f"« {argument} » n'est pas une commune ; attendu : son nom et son code "
            'INSEE, par exemple --commune "Toulouse=31555".'
        )
    return CommuneArg(name, code)


def slug(text: str) -> str:
    """``Saint-Étienne`` → ``saint-etienne``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "commune"


def _departement(code_insee: str) -> dict[str, str]:
    code = code_insee[:3] if code_insee.startswith("97") else code_insee[:2]
    known = departements().get(code)
    return {"code": code, "nom": known[0] if known else PLACEHOLDER}


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


def new_contract(
    nom: str,
    kind: str,
    communes: list[CommuneArg],
    today: date,
    nature: str = "metropole",
) -> dict[str, Any]:
    """The data of a new projet for ``nom``."""
    if not communes:
        raise UsageError(
            "indiquez au moins une commune avec son code INSEE, par exemple "
            '--commune "Toulouse=31555".'
        )
    if kind == "commune" and len(communes) > 1:
        kind = "communes"
    territoire = _territoire(nom, kind, communes, nature)
    departement = territoire["departement"]
    mandat = catalogue.mandat_en_cours(today)
    fin = mandat.fin if mandat else date(today.year + 5, today.month, min(today.day, 28))
    prefet_de = de_departement(departement["code"], departement["nom"])
    return {
        "$schema": "../schema/contrat.schema.json",
        "titre": f"Contrat de sécurité intégrée de {nom}",
        "statut": "projet",
        "notes_de_redaction": (
            f"Projet créé par « csi-gen nouveau » le {today.isoformat()}. Les textes marqués "
            f"« {PLACEHOLDER} » restent à écrire ; chaque mesure du socle est « a_etudier » "
            "avec, en note, le rappel de la circulaire."
        ),
        "territoire": territoire,
        "parties": {
            "etat": [_person("prefet", "prefet", f"préfet {prefet_de}")],
            "collectivites": _collectivites(nom, kind, communes),
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
        "volets": {
            volet.id: {
                "engagements": [
                    _socle_engagement(m)
                    for m in catalogue.mesures()
                    if m.socle and m.volet == volet.id
                ]
            }
            for volet in catalogue.volets()
        },
        "gouvernance": _gouvernance(kind),
        "annexes": [],
    }


def _territoire(nom: str, kind: str, communes: list[CommuneArg], nature: str) -> dict[str, Any]:
    territoire: dict[str, Any] = {
        "type": kind,
        "nom": nom,
        "departement": _departement(communes[0].code_insee),
        "communes": [{"nom": c.nom, "code_insee": c.code_insee} for c in communes],
    }
    if kind == "intercommunalite":
        territoire["epci"] = {"nom": nom, "nature": nature}
    territoire["quartiers"] = []
    return territoire


def _collectivites(nom: str, kind: str, communes: list[CommuneArg]) -> list[dict[str, Any]]:
    """A signing mayor per commune, and the president of the intercommunality first."""
    collectivites = [
        _person(f"maire-{slug(c.nom)}", "maire", f"maire de {c.nom}", commune=c.code_insee)
        for c in communes
    ]
    if kind == "intercommunalite":
        collectivites.insert(0, _person("president-epci", "president_epci", f"président de {nom}"))
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
