"""Write csi_gen/data/geographie/ from the State's package @etalab/decoupage-administratif.

The package (data under the Licence Ouverte 2.0, code under MIT) carries INSEE's code
officiel géographique (COG), the DGCL's list of EPCI à fiscalité propre with their members,
INSEE's list of établissements publics territoriaux (EPT) and INSEE's population figures.
This script downloads its tarball from the npm registry, checks it against the registry's
integrity hash, and writes the compact files that ``csi_gen.geography`` reads:

- ``source.json``: package, version, licence, tarball hash, download date, the population
  vintage, the source of the tribunaux administratifs;
- ``departements.json``: the 101 départements (code, name, TNCC, région, préfecture,
  tribunal administratif). Four départements keep INSEE's TNCC apart from the one the
  State writes (« préfet de Vaucluse », not « du Vaucluse »): see ``STATE_TNCC``;
- ``communes-<département>.json``: one file per département, the current communes by INSEE
  code: name, TNCC, EPCI SIREN, population, EPT SIREN when there is one. A lookup by code
  reads one file of a few dozen kB, not the 35 000 communes;
- ``noms.tsv``: the name index, one line per normalised name with the INSEE codes of all
  the communes of that name (homonyms), sorted; read as text and searched without parsing;
- ``anciennes.tsv``: the communes déléguées and associées, by normalised name, with the
  current commune they belong to (« Cherbourg-Octeville » is now part of
  Cherbourg-en-Cotentin); ``codes-anciens.json``: INSEE codes of merged communes → the code
  of the commune they merged into;
- ``epci.json``: EPCI à fiscalité propre and EPT: SIREN, name, nature, TNCC of the name as
  the EPCI writes it; ``epci-membres.json``: their member communes (a lookup of an EPCI
  need not read 35 000 codes).

What counts as a commune. Only the package's ``commune-actuelle`` records of metropolitan
France and the five départements d'outre-mer: the 34 875 communes of the COG, each with a
mayor and a municipal council, the only ones that sign a contract. Left out:

- ``arrondissement-municipal`` (Paris, Lyon, Marseille): not communes; the city signs, and
  the arrondissements have no EPCI membership nor a TNCC of their own that matters;
- ``commune-deleguee`` and ``commune-associee``: former communes that now belong to a
  current one; they have no legal personality. Their names are kept in ``anciennes.tsv``
  only, so that a writer who types « Annecy-le-Vieux » is told which commune it belongs to;
- the communes of the collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie…):
  the COG lists them apart, without a TNCC, and they have no EPCI; the CSI framework does
  not reach them.

TNCC. The package's ``typeLiaison`` is INSEE's TNCC (« type de nom en clair »), copied as
an integer from the COG's ``tncc`` column (its build script, ``parseTypeLiaison``), 0 to 8.
Commune names carry their article (« Le Havre », TNCC 2); département names do not
(« Haute-Garonne », TNCC 3: « la Haute-Garonne »).

Population. The package's commune ``population`` is INSEE's population municipale
(``PMUN``) of the « populations de référence » (formerly « populations légales ») of
millésime 2023, in force from 1 January 2026 (6.0.0; its README links INSEE's page 8680726,
and the figures match the 2023 millésime while the DGCL's EPCI file carries 2022's).
Mayotte's communes carry the exhaustive 2017 census instead (the package's README:
« population Mayotte INSEE 2017 »): their files say so. The vintage of another package
version must be stated with ``--millesime`` and ``--en-vigueur``.

Tribunal administratif. Article R. 221-3 of the code de justice administrative fixes the
seat and territory of each tribunal administratif; R. 221-1 names those of outre-mer after
their collectivité. Both are transcribed below (version in force since 9 November 2015,
décret n° 2015-1444 du 6 novembre 2015, which also moved the seat of the tribunal of
Martinique to Schœlcher) and checked here: every département has exactly one tribunal.
The tribunal judiciaire is not given: its territory is set commune by commune by the tables
of the code de l'organisation judiciaire, which no source reachable here carries.

Usage: python tools/extract_geography.py [--version 6.0.0] [--destination DIR]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from csi_gen.geography import name_key

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
REGISTRY = "https://registry.npmjs.org"
DESTINATION = Path(__file__).resolve().parent.parent / "csi_gen" / "data" / "geographie"

# The population the package carries, by version: (millésime, in force from).
POPULATION_VINTAGES = {"6.0.0": (2023, "2026-01-01")}
MAYOTTE = "976"
MAYOTTE_VINTAGE = (2017, None)  # the 2017 census; the package gives no date in force

# Article R. 221-3 of the code de justice administrative: seat → the départements of its
# territory (metropolitan France and the départements d'outre-mer only).
TRIBUNAUX_ADMINISTRATIFS: dict[str, tuple[str, ...]] = {
    "Amiens": ("Aisne", "Oise", "Somme"),
    "Bastia": ("Corse-du-Sud", "Haute-Corse"),
    "Besançon": ("Doubs", "Jura", "Haute-Saône", "Territoire de Belfort"),
    "Bordeaux": ("Dordogne", "Gironde", "Lot-et-Garonne"),
    "Caen": ("Calvados", "Manche", "Orne"),
    "Cergy-Pontoise": ("Hauts-de-Seine", "Val-d'Oise"),
    "Châlons-en-Champagne": ("Ardennes", "Aube", "Marne", "Haute-Marne"),
    "Clermont-Ferrand": ("Allier", "Cantal", "Haute-Loire", "Puy-de-Dôme"),
    "Dijon": ("Côte-d'Or", "Nièvre", "Saône-et-Loire", "Yonne"),
    "Grenoble": ("Drôme", "Isère", "Savoie", "Haute-Savoie"),
    "Lille": ("Nord", "Pas-de-Calais"),
    "Limoges": ("Corrèze", "Creuse", "Indre", "Haute-Vienne"),
    "Lyon": ("Ain", "Ardèche", "Loire", "Rhône"),
    "Marseille": ("Alpes-de-Haute-Provence", "Hautes-Alpes", "Bouches-du-Rhône"),
    "Melun": ("Seine-et-Marne", "Val-de-Marne"),
    "Montpellier": ("Aude", "Hérault", "Pyrénées-Orientales"),
    "Montreuil": ("Seine-Saint-Denis",),
    "Nancy": ("Meurthe-et-Moselle", "Meuse", "Vosges"),
    "Nantes": ("Loire-Atlantique", "Maine-et-Loire", "Mayenne", "Sarthe", "Vendée"),
    "Nice": ("Alpes-Maritimes",),
    "Nîmes": ("Gard", "Lozère", "Vaucluse"),
    "Orléans": ("Cher", "Eure-et-Loir", "Indre-et-Loire", "Loir-et-Cher", "Loiret"),
    "Paris": ("Paris",),
    "Pau": ("Gers", "Landes", "Pyrénées-Atlantiques", "Hautes-Pyrénées"),
    "Poitiers": ("Charente", "Charente-Maritime", "Deux-Sèvres", "Vienne"),
    "Rennes": ("Côtes-d'Armor", "Finistère", "Ille-et-Vilaine", "Morbihan"),
    "Rouen": ("Eure", "Seine-Maritime"),
    "Strasbourg": ("Moselle", "Bas-Rhin", "Haut-Rhin"),
    "Toulon": ("Var",),
    "Toulouse": ("Ariège", "Aveyron", "Haute-Garonne", "Lot", "Tarn", "Tarn-et-Garonne"),
    "Versailles": ("Essonne", "Yvelines"),
    "Basse-Terre": ("Guadeloupe",),
    "Cayenne": ("Guyane",),
    "Schœlcher": ("Martinique",),
    "Mamoudzou": ("Mayotte",),
    "Saint-Denis": ("La Réunion",),
}
# Article R. 221-1: a tribunal is named after its seat, except those of outre-mer.
TRIBUNAL_NAMES = {
    "Basse-Terre": "tribunal administratif de la Guadeloupe",
    "Cayenne": "tribunal administratif de la Guyane",
    "Schœlcher": "tribunal administratif de la Martinique",
    "Mamoudzou": "tribunal administratif de Mayotte",
    "Saint-Denis": "tribunal administratif de La Réunion",
}
# Seats whose name is not that of a commune.
SEAT_COMMUNES = {"Cergy-Pontoise": "Cergy"}
TRIBUNAL_SOURCE = (
    "Code de justice administrative, articles R. 221-3 (siège et ressort) et R. 221-1 "
    "(dénomination), rédaction issue du décret n° 2015-1444 du 6 novembre 2015, en vigueur "
    "depuis le 9 novembre 2015 ; transcrits dans tools/extract_geography.py."
)

# Départements whose name the State writes without the article INSEE's TNCC gives (2, « du
# Vaucluse »): « préfet de Vaucluse », « Préfecture de Loir-et-Cher », as in the décrets
# naming their préfets and in the préfectures' own acts (« PRÉFET DE VAUCLUSE » heads the
# recueil des actes administratifs of Vaucluse), and as csi_gen/data/departements.json had
# them. A contract is an act of the State: its usage wins; INSEE's TNCC is kept beside it.
STATE_TNCC = {"41": 0, "47": 0, "82": 0, "84": 0}

# The DGCL's abbreviated legal forms, and the nature of each kind of EPCI.
ABBREVIATIONS = {
    "CC": "Communauté de communes",
    "CA": "Communauté d'agglomération",
    "CU": "Communauté urbaine",
}
NATURES = {
    "CC": "communaute-de-communes",
    "CA": "communaute-d-agglomeration",
    "CU": "communaute-urbaine",
    "METRO": "metropole",
    "MET69": "metropole-de-lyon",
    "EPT": "etablissement-public-territorial",
}
# How each métropole and EPT writes its name: its TNCC (3: « la », 5: « l' »; 0 and 1: no
# article). Checked by hand: an unknown name stops the script.
NAME_TNCC = {
    "Métropole Rouen Normandie": 3,
    "Métropole Nice Côte d'Azur": 3,
    "Metz Métropole": 0,
    "Grenoble-Alpes-Métropole": 0,
    "Métropole du Grand Paris": 3,
    "Métropole d'Aix-Marseille-Provence": 3,
    "Métropole Européenne de Lille": 3,
    "Dijon Métropole": 0,
    "Brest Métropole": 0,
    "Toulouse Métropole": 0,
    "Bordeaux Métropole": 0,
    "Montpellier Méditerranée Métropole": 0,
    "Rennes Métropole": 0,
    "Tours Métropole Val de Loire": 0,
    "Saint-Étienne Métropole": 0,
    "Nantes Métropole": 0,
    "Orléans Métropole": 1,
    "Métropole du Grand Nancy": 3,
    "Clermont Auvergne Métropole": 0,
    "Eurométropole de Strasbourg": 5,
    "Métropole Toulon-Provence-Méditerranée": 3,
    "Métropole de Lyon": 3,
    "Plaine Commune": 0,
    "Est Ensemble": 1,
    "Paris Est Marne et Bois": 0,
    "Vallée Sud-Grand Paris": 0,
    "Grand Paris Seine Ouest": 0,
    "Paris Ouest La Défense": 0,
    "Boucle Nord de Seine": 0,
    "Grand Paris Sud Est Avenir": 0,
    "Grand-Orly Seine Bièvre": 0,
    "Paris Terres d'Envol": 0,
    "Grand Paris Grand Est": 0,
}
TNCC_COMMUNAUTE = 3  # « la Communauté de communes … »


# The table of each file, written one entry a line so that a new version diffs well.
TABLES = ("communes", "departements", "epci", "membres", "codes")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        data: bytes = response.read()
    return data


def download(version: str) -> tuple[dict[str, Any], str]:
    """The package's data/*.json by name, and the tarball's integrity string, checked."""
    meta = json.loads(fetch(f"{REGISTRY}/{PACKAGE}/{version}"))
    tarball_url: str = meta["dist"]["tarball"]
    integrity: str = meta["dist"]["integrity"]
    tarball = fetch(tarball_url)
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball_url}: integrity mismatch ({integrity} expected)")
    files: dict[str, Any] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            match = re.fullmatch(r"package/data/([a-z-]+)\.json", member.name)
            if match and member.isfile():
                extracted = archive.extractfile(member)
                assert extracted is not None
                files[match.group(1)] = json.load(extracted)
    return files, integrity


def departement_of(code_insee: str) -> str:
    return code_insee[:3] if code_insee.startswith("97") else code_insee[:2]


def epci_name(nom: str, nature: str) -> tuple[str, int]:
    """The EPCI's name as written in a contract, and its TNCC."""
    nom = " ".join(nom.split())
    prefix, _, rest = nom.partition(" ")
    if nature in ABBREVIATIONS and prefix == nature:
        return f"{ABBREVIATIONS[nature]} {rest}", TNCC_COMMUNAUTE
    if nom not in NAME_TNCC:
        raise SystemExit(f"EPCI « {nom} » ({nature}): state its TNCC in NAME_TNCC")
    return nom, NAME_TNCC[nom]


