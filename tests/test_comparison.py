"""csi-gen comparer: two versions of a contract in a real git repository, compared end to end."""

from __future__ import annotations

import copy
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree
from typer.testing import CliRunner

from csi_gen.cli import app
from csi_gen.compare.comparison import Comparison, compare, summary_lines
from csi_gen.document.parts import TEMPLATES_DIR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {"w": W}
FIRST_DATE = "2024-03-12T09:30:00+00:00"
SECOND_DATE = "2024-03-13T10:00:00+01:00"
runner = CliRunner()


class Repository:
    """A temporary git repository holding contracts/toulouse.json."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.contract = root / "contracts" / "toulouse.json"
        self.contract.parent.mkdir(parents=True)
        self.git("init", "--quiet")

    def git(self, *args: str, date: str = FIRST_DATE) -> None:
        environment = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Préfecture",
            "GIT_AUTHOR_EMAIL": "prefecture@example.org",
            "GIT_COMMITTER_NAME": "Préfecture",
            "GIT_COMMITTER_EMAIL": "prefecture@example.org",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }
        subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=self.root,
            env=environment,
            check=True,
            capture_output=True,
        )

    def write(self, data: dict[str, Any]) -> Path:
        self.contract.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return self.contract

    def commit(self, message: str, date: str = FIRST_DATE) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message, date=date)


@pytest.fixture
def repository(tmp_path: Path, toulouse_data: dict[str, Any]) -> Repository:
    """A repository whose last commit holds the Toulouse contract as it is today."""
    repo = Repository(tmp_path / "depot")
    repo.write(toulouse_data)
    repo.commit("Contrat de Toulouse")
    return repo


def find(data: dict[str, Any], volet: str, identifier: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        e for e in data["volets"][volet]["engagements"] if e.get("id") == identifier
    )
    return found


def body(comparison: Comparison):
    assert comparison.docx is not None
    return docx.Document(io.BytesIO(comparison.docx)).element.body


def xpath(element, expression: str) -> list:
    return etree.XPath(expression, namespaces=NAMESPACES)(element)


def style(paragraph) -> str | None:
    values = xpath(paragraph, "w:pPr/w:pStyle/@w:val")
    return str(values[0]) if values else None


def revision_texts(element, kind: str) -> list[str]:
    return [
        "".join(xpath(mark, ".//w:t/text()|.//w:delText/text()"))
        for mark in xpath(element, f".//w:{kind}[parent::w:p or parent::w:hyperlink]")
    ]


def revised_paragraphs(element) -> list:
    """Paragraphs of the contract holding a revision; the cover's version line aside."""
    return [
        p for p in xpath(element, "//w:p[.//w:ins or .//w:del]") if style(p) != "CouvertureVersion"
    ]


def visible_text(paragraph) -> str:
    return "".join(xpath(paragraph, ".//w:t/text()"))


# --- What the comparison shows --------------------------------------------------------------------


def test_changing_one_value_shows_as_one_deletion_and_one_insertion_where_it_is_stated(
    repository, toulouse_copy
):
    objective = find(toulouse_copy, "securite_interieure", "etat-qrr-izards")["objectifs"][0]
    objective["trajectoire"]["valeurs"]["2022"] = 20
    repository.write(toulouse_copy)

    result = compare(repository.contract, "HEAD")

    assert [str(c) for c in result.changes] == [
        "Volet sécurité intérieure › Engagements de l'État, 2° › trajectoire 2022 : "
        "15 → 20\u00a0policiers"
    ]
    paragraphs = revised_paragraphs(body(result))
    assert [visible_text(p) for p in paragraphs] == [
        "Trajectoire (policiers supplémentaires dans l’année)\u00a0: 15 en 2021 et 20 en 2022.",
        "20",  # the annex of trajectories, 2022 column
    ]
    for paragraph in paragraphs:
        assert revision_texts(paragraph, "del") == ["15"]
        assert revision_texts(paragraph, "ins") == ["20"]


