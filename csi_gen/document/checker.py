"""``csi-gen modeles``: check the Word templates before a contract needs them.

Every template is read as the build reads it (Jinja syntax, tags closed within their
paragraph, styles known to the master) and every name its tags use is checked against the
typed context (``document.context``): a variable, a field of a value, a filter, a test.
Each problem names the template's file, the paragraph as Word counts it and the tag, with
the nearest known name.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections import ChainMap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from csi_gen.dates import DatePartielle
from csi_gen.document import context_bilan as bilan
from csi_gen.document import parts
from csi_gen.document.context import Contexte, ContexteComparaison
from csi_gen.document.context_avenant import AVENANT_TEMPLATES, ContexteAvenant
from csi_gen.document.context_base import Commun
from csi_gen.document.context_note import ContexteNote
from csi_gen.document.environment import environment
from csi_gen.errors import TemplateError, closest, display_path, without_prefix

ANY = object()  # a value the checker does not type (a built-in's result, a number…)
MACRO = object()  # a macro of the definitions
LOOP_FIELDS = ["index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle"]
LOOP_FIELDS += ["depth", "depth0", "previtem", "nextitem", "changed"]
JINJA_GLOBALS = ("range", "dict", "namespace", "cycler", "joiner", "lipsum")


@dataclass(frozen=True)
class Document:
    """A kind of document csi-gen writes, the templates it is made of and what they see."""

    name: str  # « le contrat »
    context: type
    templates: tuple[str, ...]


def documents() -> tuple[Document, ...]:
    from csi_gen.document.assembly import NOTE_PARTS, PARTS

    return (
        Document("le contrat", Contexte, PARTS),
        Document("la note de présentation", ContexteNote, NOTE_PARTS),
        Document("la comparaison", ContexteComparaison, ("comparaison",)),
        Document("l'avenant", ContexteAvenant, AVENANT_TEMPLATES),
        Document("le bilan annuel", bilan.ContexteBilan, bilan.BILAN_PARTS),
        Document("la synthèse des bilans", bilan.ContexteSynthese, bilan.SYNTHESIS_PARTS),
    )


@dataclass(frozen=True)
class Finding:
    """One problem in a template."""

    template: Path
    paragraph: int | None
    tag: str
    message: str
    suggestion: str | None = None
    text: str = ""  # the paragraph

    def __str__(self) -> str:
        where = display_path(self.template)
        if self.paragraph is not None:
            where += f", paragraphe {self.paragraph}"
        lines = [f"{where} : {self.message}"]
        if self.tag:
            lines.append(f"  balise : {self.tag}")
        if self.suggestion:
            lines.append(f"  vouliez-vous dire « {self.suggestion} » ?")
        return "\n".join(lines)


# --- Types -------------------------------------------------------------------------------------------


def _unwrap(kind: Any) -> Any:
    """``X | None`` → X."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return options[0] if len(options) == 1 else ANY
    return kind


def fields_of(kind: Any) -> dict[str, Any] | None:
    """The names a value of this type has, with their types; None when it is not typed."""
    kind = _unwrap(kind)
    if kind == "loop":
        return dict.fromkeys(LOOP_FIELDS, ANY)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return {f.name: hints[f.name] for f in dataclasses.fields(kind)}
    return _VALUE_FIELDS.get(kind)


_VALUE_FIELDS: dict[Any, dict[str, Any]] = {
    date: {"year": int, "month": int, "day": int},
    DatePartielle: {"annee": int, "mois": int, "jour": int, "precise": bool},
}


def element_of(kind: Any) -> Any:
    kind = _unwrap(kind)
    if typing.get_origin(kind) is list:
        return typing.get_args(kind)[0]
    if kind is str:
        return str
    return ANY


# --- The walk ----------------------------------------------------------------------------------------


