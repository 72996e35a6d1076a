"""Reference data shipped with csi-gen: volets, the circular's catalogue, default visas, mandates.

The data lives in ``csi_gen/data/*.json``; this module only reads it, once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class VoletType:
    """One of the volets of the circular's annex."""

    id: str
    code: str
    titre: str  # « Sécurité intérieure »
    description: str | None

    @property
    def intitule(self) -> str:
        """« Volet sécurité intérieure »: the volet's heading."""
        return f"Volet {self.titre.lower()}"


@dataclass(frozen=True)
class Section:
    """A section of the circular's annex: one party's measures in one volet."""

    partie: str
    volet: str
    titre_annexe: str
    pour_memoire: bool
    chapeau: str | None


@dataclass(frozen=True)
class Mesure:
    """A measure of the circular's annex; ``socle`` when it is in bold."""

    id: str
    partie: str
    volet: str
    intitule: str  # a short title written for csi-gen; the rest is the circular's wording
    texte: str
    elements: tuple[str, ...]
    socle: bool
    texte_socle: str | None
    pour_memoire: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "partie": self.partie,
            "volet": self.volet,
            "intitule": self.intitule,
            "texte": self.texte,
            "elements": list(self.elements),
            "socle": self.socle,
            "texte_socle": self.texte_socle,
            "pour_memoire": self.pour_memoire,
        }


@dataclass(frozen=True)
class VisaType:
    """A text cited by default in the visas, from its date or for one kind of territory."""

    id: str
    texte: str
    date: date | None
    condition: str | None


@dataclass(frozen=True)
class Mandat:
    """A term of the municipal councils: the general election that opens it, the date it ends."""

    election: date
    fin: date


def _read(name: str) -> Any:
    text = resources.files("csi_gen").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


CIRCULAR_DATE = date(2021, 4, 16)  # the Prime Minister's circular n° 6258/SG


@cache
def volets() -> tuple[VoletType, ...]:
    """The eight volets, in the order the contract presents them."""
    return tuple(VoletType(**v) for v in _read("volets.json"))


@cache
def volet(volet_id: str) -> VoletType:
    return next(v for v in volets() if v.id == volet_id)


@cache
def sections() -> tuple[Section, ...]:
    return tuple(Section(**s) for s in _read("catalogue.json")["sections"])


@cache
def mesures() -> tuple[Mesure, ...]:
    """Every measure of the circular's annex, in the annex's order."""
    data = _read("catalogue.json")
    pour_memoire = {(s["partie"], s["volet"]): s["pour_memoire"] for s in data["sections"]}
    return tuple(
        Mesure(
            id=m["id"],
            partie=m["partie"],
            volet=m["volet"],
            intitule=m["intitule"],
            texte=m["texte"],
            elements=tuple(m["elements"]),
            socle=m["socle"],
            texte_socle=m["texte_socle"],
            pour_memoire=pour_memoire[(m["partie"], m["volet"])],
        )
        for m in data["mesures"]
    )


@cache
def mesures_by_id() -> dict[str, Mesure]:
    return {m.id: m for m in mesures()}


@cache
def visas_types() -> tuple[VisaType, ...]:
    return tuple(
        VisaType(
            id=v["id"],
            texte=v["texte"],
            date=date.fromisoformat(v["date"]) if v["date"] else None,
            condition=v["condition"],
        )
        for v in _read("visas.json")["visas"]
    )


@cache
def mandats() -> tuple[Mandat, ...]:
    return tuple(
        Mandat(election=date.fromisoformat(m["election"]), fin=date.fromisoformat(m["fin"]))
        for m in _read("mandats.json")["mandats"]
    )


def mandat_en_cours(jour: date) -> Mandat | None:
    """The municipal mandate running on ``jour``."""
    return next((m for m in mandats() if m.election <= jour < m.fin), None)
