"""The annual bilan of one contract, read back as a comité de pilotage reads it.

The figures are recomputed here from the two JSON files, independently of csi-gen's own
computations, and found again in the document's tables.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from csi_gen.follow import figures
from csi_gen.follow.bilan import PARTS, render
from csi_gen.follow.validation import validate_follow_up
from csi_gen.versioning import UNVERSIONED
from tests.conftest import ROOT, TOULOUSE, read_json
from tests.docx_reading import body_text, paragraphs, plain, tables
from tests.word import refused_by_word

runner = CliRunner()
FOLLOW_UP = ROOT / "contracts" / "toulouse.suivi.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("depot")
    (folder / "contracts").mkdir()
    shutil.copy(TOULOUSE, folder / "contracts" / "toulouse.json")
    shutil.copy(FOLLOW_UP, folder / "contracts" / "toulouse.suivi.json")
    return folder


@pytest.fixture(scope="module")
def bilan_2022(repository: Path) -> Path:
    from csi_gen.follow.bilan import build_bilan

    return build_bilan(repository / "contracts" / "toulouse.json", 2022, repository / "build").docx


def half_up(value: float) -> float:
    """Rounded to a whole number, halves away from zero, as French reports round."""
    return float(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def number(text: str) -> float | None:
    """« 1 250 », « +14 », « −6 », « –» (nothing) → a number or None."""
    text = plain(text).replace(" ", "").replace("€", "").replace("%", "").strip()
    if text in ("", "–"):
        return None
    return float(text.replace("−", "-").replace("+", "").replace(",", "."))


def objective_tables(path: Path) -> dict[str, list[list[str]]]:
    """Each objective's table, by the objective's label, in the order of the document."""
    document = docx.Document(str(path))
    found: dict[str, list[list[str]]] = {}
    label = None
    for element in document.element.body:
        if element.tag == f"{W}p":
            text = plain("".join(t.text or "" for t in element.iter(f"{W}t")))
            match = re.match(r"Objectif – (.+?) : ", text)
            label = match.group(1) if match else label
        elif element.tag == f"{W}tbl" and label is not None:
            rows = [
                [
                    plain("".join(t.text or "" for t in cell.iter(f"{W}t")))
                    for cell in row.iter(f"{W}tc")
                ]
                for row in element.iter(f"{W}tr")
            ]
            found.setdefault(label, rows)
            label = None
    return found


# --- Independent arithmetic, from the JSON files --------------------------------------------------


def expected_objectives(year: int) -> dict[str, dict[str, Any]]:
    """For each followed objective: the year's step and achievement, and the cumulated ones."""
    contract, follow_up = read_json(TOULOUSE), read_json(FOLLOW_UP)
    expected = {}
    for volet in contract["volets"].values():
        for engagement in volet["engagements"]:
            if engagement["statut"] != "retenue" or "id" not in engagement:
                continue
            for objective in engagement.get("objectifs", []):
                steps = {int(y): v for y, v in objective["trajectoire"]["valeurs"].items()}
                achieved = {}
                for key, section in follow_up["annees"].items():
                    entry = section["engagements"].get(engagement["id"], {})
                    for value in entry.get("objectifs", []):
                        if value["libelle"] == objective["libelle"] and int(key) <= year:
                            achieved[int(key)] = value["valeur"]
                level = objective["trajectoire"]["mode"] == "cumule"
                if level:
                    planned = steps.get(
                        year, max((v for y, v in steps.items() if y <= year), default=None)
                    )
                    cumul = (planned, achieved.get(year))
                else:
                    cumul = (
                        sum(v for y, v in steps.items() if y <= year),
                        sum(achieved.values()) if achieved else None,
                    )
                expected[objective["libelle"]] = {
                    "level": level,
                    "step": steps.get(year) if level or min(steps) <= year <= max(steps) else None,
                    "achieved": achieved.get(year),
                    "cumul": cumul,
                }
    return expected


