"""Official geography: what the data holds, lookups, and what a lookup costs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from csi_gen import geography
from csi_gen.grammar import de_lieu

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "csi_gen" / "data" / "geographie"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The data files read, from empty caches on."""
    names: list[str] = []
    read_text = geography._read_text

    def counting(name: str) -> str:
        names.append(name)
        return read_text(name)

    def clear() -> None:
        for value in vars(geography).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()

    clear()
    monkeypatch.setattr(geography, "_read_text", counting)
    yield names
    clear()


# --- What the data holds ------------------------------------------------------------------


def test_counts() -> None:
    counts = geography.source()["comptes"]
    assert 34_800 <= counts["communes"] <= 35_000  # 34 875 on 1 January 2026
    assert counts["departements"] == len(geography.departements()) == 101
    assert 1_200 <= counts["epci"] <= 1_300  # 1 255 EPCI à fiscalité propre
    assert counts["ept"] == 11
    rows = sum(len(json.loads(p.read_text("utf-8"))["communes"]) for p in DATA.glob("communes-*"))
    assert rows == counts["communes"]


def test_source_is_recorded() -> None:
    source = geography.source()
    assert source["paquet"] == "@etalab/decoupage-administratif"
    assert source["version"]
    assert source["integrite"].startswith("sha512-")
    assert "Licence Ouverte" in source["licence"]
    date.fromisoformat(source["telecharge_le"])
    assert "R. 221-3" in source["tribunal_administratif"]


def test_data_stays_small() -> None:
    total = sum(p.stat().st_size for p in DATA.iterdir())
    assert total < 4_000_000
    assert max(p.stat().st_size for p in DATA.glob("communes-*")) < 60_000


# --- Communes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "nom", "tncc", "departement", "de"),
    [
        ("31555", "Toulouse", 0, "31", "de Toulouse"),
        ("76351", "Le Havre", 2, "76", "du Havre"),
        ("78440", "Les Mureaux", 4, "78", "des Mureaux"),
        ("17300", "La Rochelle", 3, "17", "de La Rochelle"),
        ("94038", "L'Haÿ-les-Roses", 5, "94", "de L’Haÿ-les-Roses"),
        ("13004", "Arles", 1, "13", "d’Arles"),
        ("97101", "Les Abymes", 4, "971", "des Abymes"),
        ("2A004", "Ajaccio", 1, "2A", "d’Ajaccio"),
    ],
)
def test_known_communes(code: str, nom: str, tncc: int, departement: str, de: str) -> None:
    commune = geography.commune(code)
    assert commune is not None
    assert (commune.code, commune.nom, commune.tncc, commune.departement) == (
        code,
        nom,
        tncc,
        departement,
    )
    assert de_lieu(commune, insecable=False) == de


@pytest.mark.parametrize("code", ["99999", "31999", "abc", "", "3155", "75101", "98735", "2C004"])
def test_a_wrong_code_is_none(code: str) -> None:
    assert geography.commune(code) is None  # 75101: an arrondissement; 98735: a COM


def test_population_and_its_vintage() -> None:
    toulouse = geography.commune("31555")
    assert toulouse is not None
    assert toulouse.population is not None and toulouse.population > 500_000
    assert toulouse.population_millesime == geography.source()["population"]["millesime"]
    assert toulouse.population_en_vigueur == date.fromisoformat(
        geography.source()["population"]["en_vigueur"]
    )
    assert toulouse.population_en_vigueur.year == toulouse.population_millesime + 3
    mamoudzou = geography.commune("97611")
    assert mamoudzou is not None
    assert (mamoudzou.population_millesime, mamoudzou.population_en_vigueur) == (2017, None)


def test_every_commune_has_a_population() -> None:
    for path in DATA.glob("communes-*.json"):
        rows = json.loads(path.read_text("utf-8"))["communes"]
        assert all(isinstance(row[3], int) and row[3] >= 0 for row in rows.values()), path


def test_homonyms_are_all_found() -> None:
    found = {c.code for c in geography.communes_named("saint denis")}
    assert {"93066", "97411"} <= found
    assert {c.code for c in geography.communes_named("SAINT-DENIS", departement="93")} == {"93066"}
    assert {c.code for c in geography.communes_named("Saint-Denis", departement="974")} == {"97411"}
    assert {c.code for c in geography.communes_named("St Denis", "974")} == {"97411"}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("l'hay les roses", "94038"),
        ("L’Haÿ-les-Roses", "94038"),
        ("saint jacques de la lande", "35281"),
        ("SCHOELCHER", "97229"),
        ("evry courcouronnes", "91228"),
        ("Le  Havre", "76351"),
    ],
)
def test_name_search_ignores_accents_case_and_hyphens(name: str, code: str) -> None:
    assert code in {c.code for c in geography.communes_named(name)}


def test_unknown_names() -> None:
    assert geography.communes_named("Toulous") == []
    assert geography.communes_named("") == []
    assert geography.communes_named("Toulouse", departement="33") == []
    assert "31555" in {c.code for c in geography.closest_communes("Toulous")}
    close = geography.closest_communes("Saint-Jaques-de-la-Lande", departement="35")
    assert close and close[0].code == "35281"


def test_former_communes() -> None:
    former = geography.former_communes_named("Cherbourg-Octeville")
    assert [(name, c.nom) for name, c in former] == [
        ("Cherbourg-Octeville", "Cherbourg-en-Cotentin")
    ]
    merged = geography.commune_actuelle("93059")  # Pierrefitte-sur-Seine, into Saint-Denis
    assert merged is not None and merged.code == "93066"
    assert geography.commune_actuelle("31555") == geography.commune("31555")


