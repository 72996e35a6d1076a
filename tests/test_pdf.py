"""PDF through LibreOffice: the table of contents gets its page numbers."""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from csi_gen.document import batch, pdf
from csi_gen.errors import ConversionError
from tests.conftest import METROPOLE, TOULOUSE


def test_the_pdf_table_of_contents_lists_the_articles_with_page_numbers(
    libreoffice, built_toulouse, tmp_path
):
    target = pdf.convert_to_pdf(built_toulouse, tmp_path / "toulouse.pdf")

    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "3", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Article 1er – Objet du contrat\.+\s*\d+", text)
    assert re.search(r"Annexe 5 – Indicateurs de suivi.*\.+\s*\d+", text)


def test_the_signing_pdf_is_pdf_a_2b_tagged_with_every_font_embedded(
    libreoffice, built_toulouse, tmp_path
):
    target = pdf.convert_to_pdf(built_toulouse, tmp_path / "toulouse.pdf")
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils absent")

    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    metadata = subprocess.run(
        ["pdfinfo", "-meta", str(target)], capture_output=True, text=True
    ).stdout
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout

    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert "<pdfaid:part>2</pdfaid:part>" in metadata
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in metadata
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts


def test_the_intercommunal_contract_converts_too(libreoffice, built_metropole, tmp_path):
    target = pdf.convert_to_pdf(built_metropole, tmp_path / "metropole.pdf")

    assert target.stat().st_size > 10_000