def test_each_objective_shows_its_step_its_achievement_and_the_gap(bilan_2022):
    shown = objective_tables(bilan_2022)
    expected = expected_objectives(2022)

    assert set(shown) == set(expected)
    for label, figures_ in expected.items():
        rows = shown[label]
        year_row = rows[1]
        assert year_row[0] == (
            "Niveau au 31 décembre 2022" if figures_["level"] else "Ajouts de l'année 2022"
        )
        planned, achieved, gap = (number(c) for c in year_row[1:4])
        assert planned == figures_["step"], label
        assert achieved == figures_["achieved"], label
        if planned is not None and achieved is not None:
            assert gap == achieved - planned, label
            share = number(year_row[4])
            assert share == half_up((achieved - planned) * 100 / planned), label
        if not figures_["level"]:
            cumul_planned, cumul_achieved, cumul_gap = (number(c) for c in rows[2][1:4])
            assert (cumul_planned, cumul_achieved) == figures_["cumul"], label
            assert cumul_gap == cumul_achieved - cumul_planned, label


def test_each_objective_states_its_target_as_the_contract_words_it(bilan_2022):
    text = body_text(bilan_2022)

    assert (
        "Objectif – Recrutement de policiers municipaux supplémentaires : au moins "
        "100 policiers municipaux d'ici le 31 décembre 2025."
    ) in text
    assert "Chemin parcouru vers la cible : 104 % ; cible atteinte." in text  # 115 for 111


def test_the_first_sentence_words_the_period_as_the_contract_does(bilan_2022):
    """The contract takes effect at its signature and applies « jusqu'au renouvellement
    général des conseils municipaux de 2026 » (dispositions finales): not « au 22 mars 2026 »,
    a date it only holds for its checks."""
    text = body_text(bilan_2022)

    assert (
        "Ce bilan fait le point au 31 décembre 2022 des engagements retenus au contrat signé le "
        "9 octobre 2020, qui a pris effet à sa signature et s'applique jusqu'au renouvellement "
        "général des conseils municipaux de 2026. Il est établi pour le comité de pilotage à "
        "partir du fichier de suivi, qui renseigne les années 2021 et 2022."
    ) in text
    assert "22 mars 2026" not in text


def test_the_first_page_counts_engagements_by_party_and_its_totals_equal_their_lines(bilan_2022):
    table = tables(bilan_2022)[0]
    header, etat, commune, total = table

    assert header == ["Partie", "Réalisés", "En cours", "En retard", "Non engagés",
                      "Abandonnés", "Non renseignés", "Total"]  # fmt: skip
    assert etat[0] == "L’État" and commune[0] == "La Ville" and total[0] == "Total"
    for column in range(1, 8):
        assert number(total[column]) == number(etat[column]) + number(commune[column])
    for row in (etat, commune, total):
        assert number(row[7]) == sum(number(c) for c in row[1:7])
    follow_up = read_json(FOLLOW_UP)["annees"]
    late = [
        i for i, e in follow_up["2022"]["engagements"].items() if e["avancement"] == "en_retard"
    ]
    assert number(total[3]) == len(late) == 2
    assert number(total[7]) == 42  # the retained engagements of the contract, all with an id


def test_the_first_page_gives_the_main_figures_and_what_calls_for_a_decision(bilan_2022):
    key_figures = tables(bilan_2022)[1]
    text = body_text(bilan_2022)

    assert [row[0].split(" (")[0] for row in key_figures[1:]] == [
        "Renfort net des effectifs de police nationale à Toulouse",
        "Recrutement de policiers municipaux supplémentaires",
        "Caméras de vidéoprotection supplémentaires",
    ]
    assert [[number(c) for c in row[2:4]] for row in key_figures[1:]] == [
        [111, 115],  # 13 + 28 + 74 arrived, for 111 planned
        [40, 54],  # 20 a year planned; 25 then 29 recruited
        [50, 52],  # 25 a year planned; about 30, then 22
    ]
    assert (
        "Par la clause de revoyure du contrat, les parties sont convenues de se réunir le "
        "10 octobre 2022 pour réexaminer ses engagements ; l'objet de ce point d'étape est "
        "rappelé plus loin."
    ) in text
    assert (
        "En retard : Raccordement des caméras du réseau de transport (engagements de la Ville, "
        "2°, volet transport)" in text
    )
    assert (
        "Échéance de l'année non tenue : Policiers affectés au QRR Izards – Borderouge – cible : "
        "au moins 30 policiers d'ici le 31 décembre 2022 ; réalisé : 24 policiers."
    ) in text


