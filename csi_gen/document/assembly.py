"""From the model to the rendered, finished document: plan the parts, give the hooks, render.

The hooks are what a template's values need from the document being built: a numbering
instance for each Markdown list, a chart part for each chart of the diagnostic, and the id
of a style known by its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.document import charts, finishing, styles
from csi_gen.document.context_annexes import ANNEX_TEMPLATES, annex_templates
from csi_gen.document.ooxml import w
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.document.rendering import ContractTemplate
from csi_gen.errors import TemplateError
from csi_gen.model import Contrat
from csi_gen.numbering import Numerotation
from csi_gen.versioning import Version

if TYPE_CHECKING:
    from csi_gen.contract.validation import Validated

if TYPE_CHECKING:
    from docx.document import Document

FRONT = (
    "definitions",
    "couverture",
    "sommaire",
    "parties",
    "visas",
    "preambule",
    "dispositions-generales",
    "volets",
    "dispositions-finales",
    "signatures",
)


PARTS = (*FRONT, *ANNEX_TEMPLATES, "annexes-libres", "annexes-jointes")
NOTE_PARTS = ("note",)


def plan(contrat: Contrat) -> list[str]:
    """The part templates of a contract, in the order of the document; a generated annex with
    nothing to show is left out."""
    joined = ["annexes-jointes"] if contrat.documents_annexes else []
    return [*FRONT, *annex_templates(contrat), "annexes-libres", *joined]


class Numbering:
    """New numbering instances, so that each Markdown list restarts where it should.

    The abstract numberings are those of the master's list styles (List Bullet, List
    Number), found through the styles, whatever their ids after a save in Word.
    """

    def __init__(self, document: Document, sheet: styles.StyleSheet) -> None:
        self.element = document.part.numbering_part.element
        ids = [int(n) for n in self.element.xpath("./w:num/@w:numId")]
        self.next_id = max(ids, default=0) + 1
        self.abstract = {
            ordered: self._abstract_of(document, sheet, name)
            for ordered, name in ((False, styles.BULLET), (True, styles.NUMBER))
        }

    def _abstract_of(self, document: Document, sheet: styles.StyleSheet, name: str) -> str:
        style = document.styles.element.xpath(f'./w:style[@w:styleId="{sheet.id(name)}"]')
        num_id = style[0].xpath("./w:pPr/w:numPr/w:numId/@w:val") if style else []
        abstract = (
            self.element.xpath(f'./w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val')
            if num_id
            else []
        )
        if not abstract:
            raise TemplateError(
                f"le style « {name} » du modèle maître n'a pas de numérotation (puces ou "
                "numéros) ; rétablissez-la dans Word (Format › Numérotation du style)."
            )
        return str(abstract[0])

    def new_list(self, ordered: bool, level: int, start: int) -> int:
        from lxml import etree

        num_id = self.next_id
        self.next_id += 1
        num = etree.SubElement(self.element, w("num"), {w("numId"): str(num_id)})
        etree.SubElement(num, w("abstractNumId"), {w("val"): self.abstract[ordered]})
        override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): str(level)})
        etree.SubElement(override, w("startOverride"), {w("val"): str(start)})
        return num_id


class Charts:
    """Chart parts for the diagnostic, one per unit of measure, related to the document as
    they are placed."""

    def __init__(self, document: Document, contrat: Contrat, sheet: styles.StyleSheet) -> None:
        self.document = document
        self.sheet = sheet
        self.groups = charts.by_unit(contrat.diagnostic.indicateurs if contrat.diagnostic else ())
        self.count = 0

    def add(self, index: int) -> str:
        from csi_gen.formatting import liste_et

        group = self.groups[index]
        years = charts.years(group)
        self.count += 1
        relationship = charts.add_chart_part(
            self.document,
            self.count,
            [str(year) for year in years],
            [(i.libelle, [dict(i.valeurs).get(year) for year in years]) for i in group],
        )
        description = f"{liste_et(i.libelle for i in group)} ({group[0].unite})"
        return charts.inline_paragraph_xml(
            relationship,
            5000 + self.count,
            description,
            charts.chart_height_cm(len(group)),
            self.sheet.id(styles.NORMAL),
        )


@dataclass
class Hooks:
    """The hooks of one document, as ``context_base.Hooks``."""

    numbering: Numbering
    charts: Charts
    sheet: styles.StyleSheet

    def new_list(self, ordered: bool, level: int, start: int) -> int:
        return self.numbering.new_list(ordered, level, start)

    def add_chart(self, index: int) -> str:
        return self.charts.add(index)

    def style(self, name: str) -> str:
        return self.sheet.id(name)


def hooks_for(document: Document, contrat: Contrat, directory: Path) -> Hooks:
    sheet = styles.of(directory / "maitre.docx")
    return Hooks(Numbering(document, sheet), Charts(document, contrat, sheet), sheet)


def render_document(
    contrat: Contrat,
    version: Version,
    templates_dir: Path = TEMPLATES_DIR,
    numerotation: Numerotation | None = None,
) -> Document:
    """The contract's document; once amended, its consolidated version (``numerotation``:
    the numbers frozen at signature)."""
    from csi_gen.document.context import build_context

    template = ContractTemplate(plan(contrat), templates_dir)
    hooks = hooks_for(template.document, contrat, templates_dir)
    context = build_context(contrat, version, hooks, numerotation)
    document = template.render(context)
    finishing.finish(document, contrat, version, numerotation.articles if numerotation else None)
    return document


def render_note(
    validated: Validated, version: Version, fichier: str, templates_dir: Path = TEMPLATES_DIR
) -> Document:
    """The note de présentation: the contract set against the circular, for the préfecture."""
    from csi_gen.document.context_note import build_note_context

    contrat = validated.contrat
    template = ContractTemplate(NOTE_PARTS, templates_dir)
    hooks = hooks_for(template.document, contrat, templates_dir)
    document = template.render(build_note_context(validated, version, hooks, fichier))
    finishing.finish(document, contrat, version)
    document.core_properties.title = f"Note de présentation – {contrat.intitule}"
    return document
