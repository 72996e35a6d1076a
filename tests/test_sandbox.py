"""Templates run in a sandbox: a tag reads the contract's data and nothing else.

Each test copies templates/ to a temporary folder, writes one tag into a part's
word/document.xml, and renders the Toulouse contract with that folder. The error names
the template and the paragraph as a jurist counts them in Word, and quotes the paragraph.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from csi_gen.contract.validation import load
from csi_gen.document.assembly import render_document
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.errors import TemplateError
from csi_gen.versioning import UNVERSIONED
from tests.conftest import TOULOUSE

SANDBOX = (
    "est interdit dans un modèle (bac à sable) ; seules les données du contrat sont accessibles"
)


def templates_with(folder: Path, part: str, old: str, new: str) -> Path:
    """A copy of the templates where ``old`` becomes ``new`` in one part's document.xml."""
    directory = folder / "modeles"
    shutil.copytree(TEMPLATES_DIR, directory)
    path = directory / f"{part}.docx"
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert old in xml
    members["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return directory


def with_paragraph(folder: Path, text: str, last: bool = False) -> Path:
    """The templates, with a first paragraph holding ``text`` in visas.docx (or a last one)."""
    paragraph = f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    if last:
        return templates_with(folder, "visas", "<w:sectPr>", paragraph + "<w:sectPr>")
    return templates_with(folder, "visas", "<w:body>", "<w:body>" + paragraph)


@pytest.fixture(scope="module")
def toulouse():
    contrat, _ = load(TOULOUSE)
    return contrat


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("tag", "attribute"),
    [
        ("{{ ''.__class__ }}", "__class__"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
        ("{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}", "__class__"),
        ("{{ intitule|attr('__class__') }}", "__class__"),
        ("{{ lipsum.__globals__ }}", "__globals__"),
        ("{{ cycler.__init__.__globals__.os }}", "__init__"),
        ("{{ visas.append('Vu rien') }}", "append"),
    ],
)
def test_a_template_reaching_beyond_the_data_fails_naming_the_template_and_paragraph(
    tag, attribute, toulouse, in_tmp
):
    directory = with_paragraph(in_tmp, f"Texte : {tag}")

    with pytest.raises(TemplateError) as error:
        render_document(toulouse, UNVERSIONED, directory)

    assert str(error.value) == (
        f"Erreur : le modèle modeles/visas.docx, paragraphe 1 : l'accès à « {attribute} » "
        f"{SANDBOX}\n  paragraphe : « Texte : {tag} »"
    )


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ("{{ 1/0 }}", "division par zéro dans une balise"),
        (
            "{{ range(10**9)|list }}",
            "boucle trop longue dans une balise (bac à sable : 100 000 tours au plus)",
        ),
        (
            "{{ 1 + 'a' }}",
            "opération impossible dans une balise (TypeError : unsupported operand type(s) "
            "for +: 'int' and 'str')",
        ),
        ("{{ inconnu }}", "variable inconnue « inconnu »"),
    ],
)
def test_a_failing_tag_is_a_french_error_naming_the_template_not_a_traceback(
    tag, reason, toulouse, in_tmp
):
    directory = with_paragraph(in_tmp, f"Texte : {tag}")

    with pytest.raises(TemplateError) as error:
        render_document(toulouse, UNVERSIONED, directory)

    assert str(error.value) == (
        f"Erreur : le modèle modeles/visas.docx, paragraphe 1 : {reason}\n"
        f"  paragraphe : « Texte : {tag} »"
    )


def test_a_tag_left_open_is_refused_rather_than_deleting_its_paragraph(toulouse, in_tmp):
    # docxtpl would look for « }} » in the next paragraph and remove what lies between:
    # the visas would vanish from the contract without a word.
    directory = templates_with(in_tmp, "visas", "Vu {{ visa }}", "Vu {{ visa")

    with pytest.raises(TemplateError) as error:
        render_document(toulouse, UNVERSIONED, directory)

    assert str(error.value) == (
        "Erreur : le modèle modeles/visas.docx, paragraphe 2, a une balise invalide : balise "
        "non fermée dans le paragraphe (« {{ visa\u202f; »)\n  paragraphe : « Vu {{ visa\u202f; »"
    )


def test_a_syntax_error_names_the_paragraph_as_counted_in_word(toulouse, in_tmp):
    directory = with_paragraph(in_tmp, "Fin {{ x y }}")

    with pytest.raises(TemplateError) as error:
        render_document(toulouse, UNVERSIONED, directory)

    assert str(error.value) == (
        "Erreur : le modèle modeles/visas.docx, paragraphe 1, a une balise invalide : balise "
        "mal formée (expected token 'end of print statement', got 'y')\n"
        "  paragraphe : « Fin {{ x y }} »"
    )


def test_an_error_in_the_last_paragraph_of_a_part_names_that_part_not_the_next(toulouse, in_tmp):
    # The marker of the next part ends the same line of Jinja source as this paragraph.
    directory = with_paragraph(in_tmp, "Texte : {{ inconnu }}", last=True)

    with pytest.raises(TemplateError) as error:
        render_document(toulouse, UNVERSIONED, directory)

    assert "modeles/visas.docx" in str(error.value)
    assert "preambule" not in str(error.value)