def test_the_financing_totals_equal_their_lines_and_the_contract(bilan_2022):
    by_funder, by_line, sought = tables(bilan_2022)[-3:]
    contract = read_json(TOULOUSE)
    lines = [
        f
        for v in contract["volets"].values()
        for e in v["engagements"]
        if e["statut"] == "retenue"
        for f in e.get("financements", [])
    ]
    planned = sum(f["montant"] for f in lines if not f.get("sollicite"))

    for table, columns in ((by_funder, (2, 3, 4)), (by_line, (3, 4, 5))):
        rows, total = table[1:-1], table[-1]
        assert total[0] == "Total"
        for column in columns:
            assert number(total[column]) == sum(number(row[column]) or 0 for row in rows)
    assert number(by_funder[-1][2]) == planned == 1_890_000
    assert [row[0] for row in by_funder[1:-1]] == ["État", "Ville de Toulouse"]
    # The money the Ville will seek from the CAF, which doesn't sign: apart, in no total.
    assert sought[0][3] == "Sollicité"
    assert [[plain(c) for c in row[1:4]] for row in sought[1:]] == [
        ["Caisse d'allocations familiales de la Haute-Garonne (Autre)", "2021", "20 000 €"]
    ]
    text = body_text(bilan_2022)
    assert "Leur montant, 20 000 €, n'est compris dans aucun total" in text


