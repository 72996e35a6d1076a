"""Render the Word templates with docxtpl, in one sandboxed, strict, escaping Jinja environment.

The contract is rendered in one pass: the bodies of the part templates (cover, parties,
one per volet, one per annex…) are placed, in order, into the master template, which holds
every style, the numbering, the header and the footer; docxtpl then renders the whole.
Each part is checked when read: Jinja syntax, styles known to the master, no relationship
(image, link) that the master would not carry. An error names the template and paragraph.
"""

from __future__ import annotations

import hashlib
import re
import traceback
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen import formatting
from csi_gen.errors import CsiGenError, TemplateError

if TYPE_CHECKING:
    from docx.document import Document
    from jinja2 import Environment, Template

TEMPLATES_DIR = Path(__file__).resolve().parent / "resources" / "templates"
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
            f"Erreur : le modèle {_display(path)} n'est pas un document Word lisible ({error})."
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
                f"Erreur : le modèle {_display(path)} emploie le style « {style} », absent du "
                f"modèle maître {MASTER}.docx ; définissez-le dans le modèle maître."
            )
    if re.search(r'\br:(?:id|embed|link)="', xml):
        raise TemplateError(
            f"Erreur : le modèle {_display(path)} contient une image, un lien ou un objet "
            f"incorporé ; seuls le modèle maître {MASTER}.docx et le contrat généré en portent."
        )
    for number, text in enumerate(_paragraph_texts(xml), start=1):
        unclosed = _unclosed_tag(text)
        if unclosed is not None:
            raise TemplateError(
                f"Erreur : le modèle {_display(path)}, paragraphe {number}, a une balise "
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
            f"Erreur : le modèle {_display(path)}, paragraphe {number}, a une balise invalide : "
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
    """The master template with the assembled body, rendered once by docxtpl."""

    def __init__(self, body_xml: str, directory: Path = TEMPLATES_DIR) -> None:

        self.directory = directory
        self.template = _StrictDocxTemplate(str(template_path(MASTER, directory)), body_xml)
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
            f"Erreur : le modèle {where}, paragraphe {paragraph} : {_runtime_message(error)}"
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


class _CompiledCache:
    """Compiled Jinja templates by source, so that repeated builds in one process compile once."""

    def __init__(self) -> None:
        self._templates: dict[str, Template] = {}

    def get(self, env: Environment, source: str) -> Template:
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        template = self._templates.get(key)
        if template is None:
            template = env.from_string(source)
            if len(self._templates) > 64:
                self._templates.clear()
            self._templates[key] = template
        return template


_COMPILED = _CompiledCache()


def _strict_docx_template() -> type:
    from docxtpl import DocxTemplate
    from lxml import etree

    class StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl, with our body, compiled-template reuse and no silent XML repair."""

        def __init__(self, template_file: str, body_xml: str) -> None:
            super().__init__(template_file)
            self.docx: Any = self.docx  # python-docx's Document, replaced by map_tree
            self._body_xml = body_xml
            self.last_source: str | None = None
            self.last_is_body: bool = True

        def get_xml(self) -> str:
            body = self.docx._element.body
            section = body.find(f"{{{W}}}sectPr")
            section_xml = etree.tostring(section, encoding="unicode") if section is not None else ""
            namespaces = " ".join(
                f'xmlns:{prefix}="{uri}"' for prefix, uri in self.docx._element.nsmap.items()
            )
            return f"<w:body {namespaces}>{self._body_xml}{section_xml}</w:body>"

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> str:
            source = _jinja_source(src_xml)
            self.last_source = source
            self.last_is_body = part is self.docx._part
            self.current_rendering_part = part
            template = _COMPILED.get(jinja_env, source)
            dst_xml = template.render(context)
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            dst_xml = (
                dst_xml.replace("{_{", "{{")
                .replace("}_}", "}}")
                .replace("{_%", "{%")
                .replace("%_}", "%}")
            )
            return str(self.resolve_listing(dst_xml))

        def fix_tables(self, xml: str) -> Any:
            try:
                etree.fromstring(xml)
            except etree.XMLSyntaxError as error:  # never let lxml "recover" by dropping text
                raise TemplateError(
                    "Erreur interne : le document rendu n'est pas un XML valide "
                    f"({error}) ; rien n'a été écrit."
                ) from None
            return super().fix_tables(xml)

        def render_properties(self, context: Any, jinja_env: Any = None) -> None:
            """Document properties are set from the contract by ``assembly``, not templated."""

    return StrictDocxTemplate


class _Lazy:
    cls: type | None = None


def _StrictDocxTemplate(template_file: str, body_xml: str) -> Any:
    if _Lazy.cls is None:
        _Lazy.cls = _strict_docx_template()
    return _Lazy.cls(template_file, body_xml)
