"""Native Word charts (DrawingML) for the diagnostic's indicator series, one per unit.

A chart is a part of its own (``word/charts/chartN.xml``) related to the document and
placed inline in a paragraph. Word and LibreOffice draw it from the values cached in the
part, and a jurist can restyle it in Word; its data comes from the contract file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

from csi_gen.document.ooxml import escape_text
from csi_gen.typography import apostrophes

escape = escape_text  # the chart part's text is escaped as the document's


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

    Series counted in the same unit share a scale, and one chart shows how they compare. A
    series of a single year is left out: one point draws no evolution.
    """
    groups: dict[str, list[M]] = {}
    for item in series:
        if len(item.valeurs) >= 2:
            groups.setdefault(item.unite, []).append(item)
    return list(groups.values())


def chart_height_cm(series_count: int) -> float:
    return HEIGHT_CM + (LEGEND_CM if series_count > 1 else 0.0)


SHEET = "Données"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Series = Sequence[tuple[str, Sequence[float | None]]]


def exact(value: float) -> str:
    """A value as the chart stores it, every digit kept: ``1234567``, ``12.5``."""
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)


def _cell(row: int, column: int, absolute: bool = True) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"${letters}${row + 1}" if absolute else f"{letters}{row + 1}"


def _ref(first: tuple[int, int], last: tuple[int, int] | None = None) -> str:
    cells = _cell(*first) + (f":{_cell(*last)}" if last else "")
    return f"'{SHEET}'!{cells}"


def workbook(categories: Sequence[str], series: Series) -> bytes:
    """The chart's data as an Excel workbook, for Word's « Modifier les données »."""
    import io
    from datetime import datetime

    import xlsxwriter

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": datetime(2021, 4, 16)})  # fixed: identical bytes
    sheet = book.add_worksheet(SHEET)
    sheet.write_column(1, 0, list(categories))
    for column, (name, values) in enumerate(series, start=1):
        sheet.write_string(0, column, name)
        for row, value in enumerate(values, start=1):
            if value is not None:
                sheet.write_number(row, column, value)
    book.close()
    return output.getvalue()


_TEXT_PROPS = (
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800">'
    '<a:latin typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="fr-FR"/></a:p>'
    "</c:txPr>"
)
_VALUE_LABELS = (
    "<c:dLbls>"
    '<c:numFmt formatCode="#,##0" sourceLinked="0"/>'
    f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_TEXT_PROPS}"
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
    "</c:dLbls>"
)
_AXES = (
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
    '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>'
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    f'{_TEXT_PROPS}<c:crossAx val="500000002"/><c:crosses val="autoZero"/>'
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
    "</c:catAx>"
    '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>'
    '<c:min val="0"/></c:scaling>'
    '<c:delete val="0"/><c:axPos val="l"/>'
    '<c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/>'
    "</a:solidFill></a:ln></c:spPr></c:majorGridlines>"
    '<c:numFmt formatCode="#,##0" sourceLinked="0"/>'
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    f'{_TEXT_PROPS}<c:crossAx val="500000001"/><c:crosses val="autoZero"/>'
    '<c:crossBetween val="between"/></c:valAx>'
)


def _series_xml(
    index: int, name: str, values: Sequence[float | None], categories: Sequence[str], labels: str
) -> str:
    """One series: its name, colour, categories and values, each linked to the workbook."""
    count, column = len(categories), index + 1
    cats = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(categories)
    )
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{exact(v)}</c:v></c:pt>'
        for i, v in enumerate(values)
        if v is not None
    )
    colour = PALETTE[index % len(PALETTE)]
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f"<c:tx><c:strRef><c:f>{escape(_ref((0, column)))}</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt>'
        "</c:strCache></c:strRef></c:tx>"
        f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
        f'<c:invertIfNegative val="0"/>{labels}'
        f"<c:cat><c:strRef><c:f>{escape(_ref((1, 0), (count, 0)))}</c:f><c:strCache>"
        f'<c:ptCount val="{count}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>{escape(_ref((1, column), (count, column)))}</c:f>"
        f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>'
        f"{points}</c:numCache></c:numRef></c:val>"
        "</c:ser>"
    )


def chart_xml(categories: Sequence[str], series: Series) -> str:
    """A clustered column chart, one colour per series, its data in the embedded workbook.

    A single series shows its values on the columns; several have a legend instead, their
    values being in the table above the chart. A missing value leaves a gap. Values are
    written with every digit (the table and the chart say the same figure).
    """
    labels = _VALUE_LABELS if len(series) == 1 else ""
    parts = "".join(
        _series_xml(index, name, values, categories, labels)
        for index, (name, values) in enumerate(series)
    )
    legend = (
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_TEXT_PROPS}</c:legend>'
        if len(series) > 1
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:date1904 val="0"/><c:lang val="fr-FR"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{parts}<c:gapWidth val="80"/>'
        '<c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>'
        f"{_AXES}</c:plotArea>{legend}"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        '<c:externalData r:id="rIdDonnees"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )


def add_chart_part(document: Any, number: int, categories: Sequence[str], series: Series) -> str:
    """Add ``word/charts/chart<number>.xml`` and its workbook; return the relationship id."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    series = [(apostrophes(name), values) for name, values in series]  # « l’intégrité »
    chart = Part(
        PackURI(f"/word/charts/chart{number}.xml"),
        CHART_CONTENT_TYPE,
        chart_xml(categories, series).encode("utf-8"),
        package,
    )
    data = Part(
        PackURI(f"/word/embeddings/Donnees_graphique{number}.xlsx"),
        WORKBOOK_CONTENT_TYPE,
        workbook(categories, series),
        package,
    )
    chart.rels.add_relationship(PACKAGE_RELATIONSHIP, data, "rIdDonnees")
    relationship: str = document.part.relate_to(chart, CHART_RELATIONSHIP)
    return relationship


DRAWING_NAMESPACES = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def inline_paragraph_xml(
    relationship_id: str, shape_id: int, description: str, height_cm: float, style_id: str
) -> str:
    """A centred paragraph holding the chart, inline with the text.

    The drawing declares its own namespaces: the master template, once saved by Word or
    LibreOffice, declares only those it uses.
    """
    cx, cy = round(WIDTH_CM * EMU_PER_CM), round(height_cm * EMU_PER_CM)
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:drawing {DRAWING_NAMESPACES}>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Graphique {shape_id}" descr="{escape_text(description)}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{relationship_id}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
