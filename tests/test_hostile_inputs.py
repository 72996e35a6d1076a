"""The corpus of hostile and broken inputs (tests/hostile/cas.toml), run through the CLI.

For each case: the exit code, the exact French message, and the proof that nothing was
written or replaced. The working folder already holds a document from a previous build;
it is compared, file by file and byte by byte, before and after the command.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from csi_gen.document.build import build_contract
from tests.conftest import FIXTURES
from tests.contract_texts import leftover_tags, missing_texts, set_at, text_fields
from tests.docx_reading import every_string, plain, visible_text

HOSTILE = Path(__file__).resolve().parent / "hostile"
MINIMAL = FIXTURES / "contrats" / "minimal.json"
COMPLET = FIXTURES / "contrats" / "complet.json"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cas.toml").read_text("utf-8"))["cas"]
DEFAULT_ARGUMENTS = ["generer", "contracts/{id}.json", "--sortie", "build"]

runner = CliRunner()


# --- Inputs made by the test: too big to keep, or not ordinary files --------------------------


def _minimal_text() -> str:
    return MINIMAL.read_text("utf-8")


def _twenty_megabytes(path: Path) -> None:
    padding = "x" * (20 * 1024 * 1024)
    text = _minimal_text().replace('"statut"', f'"notes_de_redaction": "{padding}",\n  "statut"', 1)
    path.write_text(text, encoding="utf-8")


def _deep_nesting(path: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    text = _minimal_text().replace('"statut"', f'"notes_de_redaction": {nested},\n  "statut"', 1)
    path.write_text(text, encoding="utf-8")


def _very_long_words(path: Path) -> None:
    """A 175-letter word after each text, a 20 000-letter one after each Markdown text."""
    data = json.loads(COMPLET.read_text("utf-8"))
    for field in text_fields(data):
        if field.path == ("$schema",) or field.path[:2] == ("territoire", "communes"):
            continue  # a commune's name is checked against the official geography
        markdown = field.kind == "markdown"
        word = "Intercommunalité" * 1250 if markdown else "Anticonstitutionnellement" * 7
        limit = 200 if field.path == ("territoire", "nom") else None  # the schema's bound
        set_at(data, field.path, f"{field.value} {word}"[:limit])
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


RECETTES: dict[str, Callable[[Path], None]] = {
    "mots-tres-longs": _very_long_words,
    "vingt-mega-octets": _twenty_megabytes,
    "imbrication-profonde": _deep_nesting,
    "tube-nomme": lambda path: os.mkfifo(path),
    "dossier": lambda path: path.mkdir(),
}


def write_input(case: dict[str, Any], path: Path) -> None:
    """The case's input at ``path``: its file, its recipe, or the minimal contract."""
    if "recette" in case:
        RECETTES[case["recette"]](path)
    elif case.get("contrat") == "minimal":
        shutil.copy(MINIMAL, path)
    elif (HOSTILE / f"{case['id']}.json").exists():
        shutil.copy(HOSTILE / f"{case['id']}.json", path)


# --- What is in place before the command -------------------------------------------------------


def _output_is_a_symbolic_link(workspace: Path, case_id: str, previous: bytes) -> None:
    (workspace / "ailleurs.docx").write_bytes(previous)
    (workspace / "build" / f"{case_id}.docx").symlink_to("../ailleurs.docx")


def _pdf_is_a_symbolic_link(workspace: Path, case_id: str, previous: bytes) -> None:
    (workspace / "build" / f"{case_id}.docx").write_bytes(previous)
    (workspace / "ailleurs.pdf").write_bytes(b"%PDF-1.4 ailleurs\n")
    (workspace / "build" / f"{case_id}.pdf").symlink_to("../ailleurs.pdf")


def _output_is_a_broken_link(workspace: Path, case_id: str, previous: bytes) -> None:
    (workspace / "build" / f"{case_id}.docx").symlink_to("../inexistant/ailleurs.docx")


def _output_is_a_folder(workspace: Path, case_id: str, previous: bytes) -> None:
    folder = workspace / "build" / f"{case_id}.docx"
    folder.mkdir()
    (folder / "notes.txt").write_text("à garder\n", encoding="utf-8")


def _output_folder_is_a_file(workspace: Path, case_id: str, previous: bytes) -> None:
    (workspace / "sortie.txt").write_text("ce fichier n'est pas un dossier\n", encoding="utf-8")


def _contract_outside_the_folder(workspace: Path, case_id: str, previous: bytes) -> None:
    shutil.copy(MINIMAL, workspace.parent / "essai")


PREPARATIONS: dict[str, Callable[[Path, str, bytes], None]] = {
    "sortie-lien-symbolique": _output_is_a_symbolic_link,
    "sortie-lien-casse": _output_is_a_broken_link,
    "pdf-lien-symbolique": _pdf_is_a_symbolic_link,
    "sortie-dossier": _output_is_a_folder,
    "sortie-fichier": _output_folder_is_a_file,
    "contrat-hors-du-dossier": _contract_outside_the_folder,
}


