"""Write the first version of the Word templates in templates/.

The .docx files are the reference: jurists edit them in Word or LibreOffice. This script
created them and can recreate them from scratch (``make templates``), overwriting any
edit made in Word; use it only to start again from a known state. Every template carries
the same styles, numbering and page setup as ``maitre.docx``, so that what a jurist sees
in a part template is what the contract will look like.

Usage: python tools/make_templates.py [DESTINATION]
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NBSP = "\u00a0"
NNBSP = "\u202f"

# --- Page and styles ----------------------------------------------------------------------

CM = 567  # twips per centimetre
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN_LEFT = MARGIN_RIGHT = round(2.5 * CM)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 9071 twips, 16 cm
FONT = "Arial"
BLUE = "000091"  # bleu France
RED = "C9191E"  # rouge Marianne

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    ppr: str = ""
    rpr: str = ""
    based_on: str | None = "Normal"
    next: str | None = None
    kind: str = "paragraph"
    ui_priority: int | None = None

    def xml(self) -> str:
        parts = [f'<w:style w:type="{self.kind}" w:customStyle="1" w:styleId="{self.id}">']
        if self.id in _BUILTIN:
            parts[0] = f'<w:style w:type="{self.kind}" w:styleId="{self.id}">'
        parts.append(f'<w:name w:val="{self.name}"/>')
        if self.based_on:
            parts.append(f'<w:basedOn w:val="{self.based_on}"/>')
        if self.next:
            parts.append(f'<w:next w:val="{self.next}"/>')
        if self.ui_priority is not None:
            parts.append(f'<w:uiPriority w:val="{self.ui_priority}"/>')
        parts.append("<w:qFormat/>")
        if self.ppr:
            parts.append(f"<w:pPr>{self.ppr}</w:pPr>")
        if self.rpr:
            parts.append(f"<w:rPr>{self.rpr}</w:rPr>")
        parts.append("</w:style>")
        return "".join(parts)


_BUILTIN = {"Normal", "Header", "Footer", "TOC1", "TOC2", "TOC3", "TOCHeading", "Hyperlink"}


def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    text = f'<w:spacing w:before="{before}" w:after="{after}"'
    if line:
        text += f' w:line="{line}" w:lineRule="auto"'
    return text + "/>"


def size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def color(value: str) -> str:
    return f'<w:color w:val="{value}"/>'


BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
CAPS = "<w:caps/>"
KEEP = "<w:keepNext/><w:keepLines/>"
JUSTIFY = '<w:jc w:val="both"/>'
CENTER = '<w:jc w:val="center"/>'
RIGHT = '<w:jc w:val="right"/>'


def outline(level: int) -> str:
    return f'<w:outlineLvl w:val="{level}"/>'


def indent(left: int = 0, hanging: int = 0, first_line: int = 0) -> str:
    text = f'<w:ind w:left="{left}"'
    if hanging:
        text += f' w:hanging="{hanging}"'
    if first_line:
        text += f' w:firstLine="{first_line}"'
    return text + "/>"


def toc_tabs() -> str:
    return f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'


STYLES = [
    Style("Normal", "Normal", spacing(0, 120, 264), based_on=None),
    Style("Corps", "Corps du contrat", JUSTIFY + spacing(0, 120, 264)),
    Style(
        "TitreCSI",
        "Titre",
        KEEP + CENTER + spacing(480, 360) + outline(0),
        BOLD + CAPS + size(14) + color(BLUE),
        next="Corps",
    ),
    Style(
        "Chapitre",
        "Chapitre",
        KEEP
        + spacing(360, 180)
        + outline(1)
        + '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="000091"/></w:pBdr>',
        BOLD + size(13) + color(BLUE),
        next="Corps",
    ),
    Style(
        "Article", "Article", KEEP + spacing(240, 120) + outline(2), BOLD + size(11.5), next="Corps"
    ),
    Style(
        "Annexe",
        "Annexe",
        "<w:pageBreakBefore/>" + KEEP + spacing(0, 240) + outline(0),
        BOLD + size(14) + color(BLUE),
        next="Corps",
    ),
    Style("Intertitre", "Intertitre", KEEP + spacing(180, 80), BOLD + size(11), next="Corps"),
    Style("Engagement", "Engagement", KEEP + JUSTIFY + spacing(160, 80), BOLD, next="Corps"),
    Style("Precision", "Précision", JUSTIFY + indent(left=340) + spacing(0, 80, 252), size(10)),
    Style(
        "ListePuces",
        "Liste à puces",
        JUSTIFY
        + spacing(0, 60, 264)
        + '<w:numPr><w:numId w:val="1"/></w:numPr>'
        + indent(left=357, hanging=357),
    ),
    Style(
        "ListeNumeros",
        "Liste numérotée",
        JUSTIFY
        + spacing(0, 60, 264)
        + '<w:numPr><w:numId w:val="2"/></w:numPr>'
        + indent(left=357, hanging=357),
    ),
    Style("ListeSuite", "Liste (suite)", JUSTIFY + spacing(0, 60, 264) + indent(left=357)),
    Style("Visa", "Visa", JUSTIFY + spacing(0, 100, 264)),
    Style("Partie", "Partie au contrat", JUSTIFY + indent(left=340) + spacing(0, 120, 264)),
    Style("Mention", "Mention", CENTER + KEEP + spacing(240, 240), BOLD),
    Style("CouvertureRepublique", "Couverture – République", spacing(0, 0), BOLD + CAPS + size(11)),
    Style("CouvertureDevise", "Couverture – Devise", spacing(0, 480), ITALIC + size(9)),
    Style("CouvertureService", "Couverture – Service", spacing(0, 0), size(10)),
    Style(
        "CouvertureTitre",
        "Couverture – Titre",
        CENTER + spacing(2400, 240),
        BOLD + size(26) + color(BLUE),
    ),
    Style(
        "CouvertureTerritoire", "Couverture – Territoire", CENTER + spacing(0, 480), BOLD + size(20)
    ),
    Style("CouverturePeriode", "Couverture – Période", CENTER + spacing(0, 120), size(12)),
    Style("CouvertureParties", "Couverture – Parties", CENTER + spacing(0, 60), size(11)),
    Style(
        "CouvertureMarquage",
        "Couverture – Marquage",
        CENTER + spacing(480, 120),
        BOLD + CAPS + size(16) + color(RED),
    ),
    Style(
        "CouvertureVersion",
        "Couverture – Version",
        CENTER + spacing(960, 0),
        size(8) + color("666666"),
    ),
    Style(
        "TitreSommaire",
        "Titre du sommaire",
        CENTER + spacing(0, 360),
        BOLD + CAPS + size(14) + color(BLUE),
    ),
    Style("TOC1", "toc 1", toc_tabs() + spacing(120, 40), BOLD, next="Normal", ui_priority=39),
    Style(
        "TOC2",
        "toc 2",
        toc_tabs() + indent(left=220) + spacing(40, 20),
        "",
        next="Normal",
        ui_priority=39,
    ),
    Style(
        "TOC3",
        "toc 3",
        toc_tabs() + indent(left=440) + spacing(0, 20),
        size(10),
        next="Normal",
        ui_priority=39,
    ),
    Style("SignatureLieu", "Signature – Lieu et date", KEEP + spacing(360, 360), ""),
    Style("SignaturePour", "Signature – Pour", KEEP + CENTER + spacing(0, 0), BOLD),
    Style("SignatureQualite", "Signature – Qualité", KEEP + CENTER + spacing(0, 1080), size(10)),
    Style("SignatureNom", "Signature – Nom", CENTER + spacing(0, 360), BOLD),
    Style("TableauTexte", "Tableau – Texte", spacing(40, 40, 240), size(9)),
    Style("TableauNombre", "Tableau – Nombre", RIGHT + spacing(40, 40, 240), size(9)),
    Style("TableauEntete", "Tableau – En-tête", KEEP + spacing(40, 40, 240), BOLD + size(9)),
    Style("Legende", "Légende", spacing(60, 200), ITALIC + size(9)),
    Style(
        "Header",
        "header",
        f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>' + spacing(0, 0),
        size(8) + color("444444"),
    ),
    Style(
        "Footer",
        "footer",
        f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>' + spacing(0, 0),
        size(8) + color("444444"),
    ),
    Style(
        "Marquage",
        "Marquage",
        spacing(0, 0),
        BOLD + CAPS + size(9) + color(RED),
        kind="character",
        based_on=None,
    ),
]


def styles_xml() -> str:
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        + size(10.5)
        + '<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    table_style = (
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>"
    )
    body = "".join(s.xml() for s in STYLES)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:styles {NAMESPACES}>{defaults}{table_style}{body}</w:styles>"
    )


def _level(index: int, fmt: str, text: str, left: int, font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr>{rpr}</w:lvl>'
    )


def numbering_xml() -> str:
    bullets = ["•", "–", "◦"] * 3
    numbers = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")] * 3
    bullet_levels = "".join(_level(i, "bullet", bullets[i], 357 * (i + 1), FONT) for i in range(9))
    number_levels = "".join(
        _level(
            i,
            numbers[i][0],
            numbers[i][1]
            .replace("%1", f"%{i + 1}")
            .replace("%2", f"%{i + 1}")
            .replace("%3", f"%{i + 1}"),
            357 * (i + 1),
        )
        for i in range(9)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:numbering {NAMESPACES}>"
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{bullet_levels}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{number_levels}</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        "</w:numbering>"
    )


SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:settings {NAMESPACES}>"
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
    '<w:hyphenationZone w:val="425"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:updateFields w:val="true"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="fr-FR"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
    "</w:settings>"
)


# --- Paragraphs, runs and tables -------------------------------------------------------------


def run(text: str, rpr: str = "") -> str:
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(style: str, *runs: str, ppr: str = "") -> str:
    content = "".join(r if r.startswith("<w:") else run(r) for r in runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{content}</w:p>'


def tag(text: str) -> str:
    """A paragraph holding only a Jinja tag, such as ``{%p for x in xs %}``."""
    return f"<w:p>{run(text)}</w:p>"


def field_runs(instruction: str, placeholder: str = "1") -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(placeholder)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>'
BORDERS = "".join(
    BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
)
NO_BORDERS = "".join(
    f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV")
)


@dataclass
class Cell:
    content: str  # paragraphs XML, or plain text for a TableauTexte paragraph
    header: bool = False
    number: bool = False
    span: int = 1
    shade: bool = False

    def xml(self, width: int, shade: bool) -> str:
        if self.content.startswith("<w:p"):
            body = self.content
        else:
            style = (
                "TableauEntete"
                if self.header
                else "TableauNombre"
                if self.number
                else "TableauTexte"
            )
            body = para(style, self.content)
        fill = (
            '<w:shd w:val="clear" w:color="auto" w:fill="E3E3FD"/>' if shade or self.shade else ""
        )
        span = f'<w:gridSpan w:val="{self.span}"/>' if self.span > 1 else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{fill}</w:tcPr>{body}</w:tc>'
        )


@dataclass
class Table:
    widths: list[int]
    rows: list[list[Cell] | str] = field(default_factory=list)  # a str is a {%tr %} row
    borders: bool = True
    header_rows: int = 1
    caption: str | None = None  # "colonnes-annees": year columns, widths set after rendering

    def xml(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        borders = BORDERS if self.borders else NO_BORDERS
        tblpr = (
            f'<w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            + (f'<w:tblCaption w:val="{self.caption}"/>' if self.caption else "")
            + "</w:tblPr>"
        )
        rows = []
        for index, row in enumerate(self.rows):
            if isinstance(row, str):
                cell = (
                    f'<w:tc><w:tcPr><w:tcW w:w="{sum(self.widths)}" w:type="dxa"/>'
                    f'<w:gridSpan w:val="{len(self.widths)}"/></w:tcPr>{tag(row)}</w:tc>'
                )
                rows.append(f"<w:tr>{cell}</w:tr>")
                continue
            header = index < self.header_rows and self.borders
            trpr = (
                "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
                if header
                else ("<w:trPr><w:cantSplit/></w:trPr>")
            )
            cells = "".join(
                c.xml(w, shade=header and self.borders)
                for c, w in zip(row, self._widths(row), strict=True)
            )
            rows.append(f"<w:tr>{trpr}{cells}</w:tr>")
        return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    def _widths(self, row: list[Cell]) -> list[int]:
        if len(row) == len(self.widths):
            return self.widths
        # a row with a {%tc for %} column loop: the loop cells share the remaining width
        return self.widths[: len(row)]


def h(text: str) -> list[Cell]:
    return [Cell(t, header=True) for t in text.split("|")]


# --- Section properties, header and footer ------------------------------------------------------

SECTION = (
    "<w:sectPr>"
    '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
    '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
    f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{round(2.5 * CM)}" w:right="{MARGIN_RIGHT}" w:bottom="{round(2.2 * CM)}" '
    f'w:left="{MARGIN_LEFT}" w:header="{round(1.2 * CM)}" w:footer="{round(1.0 * CM)}" w:gutter="0"/>'
    '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/>'
    "</w:sectPr>"
)

WATERMARK = (
    '<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" '
    'adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" '
    'xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:140pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#E6E6E6" stroked="f">'
    '<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" '
    'string="{{ filigrane }}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>'
    "</w:pict></w:r>"
)


def header_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:hdr {NAMESPACES}>"
        + tag("{%p if filigrane %}")
        + f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{WATERMARK}</w:p>'
        + tag("{%p endif %}")
        + para(
            "Header",
            run("{{ intitule }}"),
            "<w:r><w:tab/></w:r>",
            run("{{ marquage }}", '<w:rStyle w:val="Marquage"/>'),
        )
        + "</w:hdr>"
    )


def footer_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:ftr {NAMESPACES}>"
        + para(
            "Footer",
            run("{{ version }}"),
            "<w:r><w:tab/></w:r>",
            run("Page "),
            field_runs("PAGE"),
            run(" / "),
            field_runs("NUMPAGES"),
        )
        + "</w:ftr>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    "</Relationships>"
)


def core_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>csi-gen</dc:creator>"
        "<dc:language>fr-FR</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2021-04-16T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-04-16T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>csi-gen</Application></Properties>"
)


def write_docx(path: Path, title: str, body: str) -> None:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NAMESPACES}><w:body>{body}{SECTION}</w:body></w:document>"
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": APP,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": SETTINGS,
        "word/header1.xml": header_xml(),
        "word/footer1.xml": footer_xml(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2021, 4, 16, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))


# --- The templates ------------------------------------------------------------------------------


def t(text: str) -> str:
    """Template text with French typography: non-breaking spaces before ; : ! ? and in « »."""
    return (
        text.replace(" ;", NNBSP + ";")
        .replace(" :", NBSP + ":")
        .replace(" !", NNBSP + "!")
        .replace(" ?", NNBSP + "?")
        .replace("« ", "«" + NBSP)
        .replace(" »", NBSP + "»")
    )


def P(style: str, text: str = "", keep_next: bool = False) -> str:
    ppr = "<w:keepNext/>" if keep_next else ""
    return para(style, t(text), ppr=ppr) if text else para(style, ppr=ppr)


def rich(name: str) -> str:
    """A paragraph replaced by the paragraphs of a Markdown field."""
    return tag(f"{{{{p {name} }}}}")


COVER = "".join(
    [
        P("CouvertureRepublique", "République française"),
        P("CouvertureDevise", "Liberté – Égalité – Fraternité"),
        P("CouvertureService", "{{ service_etat }}"),
        P("CouvertureTitre", "Contrat de sécurité intégrée"),
        P("CouvertureTerritoire", "{{ territoire.nom }}"),
        tag("{%p if titre_propre %}"),
        P("CouverturePeriode", "{{ titre_propre }}"),
        tag("{%p endif %}"),
        P("CouverturePeriode", "{{ periode.texte_couverture }}"),
        P("CouvertureParties", "Entre l'État"),
        P("CouvertureParties", "et {{ territoire.designation }}"),
        tag("{%p if marquage %}"),
        P("CouvertureMarquage", "{{ marquage }}"),
        tag("{%p endif %}"),
        P("CouvertureVersion", "{{ statut_libelle }} – {{ version }}"),
    ]
)

SOMMAIRE = "".join(
    [
        para("TitreSommaire", t("Sommaire"), ppr="<w:pageBreakBefore/>"),
        P(
            "TOC1",
            "[Sommaire : il est rempli à la génération du contrat, mis à jour à l'ouverture]",
        ),
    ]
)

PARTIES = "".join(
    [
        para("Intertitre", t("Entre les soussignés :"), ppr="<w:pageBreakBefore/>"),
        tag("{%p for designation in parties.etat %}"),
        P("Partie", "{{ designation }}"),
        tag("{%p endfor %}"),
        P("Corps", "ci-après dénommé « l'État »,"),
        P("Intertitre", "Et :"),
        tag("{%p for designation in parties.collectivites %}"),
        P("Partie", "{{ designation }}"),
        tag("{%p endfor %}"),
        P("Corps", "ci-après dénommé{{ parties.accord }} « {{ parties.nom_collectivites }} »,"),
        tag("{%p if parties.signataires_partenaires %}"),
        P("Intertitre", "Et :"),
        tag("{%p for designation in parties.signataires_partenaires %}"),
        P("Partie", "{{ designation }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p if parties.associes %}"),
        P("Intertitre", "En présence de :"),
        tag("{%p for designation in parties.associes %}"),
        P("Partie", "{{ designation }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        P("Normal"),
    ]
)

VISAS = "".join(
    [
        tag("{%p for visa in visas %}"),
        P("Visa", "Vu {{ visa }} ;"),
        tag("{%p endfor %}"),
    ]
)

PREAMBULE = "".join(
    [
        P("Intertitre", "Préambule"),
        tag("{%p if preambule %}"),
        rich("preambule"),
        tag("{%p else %}"),
        P(
            "Corps",
            "Sur le fondement du principe du continuum de sécurité, le Gouvernement a proposé "
            "un nouvel outil, le contrat de sécurité intégrée, afin de concrétiser à un niveau "
            "stratégique le partenariat et l'engagement entre l'État et les collectivités "
            "territoriales pour la sécurité de tous.",
        ),
        P(
            "Corps",
            "Le présent contrat formalise et renforce les engagements partagés de l'État et "
            "{{ territoire.de_designation }} dans le domaine de la sécurité. Il repose sur un "
            "diagnostic partagé et conjugue des engagements réciproques, inscrits dans la durée "
            "du mandat municipal restant à courir.",
        ),
        tag("{%p endif %}"),
        para("Mention", t("Il est convenu ce qui suit :")),
    ]
)

GENERAL = "".join(
    [
        P("TitreCSI", "Dispositions générales"),
        P("Article", "Objet du contrat"),
        P(
            "Corps",
            "Le présent contrat de sécurité intégrée a pour objet de formaliser et de renforcer "
            "les engagements réciproques de l'État et {{ territoire.de_designation }} dans le "
            "domaine de la sécurité, de la prévention de la délinquance à la réponse pénale. "
            "La clarification des moyens dédiés par l'État trouve, par réciprocité, un "
            "engagement renforcé {{ territoire.de_designation }}.",
        ),
        P("Article", "Périmètre"),
        tag("{%p if territoire.plusieurs_communes %}"),
        P(
            "Corps",
            "Le présent contrat s'applique au territoire {{ territoire.de_designation }}, qui "
            "comprend les {{ territoire.nombre_communes }} communes suivantes :",
        ),
        tag("{%p for commune in territoire.communes %}"),
        P(
            "ListePuces",
            "{{ commune.nom }} (code INSEE {{ commune.code_insee }}{{ commune.population }})",
        ),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        P(
            "Corps",
            "Le présent contrat s'applique à l'ensemble du territoire {{ territoire.de_designation }} "
            "(code INSEE {{ territoire.communes[0].code_insee }}{{ territoire.communes[0].population }}), "
            "dans le département de {{ territoire.departement }}.",
        ),
        tag("{%p endif %}"),
        tag("{%p if territoire.quartiers %}"),
        P("Corps", "Il porte une attention particulière aux quartiers suivants :"),
        tag("{%p for quartier in territoire.quartiers %}"),
        P("ListePuces", "{{ quartier.description }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        P("Article", "Dispositifs intégrés"),
        tag("{%p if dispositifs %}"),
        P(
            "Corps",
            "Le présent contrat inclut, sous un chapeau large et cohérent, les cadres "
            "contractuels existants suivants, qui le déclinent :",
        ),
        tag("{%p for dispositif in dispositifs %}"),
        P("ListePuces", "{{ dispositif.description }}"),
        tag("{%p if dispositif.articulation %}"),
        rich("dispositif.articulation"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        P("Corps", "Aucun cadre contractuel existant n'est placé sous le présent contrat."),
        tag("{%p endif %}"),
        P("Article", "Diagnostic partagé"),
        P(
            "Corps",
            "Le présent contrat repose sur un diagnostic partagé, qui inclut des facteurs "
            "quantitatifs (données relatives à la délinquance) et qualitatifs (état des lieux "
            "des moyens engagés et méthodes de travail). Ses données figurent en annexe 1.",
        ),
        tag("{%p if diagnostic.synthese %}"),
        rich("diagnostic.synthese"),
        tag("{%p endif %}"),
        tag("{%p if diagnostic.moyens_et_methodes %}"),
        P("Intertitre", "Moyens engagés et méthodes de travail"),
        rich("diagnostic.moyens_et_methodes"),
        tag("{%p endif %}"),
        P("TitreCSI", "Engagements réciproques"),
        P(
            "Corps",
            "Les engagements de l'État et {{ parties.de_collectivites }} sont présentés par volet. "
            "Les mesures que la circulaire du Premier ministre n° 6258/SG du 16 avril 2021 "
            "place au socle du contrat ont toutes été étudiées ; leur statut figure en annexe 6.",
        ),
    ]
)


def volet_body(titre: str) -> str:
    return "".join(
        [
            P("Chapitre", f"Volet {titre}"),
            tag("{%p if volet.introduction %}"),
            rich("volet.introduction"),
            tag("{%p elif volet.description %}"),
            P("Corps", "{{ volet.description }}"),
            tag("{%p endif %}"),
            P("Article", "Engagements de l'État"),
            tag("{%p if volet.etat %}"),
            P(
                "Corps",
                "Au titre du présent volet, l'État s'engage dans les termes suivants.",
                keep_next=True,
            ),
            rich("volet.etat"),
            tag("{%p else %}"),
            P("Corps", "L'État ne prend pas d'engagement spécifique au titre du présent volet."),
            tag("{%p endif %}"),
            tag("{%p if volet.etat_arbitrage %}"),
            P(
                "Corps",
                "Font l'objet d'un diagnostic territorial préalable à un arbitrage national : "
                "{{ volet.etat_arbitrage }}.",
            ),
            tag("{%p endif %}"),
            P("Article", "Engagements {{ parties.de_collectivites }}"),
            tag("{%p if volet.collectivites %}"),
            P(
                "Corps",
                "Au titre du présent volet, {{ parties.sujet_collectivites }} s'engage{{ parties.verbe_pluriel }} "
                "dans les termes suivants.",
                keep_next=True,
            ),
            rich("volet.collectivites"),
            tag("{%p else %}"),
            P(
                "Corps",
                "{{ parties.sujet_collectivites_majuscule }} ne prend{{ parties.verbe_pluriel_nt }} "
                "pas d'engagement spécifique au titre du présent volet.",
            ),
            tag("{%p endif %}"),
            tag("{%p if volet.collectivites_arbitrage %}"),
            P(
                "Corps",
                "Font l'objet d'un diagnostic territorial préalable à un arbitrage national : "
                "{{ volet.collectivites_arbitrage }}.",
            ),
            tag("{%p endif %}"),
        ]
    )


VOLETS = {
    "securite-interieure": "sécurité intérieure",
    "justice": "justice",
    "prevention-delinquance": "prévention de la délinquance",
    "mineurs": "mineurs",
    "education": "éducation",
    "radicalisation-separatisme": "radicalisation et séparatisme",
    "transport": "transport",
    "politique-de-la-ville": "politique de la ville",
}

FINAL = "".join(
    [
        P("TitreCSI", "Pilotage, suivi et évaluation"),
        P("Article", "Durée"),
        P(
            "Corps",
            "Le présent contrat est conclu pour la période {{ periode.texte }}, soit la durée "
            "du mandat municipal restant à courir. Il prend effet à la date de sa signature "
            "par l'ensemble des parties.",
        ),
        P("Article", "Gouvernance et suivi"),
        tag("{%p if gouvernance.comite_pilotage %}"),
        P(
            "Corps",
            "Un comité de pilotage{{ gouvernance.comite_pilotage.presidence }} assure le suivi "
            "stratégique du contrat. Il réunit {{ gouvernance.comite_pilotage.membres }}. Il se "
            "réunit {{ gouvernance.comite_pilotage.frequence }}.",
        ),
        tag("{%p else %}"),
        P(
            "Corps",
            "Le représentant de l'État et {{ parties.representant_collectivites }} assurent "
            "conjointement le suivi stratégique du contrat.",
        ),
        tag("{%p endif %}"),
        tag("{%p if gouvernance.comite_technique %}"),
        P(
            "Corps",
            "Un comité technique{{ gouvernance.comite_technique.presidence }} prépare ses "
            "travaux et suit la mise en œuvre opérationnelle des engagements. Il réunit "
            "{{ gouvernance.comite_technique.membres }}. Il se réunit "
            "{{ gouvernance.comite_technique.frequence }}.",
        ),
        tag("{%p endif %}"),
        P(
            "Corps",
            "Les chefs de service territoriaux sont pleinement impliqués dans la démarche, "
            "évaluation incluse. Le suivi s'appuie sur les indicateurs figurant en annexe 5.",
        ),
        P("Article", "Évaluation"),
        P(
            "Corps",
            "Le présent contrat fait l'objet d'une évaluation {{ gouvernance.evaluation.frequence }}, "
            "présentée au comité de pilotage.",
        ),
        tag("{%p if gouvernance.evaluation.modalites %}"),
        rich("gouvernance.evaluation.modalites"),
        tag("{%p endif %}"),
        P("Article", "Clause de revoyure et avenants"),
        tag("{%p if gouvernance.revoyure %}"),
        P(
            "Corps",
            "Les parties conviennent de se réunir le {{ gouvernance.revoyure.date }} pour "
            "réexaminer les engagements du présent contrat.",
        ),
        tag("{%p if gouvernance.revoyure.objet %}"),
        rich("gouvernance.revoyure.objet"),
        tag("{%p endif %}"),
        tag("{%p endif %}"),
        P(
            "Corps",
            "Le présent contrat peut être modifié par avenant signé par l'ensemble des parties "
            "signataires, notamment pour tenir compte des résultats de l'évaluation ou de "
            "l'évolution du diagnostic partagé.",
        ),
        P("Article", "Résiliation"),
        P(
            "Corps",
            "Le présent contrat peut être résilié par l'une des parties signataires, par lettre "
            "recommandée avec demande d'avis de réception adressée aux autres parties, moyennant "
            "un préavis de trois mois. La résiliation est sans effet sur les actions engagées et "
            "sur les financements déjà notifiés à la date à laquelle elle prend effet.",
        ),
    ]
)

SIGNATURES = "".join(
    [
        para("SignatureLieu", t("{{ signature.fait_a }}")),
        Table(
            [TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2],
            [
                "{%tr for ligne in signature.blocs %}",
                [
                    Cell(
                        tag("{%p if ligne[0] %}")
                        + P("SignaturePour", "{{ ligne[0].pour }},")
                        + P("SignatureQualite", "{{ ligne[0].qualite }}")
                        + P("SignatureNom", "{{ ligne[0].nom }}")
                        + tag("{%p endif %}")
                        + P("Normal")
                    ),
                    Cell(
                        tag("{%p if ligne[1] %}")
                        + P("SignaturePour", "{{ ligne[1].pour }},")
                        + P("SignatureQualite", "{{ ligne[1].qualite }}")
                        + P("SignatureNom", "{{ ligne[1].nom }}")
                        + tag("{%p endif %}")
                        + P("Normal")
                    ),
                ],
                "{%tr endfor %}",
            ],
            borders=False,
            header_rows=0,
        ).xml(),
    ]
)

W_LABEL = 2700
W_YEAR = (TEXT_WIDTH - W_LABEL) // 3


def year_table(heading: str, source: str, label: str) -> str:
    """A table with a row per ``source.lignes`` item and a column per year (``{%tc %}``).

    The three year cells are the column loop: fit_table_grids sets the widths once the
    years are known.
    """
    rows = "indicateurs" if source == "diagnostic" else "lignes"
    return Table(
        [W_LABEL, W_YEAR, W_YEAR, W_YEAR],
        [
            [
                Cell(t(heading), header=True),
                Cell(f"{{%tc for annee in {source}.annees %}}", header=True),
                Cell("{{ annee }}", header=True),
                Cell("{%tc endfor %}", header=True),
            ],
            f"{{%tr for ligne in {source}.{rows} %}}",
            [
                Cell(label),
                Cell("{%tc for valeur in ligne.valeurs %}"),
                Cell("{{ valeur }}", number=True),
                Cell("{%tc endfor %}"),
            ],
            "{%tr endfor %}",
        ],
        caption="colonnes-annees",
    ).xml()


ANNEXE_DIAGNOSTIC = "".join(
    [
        P("Annexe", "Diagnostic partagé"),
        tag("{%p if diagnostic.indicateurs %}"),
        P(
            "Corps",
            "Le tableau ci-dessous présente les séries quantitatives retenues pour le diagnostic "
            "partagé ; {{ diagnostic.evolution }}.",
            keep_next=True,
        ),
        year_table("Indicateur", "diagnostic", "{{ ligne.libelle }} ({{ ligne.unite }})"),
        P("Legende", "{{ diagnostic.sources }}."),
        tag("{%p for graphique in diagnostic.graphiques %}"),
        tag("{{p graphique.graphique }}"),
        P("Legende", "{{ graphique.legende }}"),
        tag("{%p for commentaire in graphique.commentaires %}"),
        P("Legende", "{{ commentaire }}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        P("Corps", "Le diagnostic partagé ne comporte pas de série quantitative."),
        tag("{%p endif %}"),
    ]
)

W_HALF = TEXT_WIDTH // 2
ANNEXE_ENGAGEMENTS = "".join(
    [
        P("Annexe", "Engagements réciproques"),
        P(
            "Corps",
            "Le tableau ci-dessous met en regard, pour chaque volet, les engagements retenus "
            "de l'État et {{ parties.de_collectivites }}.",
            keep_next=True,
        ),
        Table(
            [W_HALF, TEXT_WIDTH - W_HALF],
            [
                h(t("Engagements de l'État|Engagements {{ parties.de_collectivites }}")),
                "{%tr for volet in reciprocite %}",
                [Cell("{{ volet.titre }}", header=True, span=2, shade=True)],
                [Cell(rich("volet.etat")), Cell(rich("volet.collectivites"))],
                "{%tr endfor %}",
            ],
        ).xml(),
    ]
)

ANNEXE_TRAJECTOIRES = "".join(
    [
        P("Annexe", "Trajectoires annuelles"),
        tag("{%p if trajectoires.lignes %}"),
        P(
            "Corps",
            "Pour chaque objectif chiffré doté d'une trajectoire, le tableau indique la valeur "
            "prévue chaque année : le nombre ajouté dans l'année pour une trajectoire annuelle, "
            "le niveau atteint en fin d'année pour une trajectoire cumulée.",
            keep_next=True,
        ),
        year_table("Objectif", "trajectoires", "{{ ligne.libelle }}"),
        tag("{%p else %}"),
        P("Corps", "Aucun objectif chiffré du contrat ne comporte de trajectoire annuelle."),
        tag("{%p endif %}"),
    ]
)

W_FIN = [2500, 1800, 1500, 800, 1400, TEXT_WIDTH - 2500 - 1800 - 1500 - 800 - 1400]
ANNEXE_FINANCEMENT = "".join(
    [
        P("Annexe", "Plan de financement"),
        tag("{%p if financement.lignes %}"),
        P("Intertitre", "Lignes de financement"),
        Table(
            W_FIN,
            [
                h(t("Engagement|Financeur|Source|Année|Montant|Taux")),
                "{%tr for ligne in financement.lignes %}",
                [
                    Cell("{{ ligne.engagement }}"),
                    Cell("{{ ligne.financeur }}"),
                    Cell("{{ ligne.source }}"),
                    Cell("{{ ligne.annee }}"),
                    Cell("{{ ligne.montant }}", number=True),
                    Cell("{{ ligne.taux }}", number=True),
                ],
                "{%tr endfor %}",
                [
                    Cell(t("Total"), header=True),
                    Cell(""),
                    Cell(""),
                    Cell(""),
                    Cell("{{ financement.total }}", header=True),
                    Cell(""),
                ],
            ],
        ).xml(),
        P("Intertitre", "Totaux par financeur"),
        Table(
            [TEXT_WIDTH - 2600, 2600],
            [
                h(t("Financeur|Montant")),
                "{%tr for ligne in financement.par_financeur %}",
                [Cell("{{ ligne.libelle }}"), Cell("{{ ligne.montant }}", number=True)],
                "{%tr endfor %}",
                [Cell(t("Total"), header=True), Cell("{{ financement.total }}", header=True)],
            ],
        ).xml(),
        P("Intertitre", "Totaux par année"),
        Table(
            [TEXT_WIDTH - 2600, 2600],
            [
                h(t("Année|Montant")),
                "{%tr for ligne in financement.par_annee %}",
                [Cell("{{ ligne.libelle }}"), Cell("{{ ligne.montant }}", number=True)],
                "{%tr endfor %}",
                [Cell(t("Total"), header=True), Cell("{{ financement.total }}", header=True)],
            ],
        ).xml(),
        P(
            "Corps",
            "Le montant total des financements inscrits au présent contrat s'élève à "
            "{{ financement.total }} ({{ financement.total_en_lettres }}).",
        ),
        tag("{%p else %}"),
        P("Corps", "Le présent contrat ne comporte pas de ligne de financement."),
        tag("{%p endif %}"),
    ]
)

W_IND = [2500, 3400, 1300, TEXT_WIDTH - 2500 - 3400 - 1300]
ANNEXE_INDICATEURS = "".join(
    [
        P("Annexe", "Indicateurs de suivi"),
        tag("{%p if indicateurs %}"),
        Table(
            W_IND,
            [
                h(t("Engagement|Indicateur|Périodicité|Source")),
                "{%tr for ligne in indicateurs %}",
                [
                    Cell("{{ ligne.engagement }}"),
                    Cell("{{ ligne.libelle }}"),
                    Cell("{{ ligne.periodicite }}"),
                    Cell("{{ ligne.source }}"),
                ],
                "{%tr endfor %}",
            ],
        ).xml(),
        tag("{%p else %}"),
        P("Corps", "Aucun indicateur de suivi n'est associé aux engagements du contrat."),
        tag("{%p endif %}"),
    ]
)

W_CAT = [950, TEXT_WIDTH - 950 - 700 - 2200, 700, 2200]
ANNEXE_CATALOGUE = "".join(
    [
        P("Annexe", "Mesures de la circulaire et statut dans le contrat"),
        P(
            "Corps",
            "Le tableau reprend les champs d'action de l'annexe de la circulaire du Premier "
            "ministre n° 6258/SG du 16 avril 2021. Les mesures du socle, que tout contrat de "
            "sécurité intégrée doit étudier, sont marquées « socle ». {{ catalogue.bilan }}",
        ),
        tag("{%p for section in catalogue.sections %}"),
        P("Intertitre", "{{ section.titre }}"),
        Table(
            W_CAT,
            [
                h(t("Mesure|Champ d'action|Socle|Statut dans le contrat")),
                "{%tr for mesure in section.mesures %}",
                [
                    Cell("{{ mesure.id }}"),
                    Cell("{{ mesure.texte }}"),
                    Cell("{{ mesure.socle }}"),
                    Cell("{{ mesure.statut }}"),
                ],
                "{%tr endfor %}",
            ],
        ).xml(),
        tag("{%p endfor %}"),
        tag("{%p if catalogue.propres %}"),
        P("Intertitre", "Mesures propres au contrat"),
        P(
            "Corps",
            "La circulaire permet d'ajouter des mesures non recensées dans son annexe ; le "
            "présent contrat en retient les suivantes.",
            keep_next=True,
        ),
        Table(
            [TEXT_WIDTH - 2100, 2100],
            [
                h(t("Mesure|Statut dans le contrat")),
                "{%tr for mesure in catalogue.propres %}",
                [Cell("{{ mesure.texte }}"), Cell("{{ mesure.statut }}")],
                "{%tr endfor %}",
            ],
        ).xml(),
        tag("{%p endif %}"),
    ]
)

ANNEXES_LIBRES = "".join(
    [
        tag("{%p for annexe in annexes_libres %}"),
        P("Annexe", "{{ annexe.titre }}"),
        rich("annexe.contenu"),
        tag("{%p endfor %}"),
    ]
)

TEMPLATES: dict[str, tuple[str, str]] = {
    "maitre": ("Modèle maître du contrat de sécurité intégrée", ""),
    "couverture": ("Couverture", COVER),
    "sommaire": ("Sommaire", SOMMAIRE),
    "parties": ("Parties", PARTIES),
    "visas": ("Visas", VISAS),
    "preambule": ("Préambule", PREAMBULE),
    "dispositions-generales": ("Dispositions générales", GENERAL),
    **{f"volet-{key}": (f"Volet {titre}", volet_body(titre)) for key, titre in VOLETS.items()},
    "dispositions-finales": ("Pilotage, suivi et évaluation", FINAL),
    "signatures": ("Signatures", SIGNATURES),
    "annexe-diagnostic": ("Annexe – diagnostic partagé", ANNEXE_DIAGNOSTIC),
    "annexe-engagements": ("Annexe – engagements réciproques", ANNEXE_ENGAGEMENTS),
    "annexe-trajectoires": ("Annexe – trajectoires", ANNEXE_TRAJECTOIRES),
    "annexe-financement": ("Annexe – plan de financement", ANNEXE_FINANCEMENT),
    "annexe-indicateurs": ("Annexe – indicateurs de suivi", ANNEXE_INDICATEURS),
    "annexe-catalogue": ("Annexe – mesures de la circulaire", ANNEXE_CATALOGUE),
    "annexes-libres": ("Annexes libres", ANNEXES_LIBRES),
}


def main(destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    for name, (title, body) in TEMPLATES.items():
        write_docx(destination / f"{name}.docx", title, body or P("Corps", ""))
        print(f"écrit : {destination / name}.docx")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "templates"
    )