class Checker:
    """Walks the Jinja tree of one template with the names in scope and their types."""

    def __init__(self, scope: dict[str, Any]) -> None:
        self.scope: ChainMap[str, Any] = ChainMap(scope)
        self.found: list[tuple[int, str, str, str | None]] = []  # line, needle, message, near
        env = environment()
        self.filters = env.filters
        self.tests = env.tests

    def problem(self, node: Any, needle: str, message: str, near: str | None = None) -> None:
        self.found.append((node.lineno, needle, message, near))

    def body(self, nodes: Iterable[Any]) -> None:
        for node in nodes:
            self.statement(node)

    def statement(self, node: Any) -> None:
        from jinja2 import nodes as n

        if isinstance(node, n.Output):
            for child in node.nodes:
                self.expression(child)
        elif isinstance(node, n.For):
            self.loop(node)
        elif isinstance(node, n.If):
            self.expression(node.test)
            self.body(node.body)
            for branch in node.elif_:
                self.statement(branch)
            self.body(node.else_)
        elif isinstance(node, n.With):
            values = [self.expression(v) for v in node.values]
            self.scope = self.scope.new_child()
            for target, value in zip(node.targets, values, strict=True):
                self.bind(target, value)
            self.body(node.body)
            self.scope = self.scope.parents
        elif isinstance(node, n.Assign):
            kind = self.expression(node.node)
            self.bind(node.target, kind)
        elif isinstance(node, n.AssignBlock):
            self.body(node.body)
            self.bind(node.target, str)
        elif isinstance(node, n.Macro):
            self.scope[node.name] = MACRO
            inner = {a.name: ANY for a in node.args} | {"varargs": ANY, "kwargs": ANY}
            self.scope = self.scope.new_child(inner)
            self.body(node.body)
            self.scope = self.scope.parents
        elif isinstance(node, n.ExprStmt):
            self.expression(node.node)
        else:  # CallBlock, FilterBlock, Scope…: their children, checked as they come
            for child in node.iter_child_nodes():
                if isinstance(child, n.Stmt):
                    self.statement(child)
                else:
                    self.expression(child)

    def bind(self, target: Any, kind: Any) -> None:
        if hasattr(target, "items"):  # a tuple: « for a, b in … »
            for item in target.items:
                self.bind(item, ANY)
        elif hasattr(target, "name"):
            self.scope[target.name] = kind

    def loop(self, node: Any) -> None:
        kind = self.expression(node.iter)
        self.scope = self.scope.new_child({"loop": "loop"})
        self.bind(node.target, element_of(kind))
        if node.test is not None:
            self.expression(node.test)
        self.body(node.body)
        self.scope = self.scope.parents
        self.body(node.else_)

    def expression(self, node: Any) -> Any:
        from jinja2 import nodes as n

        if isinstance(node, n.Name):
            return self.name(node)
        if isinstance(node, n.Getattr):
            return self.attribute(node, node.attr)
        if isinstance(node, n.Getitem):
            return self.item(node)
        if isinstance(node, n.Filter):
            return self.filter(node)
        if isinstance(node, n.Test):
            self.expression(node.node)
            if node.name not in self.tests:
                self.problem(node, node.name, f"test inconnu « {node.name} »",
                             closest(node.name, self.tests))  # fmt: skip
            return bool
        if isinstance(node, n.Call):
            callee = self.expression(node.node)
            for argument in [*node.args, *(k.value for k in node.kwargs)]:
                self.expression(argument)
            return str if callee is MACRO else ANY
        if isinstance(node, n.Const):
            return type(node.value)
        for child in node.iter_child_nodes():  # operators, literals…: their parts
            self.expression(child)
        return ANY

    def name(self, node: Any) -> Any:
        if node.name in self.scope:
            return self.scope[node.name]
        if node.name in JINJA_GLOBALS:
            return ANY
        self.problem(
            node, node.name, f"variable inconnue « {node.name} »", closest(node.name, self.scope)
        )
        return ANY

    def attribute(self, node: Any, attribute: str) -> Any:
        kind = self.expression(node.node)
        known = fields_of(kind)
        if known is None:
            return ANY
        if attribute not in known:
            owner = describe(node.node)
            self.problem(
                node,
                attribute,
                f"« {attribute} » n'existe pas dans « {owner} »",
                closest(attribute, known),
            )
            return ANY
        return known[attribute]

    def item(self, node: Any) -> Any:
        from jinja2 import nodes as n

        if isinstance(node.arg, n.Const) and isinstance(node.arg.value, str):
            return self.attribute(node, node.arg.value)
        kind = self.expression(node.node)
        self.expression(node.arg)
        return element_of(kind)

    def filter(self, node: Any) -> Any:
        kind = self.expression(node.node) if node.node is not None else ANY
        for argument in [*node.args, *(k.value for k in node.kwargs)]:
            self.expression(argument)
        if node.name not in self.filters:
            self.problem(
                node, node.name, f"filtre inconnu « {node.name} »", closest(node.name, self.filters)
            )
            return ANY
        if node.name in ("first", "last", "random"):
            return element_of(kind)
        if node.name in ("list", "sort", "unique", "reverse", "select", "reject"):
            return kind
        if node.name == "length":
            return int
        return str if node.name not in ("map", "selectattr", "rejectattr", "batch") else ANY


