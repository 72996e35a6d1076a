"""The jurists own the words: templates/ is the source, and survives a save in LibreOffice.

A jurist opens a template in Word or LibreOffice, changes a sentence, saves: the contract
must build from it, with the new words, and Word must open every file without repairing
it. Word is not available here: ``tests/docx_check`` (the shared checker) stands in for it.
"""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from csi_gen.contract.validation import validate
from csi_gen.document import adapter
from csi_gen.document.assembly import render_document
from csi_gen.document.packaging import to_bytes
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.errors import TemplateError
from csi_gen.versioning import UNVERSIONED
from tests.conftest import FIXTURES, METROPOLE, TOULOUSE
from tests.docx_reading import visible_text
from tests.word import refused_by_word

TEMPLATES = sorted(TEMPLATES_DIR.glob("*.docx"))
FIXTURE_CONTRACTS = [TOULOUSE, METROPOLE, *sorted((FIXTURES / "contrats").glob("*.json"))]


def build(contract: Path, templates: Path, target: Path) -> Path:
    document = render_document(validate(contract).contrat, UNVERSIONED, templates)
    target.write_bytes(to_bytes(document))
    return target


def without_field_results(text: str) -> str:
    """A footer's text without the page numbers that LibreOffice recomputes on saving."""
    return text.replace("Page 0 / 1", "Page 1 / 1")


# --- Word's strictness ---------------------------------------------------------------------------


def test_word_opens_every_template_without_repairing_it():
    assert refused_by_word(*TEMPLATES) == []


def test_word_opens_every_contract_and_fixture_without_repairing_it(tmp_path):
    built = [
        build(c, TEMPLATES_DIR, tmp_path / f"{c.stem}.docx")
        for c in dict.fromkeys(FIXTURE_CONTRACTS)
    ]

    assert refused_by_word(*built) == []


# --- A jurist's save, and a jurist's edit, in LibreOffice --------------------------------------------


@pytest.fixture(scope="module")
def resaved(libreoffice, tmp_path_factory) -> Path:
    """Every template opened in LibreOffice and saved back as .docx, unchanged."""
    from tests.uno_jurist import resave

    folder = tmp_path_factory.mktemp("enregistres")
    # Opened from a copy: LibreOffice leaves lock files beside what it opens, which a test
    # copying templates/ at that moment would fail to copy.
    sources = tmp_path_factory.mktemp("sources")
    for template in TEMPLATES:
        shutil.copy(template, sources)
    resave([(sources / t.name, folder / t.name) for t in TEMPLATES], {})
    return folder


def test_templates_saved_by_libreoffice_build_the_same_contracts(resaved, tmp_path):
    for contract in (TOULOUSE, METROPOLE):
        original = build(contract, TEMPLATES_DIR, tmp_path / f"{contract.stem}-origine.docx")
        after_save = build(contract, resaved, tmp_path / f"{contract.stem}-enregistre.docx")

        assert visible_text(after_save) == visible_text(original)
        for part in ("word/header1.xml", "word/footer1.xml"):
            assert without_field_results(visible_text(after_save, part)) == visible_text(
                original, part
            )
        assert refused_by_word(after_save, *sorted(resaved.glob("*.docx"))) == []


def test_libreoffice_really_renamed_the_styles(resaved):
    # The point of the test above: LibreOffice derives style ids from the names.
    import zipfile

    styles = zipfile.ZipFile(resaved / "maitre.docx").read("word/styles.xml").decode()
    assert 'w:styleId="Corpsducontrat"' in styles
    assert 'w:styleId="Corps"' not in styles


