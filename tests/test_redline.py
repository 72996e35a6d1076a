"""Word revisions between two bodies: what changed is deleted and inserted, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import docx
import pytest
from docx.document import Document
from lxml import etree

from csi_gen.compare.redline import Stamp, pair, redline
from csi_gen.document.parts import TEMPLATES_DIR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = {"w": W, "r": R}
STAMP = Stamp("csi-gen", datetime(2024, 3, 12, 9, 30, tzinfo=UTC))


def xpath(element, expression: str) -> list:
    return etree.XPath(expression, namespaces=NAMESPACES)(element)


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def document(body: str, lists: tuple[int, ...] = ()) -> Document:
    """A document of the master template whose body is ``body``; ``lists`` adds w:num ids."""
    result = docx.Document(str(TEMPLATES_DIR / "maitre.docx"))
    element = result.element.body
    for child in list(element):
        if child.tag != q("w:sectPr"):
            element.remove(child)
    parsed = etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:r="{R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">{body}</w:body>'
    )
    for position, child in enumerate(list(parsed)):
        element.insert(position, child)
    numbering = result.part.numbering_part.element
    for num_id in lists:
        numbering.append(
            etree.fromstring(
                f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="1"/></w:num>'
            )
        )
    return result


def p(text: str, style: str = "Corps", extra: str = "") -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def table(*rows: tuple[str, ...]) -> str:
    grid = "".join('<w:gridCol w:w="3000"/>' for _ in rows[0])
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{p(cell, 'TableauTexte')}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def texts(element, kind: str) -> list[str]:
    """Texts of the run-level revisions of one kind (``w:ins`` or ``w:del``), in order."""
    return [
        "".join(xpath(mark, ".//w:t/text()|.//w:delText/text()"))
        for mark in element.iter(q(f"w:{kind}"))
        if mark.getparent().tag in (q("w:p"), q("w:hyperlink"))
    ]


def compared(old_body: str, new_body: str, **lists: tuple[int, ...]) -> tuple[Document, int]:
    old = document(old_body, lists.get("old", ()))
    new = document(new_body, lists.get("new", ()))
    count = redline(old, new, STAMP)
    return new, count


def body_paragraphs(result: Document) -> list:
    return list(result.element.body.iter(q("w:p")))


def test_a_changed_word_is_one_deletion_and_one_insertion_and_the_rest_is_untouched():
    result, _ = compared(
        p("Au moins 15 policiers en 2022."),
        p("Au moins 20 policiers en 2022."),
    )

    body = result.element.body
    assert texts(body, "del") == ["15"]
    assert texts(body, "ins") == ["20"]
    paragraph = body_paragraphs(result)[0]
    visible = "".join(xpath(paragraph, ".//w:t/text()"))
    assert visible == "Au moins 20 policiers en 2022."


def test_a_paragraph_added_between_two_others_is_inserted_with_its_paragraph_mark():
    result, _ = compared(
        p("Premier.") + p("Troisième."),
        p("Premier.") + p("Deuxième, ajouté.") + p("Troisième."),
    )

    first, added, last = body_paragraphs(result)
    assert texts(added, "ins") == ["Deuxième, ajouté."]
    assert added.find("w:pPr/w:rPr/w:ins", NAMESPACES) is not None
    assert texts(first, "ins") == texts(last, "ins") == []


def test_a_paragraph_removed_is_brought_back_deleted_with_its_paragraph_mark():
    result, _ = compared(
        p("Premier.") + p("Deuxième, retiré.") + p("Troisième."),
        p("Premier.") + p("Troisième."),
    )

    removed = body_paragraphs(result)[1]
    assert texts(removed, "del") == ["Deuxième, retiré."]
    assert removed.find("w:pPr/w:rPr/w:del", NAMESPACES) is not None
    assert removed.find(".//w:t", NAMESPACES) is None


def test_a_rewritten_paragraph_is_removed_then_added_rather_than_mixed_word_by_word():
    result, _ = compared(
        p("Premier.") + p("La Ville conclut une convention avec le parquet.") + p("Fin."),
        p("Premier.") + p("Une maison de la justice ouvre au Mirail en 2022.") + p("Fin."),
    )

    paragraphs = body_paragraphs(result)
    assert len(paragraphs) == 4
    assert texts(paragraphs[1], "del") == ["La Ville conclut une convention avec le parquet."]
    assert texts(paragraphs[2], "ins") == ["Une maison de la justice ouvre au Mirail en 2022."]


def test_text_made_bold_is_a_formatting_change_not_a_deletion():
    bold = (
        '<w:p><w:pPr><w:pStyle w:val="Corps"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Le maire </w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">réunit</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> le conseil.</w:t></w:r></w:p>'
    )

    result, _ = compared(p("Le maire réunit le conseil."), bold)

    body = result.element.body
    assert texts(body, "del") == texts(body, "ins") == []
    changed = body.findall(".//w:rPr/w:rPrChange/..", NAMESPACES)
    assert len(changed) == 1
    assert changed[0].find("w:b", NAMESPACES) is not None
    run = changed[0].getparent()
    assert "".join(xpath(run, "w:t/text()")) == "réunit"


def test_a_table_row_added_is_an_inserted_row_and_a_changed_cell_shows_both_values():
    result, _ = compared(
        table(("Financeur", "Montant"), ("État", "150\u202f000 €")),
        table(("Financeur", "Montant"), ("État", "175\u202f000 €"), ("Ville", "50\u202f000 €")),
    )

    rows = result.element.body.findall(".//w:tr", NAMESPACES)
    assert len(rows) == 3
    assert rows[2].find("w:trPr/w:ins", NAMESPACES) is not None
    assert texts(rows[2], "ins") == ["Ville", "50\u202f000 €"]
    assert rows[1].find("w:trPr/w:ins", NAMESPACES) is None
    assert texts(rows[1], "del") == ["150\u202f000"]
    assert texts(rows[1], "ins") == ["175\u202f000"]


def test_a_table_row_removed_is_a_deleted_row():
    result, _ = compared(
        table(("Financeur", "Montant"), ("État", "150 000 €"), ("Ville", "50 000 €")),
        table(("Financeur", "Montant"), ("État", "150 000 €")),
    )

    rows = result.element.body.findall(".//w:tr", NAMESPACES)
    assert rows[2].find("w:trPr/w:del", NAMESPACES) is not None
    assert texts(rows[2], "del") == ["Ville", "50 000 €"]


def test_a_removed_list_item_stays_in_the_list_of_the_later_document():
    def item(text: str, num: int) -> str:
        numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        return p(text, "ListePuces", numbering)

    result, _ = compared(
        item("un", 10) + item("deux", 10) + item("trois", 10),
        item("un", 12) + item("trois", 12),
        old=(10,),
        new=(12,),
    )

    removed = body_paragraphs(result)[1]
    assert texts(removed, "del") == ["deux"]
    assert removed.find("w:pPr/w:numPr/w:numId", NAMESPACES).get(q("w:val")) == "12"


def test_a_removed_list_keeps_its_own_list_definition():
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="10"/></w:numPr>'

    result, _ = compared(
        p("Avant.") + p("seul élément", "ListePuces", numbered),
        p("Avant."),
        old=(10,),
    )

    removed = body_paragraphs(result)[1]
    num_id = removed.find("w:pPr/w:numPr/w:numId", NAMESPACES).get(q("w:val"))
    numbering = result.part.numbering_part.element
    definition = numbering.find(f"w:num[@w:numId='{num_id}']", NAMESPACES)
    assert definition is not None
    assert definition.find("w:abstractNumId", NAMESPACES).get(q("w:val")) == "1"


def test_a_removed_chart_becomes_a_deleted_mention_without_a_relationship():
    chart = (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:drawing><wp:inline>'
        '<wp:extent cx="100" cy="100"/><wp:docPr id="5001" name="Graphique" '
        'descr="Cambriolages (faits constatés)"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart r:id="rId42"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )

    result, _ = compared(p("Avant.") + chart, p("Avant."))

    removed = body_paragraphs(result)[1]
    assert texts(removed, "del") == ["[graphique : Cambriolages (faits constatés)]"]
    assert not xpath(removed, ".//@r:id")


def test_a_renumbered_table_of_contents_bookmark_is_not_a_change():
    def entry(bookmark: str) -> str:
        return (
            '<w:p><w:pPr><w:pStyle w:val="TOC3"/></w:pPr>'
            f'<w:hyperlink w:anchor="{bookmark}"><w:r><w:t>Article 3 – Durée</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
        )

    result, count = compared(entry("_Toc000003") + p("Fin."), entry("_Toc000004") + p("Fin."))

    assert count == 0
    assert xpath(result.element.body, "//w:hyperlink/@w:anchor") == ["_Toc000004"]


def test_identical_bodies_get_no_revision():
    body = p("Premier.") + table(("A", "B"), ("1", "2")) + p("Fin.")

    result, count = compared(body, body)

    assert count == 0
    assert not xpath(result.element.body, "//w:ins|//w:del")


def test_every_revision_is_signed_dated_and_numbered_once():
    bookmark = '<w:bookmarkStart w:id="7" w:name="_Toc000007"/><w:bookmarkEnd w:id="7"/>'
    old = p("Un texte ancien.") + p("Retiré.") + table(("A", "1"))
    new = (
        p("Un texte nouveau.").replace("</w:p>", f"{bookmark}</w:p>")
        + table(("A", "1"), ("B", "2"))
        + p("Ajouté.")
    )

    result, count = compared(old, new)

    marks = xpath(result.element.body, "//w:ins|//w:del|//w:rPrChange|//w:pPrChange")
    assert len(marks) == count > 0
    assert {m.get(q("w:author")) for m in marks} == {"csi-gen"}
    assert {m.get(q("w:date")) for m in marks} == {"2024-03-12T09:30:00Z"}
    ids = [int(m.get(q("w:id"))) for m in marks]
    assert len(set(ids)) == len(ids)
    assert min(ids) > 7


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["a b c d"], ["a b c e"], [(0, 0)]),
        (["a b c d", "x y z"], ["x y z w"], [(0, None), (1, 0)]),
        ([], ["n"], [(None, 0)]),
        (["o"], [], [(0, None)]),
    ],
)
def test_blocks_that_differ_are_paired_by_similarity_in_order(old, new, expected):
    def similarity(a, b) -> float:
        left, right = set(a.text.split()), set(b.text.split())
        return len(left & right) / max(len(left | right), 1)

    def elements(values):
        result = []
        for value in values:
            element = etree.Element("x")
            element.text = value
            result.append(element)
        return result

    olds, news = elements(old), elements(new)

    pairs = pair(olds, news, similarity)

    index = {id(e): i for i, e in enumerate(olds)} | {id(e): i for i, e in enumerate(news)}
    assert [
        (None if o is None else index[id(o)], None if n is None else index[id(n)]) for o, n in pairs
    ] == expected
