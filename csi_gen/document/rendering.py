"""Render the Word templates with docxtpl, in one sandboxed, strict, escaping Jinja environment.

The contract is rendered in one pass: the bodies of the part templates (cover, parties,
one per volet, one per annex…) are placed, in order, into the master template, which holds
every style, the numbering, the header and the footer; docxtpl then renders the whole.
Each part is checked when read: Jinja syntax, styles known to the master, no relationship
(image, link) that the master would not carry. An error names the template and paragraph.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen import formatting
from csi_gen.errors import CsiGenError, TemplateError

if TYPE_CHECKING:
    from docx.document import Document
    from jinja2 import Environment, Template

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "resources" / "templates"
MASTER = "maitre"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PART_MARKER = re.compile(r"\{# modèle:([a-z0-9-]+) #\}")


# --- The Jinja environment ---------------------------------------------------------------------


def xml_text(value: str) -> str:
    """Escape a value for WordprocessingML text or attribute.

    Beyond ``& < > " '``, the underscore becomes a character reference: docxtpl turns
    ``{_{`` into ``{{`` in its output, which would alter a value that contains it.
    """
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("_", "&#95;")
    )


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return Markup(xml_text(formatting.typographie(str(value))))


FILTERS: dict[str, Callable[..., str]] = {
    "date_longue": formatting.date_longue,
    "mois_annee": formatting.mois_annee,
    "nombre": formatting.nombre,
    "euros": formatting.euros,
    "en_lettres": formatting.euros_en_lettres,
    "pourcentage": formatting.pourcentage,
    "typo": formatting.typographie,
    "majuscule": formatting.majuscule,
}


@cache
def environment() -> Environment:
    """The one Jinja environment: sandboxed, autoescaping, strict about undefined names."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, finalize=_finalize, auto_reload=False
    )
    env.filters.update(FILTERS)
    return env


# --- Part templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartTemplate:
    name: str
    path: Path
    body: str  # the body's children, serialised, without the section properties


def template_path(name: str, directory: Path = TEMPLATES_DIR) -> Path:
    return directory / f"{name}.docx"


def _display(path: Path) -> str:
    from csi_gen.errors import display_path

    return display_path(path)


def _paragraph_text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?/>|<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def _paragraph_texts(xml: str) -> list[str]:
    """The text of each paragraph of a part, in the order Word shows them (cells included)."""
    return [_paragraph_text(match.group(0)) for match in _PARAGRAPH.finditer(xml)]


def _paragraph_number(part_xml: str, text: str, fallback: int) -> int:
    """The number of the part's paragraph holding ``text``, counted as a reader counts them.

    Jinja's line numbers skip the paragraphs that docxtpl removes (``{%p … %}``); the
    paragraph is found again by its text, else ``fallback`` is given.
    """
    wanted = text.strip()
    if wanted:
        for number, paragraph in enumerate(_paragraph_texts(part_xml), start=1):
            if paragraph.strip() == wanted:
                return number
    return fallback


def _unclosed_tag(text: str) -> str | None:
    """The first tag of a paragraph's text that is not closed within the paragraph.

    docxtpl looks for the end of a tag beyond the paragraph and removes what lies between:
    ``Vu {{ visa ;`` would silently delete the paragraph, so it is refused instead.
    """
    closing = {"{{": "}}", "{%": "%}", "{#": "#}"}
    expected: str | None = None
    start = 0
    for match in re.finditer(r"\{\{|\{%|\{#|\}\}|%\}|#\}", text):
        token = match.group(0)
        if expected is None and token in closing:
            expected, start = closing[token], match.start()
        elif token == expected:
            expected = None
    return text[start:] if expected is not None else None


@cache
def master_styles(directory: Path = TEMPLATES_DIR) -> frozenset[str]:
    with zipfile.ZipFile(template_path(MASTER, directory)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    return frozenset(re.findall(r'w:styleId="([^"]+)"', styles))


def read_part(name: str, directory: Path = TEMPLATES_DIR) -> PartTemplate:
    path = template_path(name, directory)
    stat = path.stat()
    return _read_part(name, path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_part(name: str, path: Path, mtime: int, size: int) -> PartTemplate:
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            document = etree.fromstring(archive.read("word/document.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise TemplateError(
            f"le modèle {_display(path)} n'est pas un document Word lisible ({error})."
        ) from None
    body = document.find(f"{{{W}}}body")
    children = [c for c in body if c.tag != f"{{{W}}}sectPr"] if body is not None else []
    xml = "".join(etree.tostring(c, encoding="unicode") for c in children)
    _check_part(name, path, xml, directory=path.parent)
    return PartTemplate(name, path, xml)


def _check_part(name: str, path: Path, xml: str, directory: Path) -> None:
    known = master_styles(directory)
    for style in re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml):
        if style not in known:
            raise TemplateError(
                f"le modèle {_display(path)} emploie le style « {style} », absent du "
                f"modèle maître {MASTER}.docx ; définissez-le dans le modèle maître."
            )
    if re.search(r'\br:(?:id|embed|link)="', xml):
        raise TemplateError(
            f"le modèle {_display(path)} contient une image, un lien ou un objet "
            f"incorporé ; seuls le modèle maître {MASTER}.docx et le contrat généré en portent."
        )
    for number, text in enumerate(_paragraph_texts(xml), start=1):
        unclosed = _unclosed_tag(text)
        if unclosed is not None:
            raise TemplateError(
                f"le modèle {_display(path)}, paragraphe {number}, a une balise "
                f"invalide : balise non fermée dans le paragraphe (« {unclosed.strip()} »)"
                f"\n  paragraphe : « {text.strip()} »"
            )
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    source = _jinja_source(DocxTemplate.patch_xml(None, xml))
    try:
        environment().parse(source)
    except TemplateSyntaxError as error:
        lines = source.splitlines()
        line = error.lineno or 1
        context = _paragraph_text(lines[line - 1]) if 0 < line <= len(lines) else ""
        number = _paragraph_number(xml, context, fallback=line)
        raise TemplateError(
            f"le modèle {_display(path)}, paragraphe {number}, a une balise invalide : "
            f"{_syntax_message(error.message or '')}"
            + (f"\n  paragraphe : « {context.strip()} »" if context.strip() else "")
        ) from None


def _jinja_source(xml: str) -> str:
    """What docxtpl gives Jinja: one line per paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _syntax_message(message: str) -> str:
    known = {
        "unexpected end of template": "fin du modèle atteinte : un {% if %} ou un {% for %} "
        "n'est pas fermé",
        "Encountered unknown tag": "instruction inconnue",
        "unexpected '}'": "accolade fermante inattendue",
        "expected token": "balise mal formée",
        "unexpected char": "caractère inattendu dans une balise",
    }
    for english, french in known.items():
        if message.startswith(english):
            return f"{french} ({message})"
    return message


# --- One render of the whole contract --------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A part template placed in the contract, with the Jinja lines that frame it."""

    template: str
    before: str = ""
    after: str = ""


def _framing_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:p>'.replace(
        "&#95;", "_"
    )


def assemble_body(sections: Iterable[Section], directory: Path = TEMPLATES_DIR) -> str:
    """The XML of the contract body: every section's template, in order, with its framing."""
    parts = []
    for section in sections:
        part = read_part(section.template, directory)
        parts.append(_framing_paragraph(f"{{#p modèle:{section.template} #}}"))
        if section.before:
            parts.append(_framing_paragraph(section.before))
        parts.append(part.body)
        if section.after:
            parts.append(_framing_paragraph(section.after))
    return "".join(parts)


class ContractTemplate:
    """The master template with the assembled body, rendered once by docxtpl.

    The body's compiled Jinja code is cached (see ``CompiledTemplates``), keyed by the
    bytes of every template used: when none changed, the parts are neither read nor
    checked nor compiled again.
    """

    def __init__(self, sections: Iterable[Section], directory: Path = TEMPLATES_DIR) -> None:
        sections = list(sections)
        self.directory = directory
        master = template_path(MASTER, directory)
        self.template = _StrictDocxTemplate(
            str(master),
            body_key=_body_key(sections, directory),
            body_xml=lambda: assemble_body(sections, directory),
        )
        self.template.init_docx()

    @property
    def document(self) -> Document:
        document: Document = self.template.docx
        return document

    def render(self, context: dict[str, Any]) -> Document:
        from jinja2 import TemplateError as JinjaError

        try:
            self.template.render(context, jinja_env=environment(), autoescape=True)
        except CsiGenError:
            raise
        except JinjaError as error:
            raise self._explain(error) from None
        except Exception as error:  # a tag that divides by zero, adds a number to a text…
            if not _raised_by_template(error):
                raise
            raise self._explain(error) from None
        return self.document

    def _explain(self, error: Exception) -> TemplateError:
        source = self.template.last_source or ""
        lines = source.splitlines()
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if frame.filename == "<template>" and frame.lineno
            ),
            getattr(error, "lineno", None) or 0,
        )
        text = _paragraph_text(lines[line - 1]).strip() if 0 < line <= len(lines) else ""
        name, paragraph = MASTER, line
        # A part's marker ends the line before its first paragraph: look above the line.
        for index in range(min(line, len(lines)) - 2, -1, -1):
            match = _PART_MARKER.search(lines[index])
            if match and self.template.last_is_body:
                name = match.group(1)
                part = read_part(name, self.directory)
                paragraph = _paragraph_number(part.body, text, fallback=line - index - 1)
                break
        where = _display(template_path(name, self.directory))
        if not self.template.last_is_body:
            where += " (en-tête ou pied de page)"
        return TemplateError(
            f"le modèle {where}, paragraphe {paragraph} : {_runtime_message(error)}"
            + (f"\n  paragraphe : « {text} »" if text else "")
        )


def _raised_by_template(error: BaseException) -> bool:
    """Whether a template's own code raised ``error`` (rather than csi-gen or a library)."""
    return any(
        frame.filename == "<template>" for frame in traceback.extract_tb(error.__traceback__)
    )


def _runtime_message(error: Exception) -> str:
    from jinja2.exceptions import SecurityError, UndefinedError

    message = str(error)
    if isinstance(error, SecurityError):
        attribute = re.search(r"attribute '([^']+)'", message)
        what = f"l'accès à « {attribute.group(1)} »" if attribute else "cette opération"
        return f"{what} est interdit dans un modèle (bac à sable) ; seules les données du contrat sont accessibles"
    if isinstance(error, UndefinedError):
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", message)
        if name and name.group(2):
            return f"« {name.group(2)} » n'existe pas dans « {name.group(1)} » ({message})"
        if name:
            return f"variable inconnue « {name.group(1)} »"
        return f"valeur inconnue ({message})"
    if isinstance(error, ZeroDivisionError):
        return "division par zéro dans une balise"
    if isinstance(error, OverflowError) and "MAX_RANGE" in message:
        return "boucle trop longue dans une balise (bac à sable : 100 000 tours au plus)"
    if isinstance(error, TypeError | ValueError | OverflowError | IndexError | KeyError):
        return f"opération impossible dans une balise ({type(error).__name__} : {message})"
    return message


class CompiledTemplates:
    """Compiled Jinja code, in memory and in the user's cache folder, by key.

    Compiling the contract's templates costs more than rendering them; the code depends
    only on the templates' text, the environment and the versions of Python, Jinja and
    docxtpl, all of which are in the key. ``CSI_GEN_CACHE=0`` turns the folder off;
    ``CSI_GEN_CACHE=<dossier>`` moves it. A cache that cannot be read or written is
    simply not used.
    """

    def __init__(self) -> None:
        self._templates: dict[str, Template] = {}

    def folder(self) -> Path | None:
        setting = os.environ.get("CSI_GEN_CACHE")
        if setting in ("0", ""):
            return None
        if setting:
            return Path(setting)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "csi-gen" / "modeles"

    def get(self, env: Environment, key: str, source: Callable[[], str]) -> Template:
        template = self._templates.get(key)
        if template is not None:
            return template
        code = self._load(key)
        if code is None:
            code = env.compile(source())
            self._store(key, code)
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        if len(self._templates) > 64:
            self._templates.clear()
        self._templates[key] = template
        return template

    def _path(self, key: str) -> Path | None:
        folder = self.folder()
        return folder / f"{key}.code" if folder is not None else None

    def _load(self, key: str) -> Any:
        path = self._path(key)
        if path is None:
            return None
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def _store(self, key: str, code: Any) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(marshal.dumps(code))
            Path(temporary).replace(path)
            self._prune(path.parent)
        except OSError:
            return

    def _prune(self, folder: Path) -> None:
        """Keep the most recent ``CACHE_ENTRIES`` compiled templates; drop the others."""
        entries = sorted(folder.glob("*.code"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[CACHE_ENTRIES:]:
            stale.unlink(missing_ok=True)


def _versions() -> list[str]:
    import docxtpl
    import jinja2

    from csi_gen import __version__

    env = environment()
    return [
        sys.implementation.cache_tag or "",
        sys.version,
        jinja2.__version__,
        str(getattr(docxtpl, "__version__", "")),
        __version__,
        type(env).__name__,
        str(env.autoescape),
        env.undefined.__name__,
        _SOURCE_FORMAT,
    ]


def _key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in [*_versions(), *parts]:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _body_key(sections: list[Section], directory: Path) -> str:
    """The identity of an assembled body: each template's bytes, order and framing."""
    parts: list[str | bytes] = [template_path(MASTER, directory).read_bytes()]
    for section in sections:
        try:
            content = template_path(section.template, directory).read_bytes()
        except OSError:
            content = b""  # reported in French when the part is read
        parts += [section.template, section.before, section.after, content]
    return _key(*parts)


_COMPILED = CompiledTemplates()
CACHE_ENTRIES = 64  # a set of templates and its variants; more only fills the disk
_PIECE = 1 << 16  # characters of rendered XML handed to the parser at a time
# A tab, newline, bell or form feed in a text: docxtpl's resolve_listing turns them into
# a tab, a line break, a new paragraph, a page break.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\x07\x0c]")
_SOURCE_FORMAT = "corps-1"  # bump when the way the body source is built changes


def _strict_docx_template() -> type:
    from docxtpl import DocxTemplate
    from lxml import etree

    class StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl, with our body, compiled-template reuse and no silent XML repair."""

        def __init__(self, template_file: str, body_key: str, body_xml: Callable[[], str]) -> None:
            super().__init__(template_file)
            self.docx: Any = self.docx  # python-docx's Document, replaced by map_tree
            self._body_key = body_key
            self._body_xml = body_xml
            self._source: str | None = None
            self.last_is_body: bool = True

        @property
        def last_source(self) -> str:
            """The Jinja source last rendered, rebuilt when it came from the cache."""
            if self._source is None:
                self._source = self.body_source()
            return self._source

        def body_source(self) -> str:
            return _jinja_source(self.patch_xml(self.get_xml()))

        def build_xml(self, context: Any, jinja_env: Any = None) -> Any:
            """The body, as a stream of XML pieces that ``fix_tables`` parses as they come.

            A large contract renders to tens of megabytes of XML: parsing it while Jinja
            generates it keeps neither the whole text nor the list of its pieces in memory.
            """
            template = _COMPILED.get(jinja_env, self._body_key, self.body_source)
            self._source, self.last_is_body = None, True
            self.current_rendering_part = self.docx._part
            return self._pieces(template.generate(context))

        def get_xml(self) -> str:
            body = self.docx._element.body
            section = body.find(f"{{{W}}}sectPr")
            section_xml = etree.tostring(section, encoding="unicode") if section is not None else ""
            namespaces = " ".join(
                f'xmlns:{prefix}="{uri}"' for prefix, uri in self.docx._element.nsmap.items()
            )
            return f"<w:body {namespaces}>{self._body_xml()}{section_xml}</w:body>"

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> str:
            source = _jinja_source(src_xml)
            self._source = source
            self.last_is_body = part is self.docx._part
            self.current_rendering_part = part
            template = _COMPILED.get(jinja_env, _key(source), lambda: source)
            return self._render(template, context)

        def _render(self, template: Any, context: Any) -> str:
            """docxtpl's steps after Jinja, as in ``DocxTemplate.render_xml_part``."""
            return self._finish(template.render(context))

        def _finish(self, xml: str) -> str:
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = (
                xml.replace("{_{", "{{")
                .replace("}_}", "}}")
                .replace("{_%", "{%")
                .replace("%_}", "%}")
            )
            if not _LISTING.search(xml):  # nothing for resolve_listing to turn into XML
                return xml
            return str(self.resolve_listing(xml))

        def _pieces(self, chunks: Iterator[str]) -> Iterator[str]:
            """Rendered XML in pieces of whole paragraphs, each finished as docxtpl would.

            A piece ends before a template paragraph (« \\n<w:p », as ``_jinja_source``
            wrote it), so no pattern of ``_finish`` and no paragraph straddles two pieces.
            """
            pending: list[str] = []  # joined with str.join: Markup's + would escape the rest
            size = 0
            for chunk in chunks:
                pending.append(chunk)
                size += len(chunk)
                if size < _PIECE:
                    continue
                text = "".join(pending)
                cut = text.rfind("\n<w:p", max(0, len(text) - len(chunk) - 5))
                if cut <= 0:
                    pending, size = [text], len(text)
                    continue
                yield self._finish(text[:cut])
                pending, size = [text[cut:]], len(text) - cut
            yield self._finish("".join(pending))

        def fix_tables(self, xml: Any) -> Any:
            """Parse the rendered body strictly, within a whole document; fit table grids.

            docxtpl parses with lxml's ``recover``, which repairs broken XML by dropping
            text: here a parse error is an error. The body is parsed inside a copy of the
            document element, so that ``map_tree`` swaps documents instead of moving a
            large body from one lxml document to another, which is quadratic.
            """
            from docx.oxml.parser import element_class_lookup

            root = etree.tostring(self.docx._element, encoding="unicode")
            start = root.index("<w:body")
            end = root.rindex("</w:body>") + len("</w:body>")
            parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
            parser.set_element_class_lookup(element_class_lookup)
            try:
                parser.feed(root[:start])
                for piece in [xml] if isinstance(xml, str) else xml:
                    parser.feed(piece)
                parser.feed(root[end:])
                document = parser.close()
            except etree.XMLSyntaxError as error:
                raise TemplateError(
                    "Erreur interne : le document rendu n'est pas un XML valide "
                    f"({error}) ; rien n'a été écrit."
                ) from None
            body = document.find(f"{{{W}}}body")
            fit_table_grids(body)
            return body

        def fix_docpr_ids(self, tree: Any) -> None:
            """Renumber drawing ids, as docxtpl does, on python-docx's element classes."""
            name = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
            for element in tree.iter(name):
                self.docx_ids_index += 1
                element.set("id", str(self.docx_ids_index))

        def map_tree(self, tree: Any) -> None:
            part = self.docx._part
            part._element = tree.getparent()
            self.docx = part.document

        def render_properties(self, context: Any, jinja_env: Any = None) -> None:
            """Document properties are set from the contract by ``assembly``, not templated."""

    return StrictDocxTemplate


def fit_table_grids(body: Any) -> None:
    """Give each table as many grid columns as its widest row, after column loops.

    A ``{%tc for %}`` loop changes the number of cells: the first column keeps its width
    and the others share the rest of the table's width equally.
    """
    w = f"{{{W}}}"
    for table in body.iter(f"{w}tbl"):
        grid = table.find(f"{w}tblGrid")
        columns = grid.findall(f"{w}gridCol") if grid is not None else []
        rows = table.findall(f"{w}tr")
        widest = max((_row_span(row, w) for row in rows), default=0)
        if grid is None or not columns or widest == len(columns):
            continue
        total = sum(int(c.get(f"{w}w", "0")) for c in columns)
        first = int(columns[0].get(f"{w}w", "0"))
        share = (total - first) // max(widest - 1, 1)
        widths = [first] + [share] * (widest - 1)
        for column in columns:
            grid.remove(column)
        for width in widths:
            grid.append(grid.makeelement(f"{w}gridCol", {f"{w}w": str(width)}))
        for row in rows:
            cells = row.findall(f"{w}tc")
            if len(cells) != widest:
                continue
            for cell, width in zip(cells, widths, strict=True):
                size = cell.find(f"{w}tcPr/{w}tcW")
                if size is not None:
                    size.set(f"{w}w", str(width))


def _row_span(row: Any, w: str) -> int:
    total = 0
    for cell in row.findall(f"{w}tc"):
        span = cell.find(f"{w}tcPr/{w}gridSpan")
        total += int(span.get(f"{w}val")) if span is not None else 1
    return total


class _Lazy:
    cls: type | None = None


def _StrictDocxTemplate(template_file: str, body_key: str, body_xml: Callable[[], str]) -> Any:
    if _Lazy.cls is None:
        _Lazy.cls = _strict_docx_template()
    return _Lazy.cls(template_file, body_key, body_xml)