# --- The proof that nothing was written --------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``root``: links by target, files by content, without following links."""
    entries: dict[str, tuple[str, str]] = {}
    for folder, subfolders, files in os.walk(root):
        for name in subfolders + files:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                entries[relative] = ("lien", str(path.readlink()))
            elif path.is_dir():
                entries[relative] = ("dossier", "")
            elif path.is_file():
                entries[relative] = ("fichier", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                entries[relative] = ("autre", "")
    return entries


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A document from an earlier build, which no failed build may touch."""
    folder = tmp_path_factory.mktemp("precedent")
    return build_contract(MINIMAL, folder).docx.read_bytes()


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def test_the_corpus_has_at_least_forty_cases_each_with_its_input():
    ids = [case["id"] for case in CASES]

    assert len(ids) >= 40
    assert len(ids) == len(set(ids))
    for case in CASES:
        if not {"recette", "contrat"} & set(case) and "arguments" not in case:
            assert (HOSTILE / f"{case['id']}.json").is_file(), case["id"]
    on_disk = {p.stem for p in HOSTILE.glob("*.json")}
    assert on_disk <= set(ids), on_disk - set(ids)


@pytest.mark.parametrize("case", _params())
def test_hostile_input_gets_its_exit_code_and_exact_message_and_writes_nothing_else(
    case, previous_build, tmp_path, monkeypatch
):
    case_id = case["id"]
    workspace = tmp_path / "travail"
    (workspace / "contracts").mkdir(parents=True)
    (workspace / "build").mkdir()
    source = workspace / "contracts" / f"{case_id}.json"
    write_input(case, source)
    output = workspace / "build" / f"{case_id}.docx"
    if "preparation" in case:
        PREPARATIONS[case["preparation"]](workspace, case_id, previous_build)
    else:
        output.write_bytes(previous_build)
    before = snapshot(tmp_path)
    monkeypatch.chdir(workspace)
    arguments = [a.replace("{id}", case_id) for a in case.get("arguments", DEFAULT_ARGUMENTS)]

    result = runner.invoke(app, arguments)

    assert result.exit_code == case["code"], result.stderr + result.stdout
    assert result.stderr.rstrip("\n") == case.get("stderr", "").rstrip("\n")
    after = snapshot(tmp_path)
    if case["code"] != 0:
        assert after == before  # nothing written, nothing replaced, no temporary file
        return
    duration = re.sub(r"écrit en [0-9]+(,[0-9]+)? s", "écrit en … s", result.stdout.strip())
    assert duration == case["stdout"]
    changed = {name for name in after if before.get(name) != after[name]}
    # only the contract and its note de présentation
    assert changed == {f"travail/build/{case_id}.docx", f"travail/build/{case_id}-note.docx"}
    _assert_faithful(output, source, case)


def _assert_faithful(document: Path, source: Path, case: dict[str, Any]) -> None:
    docx.Document(str(document))
    raw = source.read_bytes().removeprefix(b"\xef\xbb\xbf")
    data = json.loads(raw.decode("utf-8"))
    assert missing_texts(document, data) == []
    assert leftover_tags(document, data) == []
    body = plain(visible_text(document))
    for text in case.get("absents", []):
        assert text not in body


# --- The corpus's complete contract covers every kind of text ----------------------------------


def _generic(path: tuple[Any, ...]) -> str:
    """``("volets", "justice", "engagements", 0, "texte")`` → ``volets.*.engagements.*.texte``."""
    parts = ["*" if isinstance(p, int) else p for p in path]
    if parts[0] == "volets":
        parts[1] = "*"
    return ".".join(parts)


def _schema_text_paths() -> set[str]:
    from csi_gen.contract.schema import schema
    from tests.contract_texts import TEXT_KINDS, _resolve

    found: set[str] = set()

    def walk(node: dict[str, Any], path: tuple[str, ...], seen: frozenset[str]) -> None:
        if node.get("$ref") in TEXT_KINDS:
            found.add(".".join(path))
            return
        ref = node.get("$ref")
        if ref in seen:
            return
        seen = seen | {ref} if ref else seen
        node = _resolve(node)
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, "*" if path == ("volets",) else key), seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "*"), seen)

    walk(schema(), (), frozenset())
    return found


def test_the_complete_contract_has_every_kind_of_text_field_of_the_schema():
    data = json.loads(COMPLET.read_text("utf-8"))

    present = {_generic(field.path) for field in text_fields(data)}
    # A joined document needs its PDF beside the contract, which the hostile copies do not
    # have: the documents fixture holds each of its texts.
    joined = {p for p in _schema_text_paths() if p.startswith("documents_annexes.")}

    # Avenants need a signed contract and its history in git: test_avenant.py writes them.
    avenants = {p for p in _schema_text_paths() if p.startswith("avenants.")}
    assert present == _schema_text_paths() - joined - avenants


# --- A path named by the contract is never opened ------------------------------------------------


def test_the_schema_path_a_contract_names_is_never_opened(tmp_path):
    # « $schema » is for editors. Were csi-gen to open it, this named pipe would block it.
    pipe = tmp_path / "schema.json"
    os.mkfifo(pipe)
    data = json.loads(COMPLET.read_text("utf-8")) | {"$schema": str(pipe)}
    source = tmp_path / "contracts" / "essai.json"
    source.parent.mkdir()
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    command = ["-m", "csi_gen", "generer", str(source), "--sortie", str(tmp_path / "build")]

    result = subprocess.run([sys.executable, *command], capture_output=True, timeout=120)

    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert str(pipe) not in visible_text(tmp_path / "build" / "essai.docx")


def test_a_document_keeps_no_template_tag_in_any_part(built_toulouse, built_metropole, tmp_path):
    # Without tags in the data, not one « {{ », « {% » or « {# » may remain, in any part.
    complet = build_contract(COMPLET, tmp_path).docx

    for document in (built_toulouse, built_metropole, complet):
        strings = every_string(document)

        assert [s for s in strings if any(tag in s for tag in ("{{", "{%", "{#"))] == []