def test_changing_one_amount_names_the_financing_and_redlines_the_figure(repository, toulouse_copy):
    financing = find(toulouse_copy, "prevention_delinquance", "etat-associations")
    financing["financements"][0]["montant"] = 175000
    repository.write(toulouse_copy)

    result = compare(repository.contract, "HEAD")

    assert [str(c) for c in result.changes] == [
        "Volet prévention de la délinquance › Engagements de l'État, 2° › "
        "financement État 2021 › montant : 150\u202f000\u00a0€ → 175\u202f000\u00a0€"
    ]
    cells = [p for p in revised_paragraphs(body(result)) if style(p) == "TableauNombre"]
    amount = cells[0]
    assert revision_texts(amount, "del") == ["150\u202f000"]
    assert revision_texts(amount, "ins") == ["175\u202f000"]


def test_an_added_engagement_shows_as_inserted_paragraphs(repository, toulouse_copy):
    toulouse_copy["volets"]["justice"]["engagements"].append(
        {
            "id": "ville-maison-justice",
            "intitule": "Maison de la justice et du droit",
            "partie": "collectivites",
            "porteurs": ["maire"],
            "statut": "retenue",
            "texte": "La Ville s'engage à ouvrir une maison de la justice et du droit au Mirail.",
        }
    )
    repository.write(toulouse_copy)

    result = compare(repository.contract, "HEAD")

    assert [str(c) for c in result.changes] == [
        "Volet justice › Engagement ajouté : « Maison de la justice et du droit » (Ville, 3°)"
    ]
    paragraphs = xpath(body(result), "//w:p")
    title = next(
        i
        for i, p in enumerate(paragraphs)
        if visible_text(p) == "3° Maison de la justice et du droit"
    )
    added = paragraphs[title : title + 3]
    assert [visible_text(p) for p in added] == [
        "3° Maison de la justice et du droit",
        "La Ville s\u2019engage à ouvrir une maison de la justice et du droit au Mirail.",  # ’
        "Mise en œuvre\u00a0: le maire de Toulouse.",
    ]
    for paragraph in added:
        assert xpath(paragraph, "w:pPr/w:rPr/w:ins"), "the paragraph mark is inserted"
        assert not xpath(paragraph, "w:r"), "every run is inside a w:ins"
        assert revision_texts(paragraph, "ins") == [visible_text(paragraph)]


def test_a_removed_engagement_shows_as_deleted_paragraphs(repository, toulouse_copy):
    engagements = toulouse_copy["volets"]["justice"]["engagements"]
    engagements.remove(find(toulouse_copy, "justice", "ville-fourriere"))
    repository.write(toulouse_copy)

    result = compare(repository.contract, "HEAD")

    assert [c.what for c in result.changes] == ["Engagement supprimé"]
    deleted = [
        "".join(xpath(p, ".//w:delText/text()"))
        for p in xpath(body(result), "//w:p[w:pPr/w:rPr/w:del]")
    ]
    assert "2° Fourrière des véhicules immobilisés ou saisis" in deleted


def test_an_unchanged_contract_gives_aucune_modification(repository):
    result = compare(repository.contract, "HEAD")

    assert result.changes == ()
    assert result.revisions == 0
    assert "Aucune modification." in summary_lines(result)
    document = body(result)
    assert not xpath(document, "//w:ins|//w:del")
    assert "Aucune modification des données du contrat." in [
        visible_text(p) for p in xpath(document, "//w:p")
    ]


