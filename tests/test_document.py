"""The generated contract, read back with python-docx: structure, content, fidelity."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from collections import defaultdict
from decimal import Decimal

import docx
import pytest

from csi_gen import catalogue, geography, grammar, markdown_text
from csi_gen.contract.validation import load
from csi_gen.document.build import build_contract
from csi_gen.errors import InvalidContractError
from csi_gen.formatting import euros as format_euros
from tests.conftest import TOULOUSE
from tests.docx_reading import body_text, euros, headings, paragraphs, parts_text, plain, tables

VOLET_HEADINGS = [
    "Chapitre Ier – Volet sécurité intérieure",
    "Chapitre II – Volet justice",
    "Chapitre III – Volet prévention de la délinquance",
    "Chapitre IV – Volet mineurs",
    "Chapitre V – Volet éducation",
    "Chapitre VI – Volet radicalisation et séparatisme",
    "Chapitre VII – Volet transport",
    "Chapitre VIII – Volet politique de la ville",
]


def test_every_volet_is_a_chapter_in_the_circulars_order(built_toulouse):
    assert [plain(h) for h in headings(built_toulouse, "Chapitre")] == VOLET_HEADINGS


def test_articles_are_numbered_from_1er_without_gaps(built_toulouse):
    numbers = [
        re.match(r"Article (\d+)(?:er)? – ", plain(h)).group(1)
        for h in headings(built_toulouse, "Article")
    ]

    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert plain(headings(built_toulouse, "Article")[0]) == "Article 1er – Objet du contrat"


def test_each_volet_has_the_engagements_of_both_parties(built_toulouse):
    articles = [plain(h) for h in headings(built_toulouse, "Article")]

    assert sum("Engagements de l'État" in a for a in articles) == 8
    assert sum("Engagements de la Ville" in a for a in articles) == 8


def test_every_retained_engagement_is_in_the_body(built_toulouse):
    contrat, _ = load(TOULOUSE)
    text = body_text(built_toulouse)

    for engagement in contrat.engagements:
        if not engagement.retenue:
            continue
        assert engagement.texte, engagement.titre  # a signed contract: every text written
        for line in markdown_text.plain_text(engagement.texte).splitlines():
            assert line in text, engagement.titre
    assert "[à compléter]" not in text


def test_every_measure_of_the_circular_is_in_the_note_marked_socle(built_toulouse):
    note = built_toulouse.with_name("toulouse-note.docx")
    rows = {row[0]: row for table in tables(note) for row in table if row}

    for mesure in catalogue.mesures():
        assert mesure.id in rows
        assert (rows[mesure.id][2] == "socle") is mesure.socle


def test_financing_totals_are_the_sums_of_their_lines(built_toulouse):
    all_tables = tables(built_toulouse)
    lines_table = next(t for t in all_tables if t[0][:2] == ["Engagement", "Financeur"])
    by_funder_table = next(t for t in all_tables if t[0][:2] == ["Financeur", "Montants ponctuels"])
    by_year_table = next(t for t in all_tables if t[0] == ["Année", "Montant"])
    lines = [row for row in lines_table[1:] if not row[1].endswith("(à solliciter)")]
    funders: dict[str, Decimal] = defaultdict(Decimal)
    years: dict[str, Decimal] = defaultdict(Decimal)
    for row in lines:
        amount = euros(row[4].split("(")[0])  # « 200 000 € (20 % du coût total) »
        funders[row[1]] += amount
        years[row[3]] += amount
    total = sum(funders.values())

    assert len(lines) < len(lines_table) - 1  # the CAF's line is to be sought: not counted
    assert {r[0]: euros(r[1]) for r in by_funder_table[1:-1]} == funders
    assert {r[0]: euros(r[1]) for r in by_year_table[1:]} == years
    assert euros(by_funder_table[-1][1]) == total
    assert f"s'élèvent au total à {plain(format_euros(total))}" in body_text(built_toulouse)


def test_no_template_tag_is_left_in_any_part(built_toulouse):
    for name, xml in parts_text(built_toulouse).items():
        assert "{{" not in xml and "{%" not in xml and "{#" not in xml, name


def test_the_table_of_contents_lists_every_heading(built_toulouse):
    items = [(s, plain(t)) for s, t in paragraphs(built_toulouse) if s and s.startswith("TOC")]
    numbered = [
        plain(t)
        for s, t in paragraphs(built_toulouse)
        if s in ("TitreCSI", "Chapitre", "Article", "Annexe")
    ]

    assert [t for _, t in items] == numbered
    assert "TOC \\o" in parts_text(built_toulouse)["word/document.xml"]


def test_header_footer_and_properties_carry_title_pages_and_version(built_toulouse):
    parts = parts_text(built_toulouse)
    header = next(x for n, x in parts.items() if n.startswith("word/header"))
    footer = next(x for n, x in parts.items() if n.startswith("word/footer"))
    properties = docx.Document(str(built_toulouse)).core_properties

    assert "Contrat de sécurité intégrée de Toulouse" in header
    assert " PAGE " in footer and " NUMPAGES " in footer
    footer_text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert "version" not in footer_text.lower() and "Projet" not in footer_text  # signed
    assert properties.title == "Contrat de sécurité intégrée de Toulouse"
    assert properties.language == "fr-FR"
    assert properties.subject == "Contrat de sécurité intégrée – Toulouse – 2020-2026"
    assert "PROJET" not in header


def test_the_signature_page_names_place_date_copies_and_signatories(built_toulouse):
    text = body_text(built_toulouse)

    assert "Fait à Toulouse, le 9 octobre 2020, en deux exemplaires originaux." in text
    assert "Le Premier ministre," in text and "Jean CASTEX" in text
    assert "Pour la Ville de Toulouse,\nle maire," in text and "Jean-Luc MOUDENC" in text
    assert (
        "Le présent contrat a été approuvé par délibération du conseil municipal de Toulouse n° 11.1 du 11 décembre 2020."
        in text
    )


def test_amounts_are_in_figures_and_in_words(built_toulouse):
    text = body_text(built_toulouse)

    assert "200 000 € (deux cent mille euros)" in text


def test_two_builds_are_byte_identical(tmp_path):
    source = tmp_path / "toulouse.json"
    shutil.copy(TOULOUSE, source)

    first = build_contract(source, tmp_path / "a").docx.read_bytes()
    second = build_contract(source, tmp_path / "b").docx.read_bytes()

    assert first == second


def test_special_characters_reach_the_document_unchanged(toulouse_copy, write_contract, tmp_path):
    special = "Dupont & Fils <équipe> « ville sûre » 🚓 {{ x }} {_{ y }_} R&D ]]> <w:p/>"
    toulouse_copy["titre"] = f"Contrat {special}"
    toulouse_copy["volets"]["mineurs"]["engagements"][0]["intitule"] = special
    toulouse_copy["volets"]["mineurs"]["engagements"][0]["texte"] = special
    toulouse_copy["parties"]["partenaires"][0]["nom"] = special

    built = build_contract(write_contract(toulouse_copy), tmp_path / "build").docx

    text = body_text(built)
    assert text.count(plain(special)) >= 4
    header = next(x for n, x in parts_text(built).items() if n.startswith("word/header"))
    assert "Dupont &amp; Fils &lt;équipe&gt;" in header
    assert docx.Document(str(built)).core_properties.title == f"Contrat {special}"


def test_a_projet_is_marked_projet(built_metropole):
    parts = parts_text(built_metropole)
    header = next(x for n, x in parts.items() if n.startswith("word/header"))

    assert "PROJET" in header
    assert 'string="PROJET"' in header  # the watermark
    assert "PROJET" in body_text(built_metropole)  # on the cover


def test_an_intercommunal_contract_names_every_commune_mayor_and_the_epci(
    built_metropole, metropole_data
):
    text = body_text(built_metropole)
    epci = metropole_data["territoire"]["epci"]["nom"]

    assert "comprend les trois communes suivantes" in text
    for commune in metropole_data["territoire"]["communes"]:
        assert f"{commune['nom']} (code INSEE {commune['code_insee']}" in text
        official = geography.commune(commune["code_insee"])
        de = grammar.de_lieu(grammar.Lieu(official.nom, official.tncc), insecable=False)
        assert "Pour la commune " + de.replace("’", "'") + "," in text
    assert f"Pour la {epci}," in text  # the article its name takes: « la Métropole du … »
    assert "Engagements des collectivités" in text


def test_a_failed_build_leaves_the_previous_document_intact(
    toulouse_copy, write_contract, tmp_path
):
    path = write_contract(toulouse_copy)
    output = tmp_path / "build"
    first = build_contract(path, output).docx
    before = first.read_bytes()
    path.write_text('{"statut": ', encoding="utf-8")

    with pytest.raises(InvalidContractError):
        build_contract(path, output)

    assert first.read_bytes() == before
    assert sorted(p.name for p in output.iterdir()) == [f"{first.stem}-note.docx", first.name]


def test_a_contract_title_of_its_own_is_on_the_cover(toulouse_copy, write_contract, tmp_path):
    toulouse_copy["titre"] = "Avenant n° 1 au contrat de sécurité intégrée de Toulouse"

    built = build_contract(write_contract(toulouse_copy), tmp_path / "build").docx

    cover = [text for style, text in paragraphs(built) if style == "CouverturePeriode"]
    assert plain(cover[0]) == "Avenant n° 1 au contrat de sécurité intégrée de Toulouse"


# --- The diagnostic's charts: one per unit of measure --------------------------------------------


def _chart_parts(path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        names = sorted(
            (n for n in package.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        return [package.read(n).decode("utf-8") for n in names]


def test_series_counted_in_the_same_unit_share_one_chart_with_a_legend(built_toulouse):
    charts = _chart_parts(built_toulouse)

    series = [
        [
            plain(html.unescape(name))
            for name in re.findall(r"<c:tx><c:strRef>.*?<c:v>(.*?)</c:v>", c)
        ]
        for c in charts
    ]
    assert series == [
        [
            "Atteintes volontaires à l'intégrité physique",
            "Cambriolages de logements",
            "Vols violents sans arme",
            "Infractions à la législation sur les stupéfiants",
        ],
        ["Policiers municipaux en poste au 31 décembre"],
        ["Caméras de vidéoprotection en service au 31 décembre"],
    ]
    assert "<c:legend>" in charts[0] and "<c:dLbls>" not in charts[0]
    assert "<c:legend>" not in charts[1] and '<c:showVal val="1"/>' in charts[1]


def test_each_chart_has_its_caption_and_its_series_comments(built_toulouse):
    captions = [plain(text) for style, text in paragraphs(built_toulouse) if style == "Legende"]

    assert (
        "Faits constatés, de 2015 à 2019. Sources : SSMSI, base communale de la délinquance "
        "enregistrée ; Direction départementale de la sécurité publique de la Haute-Garonne."
    ) in captions
    assert (
        "Atteintes volontaires à l'intégrité physique – Hausse d'environ 19 % en quatre ans."
        in captions
    )
    table_sources = next(c for c in captions if c.startswith("Sources : "))
    assert "enregistrée ; Direction départementale" in table_sources  # « ; » spaced
    assert any(
        c.startswith("Policiers municipaux en poste au 31 décembre (agents). Source :")
        for c in captions
    )


def test_a_year_missing_from_one_series_is_a_gap_in_its_chart(
    toulouse_copy, write_contract, tmp_path
):
    indicateurs = toulouse_copy["diagnostic"]["indicateurs"]
    del indicateurs[1]["valeurs"]["2016"]  # cambriolages, same unit as the first series

    built = build_contract(write_contract(toulouse_copy), tmp_path / "build").docx

    first = _chart_parts(built)[0]
    values = re.findall(r"<c:val>.*?</c:val>", first)
    assert len(values) == 4
    assert re.findall(r'<c:pt idx="(\d)">', values[1]) == ["0", "2", "3", "4"]
    assert '<c:ptCount val="5"/>' in values[1]


def test_one_source_is_introduced_in_the_singular(built_metropole):
    captions = [plain(text) for style, text in paragraphs(built_metropole) if style == "Legende"]

    assert "Source : Données fictives." in captions
    assert not any(c.startswith("Sources : Données fictives") for c in captions)


def test_ordinals_are_raised_and_never_in_capitals(built_toulouse):
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(built_toulouse).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    raised = [
        r
        for r in root.iter(f"{w}r")
        if r.find(f"{w}rPr/{w}vertAlign[@{w}val='superscript']") is not None
    ]
    headings = {
        "".join(t.text or "" for t in p.iter(f"{w}t")): p
        for p in root.iter(f"{w}p")
        if p.find(f"{w}pPr/{w}pStyle[@{w}val='TitreCSI']") is not None
        or p.find(f"{w}pPr/{w}pStyle[@{w}val='Article']") is not None
    }

    assert raised and all(r.find(f"{w}rPr/{w}caps[@{w}val='0']") is not None for r in raised)
    for heading in (
        "Titre Ier\u00a0– Dispositions générales",
        "Article 1er\u00a0– Objet du contrat",
    ):
        suffixes = [r for r in raised if r.getparent() is headings[heading]]
        assert ["".join(t.text for t in r.iter(f"{w}t")) for r in suffixes] == ["er"]


def test_no_heading_is_empty(built_toulouse, built_metropole):
    # An empty heading is an empty entry of the PDF's outline and of its tags.
    for document in (built_toulouse, built_metropole):
        for style, text in paragraphs(document):
            if style in ("TitreCSI", "Chapitre", "Article", "Annexe", "TitreSommaire"):
                assert text.strip(), f"titre vide ({style}) dans {document.name}"


def test_a_column_of_figures_is_as_wide_as_its_widest_figure(built_toulouse):
    # « 48 000 » holds a no-break space: it is one word, which a column must not cut
    import docx

    from csi_gen.document.tables import PADDING, text_width

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    table = next(
        t
        for t in docx.Document(str(built_toulouse)).tables
        if t.rows[0].cells[0].text == "Objectif"
    )
    grid = [int(c.get(f"{w}w")) for c in table._tbl.find(f"{w}tblGrid").findall(f"{w}gridCol")]
    columns = [[row.cells[i].text for row in table.rows[1:]] for i in range(1, len(grid))]

    assert "48\u202f000" in columns[3]
    for width, figures in zip(grid[1:], columns, strict=True):
        assert width >= max(text_width(f) for f in figures) + PADDING