def test_a_jurists_edit_in_libreoffice_is_in_the_contract(libreoffice, tmp_path):
    from tests.uno_jurist import resave

    folder = tmp_path / "modeles"
    shutil.copytree(TEMPLATES_DIR, folder)
    edits = {
        "dispositions-finales.docx": [
            {
                "remplacer": [
                    "moyennant un préavis de trois mois",
                    "moyennant un préavis de six mois",
                ]
            }
        ],
        "volets.docx": [
            {
                "apres": "dans les termes suivants.",
                "paragraphe": "Les engagements ci-dessous sont suivis par le comité de pilotage.",
                "style": "Corps du contrat",
            }
        ],
    }
    sources = tmp_path / "sources"  # a copy: LibreOffice leaves lock files beside what it opens
    sources.mkdir()
    for name in edits:
        shutil.copy(TEMPLATES_DIR / name, sources)
    resave([(sources / name, folder / name) for name in edits], edits)

    text = visible_text(build(TOULOUSE, folder, tmp_path / "toulouse.docx"))

    assert "moyennant un préavis de six mois" in text
    assert "préavis de trois mois" not in text
    assert text.count("Les engagements ci-dessous sont suivis par le comité de pilotage.") == (
        text.count("dans les termes suivants.")
    )


def test_a_style_missing_from_the_master_is_named(tmp_path):
    import zipfile

    folder = tmp_path / "modeles"
    shutil.copytree(TEMPLATES_DIR, folder)
    master = folder / "maitre.docx"
    members = {n: zipfile.ZipFile(master).read(n) for n in zipfile.ZipFile(master).namelist()}
    members["word/styles.xml"] = members["word/styles.xml"].replace(
        b'w:val="Visa"', b'w:val="Visa renomm\xc3\xa9"'
    )
    with zipfile.ZipFile(master, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    with pytest.raises(TemplateError) as error:
        build(TOULOUSE, folder, tmp_path / "toulouse.docx")

    assert "/visas.docx emploie le style « Visa », absent du modèle maître maitre.docx ; " in str(
        error.value
    )


# --- A jurist's mistake cannot hang the machine -------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        (
            "{{ 'a' * 10**9 }}",
            "une balise répète un texte ou une liste au-delà de 1\u202f000\u202f000 caractères "
            "ou éléments",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "la génération dépasse 5 secondes : une boucle trop longue ou sans fin",
        ),
    ],
)
def test_a_runaway_tag_stops_with_a_french_error_naming_the_template(
    tag, reason, tmp_path, monkeypatch
):
    from tests.test_sandbox import with_paragraph

    monkeypatch.setenv("CSI_GEN_DELAI_MODELES", "5")  # a loaded machine renders in under 5 s
    monkeypatch.chdir(tmp_path)
    directory = with_paragraph(tmp_path, f"Texte : {tag}")

    with pytest.raises(TemplateError) as error:
        build(TOULOUSE, directory, tmp_path / "toulouse.docx")

    assert str(error.value).startswith(
        "Erreur : le modèle modeles/visas.docx, paragraphe 1 : " + reason
    )


def test_a_document_that_grows_beyond_bounds_stops(tmp_path, monkeypatch):
    from tests.test_sandbox import with_paragraph

    monkeypatch.setattr(adapter, "MAX_OUTPUT", 2_000_000)
    monkeypatch.chdir(tmp_path)
    directory = with_paragraph(
        tmp_path, "{% for i in range(100000) %}Une ligne répétée par erreur. {% endfor %}"
    )

    with pytest.raises(TemplateError) as error:
        build(TOULOUSE, directory, tmp_path / "toulouse.docx")

    assert "le document dépasse 2 millions de caractères" in str(error.value)
    assert "modeles/visas.docx" in str(error.value)


# --- The adapter relies on docxtpl's internals: it says so when they change ----------------------------


def test_core_properties_keep_their_namespace_when_docxcompose_is_installed():
    """docxcompose (a benchmark extra) rebinds python-docx's « cp » prefix when docxtpl
    imports it; Word refuses a core.xml written with the wrong namespace."""
    pytest.importorskip("docxcompose")
    import docx.oxml.ns

    assert docx.oxml.ns.nsmap["cp"] == adapter.CORE_PROPERTIES


