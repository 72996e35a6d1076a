"""Every text of a contract, and where the document must show it: « nothing is lost ».

The schema says which values are free text (``texte_court``, ``texte_long``,
``texte_markdown``). For each such value found in a contract, ``expectations`` says where
the generated document shows it and in which form:

- in the body, exactly as written (French typography only turns the ordinary space before
  ; : ! ? » and after « into a no-break space; tests compare after ``plain``);
- Markdown fields through ``markdown_text.plain_text``: each line a reader sees is in the body;
- the title in the header of every page and in the document properties (``titre``);
- the name of a quartier opens a list item: its first letter is capitalised (``majuscule``);
- an added visa is printed after « Vu », which the schema asks not to repeat: a leading
  « Vu »/« vu » is not printed twice;
- an engagement that is not retained is not an engagement of the contract: the catalogue
  annex shows its status with the reason (``motif``), and its title when it is a measure of
  the contract's own (or awaits an arbitration); its other texts are not printed;
- in a contract organised by its own axes, a volet's introduction has no chapter: not printed;
- internal notes (``notes_de_redaction``, ``note_de_redaction``) and ``$schema`` are never
  printed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx

from csi_gen import markdown_text
from csi_gen.contract.schema import schema
from csi_gen.errors import Path_, format_path
from csi_gen.formatting import majuscule
from tests.docx_reading import every_string, header_and_footer_parts, plain, visible_text

TEXT_KINDS = {
    "#/$defs/texte_court": "court",
    "#/$defs/texte_long": "long",
    "#/$defs/texte_markdown": "markdown",
}
NEVER_PRINTED = {"$schema", "notes_de_redaction", "note_de_redaction"}
BODY, HEADER, NOWHERE = "corps", "en-tête", "nulle part"
TEMPLATE_TAGS = ("{{", "{%", "{#")


@dataclass(frozen=True)
class TextField:
    path: Path_
    kind: str  # court, long, markdown
    value: str


def text_fields(data: Any) -> list[TextField]:
    """Every free-text value of a contract, found by walking the data along the schema."""
    return list(_walk(schema(), data, ()))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and node["$ref"] not in TEXT_KINDS:
        node = schema()["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def _walk(node: dict[str, Any], value: Any, path: Path_) -> Iterator[TextField]:
    node = _resolve(node)
    if node.get("$ref") in TEXT_KINDS:
        if isinstance(value, str):
            yield TextField(path, TEXT_KINDS[node["$ref"]], value)
        return
    if isinstance(value, dict):
        for key, child in value.items():
            sub = node.get("properties", {}).get(key)
            if sub is None:
                sub = next(
                    (s for p, s in node.get("patternProperties", {}).items() if re.search(p, key)),
                    None,
                )
            if sub is not None:
                yield from _walk(sub, child, (*path, key))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, child in enumerate(value):
            yield from _walk(node["items"], child, (*path, index))


def set_at(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@dataclass(frozen=True)
class Expectation:
    field: TextField
    where: str  # BODY, HEADER or NOWHERE
    texts: tuple[str, ...]  # what a reader must find there, each in one piece


def expectations(data: dict[str, Any]) -> list[Expectation]:
    return [_expectation(data, field) for field in text_fields(data)]


def _expectation(data: dict[str, Any], field: TextField) -> Expectation:
    path, value = field.path, field.value
    if path[0] in NEVER_PRINTED or path[-1] in NEVER_PRINTED:
        return Expectation(field, NOWHERE, ())
    if path == ("titre",):
        return Expectation(field, HEADER, (value,))
    if path[0] == "volets":
        if path[2:] == ("introduction",) and data.get("axes"):
            return Expectation(field, NOWHERE, ())  # the chapters are the axes, with theirs
        engagement = data["volets"][path[1]]["engagements"][path[3]] if len(path) > 3 else None
        if engagement is not None and not _printed_in_engagement(engagement, path[4]):
            return Expectation(field, NOWHERE, ())
    if field.kind == "markdown":
        lines = markdown_text.plain_text(value).split("\n")
        return Expectation(field, BODY, tuple(line for line in lines if line))
    if path[:2] == ("territoire", "quartiers") and path[-1] == "nom":
        return Expectation(field, BODY, (majuscule(value),))
    if path[:2] == ("visas", "ajouts"):
        printed = value[3:] if value.startswith(("Vu ", "vu ")) else value
        return Expectation(field, BODY, (f"Vu {printed}",))
    return Expectation(field, BODY, (value,))


def _printed_in_engagement(engagement: dict[str, Any], key: str | int) -> bool:
    if engagement["statut"] == "retenue":
        return key != "motif"
    if key == "motif":
        return True
    if key == "intitule":
        return "mesure" not in engagement or engagement["statut"] == "en_attente_arbitrage"
    return False


# --- Reading the document back ------------------------------------------------------------


def missing_texts(document: Path, data: dict[str, Any]) -> list[str]:
    """What the document fails to show, one line per text, as « path : text (where) »."""
    body = plain(visible_text(document))
    header = plain("\n".join(visible_text(document, p) for p in header_and_footer_parts(document)))
    missing = []
    for expectation in expectations(data):
        shown_in = {BODY: body, HEADER: header}.get(expectation.where)
        for text in expectation.texts:
            if shown_in is not None and plain(text) not in shown_in:
                missing.append(
                    f"{format_path(expectation.field.path)} : {text!r} absent ({expectation.where})"
                )
    title = docx.Document(str(document)).core_properties.title
    intitule = data.get("titre") or f"Contrat de sécurité intégrée de {data['territoire']['nom']}"
    if title != intitule:
        missing.append(f"propriété « titre » : {title!r} au lieu de {intitule!r}")
    return missing


def chart_series_missing(document: Path, data: dict[str, Any]) -> list[str]:
    """Each diagnostic series names its chart, in the chart part itself."""
    with zipfile.ZipFile(document) as archive:
        charts = "".join(
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("word/charts/")
        )
    from lxml import etree

    names = []
    for match in re.finditer(r"<c:tx>(?:<c:strRef>.*?)?<c:v>(.*?)</c:v>", charts, re.DOTALL):
        names.append(etree.fromstring(f"<v>{match.group(1)}</v>").text or "")
    series = data.get("diagnostic", {}).get("indicateurs", [])
    shown = {plain(name) for name in names}
    return [s["libelle"] for s in series if plain(s["libelle"]) not in shown]


def leftover_tags(document: Path, data: dict[str, Any]) -> list[str]:
    """Template tags found anywhere in the document once the contract's own texts are removed.

    A contract may legitimately contain ``{{`` (it is printed as written): its texts, and the
    forms the document gives them, are taken out before looking.
    """
    printed = set()
    for field in text_fields(data):
        value = plain(field.value)
        printed |= {value, value.upper(), majuscule(value)}
        if field.kind == "markdown" and not markdown_text.unsupported(field.value):
            printed |= {plain(line) for line in markdown_text.plain_text(field.value).split("\n")}
    ordered = sorted((p for p in printed if p), key=len, reverse=True)
    found = []
    for string in every_string(document):
        rest = plain(string)
        for value in ordered:
            if value in rest:
                rest = rest.replace(value, "\x00")
        found += [f"{tag} dans {string[:120]!r}" for tag in TEMPLATE_TAGS if tag in rest]
    return found
