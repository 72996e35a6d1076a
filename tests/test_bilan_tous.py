"""csi-gen bilan --tous: every contract's bilan in one workbook and a one-page synthesis."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from tests.conftest import METROPOLE, ROOT, TOULOUSE
from tests.docx_reading import body_text, plain, tables
from tests.word import refused_by_word

runner = CliRunner()
FOLLOW_UP = ROOT / "contracts" / "toulouse.suivi.json"


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Toulouse and a copy placed in the Rhône, both followed; the metropolitan example,
    not followed; a broken contract."""
    folder = tmp_path_factory.mktemp("tous")
    contracts = folder / "contracts"
    contracts.mkdir()
    shutil.copy(TOULOUSE, contracts / "toulouse.json")
    shutil.copy(FOLLOW_UP, contracts / "toulouse.suivi.json")
    lyon = json.loads(TOULOUSE.read_text(encoding="utf-8").replace('"31555"', '"69123"'))
    lyon["territoire"]["departement"] = {"code": "69", "nom": "Rhône"}
    lyon["territoire"]["nom"] = lyon["territoire"]["communes"][0]["nom"] = "Lyon"
    (contracts / "copie-rhone.json").write_text(json.dumps(lyon, ensure_ascii=False), "utf-8")
    shutil.copy(FOLLOW_UP, contracts / "copie-rhone.suivi.json")
    shutil.copy(METROPOLE, contracts / "metropole.json")
    (contracts / "casse.json").write_text('{"statut": ', encoding="utf-8")
    runner_result = _run(folder, ["bilan", "--tous", "--annee", "2022", "-j", "2"])
    return folder, runner_result


def _run(folder: Path, arguments: list[str]) -> object:
    import os

    previous = Path.cwd()
    os.chdir(folder)
    try:
        return runner.invoke(app, arguments)
    finally:
        os.chdir(previous)


def sheet_rows(path: Path, title: str) -> list[list[object]]:
    book = openpyxl.load_workbook(path, data_only=True)
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def test_tous_writes_the_workbook_and_the_synthesis_and_exits_1_for_the_broken_contract(
    consolidated,
):
    folder, result = consolidated

    assert result.exit_code == 1
    assert result.stdout.startswith("build/bilan-2022.xlsx et build/bilan-2022.docx écrits en ")
    assert result.stdout.endswith(": 3 contrats, dont 2 avec un suivi pour 2022.\n")
    assert "contracts/casse.json contient 1 erreur" in result.stderr
    assert "1 contrat non compté (contrat ou suivi invalide) ; les autres le sont." in result.stderr
    assert sorted(p.name for p in (folder / "build").iterdir()) == [
        "bilan-2022.docx",
        "bilan-2022.xlsx",
    ]


def test_the_workbook_has_a_row_per_contract_and_totals_equal_their_rows(consolidated):
    folder, _ = consolidated
    rows = sheet_rows(folder / "build" / "bilan-2022.xlsx", "Contrats")
    header, lines, total = rows[0], rows[1:-1], rows[-1]

    assert [line[0] for line in lines] == [
        "casse",
        "Lyon",
        "Métropole du Val d'Exemple",
        "Toulouse",
    ]
    assert [line[2] for line in lines] == ["erreur", "oui", "non", "oui"]
    assert total[0] == "Total"
    for column, name in enumerate(header):
        if isinstance(total[column], int | float) and column > 0:
            assert total[column] == sum(line[column] or 0 for line in lines), name
    toulouse = dict(zip(header, lines[1], strict=True))
    assert toulouse["Engagements retenus"] == 42
    assert toulouse["En retard"] == 2
    assert (toulouse["Policiers nationaux : prévu"], toulouse["Policiers nationaux : réalisé"]) == (
        111,
        115,
    )
    assert toulouse["Total : prévu (€)"] == 1_890_000  # without the 20 000 € sought from the CAF
    assert (
        toulouse["État : prévu (€)"]
        + toulouse["Communes et EPCI : prévu (€)"]
        + toulouse["Autres financeurs : prévu (€)"]
        == toulouse["Total : prévu (€)"]
    )
    not_followed = dict(zip(header, lines[2], strict=True))
    assert not_followed["Non renseignés"] == not_followed["Engagements retenus"]
    assert "contient 1 erreur" in lines[0][-1]


