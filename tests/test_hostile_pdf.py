"""Where LibreOffice is present (it is in CI), hostile and generated contracts become PDFs.

A sample: the accepted cases of the hostile corpus (Jinja, raw XML, docxtpl's escapes,
right-to-left text, very long words, HTML in Markdown) and contracts from the property
generator, converted in one LibreOffice run. The printed text keeps what was written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from csi_gen.document import pdf
from csi_gen.document.build import build_contract
from tests.test_hostile_inputs import CASES, write_input
from tests.test_properties import contracts_with_generated_texts

PRINTED = {
    "jinja-dans-chaque-texte": "{{ 7*7 }}",
    "xml-brut-dans-chaque-texte": "<w:p><w:r><w:t>injecté</w:t></w:r></w:p> ]]>",
    "echappements-de-docxtpl-dans-chaque-texte": "{_{ x }_}",
    "html-dans-le-markdown": "<script>alert",
}


def _generated(folder: Path, count: int) -> list[Path]:
    documents: list[Path] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(contracts_with_generated_texts())
    def build(data):
        source = folder / f"genere-{len(documents)}.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        documents.append(build_contract(source, folder).docx)

    build()
    return documents[:count]


def test_a_sample_of_hostile_and_generated_contracts_converts_to_pdf(libreoffice, tmp_path):
    accepted = [case for case in CASES if case["code"] == 0]
    documents = []
    for case in accepted:
        source = tmp_path / f"{case['id']}.json"
        write_input(case, source)
        documents.append(build_contract(source, tmp_path).docx)
    with tempfile.TemporaryDirectory() as folder:
        documents += [shutil.copy(d, tmp_path) for d in _generated(Path(folder), 2)]
    pairs = [(Path(d), Path(d).with_suffix(".pdf")) for d in documents]

    pdf.convert_many(pairs)

    for _, target in pairs:
        assert target.read_bytes().startswith(b"%PDF"), target.name
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    for case_id, expected in PRINTED.items():
        text = subprocess.run(
            ["pdftotext", str(tmp_path / f"{case_id}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert expected in " ".join(text.split()), case_id