def test_the_document_opens_with_the_table_of_changes(repository, toulouse_copy):
    find(toulouse_copy, "justice", "etat-gltd")["objectifs"][0]["echeance"] = "2023-06-30"
    find(toulouse_copy, "justice", "etat-gltd")["objectifs"][0]["trajectoire"]["valeurs"] = {
        "2021": 1,
        "2023": 2,
    }
    repository.write(toulouse_copy)

    result = compare(repository.contract, "HEAD")

    document = body(result)
    first = xpath(document, "w:p[1]")[0]
    assert visible_text(first) == "Tableau des modifications"
    table = xpath(document, "w:tbl[1]")[0]
    rows = [[visible_text(c) for c in xpath(row, "w:tc")] for row in xpath(table, "w:tr")]
    assert rows[0] == ["Élément", "Avant", "Après"]
    assert rows[1] == [
        "Volet justice › Engagements de l'État, 2° › échéance",
        "31\u00a0décembre 2022",
        "30\u00a0juin 2023",
    ]
    assert [
        "Volet justice › Engagements de l'État, 2° › trajectoire 2023",
        "—",
        "2\u00a0groupes locaux",
    ] in rows


def test_revisions_are_signed_csi_gen_and_dated_with_the_later_commit(repository, toulouse_copy):
    toulouse_copy["signature"]["lieu"] = "Toulouse, au Capitole"
    repository.write(toulouse_copy)
    repository.commit("Lieu de signature", date=SECOND_DATE)

    result = compare(repository.contract, "HEAD~1", "HEAD")

    marks = xpath(body(result), "//w:ins|//w:del")
    assert marks
    assert {m.get(f"{{{W}}}author") for m in marks} == {"csi-gen"}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2024-03-13T09:00:00Z"}
    assert result.before.startswith("HEAD~1 (")
    assert result.after.startswith("HEAD (")


def test_the_same_versions_give_the_same_bytes(repository, toulouse_copy):
    toulouse_copy["signature"]["lieu"] = "Toulouse, au Capitole"
    repository.write(toulouse_copy)

    first = compare(repository.contract, "HEAD")
    second = compare(repository.contract, "HEAD")

    assert first.docx == second.docx


def rewrite_template(path: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert old in xml
    members["word/document.xml"] = xml.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_the_templates_are_taken_as_they_were_at_each_revision(repository):
    templates = repository.root / "templates"
    shutil.copytree(TEMPLATES_DIR.resolve(), templates)
    repository.commit("Modèles")
    rewrite_template(templates / "volets.docx", "Au titre du présent ", "Pour le présent ")
    repository.commit("Modèle des volets", date=SECOND_DATE)

    result = compare(repository.contract, "HEAD~1", "HEAD", templates_dir=templates)

    assert result.changes == ()
    assert result.revisions > 0
    document = body(result)
    assert set(revision_texts(document, "del")) == {"Au titre du"}
    assert set(revision_texts(document, "ins")) == {"Pour le"}


# --- The command ---------------------------------------------------------------------------------


def test_comparer_writes_build_territoire_comparaison_docx(repository, toulouse_copy, monkeypatch):
    toulouse_copy["signature"]["lieu"] = "Toulouse, au Capitole"
    repository.write(toulouse_copy)
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("build/toulouse-comparaison.docx écrit en ")
    assert result.stdout.rstrip().endswith("1 modification des données, 1 révision dans le texte.")
    assert (repository.root / "build" / "toulouse-comparaison.docx").is_file()


def test_comparer_format_texte_prints_the_summary_and_writes_nothing(
    repository, toulouse_copy, monkeypatch
):
    toulouse_copy["signature"]["lieu"] = "Toulouse, au Capitole"
    repository.write(toulouse_copy)
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD", "--format", "texte"])

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Comparaison de contracts/toulouse.json"
    assert lines[1].startswith("  depuis : HEAD (")
    assert lines[2] == "  jusqu'à : copie de travail, non enregistrée dans git"
    assert lines[4:] == [
        "1 modification :",
        "- Signature › lieu : Toulouse → Toulouse, au Capitole",
    ]
    assert not (repository.root / "build").exists()


def test_comparer_format_json_lists_each_change(repository, toulouse_copy, monkeypatch):
    toulouse_copy["signature"]["lieu"] = "Toulouse, au Capitole"
    repository.write(toulouse_copy)
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD", "-f", "json"])

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["modifications"] == [
        {
            "element": "Signature › lieu",
            "avant": "Toulouse",
            "apres": "Toulouse, au Capitole",
            "texte": "Signature › lieu : Toulouse → Toulouse, au Capitole",
        }
    ]


def test_comparer_on_an_unchanged_contract_says_aucune_modification(repository, monkeypatch):
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD", "-f", "texte"])

    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Aucune modification.")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--depuis", "v9"],
            "Erreur : révision « v9 » inconnue du dépôt git de contracts/toulouse.json ; "
            "indiquez un commit, une branche ou une étiquette (par exemple HEAD~1) : "
            "voir « git log --oneline ».",
        ),
        (
            ["--depuis", "HEAD", "--jusqua", "HEAD~5"],
            "Erreur : révision « HEAD~5 » inconnue du dépôt git de contracts/toulouse.json ; "
            "indiquez un commit, une branche ou une étiquette (par exemple HEAD~1) : "
            "voir « git log --oneline ».",
        ),
        (
            ["--depuis", "--help"],
            "Erreur : révision « --help » invalide.",
        ),
    ],
)
def test_an_unknown_revision_exits_2_with_a_clear_message(
    repository, monkeypatch, arguments, message
):
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", *arguments])

    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_a_contract_absent_at_the_revision_is_named_with_the_revision(
    repository, toulouse_data, monkeypatch
):
    lyon = repository.root / "contracts" / "lyon.json"
    lyon.write_text(json.dumps(toulouse_data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "lyon", "--depuis", "HEAD"])

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Erreur : contracts/lyon.json n'existe pas à la révision HEAD ("
    )
    assert "git log --oneline -- contracts/lyon.json" in result.stderr