def tribunaux(
    departements: list[dict[str, Any]], communes: dict[str, dict[str, Any]]
) -> dict[str, dict[str, str]]:
    """Département code → {nom, siege}: the tribunal administratif of each département."""
    by_name = {d["nom"]: d["code"] for d in departements}
    result: dict[str, dict[str, str]] = {}
    for seat, names in TRIBUNAUX_ADMINISTRATIFS.items():
        codes = [by_name[name] for name in names]
        seat_name = SEAT_COMMUNES.get(seat, seat)
        seats = [c for c, x in communes.items() if x["nom"] == seat_name and x["dep"] in codes]
        if len(seats) != 1:
            raise SystemExit(f"seat of the tribunal administratif {seat}: {seats}")
        tncc = communes[seats[0]]["tncc"]
        if seat not in TRIBUNAL_NAMES and tncc not in (0, 1):
            raise SystemExit(f"tribunal administratif {seat}: TNCC {tncc}, write its name")
        de = "d'" if tncc == 1 else "de "
        tribunal = {
            "nom": TRIBUNAL_NAMES.get(seat, f"tribunal administratif {de}{seat}"),
            "siege": seats[0],
        }
        for code in codes:
            if code in result:
                raise SystemExit(f"département {code} in two tribunaux administratifs")
            result[code] = tribunal
    missing = sorted(set(by_name.values()) - set(result))
    if missing:
        raise SystemExit(f"départements without a tribunal administratif: {missing}")
    return result


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def dump(path: Path, data: dict[str, Any], table: str | None = None) -> None:
    """Compact JSON, with one line per entry of ``table`` so that a new version diffs well."""
    lines = []
    for key, value in data.items():
        if key == table:
            entries = [f"{compact(k)}:{compact(v)}" for k, v in value.items()]
            lines.append(f"{compact(key)}:{{\n" + ",\n".join(entries) + "\n}")
        else:
            lines.append(f"{compact(key)}:{compact(value)}")
    path.write_text("{" + ",\n".join(lines) + "}\n", encoding="utf-8")


