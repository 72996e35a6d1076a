"""PDF through LibreOffice: the table of contents gets its page numbers."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from csi_gen import pdf


def test_the_pdf_table_of_contents_lists_the_articles_with_page_numbers(
    libreoffice, built_toulouse, tmp_path
):
    target = pdf.convert_to_pdf(built_toulouse, tmp_path / "toulouse.pdf")

    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Article 1er – Objet du contrat\.+\s*\d+", text)
    assert re.search(r"Annexe 6 – Mesures de la circulaire.*\.+\s*\d+", text)


def test_the_intercommunal_contract_converts_too(libreoffice, built_metropole, tmp_path):
    target = pdf.convert_to_pdf(built_metropole, tmp_path / "metropole.pdf")

    assert target.stat().st_size > 10_000


def test_the_diagnostic_charts_group_thousands_the_french_way(
    libreoffice, built_toulouse, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a profile made afresh

    target = pdf.convert_to_pdf(built_toulouse, tmp_path / "toulouse.pdf")

    text = _pdf_text(target)
    assert len(re.findall(r"\b6[\u00a0\u202f ]820\b", text)) == 2  # the table and the chart
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