def describe(node: Any) -> str:
    """An expression as a template writes it: ``volet.cotes``, ``ligne[0]``."""
    from jinja2 import nodes as n

    if isinstance(node, n.Name):
        return str(node.name)
    if isinstance(node, n.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, n.Getitem) and isinstance(node.arg, n.Const):
        return f"{describe(node.node)}[{node.arg.value!r}]"
    return "…"


# --- Templates ----------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return re.sub(r"\{([%{#])(?:p|tr|tc|r)\s", r"{\1 ", text)


def _tag(paragraph: str, needle: str) -> str:
    for match in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", paragraph):
        if re.search(rf"\b{re.escape(needle)}\b", match.group(0)):
            return match.group(0)
    return ""


def _locate(body: str, source: str, line: int, needle: str) -> tuple[int | None, str]:
    """The paragraph (as Word counts them) of a problem found on a line of the source."""
    lines = source.splitlines()
    shown = re.sub(r"<[^>]+>", "", lines[line - 1]) if 0 < line <= len(lines) else ""
    texts = parts.paragraph_texts(body)
    candidates = [
        (number, text)
        for number, text in enumerate(texts, start=1)
        if re.search(rf"\b{re.escape(needle)}\b", text)
    ]
    for number, text in candidates:
        if _normalise(text).strip() and _normalise(text).strip() in _normalise(shown):
            return number, text
    return candidates[0] if candidates else (None, "")


def _check_part(path: Path, body: str, checker: Checker) -> list[Finding]:
    from docxtpl import DocxTemplate

    source = parts.jinja_source(DocxTemplate.patch_xml(None, body))
    checker.found = []
    checker.body(environment().parse(source).body)
    findings = []
    for line, needle, message, near in checker.found:
        number, text = _locate(body, source, line, needle)
        findings.append(Finding(path, number, _tag(text, needle), message, near, text))
    return findings


def _header_and_footer(master: Path) -> list[tuple[str, str]]:
    import zipfile

    with zipfile.ZipFile(master) as archive:
        return [
            (name, archive.read(name).decode("utf-8"))
            for name in sorted(archive.namelist())
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        ]


def check(directory: Path = parts.TEMPLATES_DIR, only: Sequence[str] = ()) -> list[Finding]:
    """Every problem of the templates of ``directory`` (or of those named in ``only``)."""
    findings: list[Finding] = []
    used: set[str] = {parts.MASTER}
    master = parts.template_path(parts.MASTER, directory)
    for document in documents():
        checker = Checker(dict(fields_of(document.context) or {}))
        for name in document.templates:
            used.add(name)
            path = parts.template_path(name, directory)
            if only and name not in only:
                _definitions_only(path, directory, checker)  # its macros serve the next ones
                continue
            try:
                body = parts.read_part(name, directory).body
            except TemplateError as error:
                findings.append(Finding(path, None, "", without_prefix(str(error))))
                continue
            findings += _check_part(path, body, checker)
        if not only or parts.MASTER in only:
            common = Checker(dict(fields_of(Commun) or {}))
            for _, xml in _header_and_footer(master):
                for finding in _check_part(master, xml, common):
                    findings.append(dataclasses.replace(finding, paragraph=None))
    if not only:
        for path in sorted(directory.glob("*.docx")):
            if path.stem not in used:
                kinds = ", ".join(d.name for d in documents())
                unused = f"ce modèle n'entre dans aucun document ({kinds}) : csi-gen ne le lit pas"
                findings.append(Finding(path, None, "", unused))
    return list(dict.fromkeys(findings))  # a part of several documents, reported once


def _definitions_only(path: Path, directory: Path, checker: Checker) -> None:
    """Walk a template only for the names it defines (macros, ``set``) for later ones."""
    try:
        body = parts.read_part(path.stem, directory).body
    except TemplateError:
        return
    _check_part(path, body, checker)


def names(directory: Path = parts.TEMPLATES_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.docx"))