def test_every_objective_with_two_years_has_a_native_chart_with_its_workbook(bilan_2022):
    with zipfile.ZipFile(bilan_2022) as archive:
        names = archive.namelist()
        chart = archive.read("word/charts/chart1.xml").decode()

    charts = [n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    workbooks = [n for n in names if n.startswith("word/embeddings/")]
    assert len(charts) == len(workbooks) == len(expected_objectives(2022)) == 12
    assert "<c:v>Trajectoire prévue</c:v>" in chart and "<c:v>Réalisé</c:v>" in chart
    assert "<c:v>111</c:v>" in chart and "<c:v>115</c:v>" in chart


def test_the_bilan_keeps_no_tag_nor_definition_and_word_opens_it(bilan_2022):
    text = body_text(bilan_2022)

    assert "{{" not in text and "{%" not in text and "macro" not in text
    assert all(style != "Definition" for style, _ in paragraphs(bilan_2022))
    assert refused_by_word(bilan_2022) == []


def test_word_opens_every_bilan_template_without_repairing_it():
    templates = [ROOT / "templates" / f"{name}.docx" for name in (*PARTS, "bilan-tous")]

    assert refused_by_word(*templates) == []


def test_the_same_data_give_the_same_bilan_byte_for_byte(repository, tmp_path):
    followup = validate_follow_up(repository / "contracts" / "toulouse.json")
    bilan = figures.bilan(followup.contract.contrat, followup.suivi, 2022)
    from csi_gen.document.packaging import to_bytes

    first = to_bytes(render(bilan, UNVERSIONED, UNVERSIONED))
    second = to_bytes(render(bilan, UNVERSIONED, UNVERSIONED))

    assert first == second


def test_the_bilan_of_2021_stands_on_the_2021_section_alone(repository, tmp_path):
    from csi_gen.follow.bilan import build_bilan

    built = build_bilan(repository / "contracts" / "toulouse.json", 2021, tmp_path)

    assert refused_by_word(built.docx) == []
    text = body_text(built.docx)
    assert "Bilan 2021 du contrat de sécurité intégrée de Toulouse" in text
    assert (
        "Le comité de pilotage réuni le 15 mars 2022 a examiné l'année 2021. Étaient présents : "
        "le préfet de la région Occitanie"
    ) in text
    assert "de le " not in text  # the members, as the follow-up lists them, after a colon
    assert "renseigne l'année 2021." in text
    shown = objective_tables(built.docx)
    assert [
        number(c) for c in shown["Renfort net des effectifs de police nationale à Toulouse"][1][1:4]
    ] == [111, 115, 4]


# --- The command ----------------------------------------------------------------------------------


def test_bilan_writes_the_docx_and_says_where(repository, monkeypatch):
    monkeypatch.chdir(repository)

    result = runner.invoke(app, ["bilan", "toulouse", "--annee", "2022", "--sortie", "sorties"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("sorties/toulouse-bilan-2022.docx écrit en ")
    assert result.stderr == ""


def test_bilan_without_a_year_takes_the_last_one_followed(repository, monkeypatch):
    monkeypatch.chdir(repository)

    result = runner.invoke(app, ["bilan", "toulouse", "--sortie", "sorties"])

    assert result.exit_code == 0, result.stderr
    assert "toulouse-bilan-2022.docx" in result.stdout


def test_bilan_texte_prints_the_summary_without_writing(repository, monkeypatch):
    monkeypatch.chdir(repository)
    before = set(repository.rglob("*"))

    result = runner.invoke(app, ["bilan", "toulouse", "--annee", "2022", "--format", "texte"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Bilan 2022 de contracts/toulouse.json\n")
    assert (
        "  - Renfort net des effectifs de police nationale à Toulouse : 111 → 115 policiers (+4 ; +4 %)"
        in result.stdout
    )
    assert "  - clause de revoyure le 10\u00a0octobre 2022" in result.stdout
    assert set(repository.rglob("*")) == before


def test_bilan_json_gives_the_figures_to_a_tool(repository, monkeypatch):
    monkeypatch.chdir(repository)

    result = runner.invoke(app, ["bilan", "toulouse", "--annee", "2022", "--format", "json"])

    data = json.loads(result.stdout)
    assert data["annee"] == 2022
    assert data["engagements"]["total"]["en_retard"] == 2
    police = data["chiffres_cles"]["policiers_nationaux"]
    assert (police["prevu_cumul"], police["realise_cumul"], police["ecart_cumul"]) == (111, 115, 4)
    assert data["financement"]["prevu"] == 1_890_000  # the parties' money
    assert data["financement"]["sollicite"] == 20_000  # sought from the CAF, apart


def test_bilan_of_a_year_not_followed_says_how_to_add_it(repository, monkeypatch):
    monkeypatch.chdir(repository)

    result = runner.invoke(app, ["bilan", "toulouse", "--annee", "2024"])

    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : contracts/toulouse.suivi.json ne suit pas l'année 2024 (années suivies : "
        "2021, 2022) ; « csi-gen suivi toulouse --annee 2024 » l'ajoute.\n"
    )


def test_bilan_without_a_follow_up_file_says_how_to_create_it(workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")

    result = runner.invoke(app, ["bilan", "toulouse", "--annee", "2022"])

    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : pas de fichier de suivi contracts/toulouse.suivi.json ; "
        "« csi-gen suivi toulouse --annee <année> » le crée.\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["bilan"], "Erreur : indiquez le contrat (csi-gen bilan toulouse --annee 2022) ou --tous"),
        (["bilan", "toulouse", "--tous"], "Erreur : --tous fait le bilan de tous les contrats"),
        (
            ["bilan", "--tous"],
            "Erreur : indiquez l'année des bilans : csi-gen bilan --tous --annee 2022.",
        ),
        (
            ["bilan", "toulouse", "--departement", "31"],
            "Erreur : --departement s'emploie avec --tous.",
        ),
        (
            ["bilan", "--tous", "--annee", "2022", "--departement", "311"],
            "Erreur : département « 311 » inconnu",
        ),
    ],
)
def test_bilan_misused_exits_2_with_a_french_message(arguments, message, repository, monkeypatch):
    monkeypatch.chdir(repository)

    result = runner.invoke(app, arguments)

    assert result.exit_code == 2
    assert result.stderr.startswith(message)


@pytest.mark.parametrize("command", ["suivi", "bilan"])
def test_the_follow_up_commands_have_french_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Utilisation : csi-gen {command}")
    assert "Exemple" in result.stdout and "Affiche cette aide et quitte." in result.stdout
    main_help = runner.invoke(app, ["--help"]).stdout
    assert f"  {command} " in main_help


# --- LibreOffice: the PDF, and a jurist's save -------------------------------------------------------


def test_bilan_pdf_writes_the_pdf_a_comite_reads(libreoffice, repository, monkeypatch):
    import subprocess

    monkeypatch.chdir(repository)

    result = runner.invoke(
        app, ["bilan", "toulouse", "--annee", "2022", "--pdf", "--sortie", "pdf"]
    )

    assert result.exit_code == 0, result.stderr
    pdf = repository / "pdf" / "toulouse-bilan-2022.pdf"
    first_page = subprocess.run(
        ["pdftotext", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BILAN 2022 DU CONTRAT DE SÉCURITÉ INTÉGRÉE DE TOULOUSE" in first_page
    assert "Ce qui appelle une décision" in first_page


def test_bilan_templates_saved_by_libreoffice_give_the_same_bilan(
    libreoffice, repository, tmp_path
):
    from tests.docx_reading import visible_text
    from tests.uno_jurist import resave

    names = ["maitre", *PARTS]
    # Opened from a copy: LibreOffice leaves lock files beside what it opens, and another
    # test may be copying templates/ at that moment.
    sources = tmp_path / "source"
    sources.mkdir()
    for n in names:
        shutil.copy(ROOT / "templates" / f"{n}.docx", sources)
    resave([(sources / f"{n}.docx", tmp_path / f"{n}.docx") for n in names], {})
    followup = validate_follow_up(repository / "contracts" / "toulouse.json")
    bilan = figures.bilan(followup.contract.contrat, followup.suivi, 2022)
    from csi_gen.document.packaging import to_bytes

    original = tmp_path / "origine.docx"
    original.write_bytes(to_bytes(render(bilan, UNVERSIONED, UNVERSIONED)))
    after_save = tmp_path / "enregistre.docx"
    after_save.write_bytes(to_bytes(render(bilan, UNVERSIONED, UNVERSIONED, tmp_path)))

    assert visible_text(after_save) == visible_text(original)
    assert refused_by_word(after_save, *(tmp_path / f"{n}.docx" for n in names)) == []


def test_a_partner_s_engagements_are_named_and_numbered_as_the_contract_does(tmp_path):
    """Tisséo signs and commits: its engagement is « Engagements de Tisséo Voyageurs, 1° »,
    counted on a line of its own, as the contract's article names it."""
    from csi_gen.follow.bilan import build_bilan

    contract = read_json(TOULOUSE)
    engagement = contract["volets"]["transport"]["engagements"][0]
    engagement["partie"], engagement["partenaire"] = "partenaire", "tisseo"
    for partner in contract["parties"]["partenaires"]:
        partner["signataire"] = partner["signataire"] or partner["id"] == "tisseo"
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "toulouse.json").write_text(
        json.dumps(contract, ensure_ascii=False), encoding="utf-8"
    )
    shutil.copy(FOLLOW_UP, tmp_path / "contracts" / "toulouse.suivi.json")

    built = build_bilan(tmp_path / "contracts" / "toulouse.json", 2022, tmp_path / "build")

    text = body_text(built.docx)
    assert "Engagements de la Ville, 1° – Raccordement des caméras du réseau de transport" in text
    assert "Engagements de Tisséo Voyageurs, 1° – Patrouilles communes dans le réseau Tisséo" in (
        text
    )
    parties = [plain(row[0]) for row in tables(built.docx)[0][1:-1]]
    assert parties == ["L'État", "La Ville", "Tisséo Voyageurs"]
