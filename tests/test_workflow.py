"""The writers' day: nouveau → edit → valider → couverture → generer, in French."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csi_gen import catalogue
from csi_gen.cli import app
from csi_gen.contract.schema import schema
from csi_gen.contract.schema_doc import render
from csi_gen.contract.validation import validate
from tests.conftest import METROPOLE, ROOT, TOULOUSE

runner = CliRunner()
BIN = Path(sys.executable).parent


def test_nouveau_writes_a_projet_that_validates_with_every_socle_measure_to_study(workspace):
    result = runner.invoke(app, ["nouveau", "saint-denis", "--departement", "93"])

    assert result.exit_code == 0, result.stderr
    path = workspace / "contracts" / "saint-denis.json"
    validated = validate(path)
    studied = {e.mesure: e.statut.value for e in validated.contrat.engagements}
    socle = [m.id for m in catalogue.mesures() if m.socle]
    assert {studied[m] for m in socle} == {"a_etudier"} and len(studied) == len(socle)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["statut"] == "projet"
    assert data["$schema"] == "../schema/contrat.schema.json"
    assert data["periode"]["fin"] == "2032-03-21"
    assert data["territoire"]["departement"] == {"code": "93", "nom": "Seine-Saint-Denis"}
    assert data["visas"]["par_defaut"] is True
    note = data["volets"]["justice"]["engagements"][0]["note_de_redaction"]
    assert note.startswith("Rappel de la circulaire (E-JU-1, socle) : Un engagement sur")
    assert {w.code for w in validated.warnings} == {"A-COMPLETER"}


def test_nouveau_never_overwrites_a_contract(workspace):
    path = workspace / "contracts" / "toulouse.json"
    shutil.copy(TOULOUSE, path)
    before = path.read_bytes()

    result = runner.invoke(app, ["nouveau", "toulouse", "--nom", "Toulouse", "--commune", "31555"])

    assert result.exit_code == 1
    assert "existe déjà ; csi-gen nouveau n'écrase jamais un contrat" in result.stderr
    assert path.read_bytes() == before


def test_nouveau_drafts_an_intercommunal_contract_with_its_president(workspace):
    result = runner.invoke(
        app,
        [
            "nouveau",
            "villefranche",
            "--type",
            "intercommunalite",
            "--commune",
            "Villefranche-sur-Saône",
            "--commune",
            "69092",
        ],
    )

    assert result.exit_code == 0, result.stderr
    contrat = validate(workspace / "contracts" / "villefranche.json").contrat
    epci = contrat.territoire.epci
    assert epci is not None and epci.siren == "200040590"  # the official EPCI of both
    assert contrat.territoire.nom == epci.nom
    assert [c.nom for c in contrat.territoire.communes] == ["Villefranche-sur-Saône", "Gleizé"]
    assert [r.fonction for r in contrat.parties.collectivites] == [
        "president_epci",
        "maire",
        "maire",
    ]


@pytest.mark.parametrize(
    ("territoire", "titre", "maire"),
    [
        ("angers", "Contrat de sécurité intégrée d’Angers", "maire d’Angers"),
        ("le-havre", "Contrat de sécurité intégrée du Havre", "maire du Havre"),
        ("les-mureaux", "Contrat de sécurité intégrée des Mureaux", "maire des Mureaux"),
    ],
)
def test_nouveau_finds_the_commune_by_its_name_and_writes_it_as_french_does(
    workspace, territoire, titre, maire
):
    result = runner.invoke(app, ["nouveau", territoire])

    assert result.exit_code == 0, result.stderr
    data = json.loads((workspace / "contracts" / f"{territoire}.json").read_text("utf-8"))
    assert data["titre"] == titre
    assert data["parties"]["collectivites"][0]["qualite"] == maire
    commune = data["territoire"]["communes"][0]
    assert commune["population"] > 0 and commune["population_millesime"] >= 2020


def test_nouveau_asks_for_the_departement_of_a_name_several_communes_bear(workspace):
    result = runner.invoke(app, ["nouveau", "x", "--commune", "Saint-Denis"])

    assert result.exit_code == 2
    assert "plusieurs communes s'appellent « Saint-Denis »" in result.stderr
    assert "Saint-Denis (93066, département 93)" in result.stderr
    assert "(--departement 11)" in result.stderr


def test_nouveau_suggests_the_commune_of_a_misspelt_name(workspace):
    result = runner.invoke(app, ["nouveau", "x", "--commune", "Toulous"])

    assert result.exit_code == 2
    assert "« Toulous » n'est pas une commune ; vouliez-vous dire « Toulouse » ?" in result.stderr


def test_couverture_lists_the_socle_by_status_and_what_blocks_a_definitive_version(workspace):
    runner.invoke(app, ["nouveau", "sd", "--commune", "93066"])

    result = runner.invoke(app, ["couverture", "sd"])

    assert result.exit_code == 0, result.stderr
    assert "Mesures du socle étudiées : 24 sur 24 — 24 à étudier." in result.stdout
    assert "Pour passer de « projet » à « definitif », il reste" in result.stdout
    assert "[STATUT-A-ETUDIER]" in result.stdout and "[A-COMPLETER]" in result.stdout


def test_couverture_json_counts_the_socle_of_the_toulouse_contract():
    result = runner.invoke(app, ["couverture", str(TOULOUSE), "--format", "json"])

    report = json.loads(result.stdout)
    assert sum(report["socle_par_statut"].values()) == 24
    assert report["socle_par_statut"]["a_etudier"] == 0
    assert report["bloquants"] == []
    assert any(m["intitule"] for m in report["mesures_propres"])


def test_generer_tous_builds_the_others_and_exits_1_when_one_fails(workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")
    shutil.copy(METROPOLE, workspace / "contracts" / "metropole.json")
    (workspace / "contracts" / "casse.json").write_text('{"statut": ', encoding="utf-8")

    result = runner.invoke(app, ["generer", "--tous", "--travailleurs", "2"])

    assert result.exit_code == 1
    assert sorted(p.name for p in (workspace / "build").iterdir()) == [
        "metropole-note.docx",
        "metropole.docx",
        "toulouse-note.docx",
        "toulouse.docx",
    ]
    assert "toulouse" in result.stdout and "généré" in result.stdout and "échec" in result.stdout
    assert "1 contrat en échec sur 3 ; les autres ont été générés." in result.stderr


@pytest.mark.parametrize("territory", ["../etc", "Toulouse", "saint_denis", "a--b", "x-", "a/b"])
def test_territory_ids_must_be_safe_slugs(workspace, territory):
    result = runner.invoke(app, ["nouveau", territory, "--nom", "X", "--commune", "31555"])

    assert result.exit_code == 2
    assert f"identifiant de territoire « {territory} » invalide" in result.stderr
    assert list((workspace / "contracts").iterdir()) == []


def test_outputs_go_only_into_the_chosen_folder(workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")
    before = {p for p in workspace.rglob("*")}

    result = runner.invoke(app, ["generer", "toulouse", "--sortie", "sorties/2026"])

    assert result.exit_code == 0, result.stderr
    created = {p for p in workspace.rglob("*")} - before
    assert created == {
        workspace / "sorties",
        workspace / "sorties" / "2026",
        workspace / "sorties" / "2026" / "toulouse.docx",
        workspace / "sorties" / "2026" / "toulouse-note.docx",
    }


def test_schema_prints_the_schema():
    result = runner.invoke(app, ["schema"])

    assert json.loads(result.stdout) == schema()


def test_the_field_reference_is_in_step_with_the_schema():
    committed = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")

    assert committed == render(schema()), (
        "lancez « csi-gen schema --doc » et validez docs/schema.md"
    )


def test_schema_doc_writes_the_field_reference(workspace):
    result = runner.invoke(app, ["schema", "--doc"])

    assert result.exit_code == 0
    assert (workspace / "docs" / "schema.md").read_text(encoding="utf-8") == render(schema())


def test_version_is_printed():
    result = runner.invoke(app, ["--version"])

    assert result.stdout.startswith("csi-gen ")


COMMANDS = ["valider", "generer", "nouveau", "couverture", "mesures", "visas", "schema", "comparer"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_french_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Utilisation : csi-gen {command}")
    assert "Exemple" in result.stdout
    assert "Affiche cette aide et quitte." in result.stdout
    for english in ("Usage:", "Show this message", "[default:", "Options:\n"):
        assert english not in result.stdout


def test_the_main_help_lists_every_command_in_french():
    result = runner.invoke(app, ["--help"])

    assert "Commandes :" in result.stdout
    assert "Installe la complétion" in result.stdout
    for command in COMMANDS:
        assert f"  {command} " in result.stdout


def test_a_usage_error_is_explained_in_french_with_exit_code_2():
    result = subprocess.run(
        [BIN / "csi-gen", "mesures", "--format", "xml"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr == (
        "Erreur : valeur invalide pour « --format / -f » ; attendu : « texte » ou « json ».\n"
        "Voir « csi-gen mesures --help ».\n"
    )


def test_an_unknown_command_gets_a_suggestion():
    result = subprocess.run(
        [BIN / "csi-gen", "valide"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 2
    assert result.stderr.startswith(
        "Erreur : commande inconnue « valide » ; vouliez-vous dire « valider » ?"
    )


def test_the_script_leaves_at_once_with_all_it_printed_and_its_exit_status(tmp_path):
    """The script skips the interpreter's teardown: its output is whole, its status kept."""
    printed = subprocess.run(
        [BIN / "csi-gen", "schema"], capture_output=True, text=True, check=True
    )
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "vide.json").write_text("{}", encoding="utf-8")
    failed = subprocess.run(
        [BIN / "csi-gen", "valider", "vide"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert json.loads(printed.stdout) == schema()
    assert failed.returncode == 1
    assert failed.stderr.startswith("Erreur : ")


def test_help_starts_without_the_heavy_libraries():
    code = (
        "import sys\n"
        "sys.argv = ['csi-gen', '--help']\n"
        "from csi_gen.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docxtpl', 'docxcompose', 'jsonschema', 'docx', 'lxml')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_make_contracts_rebuilds_only_the_contract_whose_json_changed(tmp_path):
    for name in ("Makefile", "pyproject.toml", "csi_gen", "schema"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "contracts").mkdir()
    shutil.copy(TOULOUSE, tmp_path / "contracts" / "toulouse.json")
    shutil.copy(METROPOLE, tmp_path / "contracts" / "metropole.json")
    make = ["make", "-C", str(tmp_path), "contracts", f"VENV={BIN.parent}"]
    subprocess.run(make, check=True, capture_output=True)
    built = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "build").iterdir()}
    later = max(built.values()) + 1_000_000_000
    os.utime(tmp_path / "contracts" / "metropole.json", ns=(later, later))

    result = subprocess.run(make, check=True, capture_output=True, text=True)

    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "build").iterdir()}
    assert after["toulouse.docx"] == built["toulouse.docx"]
    assert after["metropole.docx"] != built["metropole.docx"]
    assert "build/metropole.docx écrit" in result.stdout
    assert "toulouse" not in result.stdout
