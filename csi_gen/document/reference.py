"""docs/modeles.md, the jurist's reference: every variable a template may use.

Written by ``csi-gen modeles --doc`` from the typed context itself (each class's docstring,
each field's description), with examples taken from the contract of Toulouse, so that the
reference cannot drift from what the templates really see (a test checks it is in step).
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from csi_gen import formatting
from csi_gen.dates import DatePartielle
from csi_gen.document.checker import ANY, documents, element_of, fields_of
from csi_gen.document.context_base import Xml
from csi_gen.document.environment import FILTERS
from csi_gen.errors import plural

HEADER = """# Les modèles Word : variables et filtres

Ce fichier est écrit par `csi-gen modeles --doc` à partir du code ; ne le modifiez pas à la
main. C'est la référence du juriste qui modifie les modèles de `templates/`, comme
[schema.md](schema.md) est celle du rédacteur du contrat. Comment modifier un modèle : voir
la section « Modifier les modèles » du README.

- `{{ territoire.nom }}` imprime une valeur ; `{{ periode.debut|date_longue }}` la met en
  forme par un filtre ; une valeur absente n'imprime rien.
- `{%p if … %}`, `{%p for … in … %}`, `{%p endfor %}` occupent un paragraphe à eux seuls, qui
  disparaît du contrat ; `{%tr … %}` une ligne de tableau, `{%tc … %}` une cellule ;
  `{{p … }}` remplace le paragraphe par des paragraphes (texte mis en forme, graphique).
- Dans une boucle `{%p for volet in volets %}`, `volet` désigne un élément de la liste : les
  tableaux ci-dessous l'écrivent `volets[]`. `loop.index` (1, 2, 3…), `loop.first`,
  `loop.last` y sont disponibles.
- `{{ numero }}` dans un titre (styles Titre 1, 2, 3) reçoit le numéro du titre
  (« Titre Ier », « Chapitre II », « Article 1er »), calculé une fois le document complet.
