"""docxtpl, adapted: our assembled body, compiled-template reuse, streaming, no silent repair.

The only module that touches docxtpl's internals (``tests/test_templates.py`` fails loudly
if the ones relied on here change). It imports docxtpl and lxml at once: import it only
where a document is rendered (``rendering`` does so lazily).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import docx.oxml.ns
from docxtpl import DocxTemplate
from lxml import etree

from csi_gen.document.cache import COMPILED, key
from csi_gen.document.environment import Budget, RunawayTemplate
from csi_gen.document.ooxml import NAMESPACES, W
from csi_gen.document.parts import jinja_source
from csi_gen.errors import InternalError
from csi_gen.formatting import nombre

PIECE = 1 << 16  # characters of rendered XML handed to the parser at a time
MAX_OUTPUT = 1 << 30  # characters of rendered XML: beyond, a template is running away
# A tab, newline, bell or form feed in a text: docxtpl's resolve_listing turns them into
# a tab, a line break, a new paragraph, a page break.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\x07\x0c]")

# docxtpl imports docxcompose when it is installed (the benchmark installs it), which rebinds
# python-docx's « cp » prefix to the custom-properties namespace: core.xml would then hold
# « op:lastModifiedBy », which Word refuses. Put the core-properties namespace back.
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
docx.oxml.ns.nsmap["cp"] = CORE_PROPERTIES

# What this class relies on in docxtpl (checked by tests/test_templates.py).
RELIED_ON = (
    "init_docx",
    "patch_xml",
    "get_xml",
    "build_xml",
    "render_xml_part",
    "resolve_listing",
    "fix_tables",
    "fix_docpr_ids",
    "map_tree",
    "render_properties",
    "render",
)


class StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl with our body, compiled-template reuse and no silent XML repair."""

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
        return jinja_source(self.patch_xml(self.get_xml()))

    def build_xml(self, context: Any, jinja_env: Any = None) -> Any:
        """The body, as a stream of XML pieces that ``fix_tables`` parses as they come.

        A large contract renders to tens of megabytes of XML: parsing it while Jinja
        generates it keeps neither the whole text nor the list of its pieces in memory.
        """
        template = COMPILED.get(jinja_env, self._body_key, self.body_source)
        self._source, self.last_is_body = None, True
        self.current_rendering_part = self.docx._part
        return self._pieces(template.generate(context))

    def get_xml(self) -> str:
        body = self.docx._element.body
        section = body.find(f"{{{W}}}sectPr")
        section_xml = etree.tostring(section, encoding="unicode") if section is not None else ""
        declared = {**NAMESPACES, **{p: u for p, u in self.docx._element.nsmap.items() if p}}
        namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in declared.items())
        return f"<w:body {namespaces}>{self._body_xml()}{section_xml}</w:body>"

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        source = jinja_source(src_xml)
        self._source = source
        self.last_is_body = part is self.docx._part
        self.current_rendering_part = part
        template = COMPILED.get(jinja_env, key(source), lambda: source)
        return self._finish(template.render(context))

    def _finish(self, xml: str) -> str:
        """docxtpl's steps after Jinja, as in ``DocxTemplate.render_xml_part``."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if not _LISTING.search(xml):  # nothing for resolve_listing to turn into XML
            return xml
        return str(self.resolve_listing(xml))

    def _pieces(self, chunks: Iterator[str]) -> Iterator[str]:
        """Rendered XML in pieces of whole paragraphs, each finished as docxtpl would.

        A piece ends before a template paragraph (« \\n<w:p », as ``jinja_source`` wrote
        it), so no pattern of ``_finish`` and no paragraph straddles two pieces. The
        rendering's time and size are checked as it goes.
        """
        pending: list[str] = []  # joined with str.join: Markup's + would escape the rest
        fresh = total = 0  # characters since the last cut, and in all
        for chunk in chunks:
            pending.append(chunk)
            fresh += len(chunk)
            total += len(chunk)
            if fresh < PIECE:
                continue
            fresh = 0
            try:
                Budget.check()
                if total > MAX_OUTPUT:
                    raise RunawayTemplate(
                        f"le document dépasse {nombre(MAX_OUTPUT // 1_000_000)} millions "
                        "de caractères : une boucle répète trop de paragraphes"
                    )
            except RunawayTemplate as error:
                # Raised where the template stands, so that the error names its paragraph.
                throw = getattr(chunks, "throw", None)
                if throw is None:
                    raise
                throw(error)
            text = "".join(pending)
            cut = text.rfind("\n<w:p")
            if cut <= 0:  # one paragraph still growing: wait for more
                pending = [text]
                continue
            yield self._finish(text[:cut])
            pending = [text[cut:]]
        yield self._finish("".join(pending))

    def fix_tables(self, xml: Any) -> Any:
        """Parse the rendered body strictly, within a whole document.

        docxtpl parses with lxml's ``recover``, which repairs broken XML by dropping text:
        here a parse error is an error. The body is parsed inside a copy of the document
        element, so that ``map_tree`` swaps documents instead of moving a large body from
        one lxml document to another, which is quadratic.
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
            raise InternalError(
                f"le document rendu n'est pas un XML valide ({error}) ; rien n'a été écrit."
            ) from None
        return document.find(f"{{{W}}}body")

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
        """Document properties are set from the contract when finishing, not templated."""