def test_the_workbook_has_frozen_headers_filters_and_a_sheet_per_theme(consolidated):
    folder, _ = consolidated
    book = openpyxl.load_workbook(folder / "build" / "bilan-2022.xlsx")

    assert book.sheetnames == [
        "Contrats",
        "Policiers nationaux",
        "Policiers municipaux",
        "Caméras",
        "Financements",
        "Financements à solliciter",  # Toulouse's sought line, in none of the other totals
        "En retard ou abandonnés",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref is not None
    cameras = sheet_rows(folder / "build" / "bilan-2022.xlsx", "Caméras")
    assert cameras[1][3] == "Caméras de vidéoprotection supplémentaires"
    assert [row[7:10] for row in cameras[1:]] == [
        [50, 52, 2],  # Toulouse's copy, placed in Lyon
        [20, None, None],  # the metropolitan example, not followed
        [50, 52, 2],  # Toulouse
        [120, 104, 4],  # each column's total
    ]
    late = sheet_rows(folder / "build" / "bilan-2022.xlsx", "En retard ou abandonnés")
    assert len(late) == 1 + 2 * 2


def test_the_synthesis_gives_the_same_totals_on_one_page(consolidated):
    folder, _ = consolidated
    synthesis = folder / "build" / "bilan-2022.docx"
    workbook = sheet_rows(folder / "build" / "bilan-2022.xlsx", "Contrats")
    header, total = workbook[0], workbook[-1]
    column = {name: index for index, name in enumerate(header)}

    states, themes, funding = tables(synthesis)

    def number(text: str) -> float:
        return float(plain(text).replace(" ", "").replace("€", "").replace(",", ".") or 0)

    assert [number(c) for c in states[1][1:]] == [
        total[column[name]]
        for name in (
            "Réalisés",
            "En cours",
            "En retard",
            "Non engagés",
            "Abandonnés",
            "Non renseignés",
            "Engagements retenus",
        )
    ]
    assert themes[1][0] == "Policiers nationaux supplémentaires"
    assert [number(c) for c in themes[1][1:4]] == [
        3,
        total[column["Policiers nationaux : prévu"]],
        total[column["Policiers nationaux : réalisé"]],
    ]
    assert number(funding[-1][1]) == total[column["Total : prévu (€)"]]
    assert number(funding[-1][3]) == total[column["Total : payé (€)"]]
    text = body_text(synthesis)
    assert "3 contrats ; 2 ont un suivi pour 2022." in text
    assert "casse" in text  # the contract not counted is named
    assert refused_by_word(synthesis) == []


def test_departement_keeps_the_contracts_of_one_departement(consolidated, tmp_path):
    folder, _ = consolidated

    result = _run(folder, ["bilan", "--tous", "--annee", "2022", "--departement", "69", "-j", "1",
                           "--sortie", str(tmp_path)])  # fmt: skip

    rows = sheet_rows(tmp_path / "bilan-2022-69.xlsx", "Contrats")
    assert [row[0] for row in rows[1:-1]] == ["casse", "Lyon", "Métropole du Val d'Exemple"]
    assert [row[1] for row in rows[1:-1]] == [None, "69", "69"]
    text = body_text(tmp_path / "bilan-2022-69.docx")
    assert "2 contrats du Rhône ; 1 a un suivi pour 2022." in text
    assert refused_by_word(tmp_path / "bilan-2022-69.docx") == []
    assert result.exit_code == 1  # the broken contract is still reported


@pytest.fixture
def calc(libreoffice) -> None:
    """Skip without LibreOffice Calc (Debian's libreoffice-calc-nogui), unless CI demands it."""
    import os

    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        if os.environ.get("CSI_GEN_EXIGER_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice Calc est exigé ici (CSI_GEN_EXIGER_LIBREOFFICE=1)")
        pytest.skip("LibreOffice Calc absent (sudo apt install libreoffice-calc-nogui)")


def _calc_to_csv(workbook: Path, folder: Path) -> None:
    """The workbook's first sheet as CSV, recomputed by LibreOffice Calc, in ``folder``.

    On a machine busy with other LibreOffices (parallel tests), a first start on a new
    profile can be slow, or end without converting: the wait is long and a conversion
    that wrote nothing is tried once more, with a profile of its own.
    """
    target = folder / f"{workbook.stem}.csv"
    for attempt in range(2):
        profile = folder / f"profil-{attempt}"
        try:
            subprocess.run(
                ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
                 "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false", "--outdir",
                 str(folder), str(workbook)],
                capture_output=True, check=True, timeout=300,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            if attempt:
                raise
            continue
        if target.exists():
            return
    raise AssertionError(f"LibreOffice n'a pas écrit {target.name}")


def test_libreoffice_opens_the_workbook_and_finds_the_same_totals(calc, consolidated, tmp_path):
    folder, _ = consolidated

    _calc_to_csv(folder / "build" / "bilan-2022.xlsx", tmp_path)

    with (tmp_path / "bilan-2022.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:4] == ["Territoire", "Département", "Suivi 2022", "Engagements retenus"]
    assert len(lines) == 1 + 4 + 1
    recomputed = lines[-1]  # LibreOffice computes the SUBTOTAL formulas itself
    stored = sheet_rows(folder / "build" / "bilan-2022.xlsx", "Contrats")[-1]
    assert recomputed[0] == "Total"
    # the decimal separator is the locale's
    assert [float(v.replace(",", ".")) for v in recomputed[3:28]] == [
        float(v) for v in stored[3:28]
    ]
