"""Official geography: communes, départements, EPCI and their tribunal administratif.

Reads ``csi_gen/data/geographie/``, written by ``tools/extract_geography.py`` from the
State's package @etalab/decoupage-administratif (INSEE's code officiel géographique, the
DGCL's EPCI, INSEE's populations). Nothing is read when the module is imported; each file is
read once, when first needed: a commune's lookup reads its département's file (a few dozen
kB), a lookup by name reads the name index, an EPCI's the EPCI file.

Communes, départements and EPCI carry their INSEE TNCC and satisfy ``grammar.Nomme``:
``grammar.de_lieu(commune("76351"))`` is « du Havre ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_FOLDER = ("data", "geographie")
_CODE_INSEE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
_SIREN = re.compile(r"\d{9}")

# The nature of an EPCI, as written in a sentence.
NATURES = {
    "communaute-de-communes": "communauté de communes",
    "communaute-d-agglomeration": "communauté d'agglomération",
    "communaute-urbaine": "communauté urbaine",
    "metropole": "métropole",
    "metropole-de-lyon": "métropole de Lyon",
    "etablissement-public-territorial": "établissement public territorial",
}


@dataclass(frozen=True)
class Commune:
    """A current commune of the code officiel géographique."""

    code: str  # INSEE code
    nom: str  # with its article, capitalised: « Le Havre »
    tncc: int
    departement: str  # code
    epci: str | None  # SIREN of its EPCI à fiscalité propre (None for four island communes)
    ept: str | None  # SIREN of its établissement public territorial (Grand Paris)
    population: int | None  # population municipale
    population_millesime: int  # the year the population is counted at
    population_en_vigueur: date | None  # the date from which it is in force

    @property
    def article_dans_le_nom(self) -> bool:
        return True


@dataclass(frozen=True)
class Departement:
    """A département of the official geography, with its préfecture and tribunal."""

    code: str
    nom: str  # without its article: « Haute-Garonne »
    tncc: int  # as the State writes it: 0 for Vaucluse (« préfet de Vaucluse »)…
    tncc_insee: int  # …where INSEE's TNCC is 2 (« du Vaucluse »)
    region: str  # code
    region_nom: str
    prefecture: str  # INSEE code of the commune of the préfecture
    tribunal_administratif: str | None  # « tribunal administratif de Toulouse »
    tribunal_administratif_siege: str | None  # INSEE code of its seat

    @property
    def article_dans_le_nom(self) -> bool:
        return False


@dataclass(frozen=True)
class Epci:
    """An EPCI à fiscalité propre, or an établissement public territorial."""

    siren: str
    nom: str  # as it names itself, without article: « Métropole du Grand Paris »
    nature: str  # a key of NATURES
    tncc: int  # of its name: 3 « la Métropole du Grand Paris », 0 « Toulouse Métropole »

    @property
    def article_dans_le_nom(self) -> bool:
        return False

    @property
    def nature_en_clair(self) -> str:
        """« métropole », « communauté de communes »…"""
        return NATURES[self.nature]


# --- Reading ------------------------------------------------------------------------------


@cache
def _folder() -> Traversable:
    from importlib import resources

    return resources.files("csi_gen").joinpath(*_FOLDER)


def _read_text(name: str) -> str:
    """One data file's text; every read goes through here (the tests count them)."""
    return _folder().joinpath(name).read_text("utf-8")


def _read_json(name: str) -> Any:
    import json

    return json.loads(_read_text(name))