def test_an_invalid_contract_at_a_revision_gives_the_usual_located_errors(
    repository, toulouse_copy, monkeypatch
):
    broken = copy.deepcopy(toulouse_copy)
    find(broken, "prevention_delinquance", "etat-associations")["financements"][0]["montant"] = (
        "150 000"
    )
    repository.write(broken)
    repository.commit("Montant mal écrit")
    repository.write(toulouse_copy)
    monkeypatch.chdir(repository.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD"])

    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Erreur : HEAD:contracts/toulouse.json contient 1 erreur ; aucun fichier n'a été écrit."
    )
    assert (
        "HEAD:contracts/toulouse.json:" in result.stderr
        and "volets.prevention_delinquance.engagements[1].financements[0].montant" in result.stderr
    )


def test_a_contract_outside_git_cannot_be_compared(tmp_path, toulouse_data, monkeypatch):
    contract = tmp_path / "contracts" / "toulouse.json"
    contract.parent.mkdir()
    contract.write_text(json.dumps(toulouse_data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD"])

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Erreur : contracts/toulouse.json n'est pas dans un dépôt git ; « comparer » "
        "compare deux versions enregistrées dans git."
    )


# --- LibreOffice ----------------------------------------------------------------------------------


def test_libreoffice_opens_the_comparison_document_and_lists_its_tracked_changes(
    libreoffice, repository, toulouse_copy, tmp_path
):
    from csi_gen.compare.comparison import write
    from tests.uno_revisions import tracked_changes

    objective = find(toulouse_copy, "securite_interieure", "etat-qrr-izards")["objectifs"][0]
    objective["trajectoire"]["valeurs"]["2022"] = 20
    repository.write(toulouse_copy)
    repository.commit("Trajectoire du QRR", date=SECOND_DATE)
    target = write(compare(repository.contract, "HEAD~1", "HEAD"), tmp_path / "build")

    changes = tracked_changes(target)

    assert {(c.author, c.date) for c in changes} == {("csi-gen", "2024-03-13")}
    assert [(c.type, c.text) for c in changes if c.text in ("15", "20")] == [
        ("Delete", "15"),
        ("Insert", "20"),
        ("Delete", "15"),
        ("Insert", "20"),
    ]