def test_the_diagnostic_charts_group_thousands_the_french_way(
    libreoffice, built_toulouse, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a profile made afresh

    target = pdf.convert_to_pdf(built_toulouse, tmp_path / "toulouse.pdf")

    text = _pdf_text(target)
    assert re.search(r"\b9[\u00a0\u202f ]000\b", text)  # the scale of the first chart
    assert not re.search(r"\b\d,\d{3}\b", text)


def _pdf_text(target) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    return subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout


# --- The profiles' locale --------------------------------------------------------------------


def _settings(profile):
    return (profile / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")


def test_a_new_profile_starts_in_french(tmp_path):
    pdf.use_french_locale(tmp_path)

    assert pdf.FRENCH_LOCALE in _settings(tmp_path)
    assert _settings(tmp_path).rstrip().endswith("</oor:items>")


def test_an_existing_profile_keeps_its_settings_and_gets_the_french_locale(tmp_path):
    settings = tmp_path / "user" / "registrymodifications.xcu"
    settings.parent.mkdir()
    other = '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="X"><value>1</value></prop></item>'
    english = (
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" '
        'oor:op="fuse"><value>en-US</value></prop></item>'
    )
    settings.write_text(f"{pdf.SETTINGS_HEADER}{other}\n{english}\n</oor:items>\n", "utf-8")

    pdf.use_french_locale(tmp_path)
    pdf.use_french_locale(tmp_path)

    text = _settings(tmp_path)
    assert other in text and "en-US" not in text
    assert text.count(pdf.FRENCH_LOCALE) == 1


def test_a_damaged_settings_file_is_started_afresh(tmp_path):
    settings = tmp_path / "user" / "registrymodifications.xcu"
    settings.parent.mkdir()
    settings.write_bytes(b"<oor:items \xff\xfe tronqu")

    pdf.use_french_locale(tmp_path)

    assert pdf.FRENCH_LOCALE in _settings(tmp_path)


# --- PDFs of a batch, and without LibreOffice -------------------------------------------------

runner = CliRunner()


def test_generer_tous_pdf_converts_every_contract_with_two_libreoffices(libreoffice, workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")
    shutil.copy(METROPOLE, workspace / "contracts" / "metropole.json")
    shutil.copy(TOULOUSE, workspace / "contracts" / "copie.json")

    result = runner.invoke(app, ["generer", "--tous", "--pdf", "--travailleurs", "2"])

    assert result.exit_code == 0, result.stderr
    for name in ("toulouse", "metropole", "copie"):
        assert (workspace / "build" / f"{name}.pdf").read_bytes().startswith(b"%PDF"), name


def test_libreoffice_converts_with_jemalloc_when_it_is_installed(libreoffice):
    if ctypes.util.find_library("jemalloc") is None:
        if os.environ.get("CSI_GEN_EXIGER_LIBREOFFICE") == "1":
            pytest.fail("libjemalloc2 est exigé ici (CSI_GEN_EXIGER_LIBREOFFICE=1)")
        pytest.skip("libjemalloc2 absent")

    with pdf.Converter() as converter:
        maps = _libreoffice_memory_maps(converter._process.pid)

    assert "libjemalloc" in maps


def _libreoffice_memory_maps(session: int) -> str:
    """The memory maps of the LibreOffice a conversion script started (its session)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):  # a process that has just ended
                command, fields = stat.read_text().rsplit(")", 1)  # pid (comm) state ppid…
                if command.endswith("(soffice.bin") and int(fields.split()[3]) == session:
                    return (stat.parent / "maps").read_text()
        time.sleep(0.1)
    raise AssertionError("LibreOffice n'a pas démarré")


def test_without_libreoffice_a_batch_builds_the_documents_and_says_why_no_pdf(
    workspace, monkeypatch
):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")
    shutil.copy(METROPOLE, workspace / "contracts" / "metropole.json")

    result = runner.invoke(app, ["generer", "--tous", "--pdf", "--travailleurs", "1"])

    assert result.exit_code == 1
    assert sorted(p.name for p in (workspace / "build").iterdir()) == [
        "metropole-note.docx",
        "metropole.docx",
        "toulouse-note.docx",
        "toulouse.docx",
    ]
    assert result.stderr.count("Erreur : LibreOffice est introuvable") == 1
    assert "2 contrats en échec sur 2" in result.stderr


def test_without_libreoffice_generer_pdf_writes_nothing(workspace, monkeypatch):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")

    result = runner.invoke(app, ["generer", "toulouse", "--pdf"])

    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : LibreOffice est introuvable ; installez LibreOffice")
    assert not (workspace / "build").exists()


def test_a_document_that_cannot_be_opened_fails_alone(libreoffice, built_toulouse, tmp_path):
    first, missing, last = (tmp_path / f"{name}.pdf" for name in ("premier", "absent", "dernier"))

    with pytest.raises(ConversionError) as raised:
        pdf.convert_many(
            [
                (built_toulouse, first),
                (tmp_path / "absent.docx", missing),
                (built_toulouse, last),
            ]
        )

    assert "Erreur : absent.docx : LibreOffice n'a pas pu l'ouvrir" in str(raised.value)
    assert first.read_bytes().startswith(b"%PDF") and last.read_bytes().startswith(b"%PDF")
    assert not missing.exists()


def test_a_batch_reports_each_document_and_each_pdf_as_they_are_done(libreoffice, workspace):
    sources = []
    for name in ("toulouse", "copie"):
        sources.append(workspace / "contracts" / f"{name}.json")
        shutil.copy(TOULOUSE, sources[-1])
    built, converted = [], []

    outcomes = batch.build_many(
        sources,
        workspace / "build",
        workers=2,
        pdf=True,
        on_done=built.append,
        on_converted=lambda: converted.append(True),
    )

    assert [o.identifiant for o in built] == ["toulouse", "copie"]
    assert len(converted) == 2
    assert all(o.ok and o.pdf is not None and o.pdf.exists() for o in outcomes)


def test_a_libreoffice_that_takes_too_long_is_stopped_with_its_script(
    libreoffice, built_toulouse, tmp_path, monkeypatch
):
    monkeypatch.setattr(pdf.Converter, "BASE_SECONDS", 0.2)
    monkeypatch.setattr(pdf.Converter, "SECONDS_PER_DOCUMENT", 0.0)
    sessions = started_sessions(monkeypatch)

    with pytest.raises(ConversionError) as raised:
        pdf.convert_many([(built_toulouse, tmp_path / "toulouse.pdf")])

    assert "LibreOffice n'avait pas fini au bout de 0 s ; arrêté." in str(raised.value)
    assert not (tmp_path / "toulouse.pdf").exists()
    assert sessions, "the conversion script was not started"
    assert still_running(sessions) == []  # nothing left of the LibreOffice this test started


def still_running(sessions: list[int], grace: float = 30.0) -> list[str]:
    """The processes of ``sessions`` still alive after ``grace`` seconds: a LibreOffice that
    received SIGKILL may take a moment to exit; a zombie has exited, not yet reaped."""
    deadline = time.monotonic() + grace
    while True:
        listed = subprocess.run(
            ["ps", "-o", "stat=,args=", "-s", ",".join(map(str, sessions))],
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        running = [line for line in listed if not line.lstrip().startswith("Z")]
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.1)


def started_sessions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sessions of the conversion scripts started from now on: each runs in its own,
    with its LibreOffice, so that what this test started is told from other tests' runs."""
    sessions: list[int] = []
    popen = subprocess.Popen

    def spy(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        process = popen(*args, **kwargs)
        if kwargs.get("start_new_session"):
            sessions.append(process.pid)
        return process

    monkeypatch.setattr(pdf.subprocess, "Popen", spy)
    return sessions