- Les exemples sont ceux du contrat de Toulouse.
"""

TYPE_NAMES = {
    str: "texte",
    int: "nombre entier",
    float: "nombre",
    bool: "vrai / faux",
    date: "date",
    DatePartielle: "date (au jour, au mois ou à l'année)",
    Xml: "texte mis en forme",
    Markup: "numéro",
}


def type_name(kind: Any) -> str:
    options = typing.get_args(kind) if typing.get_origin(kind) is not list else ()
    if type(None) in options:
        inner = [o for o in options if o is not type(None)]
        return f"{type_name(inner[0])}, ou rien"
    if typing.get_origin(kind) is list:
        return f"liste de : {type_name(typing.get_args(kind)[0])}"
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return str(kind.__name__)
    return TYPE_NAMES.get(kind, "valeur")


def example(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "vrai" if value else "faux"
    if isinstance(value, Markup):
        return "1er"
    if isinstance(value, Xml):
        return "*(texte mis en forme)*"
    if isinstance(value, date | DatePartielle):
        return formatting.date_longue(value)
    if isinstance(value, float | int):
        return formatting.nombre(value)
    if isinstance(value, list):
        return "*(liste vide)*" if not value else plural(len(value), "élément")
    if dataclasses.is_dataclass(value):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= 70 else text[:69] + "…"


def _first(value: Any) -> Any:
    while isinstance(value, list):
        value = next((v for v in value if v is not None), None)
    return value


def _rows(kind: Any, value: Any, prefix: str, sections: list[str], seen: set[str]) -> list[str]:
    rows = []
    hints = fields_of(kind) or {}
    for field in dataclasses.fields(kind):
        name = f"{prefix}{field.name}"
        field_kind = hints[field.name]
        field_value = getattr(value, field.name, None) if value is not None else None
        description = field.metadata.get("doc", "")
        shown = example(field_value).replace("|", "\\|")
        rows.append(f"| `{name}` | {type_name(field_kind)} | {description} | {shown} |")
        inner = element_of(field_kind) if typing.get_origin(field_kind) is list else field_kind
        inner = typing.get_args(inner)[0] if type(None) in typing.get_args(inner) else inner
        while typing.get_origin(inner) is list:  # a list of lists (signature rows)
            inner = element_of(inner)
            inner = next((a for a in typing.get_args(inner) if a is not type(None)), inner)
        if isinstance(inner, type) and dataclasses.is_dataclass(inner) and inner is not ANY:
            child = f"{name}[]." if typing.get_origin(field_kind) is list else f"{name}."
            _section(inner, _first(field_value), child, sections, seen)
    return rows


def _section(kind: type, value: Any, prefix: str, sections: list[str], seen: set[str]) -> None:
    if prefix in seen:
        return
    seen.add(prefix)
    title = (kind.__doc__ or kind.__name__).strip().split("\n")[0]
    lines = [
        f"### `{prefix.rstrip('.')}` — {title}",
        "",
        "| Variable | Type | Description | Exemple |",
        "|---|---|---|---|",
    ]
    start = len(sections)
    sections.append("")  # placeholder: this section before its children
    lines += _rows(kind, value, prefix, sections, seen)
    sections[start] = "\n".join(lines) + "\n"


def _filters() -> str:
    examples = {
        "date_longue": ("une date", "9 octobre 2020 ; 1er avril 2021 ; juin 2022 ; 2024"),
        "mois_annee": ("une date", "mars 2026"),
        "date_le": ("une date", "le 9 octobre 2020 ; en juin 2022 ; en 2024"),
        "date_au": ("une date", "au 1er mars 2022 ; en mars 2022 ; en 2022"),
        "date_du": ("une date", "du 9 octobre 2020 ; de juin 2022 ; d'avril 2021 ; de 2024"),
        "echeance": (
            "une échéance",
            "le 31 décembre 2021 ; juin 2023 ; 2024 ; la fin du mandat municipal (après « d'ici »)",
        ),
        "nombre": ("un nombre", "1 250 000 ; 12,5"),
        "euros": ("un montant", "1 250 000 €"),
        "euros_en_lettres": ("un montant", "un million deux cent cinquante mille euros"),
        "en_lettres": ("un nombre entier", "deux"),
        "pourcentage": ("un nombre", "12,5 %"),
        "typo": ("un texte", "les espaces insécables de la typographie française"),
        "majuscule": ("un texte", "Préfet de … (la première lettre)"),
        "liste_et": ("une liste de textes", "a, b et c"),
        "separateur": (
            "`loop`, dans une boucle",
            "« , » entre deux éléments, « et » avant le dernier, rien après",
        ),
    }
    lines = [
        "## Filtres",
        "",
        "Un filtre s'écrit après une barre verticale : `{{ financement.total|euros }}`. Outre "
        "ceux de Jinja (`length`, `join`, `upper`…), csi-gen fournit :",
        "",
        "| Filtre | s'applique à | donne |",
        "|---|---|---|",
    ]
    for name in FILTERS:
        applies, gives = examples.get(name, ("", ""))
        lines.append(f"| `{name}` | {applies} | {gives} |")
    return "\n".join(lines) + "\n"


def _designations() -> str:
    """The macros that definitions.docx defines, as a template calls them."""
    import re

    from csi_gen.document import parts as templates

    body = templates.read_part("definitions").body
    found = re.findall(r"\{% macro (\w+\([^)]*\)) %\}", " ".join(templates.paragraph_texts(body)))
    lines = [
        "## Désignations",
        "",
        "`definitions.docx` définit, par des macros, les désignations employées dans tout le "
        "contrat ; un modèle les appelle entre doubles accolades : `{{ le_territoire() }}`. Ses "
        "paragraphes, au style « Définition (non imprimée) », ne sont pas imprimés. On peut y "
        "changer les mots d'une désignation, ou en ajouter une.",
        "",
        *(f"- `{{{{ {macro} }}}}`" for macro in found),
    ]
    return "\n".join(lines) + "\n"


def render(examples: list[Any]) -> str:
    """The reference, with examples from Toulouse's contexts (one per kind of document)."""
    parts = [HEADER, _filters(), _designations()]
    for document in documents():
        value = next((x for x in examples if type(x) is document.context), None)
        templates = ", ".join(f"`{t}.docx`" for t in document.templates)
        sections: list[str] = []
        _section(document.context, value, "", sections, set())
        sections[0] = sections[0].replace("### `` — ", "### Les variables de premier niveau — ")
        parts.append(
            f"## {document.name.capitalize()}\n\nModèles : {templates}, et l'en-tête et le pied "
            f"de page de `maitre.docx`.\n\n" + "\n".join(sections)
        )
    return "\n".join(parts)


def toulouse_context(root: Path) -> list[Any]:
    """The contexts of Toulouse's contract and note, as the templates see them."""
    from csi_gen.contract.validation import validate
    from csi_gen.document.context import build_context
    from csi_gen.document.context_note import build_note_context
    from csi_gen.versioning import Version

    class Hooks:
        def new_list(self, ordered: bool, level: int, start: int) -> int:
            return 1

        def add_chart(self, index: int) -> str:
            return ""

        def style(self, name: str) -> str:
            return name

    validated = validate(root / "contracts" / "toulouse.json")
    version = Version("1a2b3c4", date(2020, 10, 9), None, False, 7)
    return [
        build_context(validated.contrat, version, Hooks()),
        build_note_context(validated, version, Hooks(), "contracts/toulouse.json"),
    ]
