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