def tsv(path: Path, lines: Iterable[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in sorted(lines)), encoding="utf-8")


def extract(files: dict[str, Any], version: str, vintage: tuple[int, str]) -> dict[str, Any]:
    """Everything to write, by file name."""
    records = files["communes"]
    metro_drom = [r for r in records if r["zone"] in ("metro", "drom")]
    current = {r["code"]: r for r in metro_drom if r["type"] == "commune-actuelle"}
    departements = [d for d in files["departements"] if d["zone"] in ("metro", "drom")]
    regions = {r["code"]: r for r in files["regions"]}

    # EPCI à fiscalité propre, then EPT: SIREN → record, and commune → SIREN.
    epcis: dict[str, list[Any]] = {}
    members: dict[str, list[str]] = {}
    epci_of: dict[str, str] = {}
    ept_of: dict[str, str] = {}
    for kind, rows, members_of in (("epci", files["epci"], epci_of), ("ept", files["ept"], ept_of)):
        for row in rows:
            nature = "EPT" if kind == "ept" else row["type"]
            nom, tncc = epci_name(row["nom"], nature)
            membres = sorted(m["code"] for m in row["membres"])
            epcis[row["code"]] = [nom, NATURES[nature], tncc]
            members[row["code"]] = membres
            for code in membres:
                if code in members_of:
                    raise SystemExit(f"commune {code} in two {kind}: {row['code']}")
                members_of[code] = row["code"]
    unknown = sorted((set(epci_of) | set(ept_of)) - set(current))
    if unknown:
        raise SystemExit(f"EPCI members that are no current commune: {unknown}")

    communes: dict[str, dict[str, Any]] = {}
    for code, r in current.items():
        tncc = r["typeLiaison"]
        if not 0 <= tncc <= 8:
            raise SystemExit(f"commune {code}: TNCC {tncc}")
        communes[code] = {"nom": r["nom"], "dep": r["departement"], "tncc": tncc}
        row = [r["nom"], tncc, epci_of.get(code), r.get("population")]
        if code in ept_of:
            row.append(ept_of[code])
        communes[code]["row"] = row
        if departement_of(code) != r["departement"]:
            raise SystemExit(f"commune {code} in département {r['departement']}")

    ta = tribunaux(departements, communes)
    out: dict[str, Any] = {}
    for d in departements:
        millesime, en_vigueur = MAYOTTE_VINTAGE if d["code"] == MAYOTTE else vintage
        rows = {c: x["row"] for c, x in sorted(communes.items()) if x["dep"] == d["code"]}
        out[f"communes-{d['code']}.json"] = {
            "departement": d["code"],
            "colonnes": ["nom", "tncc", "epci", "population", "ept"],
            "population": {
                "nature": "population municipale",
                "millesime": millesime,
                "en_vigueur": en_vigueur,
            },
            "communes": rows,
        }
    out["departements.json"] = {
        "departements": {
            d["code"]: {
                "nom": d["nom"],
                "tncc": STATE_TNCC.get(d["code"], d["typeLiaison"]),
                "tncc_insee": d["typeLiaison"],
                "region": d["region"],
                "region_nom": regions[d["region"]]["nom"],
                "prefecture": d["chefLieu"],
                "tribunal_administratif": ta[d["code"]],
            }
            for d in departements
        }
    }
    out["epci.json"] = {"colonnes": ["nom", "nature", "tncc"], "epci": dict(sorted(epcis.items()))}
    out["epci-membres.json"] = {"membres": dict(sorted(members.items()))}

    names: dict[str, list[str]] = defaultdict(list)
    for code, x in communes.items():
        names[name_key(x["nom"])].append(code)
    out["noms.tsv"] = [f"{key}\t{' '.join(sorted(codes))}" for key, codes in names.items()]
    former = {
        f"{name_key(r['nom'])}\t{r['nom']}\t{r['chefLieu']}"
        for r in metro_drom
        if r["type"] in ("commune-deleguee", "commune-associee")
        and r["chefLieu"] in current
        and name_key(r["nom"]) != name_key(current[r["chefLieu"]]["nom"])
    }
    out["anciennes.tsv"] = sorted(former)
    out["codes-anciens.json"] = {
        "codes": {
            old: code
            for code, r in sorted(current.items())
            for old in r.get("anciensCodes", [])
            if old not in current
        }
    }
    out["source.json"] = {
        "paquet": PACKAGE,
        "version": version,
        "integrite": None,  # set by main
        "licence": "Licence Ouverte 2.0 (données) ; MIT (code du paquet)",
        "sources_du_paquet": [
            "INSEE, code officiel géographique (communes, départements, régions)",
            "DGCL, liste et composition des EPCI à fiscalité propre",
            "INSEE, liste des établissements publics territoriaux",
            "INSEE, populations de référence (anciennement populations légales)",
        ],
        "telecharge_le": None,  # set by main
        "population": {
            "nature": "population municipale",
            "millesime": vintage[0],
            "en_vigueur": vintage[1],
            "exceptions": {MAYOTTE: {"millesime": 2017, "en_vigueur": None}},
        },
        "tribunal_administratif": TRIBUNAL_SOURCE,
        "tribunal_judiciaire": None,
        "comptes": {
            "communes": len(communes),
            "departements": len(departements),
            "epci": len(files["epci"]),
            "ept": len(files["ept"]),
        },
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=DEFAULT_VERSION)
    parser.add_argument("--destination", type=Path, default=DESTINATION)
    parser.add_argument("--millesime", type=int, help="population millésime of this version")
    parser.add_argument("--en-vigueur", help="date its population is in force, YYYY-MM-DD")
    args = parser.parse_args(argv)
    vintage = POPULATION_VINTAGES.get(args.version)
    if args.millesime and args.en_vigueur:
        vintage = (args.millesime, args.en_vigueur)
    if vintage is None:
        parser.error(f"state the population vintage of {args.version}: --millesime --en-vigueur")

    files, integrity = download(args.version)
    out = extract(files, args.version, vintage)
    out["source.json"]["integrite"] = integrity
    out["source.json"]["telecharge_le"] = datetime.now(UTC).date().isoformat()

    destination: Path = args.destination
    destination.mkdir(parents=True, exist_ok=True)
    for old in [*destination.glob("*.json"), *destination.glob("*.tsv")]:
        old.unlink()
    for name, data in out.items():
        if name.endswith(".tsv"):
            tsv(destination / name, data)
        else:
            table = next((k for k in TABLES if k in data), None)
            dump(destination / name, data, table)
    total = sum(p.stat().st_size for p in destination.iterdir())
    counts = out["source.json"]["comptes"]
    print(f"{destination}: {len(out)} files, {total / 1e6:.2f} MB; {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
