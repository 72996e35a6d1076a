"""French départements: official names and the « de la / du / des » they take."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def departements() -> dict[str, tuple[str, str]]:
    """Code → (name, the preposition and article: « de la », « du », « d' »…)."""
    text = resources.files("csi_gen").joinpath("data", "departements.json").read_text("utf-8")
    return {d["code"]: (d["nom"], d["de"]) for d in json.loads(text)["departements"]}


def de_departement(code: str, nom: str) -> str:
    """``de la Haute-Garonne``, ``du Rhône``, ``d'Ille-et-Vilaine``; ``de <nom>`` if unknown."""
    known = departements().get(code)
    if known is None or known[0] != nom:
        return f"de {nom}"
    name, de = known
    return f"{de}{name}" if de.endswith("'") else f"{de} {name}"


def prefecture(code: str, nom: str) -> str:
    """``Préfecture de la Haute-Garonne``."""
    return f"Préfecture {de_departement(code, nom)}"