def test_docxtpl_still_has_what_the_adapter_relies_on():
    for name in adapter.RELIED_ON:
        assert callable(getattr(DocxTemplate, name, None)), f"docxtpl n'a plus {name}"
    assert list(inspect.signature(DocxTemplate.render_xml_part).parameters) == [
        "self",
        "src_xml",
        "part",
        "context",
        "jinja_env",
    ]
    assert list(inspect.signature(DocxTemplate.build_xml).parameters) == [
        "self",
        "context",
        "jinja_env",
    ]
    steps = ("build_xml", "fix_tables", "fix_docpr_ids", "map_tree", "build_headers_footers_xml")
    source = inspect.getsource(DocxTemplate.render)
    for step in (*steps, "render_properties"):
        assert f"self.{step}(" in source, f"DocxTemplate.render n'appelle plus {step}"
    headers = inspect.getsource(DocxTemplate.build_headers_footers_xml)
    assert "self.render_xml_part(" in headers


# --- csi-gen modeles: the templates checked, and their reference ---------------------------------------


def test_modeles_finds_nothing_wrong_in_the_templates():
    from typer.testing import CliRunner

    from csi_gen.cli import app

    result = CliRunner().invoke(app, ["modeles"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{len(TEMPLATES)} modèles vérifiés : aucun problème.\n"


def test_an_unknown_variable_names_the_template_the_paragraph_and_the_tag(tmp_path, monkeypatch):
    from csi_gen.document.checker import check
    from tests.test_sandbox import templates_with

    monkeypatch.chdir(tmp_path)
    directory = templates_with(tmp_path, "volets", "{{ e.titre }}", "{{ e.titres }}")
    directory = templates_with(
        tmp_path / "b", "parties", "{{ designation(c)|majuscule }}", "{{ territoir.nom }}"
    )

    found = [str(f) for f in check(directory)]

    assert found == [
        "b/modeles/parties.docx, paragraphe 11 : variable inconnue « territoir »\n"
        "  balise : {{ territoir.nom }}\n"
        "  vouliez-vous dire « territoire » ?"
    ]


def test_modeles_exits_1_on_a_field_the_context_does_not_have(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from csi_gen.cli import app
    from csi_gen.document import parts
    from tests.test_sandbox import templates_with

    monkeypatch.chdir(tmp_path)
    directory = templates_with(tmp_path, "volets", "{{ e.titre }}", "{{ e.titres }}")
    monkeypatch.setattr(parts, "TEMPLATES_DIR", directory)

    result = CliRunner().invoke(app, ["modeles", "volets"])

    assert result.exit_code == 1
    assert result.stderr.startswith(
        "modeles/volets.docx, paragraphe 26 : « titres » n'existe pas dans « e »\n"
        "  balise : {{ e.titres }}\n"
        "  vouliez-vous dire « titre » ?\n"
    )
    assert "1 problème dans les modèles" in result.stderr


def test_modeles_exits_2_on_an_unknown_template():
    from typer.testing import CliRunner

    from csi_gen.cli import app

    result = CliRunner().invoke(app, ["modeles", "volet"])

    assert result.exit_code == 2
    assert "modèle inconnu « volet »" in result.stderr
    assert "vouliez-vous dire « volets » ?" in result.stderr


def test_docs_modeles_md_is_in_step_with_the_context():
    from csi_gen.document import reference
    from tests.conftest import ROOT

    committed = (ROOT / "docs" / "modeles.md").read_text(encoding="utf-8")

    assert committed == reference.render(reference.toulouse_context(ROOT)), (
        "lancez « csi-gen modeles --doc » et validez docs/modeles.md"
    )


def test_every_field_of_the_context_is_described():
    import dataclasses

    from csi_gen.document import (
        context,
        context_annexes,
        context_engagements,
        context_front,
        context_parties,
        context_places,
    )

    modules = (context, context_places, context_parties, context_front, context_engagements)
    for module in (*modules, context_annexes):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                assert value.__doc__, value
                for field in dataclasses.fields(value):
                    assert field.metadata.get("doc"), f"{value.__name__}.{field.name}"