def name_key(name: str) -> str:
    """The search key of a name: no accent, no case, words only, « St » for « Saint »:
    « Saint-Denis », « saint denis », « ST DENIS » → « saint denis »."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "Oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("æ", "ae")
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


@cache
def source() -> dict[str, Any]:
    """Where the data comes from: package, version, licence, population vintage…"""
    data: dict[str, Any] = _read_json("source.json")
    return data


@cache
def _departements() -> dict[str, Departement]:
    result = {}
    for code, d in _read_json("departements.json")["departements"].items():
        tribunal = d.get("tribunal_administratif") or {}
        result[code] = Departement(
            code=code,
            nom=d["nom"],
            tncc=d["tncc"],
            tncc_insee=d["tncc_insee"],
            region=d["region"],
            region_nom=d["region_nom"],
            prefecture=d["prefecture"],
            tribunal_administratif=tribunal.get("nom"),
            tribunal_administratif_siege=tribunal.get("siege"),
        )
    return result


# A département's communes file: INSEE code → row, population millésime, date in force.
_CommunesFile = tuple[dict[str, list[Any]], int, date | None]


@cache
def _communes_file(departement_code: str) -> _CommunesFile:
    data = _read_json(f"communes-{departement_code}.json")
    population = data["population"]
    en_vigueur = population["en_vigueur"]
    return (
        data["communes"],
        population["millesime"],
        date.fromisoformat(en_vigueur) if en_vigueur else None,
    )


def _departement_code(code_insee: str) -> str:
    return code_insee[:3] if code_insee.startswith("97") else code_insee[:2]


def _normalise_departement(code: str) -> str:
    code = code.strip().upper()
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


# --- Communes -----------------------------------------------------------------------------


def commune(code_insee: str) -> Commune | None:
    """The current commune of this INSEE code; None for an unknown code (or a former one:
    see ``commune_actuelle``)."""
    code = code_insee.strip().upper()
    if not _CODE_INSEE.fullmatch(code):
        return None
    departement_code = _departement_code(code)
    if departement_code not in _departements():
        return None
    rows, millesime, en_vigueur = _communes_file(departement_code)
    row = rows.get(code)
    if row is None:
        return None
    return Commune(
        code=code,
        nom=row[0],
        tncc=row[1],
        departement=departement_code,
        epci=row[2],
        ept=row[4] if len(row) > 4 else None,
        population=row[3],
        population_millesime=millesime,
        population_en_vigueur=en_vigueur,
    )


@cache
def _former_codes() -> dict[str, str]:
    codes: dict[str, str] = _read_json("codes-anciens.json")["codes"]
    return codes


def commune_actuelle(code_insee: str) -> Commune | None:
    """The commune of this code, or the one a former commune of this code merged into."""
    found = commune(code_insee)
    if found is not None:
        return found
    current = _former_codes().get(code_insee.strip().upper())
    return commune(current) if current else None


@cache
def _names_text() -> str:
    return "\n" + _read_text("noms.tsv")


def _lookup_line(text: str, key: str) -> list[str]:
    """The lines of ``text`` (each starting with « key\\t ») for this key, without the key."""
    lines = []
    start = text.find(f"\n{key}\t")
    while start >= 0:
        end = text.find("\n", start + 1)
        lines.append(text[start + len(key) + 2 : end if end >= 0 else None])
        start = text.find(f"\n{key}\t", start + 1)
    return lines


def communes_named(name: str, departement: str | None = None) -> list[Commune]:
    """All the current communes of this name, whatever its accents, case, hyphens: « saint
    denis » finds Saint-Denis (93066) and Saint-Denis (97411), among others. With a
    département code, only those of that département."""
    key = name_key(name)
    if not key:
        return []
    codes = [code for line in _lookup_line(_names_text(), key) for code in line.split()]
    if departement is not None:
        wanted = _normalise_departement(departement)
        codes = [code for code in codes if _departement_code(code) == wanted]
    return [c for c in map(commune, codes) if c is not None]


@cache
def _former_names_text() -> str:
    return "\n" + _read_text("anciennes.tsv")


def former_communes_named(name: str, departement: str | None = None) -> list[tuple[str, Commune]]:
    """The communes déléguées or associées of this name, each with the current commune it
    belongs to: « Cherbourg-Octeville » → (« Cherbourg-Octeville », Cherbourg-en-Cotentin)."""
    result = []
    for line in _lookup_line(_former_names_text(), name_key(name)):
        former, code = line.split("\t")
        current = commune(code)
        if current is None:
            continue
        if departement is None or current.departement == _normalise_departement(departement):
            result.append((former, current))
    return result


@cache
def _name_keys() -> tuple[str, ...]:
    return tuple(line.split("\t", 1)[0] for line in _names_text().split("\n") if line)


def closest_communes(name: str, departement: str | None = None, n: int = 5) -> list[Commune]:
    """The communes whose names are closest to a name not found, for « vouliez-vous dire
    … ? »: « Toulous » → Toulouse… At most ``n`` names; each with all its homonyms (of the
    département, if given). Costs a tenth of a second over all France (a few ms within
    one département): for an error, not for every lookup."""
    import difflib

    key = name_key(name)
    if departement is not None:
        wanted = _normalise_departement(departement)
        if wanted not in _departements():
            return []
        keys: tuple[str, ...] | list[str] = sorted(
            {name_key(row[0]) for row in _communes_file(wanted)[0].values()}
        )
    else:
        keys = _name_keys()
    matches = difflib.get_close_matches(key, keys, n=n, cutoff=0.7)
    return [c for match in matches for c in communes_named(match, departement)]


# --- Départements -------------------------------------------------------------------------


def departement(code: str) -> Departement | None:
    """The département of this code: « 31 », « 2A », « 974 »."""
    return _departements().get(_normalise_departement(code))


def departements() -> tuple[Departement, ...]:
    """The 101 départements, by code."""
    return tuple(_departements().values())


def departement_of(code_insee: str) -> Departement | None:
    """The département of a commune."""
    found = commune(code_insee)
    return departement(found.departement) if found else None


# --- EPCI ---------------------------------------------------------------------------------


@cache
def _epci_table() -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = _read_json("epci.json")["epci"]
    return table


def epci(siren: str) -> Epci | None:
    """The EPCI à fiscalité propre or EPT of this SIREN."""
    siren = siren.strip().replace(" ", "")
    if not _SIREN.fullmatch(siren):
        return None
    row = _epci_table().get(siren)
    if row is None:
        return None
    return Epci(siren=siren, nom=row[0], nature=row[1], tncc=row[2])


def epci_of(code_insee: str) -> Epci | None:
    """The EPCI à fiscalité propre a commune belongs to (Toulouse: Toulouse Métropole)."""
    found = commune(code_insee)
    return epci(found.epci) if found and found.epci else None


def ept_of(code_insee: str) -> Epci | None:
    """The établissement public territorial of a commune of the Métropole du Grand Paris."""
    found = commune(code_insee)
    return epci(found.ept) if found and found.ept else None


@cache
def _members() -> dict[str, list[str]]:
    members: dict[str, list[str]] = _read_json("epci-membres.json")["membres"]
    return members


def epci_members(siren: str) -> tuple[Commune, ...]:
    """The member communes of an EPCI or EPT, by INSEE code."""
    codes = _members().get(siren.strip().replace(" ", ""), [])
    return tuple(c for c in map(commune, codes) if c is not None)
