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
- an engagement that is not retained is not an engagement of the contract: the note de
  présentation (``<territoire>-note.docx``) shows its status with the reason (``motif``),
  and its title when it is a measure of the contract's own (or awaits an arbitration, which
  the contract also names); its other texts are not printed;
- in a contract organised by its own axes, a volet's introduction has no chapter: not printed;
- a signing mayor or president is « représenté(e) par son maire, M. … »: his ``qualite``
  is not printed as written;
- a deliberation that approved the contract after its signature is mentioned after the
  signatures by its council, number and date: its ``objet`` is not printed;
- the drafting notes (``notes_de_redaction``) are the note de présentation's; the
  engagements' ``note_de_redaction`` and ``$schema`` are never printed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx

from csi_gen import grammar, markdown_text
from csi_gen.contract.schema import schema
from csi_gen.errors import Path_, format_path
from csi_gen.formatting import majuscule
from tests.docx_reading import every_string, header_and_footer_parts, plain, visible_text

TEXT_KINDS = {
    "#/$defs/texte_court": "court",
    "#/$defs/texte_long": "long",
    "#/$defs/texte_markdown": "markdown",
}
NEVER_PRINTED = {"$schema", "note_de_redaction"}
BODY, HEADER, NOTE, NOWHERE = "corps", "en-tête", "note de présentation", "nulle part"
TEMPLATE_TAGS = ("{{", "{%", "{#")
EXECUTIVES = ("maire", "president_epci")


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
    where = BODY
    if path == ("territoire", "epci", "forme_de"):
        return Expectation(field, NOWHERE, ())  # how to write the name, not a text
    if path == (
        "notes_de_redaction",
    ):  # in the note, one paragraph per blank-line block, spaces collapsed
        paragraphs = value.split("\n\n")
        return Expectation(field, NOTE, tuple(" ".join(p.split()) for p in paragraphs if p.strip()))
    if path[0] == "volets":
        if path[2:] == ("introduction",) and data.get("axes"):
            return Expectation(field, NOWHERE, ())  # the chapters are the axes, with theirs
        engagement = data["volets"][path[1]]["engagements"][path[3]] if len(path) > 3 else None
        if engagement is not None:
            where = _where_in_engagement(engagement, path[4])
            if where == NOWHERE:
                return Expectation(field, NOWHERE, ())
    if path[0] == "deliberations" and path[-1] == "objet" and _after_signature(data, path[1]):
        return Expectation(field, NOWHERE, ())
    if field.kind == "markdown":
        lines = markdown_text.plain_text(value).split("\n")
        return Expectation(field, where, tuple(line for line in lines if line))
    if path[:2] == ("parties", "collectivites") and path[-1] == "qualite":
        representant = data["parties"]["collectivites"][path[2]]
        if representant.get("signataire") and representant["fonction"] in EXECUTIVES:
            return Expectation(field, NOWHERE, ())  # « représentée par son maire, M. … »
    if path[0] == "parties" and path[-1] == "nom" and _is_person(path):
        return Expectation(field, where, (grammar.nom_de_famille(value),))
    if path[:2] == ("territoire", "quartiers") and path[-1] == "nom":
        return Expectation(field, BODY, (majuscule(value),))
    if path[:2] == ("visas", "ajouts"):
        printed = value[3:] if value.startswith(("Vu ", "vu ")) else value
        return Expectation(field, BODY, (f"Vu {printed}",))
    return Expectation(field, where, (value,))


def _is_person(path: Path_) -> bool:
    """A person's family name (printed in capitals), not a partner's name."""
    return path[1] != "partenaires" or "representant" in path


def _where_in_engagement(engagement: dict[str, Any], key: str | int) -> str:
    if engagement["statut"] == "retenue":
        return NOWHERE if key == "motif" else BODY
    if key == "motif":
        return NOTE
    if key == "intitule" and engagement["statut"] == "en_attente_arbitrage":
        return BODY
    if key == "intitule" and "mesure" not in engagement:
        return NOTE
    return NOWHERE


def _after_signature(data: dict[str, Any], index: Any) -> bool:
    signed = data.get("signature", {}).get("date")
    return bool(signed) and data["deliberations"][index]["date"] > signed


# --- Reading the document back ------------------------------------------------------------


def missing_texts(document: Path, data: dict[str, Any]) -> list[str]:
    """What the document fails to show, one line per text, as « path : text (where) »."""
    body = plain(visible_text(document))
    header = plain("\n".join(visible_text(document, p) for p in header_and_footer_parts(document)))
    note_path = document.with_name(f"{document.stem}-note.docx")
    note = plain(visible_text(note_path)) if note_path.is_file() else None
    missing = []
    for expectation in expectations(data):
        shown_in = {BODY: body, HEADER: header, NOTE: note}.get(expectation.where)
        for text in expectation.texts:
            # a space at either end is not part of the text, a paragraph starts with a
            # capital: « En présence de : / La Caisse d'allocations familiales », and a name
            # is printed with single spaces (« Réseau  Exemple » is a typing slip)
            single = " ".join(plain(text).split())
            forms = {plain(text).strip(), majuscule(plain(text).strip()), single, majuscule(single)}
            if shown_in is not None and not any(form in shown_in for form in forms):
                missing.append(
                    f"{format_path(expectation.field.path)} : {text!r} absent ({expectation.where})"
                )
    title = docx.Document(str(document)).core_properties.title
    # without a title of its own: « Contrat de sécurité intégrée d'Angers », the name's form
    expected = data.get("titre", "Contrat de sécurité intégrée")
    if title != expected if "titre" in data else not title.startswith(expected):
        missing.append(f"propriété « titre » : {title!r} au lieu de {data.get('titre')!r}")
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


def _unspaced(text: str) -> str:
    return re.sub(r"\s", "", text)


def leftover_tags(document: Path, data: dict[str, Any]) -> list[str]:
    """Template tags found anywhere in the document once the contract's own texts are removed.

    A contract may legitimately contain ``{{`` (it is printed as written): its texts, and the
    forms the document gives them, are taken out before looking.
    """
    printed = set()
    for field in text_fields(data):
        value = plain(field.value)
        printed |= {value, value.upper(), majuscule(value)}
        printed |= {" ".join(p.split()) for p in value.split("\n\n")}  # the note's paragraphs
        if field.kind == "markdown" and not markdown_text.unsupported(field.value):
            printed |= {plain(line) for line in markdown_text.plain_text(field.value).split("\n")}
    # French typography may put a space where the text had none (« «; » prints « « ; »):
    # texts and document are compared without their spaces.
    printed = {_unspaced(p) for p in printed}
    ordered = sorted((p for p in printed if p), key=lambda p: (-len(p), p))  # not hash-ordered
    found = []
    for string in every_string(document):
        rest = _unspaced(plain(string))
        for value in ordered:
            if value in rest:
                rest = rest.replace(value, "\x00")
        found += [f"{tag} dans {string[:120]!r}" for tag in TEMPLATE_TAGS if tag in rest]
    return found