# --- Départements -------------------------------------------------------------------------


def test_departement_of_a_commune() -> None:
    departement = geography.departement_of("31555")
    assert departement is not None
    assert (departement.code, departement.nom, departement.tncc) == ("31", "Haute-Garonne", 3)
    assert departement.prefecture == "31555"
    assert departement.region_nom == "Occitanie"
    assert departement.tribunal_administratif == "tribunal administratif de Toulouse"
    reunion = geography.departement_of("97411")
    assert reunion is not None and reunion.nom == "La Réunion"
    assert reunion.tribunal_administratif == "tribunal administratif de La Réunion"
    assert geography.departement("1") == geography.departement("01")
    assert geography.departement("2a") == geography.departement("2A")
    assert geography.departement("20") is None


def test_every_departement_has_a_prefecture_and_a_tribunal() -> None:
    for departement in geography.departements():
        prefecture = geography.commune(departement.prefecture)
        assert prefecture is not None and prefecture.departement == departement.code
        assert departement.tribunal_administratif
        assert departement.tribunal_administratif_siege
        assert geography.commune(departement.tribunal_administratif_siege) is not None


@pytest.mark.parametrize(
    ("code", "tribunal"),
    [
        ("02", "tribunal administratif d'Amiens"),
        ("92", "tribunal administratif de Cergy-Pontoise"),
        ("93", "tribunal administratif de Montreuil"),
        ("84", "tribunal administratif de Nîmes"),
        ("83", "tribunal administratif de Toulon"),
        ("972", "tribunal administratif de la Martinique"),
        ("976", "tribunal administratif de Mayotte"),
    ],
)
def test_tribunal_administratif(code: str, tribunal: str) -> None:
    departement = geography.departement(code)
    assert departement is not None and departement.tribunal_administratif == tribunal


def test_departements_agree_with_the_hand_made_list() -> None:
    """csi_gen/data/departements.json, written by hand, says « de la Haute-Garonne »."""
    old = json.loads((ROOT / "csi_gen" / "data" / "departements.json").read_text("utf-8"))
    for entry in old["departements"]:
        departement = geography.departement(entry["code"])
        assert departement is not None and departement.nom == entry["nom"]
        de = entry["de"] if entry["de"].endswith("'") else entry["de"] + " "
        assert de_lieu(departement, insecable=False).replace("’", "'") == de + entry["nom"]


def test_state_usage_of_four_departements() -> None:
    vaucluse = geography.departement("84")
    assert vaucluse is not None
    assert (vaucluse.tncc, vaucluse.tncc_insee) == (0, 2)
    assert de_lieu(vaucluse) == "de Vaucluse"


# --- EPCI ---------------------------------------------------------------------------------


def test_epci_of_toulouse() -> None:
    epci = geography.epci_of("31555")
    assert epci is not None
    assert (epci.siren, epci.nom, epci.nature, epci.tncc) == (
        "243100518",
        "Toulouse Métropole",
        "metropole",
        0,
    )
    assert epci.nature_en_clair == "métropole"
    assert de_lieu(epci) == "de Toulouse Métropole"
    members = geography.epci_members("243100518")
    assert len(members) == 37
    assert "31555" in {c.code for c in members}
    assert all(c.epci == "243100518" for c in members)


def test_grand_paris() -> None:
    epci, ept = geography.epci_of("93066"), geography.ept_of("93066")
    assert epci is not None and epci.nom == "Métropole du Grand Paris"
    assert ept is not None and ept.nom == "Plaine Commune"
    assert ept.nature == "etablissement-public-territorial"
    assert geography.ept_of("31555") is None


def test_epci_names_are_expanded() -> None:
    cc = geography.epci("200000172")
    assert cc is not None
    assert cc.nom == "Communauté de communes Faucigny - Glières"
    assert cc.nature_en_clair == "communauté de communes"
    assert geography.epci("123") is None
    assert geography.epci("999999999") is None


def test_island_communes_without_epci() -> None:
    sein = geography.commune("29083")
    assert sein is not None and sein.epci is None
    assert geography.epci_of("29083") is None


# --- Cost ---------------------------------------------------------------------------------


def test_a_lookup_by_code_reads_two_small_files(reads: list[str]) -> None:
    assert geography.commune("31555") is not None
    assert reads == ["departements.json", "communes-31.json"]
    geography.commune("31003")
    geography.commune("31555")
    geography.departement("31")
    assert len(reads) == 2  # cached
    geography.commune("76351")
    assert reads[-1] == "communes-76.json" and len(reads) == 3
    geography.epci_of("31555")
    assert reads[-1] == "epci.json" and len(reads) == 4


def test_a_wrong_code_reads_no_commune_file(reads: list[str]) -> None:
    assert geography.commune("98735") is None
    assert geography.commune("abcde") is None
    assert reads == ["departements.json"]


def test_a_lookup_by_name_reads_the_index_and_the_files_of_its_communes(
    reads: list[str],
) -> None:
    geography.communes_named("saint denis", departement="93")
    assert reads == ["noms.tsv", "departements.json", "communes-93.json"]


def test_import_reads_no_data() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import csi_gen.geography as g, csi_gen.grammar\n"
        "new = set(sys.modules) - before\n"
        "heavy = {'json', 'importlib.resources', 'importlib.readers', 'difflib'}\n"
        "caches = [v.cache_info().currsize for v in vars(g).values() if hasattr(v, 'cache_info')]\n"
        "print(sorted(new & heavy), sum(caches))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["[]", "0"]
