"""Native Word charts (DrawingML) for the diagnostic's indicator series, one per unit.

A chart is a part of its own (``word/charts/chartN.xml``) related to the document and
placed inline in a paragraph. Word and LibreOffice draw it from the values cached in the
part, and a jurist can restyle it in Word; its data comes from the contract file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from csi_gen.document.ooxml import escape_text


def escape(text: str) -> str:
    """XML text of a chart part (xml.sax.saxutils would import urllib: 20 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
EMU_PER_CM = 360000
WIDTH_CM, HEIGHT_CM, LEGEND_CM = 14.0, 4.6, 0.8
# The State's blue first, then colours told apart in print and by most colour-blind readers.
PALETTE = ("000091", "E1000F", "18753C", "B34000", "6A6AF4", "A558A0", "3A3A3A")


class Measured(Protocol):
    @property
    def unite(self) -> str: ...

    @property
    def valeurs(self) -> Sequence[tuple[int, float]]: ...


M = TypeVar("M", bound=Measured)


def years(series: Iterable[Measured]) -> list[int]:
    """Every year that one of the series has a value for, in order."""
    return sorted({year for item in series for year, _ in item.valeurs})


def by_unit(series: Sequence[M]) -> list[list[M]]:
    """The series grouped by unit of measure, in order of first appearance: one chart each.

    Series counted in the same unit share a scale, and one chart shows how they compare.
    """
    groups: dict[str, list[M]] = {}
    for item in series:
        groups.setdefault(item.unite, []).append(item)
    return list(groups.values())


def chart_height_cm(series_count: int) -> float:
    return HEIGHT_CM + (LEGEND_CM if series_count > 1 else 0.0)


def chart_xml(
    categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
) -> str:
    """A clustered column chart, one colour per series.

    A single series shows its values on the columns; several have a legend instead, their
    values being in the table above the chart. A missing value leaves a gap.
    """
    count = len(categories)
    text_props = (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800">'
        '<a:latin typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="fr-FR"/></a:p>'
        "</c:txPr>"
    )
    cats = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(categories)
    )
    labels = (
        "<c:dLbls>"
        '<c:numFmt formatCode="#,##0" sourceLinked="0"/>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{text_props}"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
        "</c:dLbls>"
        if len(series) == 1
        else ""
    )
    parts = []
    for index, (name, values) in enumerate(series):
        points = "".join(
            f'<c:pt idx="{i}"><c:v>{v:g}</c:v></c:pt>'
            for i, v in enumerate(values)
            if v is not None
        )
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f"<c:tx><c:v>{escape(name)}</c:v></c:tx>"
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>{labels}'
            f'<c:cat><c:strLit><c:ptCount val="{count}"/>{cats}</c:strLit></c:cat>'
            f'<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>'
            f"{points}</c:numLit></c:val>"
            "</c:ser>"
        )
    legend = (
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{text_props}</c:legend>'
        if len(series) > 1
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:date1904 val="0"/><c:lang val="fr-FR"/><c:roundedCorners val="0"/>'
        "<c:chart>"
        '<c:autoTitleDeleted val="1"/>'
        "<c:plotArea><c:layout/>"
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{"".join(parts)}'
        '<c:gapWidth val="80"/>'
        '<c:axId val="500000001"/><c:axId val="500000002"/>'
        "</c:barChart>"
        '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{text_props}<c:crossAx val="500000002"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
        "</c:catAx>"
        '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>'
        '<c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        '<c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/>'
        "</a:solidFill></a:ln></c:spPr></c:majorGridlines>"
        '<c:numFmt formatCode="#,##0" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{text_props}<c:crossAx val="500000001"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx>'
        "</c:plotArea>"
        f"{legend}"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        "</c:chart>"
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        "</c:chartSpace>"
    )


def inline_paragraph_xml(
    relationship_id: str, shape_id: int, description: str, height_cm: float = HEIGHT_CM
) -> str:
    """A centred paragraph holding the chart, inline with the text."""
    cx, cy = round(WIDTH_CM * EMU_PER_CM), round(height_cm * EMU_PER_CM)
    return (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:keepNext/><w:jc w:val="center"/></w:pPr>'
        "<w:r><w:drawing>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Graphique {shape_id}" descr="{_attribute(description)}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{relationship_id}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def _attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;")
