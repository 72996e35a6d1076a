"""The csi-gen command as a user meets it: exit codes and French messages."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from csi_gen import catalogue
from csi_gen.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def test_valider_accepts_the_toulouse_contract():
    result = runner.invoke(app, ["valider", str(ROOT / "contracts" / "toulouse.json")])

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith("contracts/toulouse.json : valide")


def test_valider_exits_1_on_invalid_data_and_says_so_in_french(write_contract):
    path = write_contract('{"statut": "projet",}')

    result = runner.invoke(app, ["valider", str(path)])

    assert result.exit_code == 1
    assert "contient 1 erreur" in result.stderr
    assert "erreur de syntaxe JSON" in result.stderr
    assert "1 contrat invalide sur 1." in result.stderr


def test_valider_exits_2_on_a_bad_territory_id():
    result = runner.invoke(app, ["valider", "Toulouse Métropole"])

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Erreur : identifiant de territoire « Toulouse Métropole » invalide"
    )


def test_valider_exits_2_on_an_unknown_territory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["valider", "nulle-part"])

    assert result.exit_code == 2
    assert result.stderr.strip() == "Erreur : contrat introuvable : contracts/nulle-part.json"


def test_valider_without_argument_checks_every_contract_of_the_folder(monkeypatch):
    monkeypatch.chdir(ROOT)

    result = runner.invoke(app, ["valider"])

    assert result.exit_code == 0
    assert "contracts/toulouse.json : valide" in result.stdout


def test_mesures_json_lists_the_whole_annex_with_socle_flags():
    result = runner.invoke(app, ["mesures", "--format", "json"])

    measures = json.loads(result.stdout)
    assert len(measures) == len(catalogue.mesures()) == 44
    assert sum(m["socle"] for m in measures) == 24
    assert {"id", "partie", "volet", "texte", "socle"} <= set(measures[0])


def test_mesures_texte_marks_the_socle():
    result = runner.invoke(app, ["mesures"])

    assert result.exit_code == 0
    assert "E-SI-1   socle" in result.stdout
    assert "44 mesures, dont 24 au socle" in result.stdout


def test_generer_writes_the_docx_and_says_where(tmp_path, toulouse_copy, write_contract):
    path = write_contract(toulouse_copy, name="toulouse")

    result = runner.invoke(app, ["generer", str(path), "--sortie", str(tmp_path / "out")])

    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "toulouse.docx").exists()
    assert "toulouse.docx écrit en" in result.stdout


def test_the_command_runs_as_a_subprocess_with_french_help():
    result = subprocess.run(
        [sys.executable, "-m", "csi_gen", "--help"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0
    assert "Rédige les contrats de sécurité intégrée" in result.stdout
