"""The comparison's French names for the contract's fields, taken from the schema's titles,
and how each field is compared (``kind``).

Each dataclass of the model is tied to its node of the schema by walking both from the
contract down, a field to the property of the same name. A field's label is its title
with a lower-case initial, a list's item is named by its items' title. In a change's
path the parent is already named, so a title that names its parent drops it: « Lieu de
signature », under « Signature », is « lieu ». The schema's titles stand alone in an
editor; the few that the comparison says shorter are declared below.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from csi_gen import hints
from csi_gen.compare.naming import is_value
from csi_gen.contract.schema import schema
from csi_gen.model import Contrat, Deliberation, Engagement, Financement, Objectif, Parties, Volet
from csi_gen.model_types import Forme
from csi_gen.territory import Commune, Epci

Node = dict[str, Any]

LABELS: dict[tuple[type[Any], str], str] = {
    (Contrat, "statut"): "statut",  # « Statut du document »
    (Deliberation, "organe"): "organe",  # « Organe délibérant »
    (Engagement, "partie"): "partie",  # « Partie qui s'engage »
    (Objectif, "libelle"): "libellé de l'objectif",  # « Libellé »: said once for the objective
    (Financement, "taux"): "taux",  # « Taux de cofinancement »
    (Commune, "population"): "population",  # « Population municipale »
    (Epci, "nature"): "nature",  # « Nature juridique »
}
NOUNS: dict[tuple[type[Any], str], str] = {
    (Contrat, "dispositifs"): "Dispositif",  # « Dispositif intégré »
    (Engagement, "objectifs"): "Objectif",  # « Objectif chiffré »
    (Contrat, "annexes"): "Annexe",  # « Annexe libre »
    (Parties, "etat"): "Représentant de l'État",  # « Représentant »: which side
    (Parties, "collectivites"): "Représentant des collectivités",
}
FEMININE = frozenset(
    {
        "Annexe",
        "Clause de revoyure",
        "Commune",
        "Condition",
        "Délibération",
        "Intercommunalité",
        "Trajectoire",
        "Évaluation",
    }
)
_COMPLEMENT = re.compile(r"^(.+?) (?:de la |de l'|du |des |de )(\w+)")


def label(cls: type[Any], name: str) -> str:
    """« lieu », « date de création », « SIREN »: a field, as a change names it."""
    if (cls, name) in LABELS:
        return LABELS[cls, name]
    return _lower_initial(_without_parent(title(cls, name), _node(cls)))


def noun(cls: type[Any], name: str) -> str:
    """« Commune », « Représentant de l'État »: one item of a list, or an optional part."""
    if (cls, name) in NOUNS:
        return NOUNS[cls, name]
    hint = hints.fields(cls)[name]
    if hint.item is None:  # an optional part: « Intercommunalité »
        return title(cls, name)
    if hint.dataclass is not None:  # « Indicateur du diagnostic » in the diagnostic: « Indicateur »
        return _without_parent(str(_node(hint.dataclass).get("title", name)), _node(cls))
    first, _, rest = title(cls, name).partition(" ")  # texts: « Conditions » → « Condition »
    return f"{first.removesuffix('s')} {rest}".strip()


def section(cls: type[Any], name: str) -> str:
    """« Territoire », « Délibérations »: a part of the contract in a change's path."""
    return title(cls, name)


def title(cls: type[Any], name: str) -> str:
    """The schema's title of the field: the property's own, or that of its definition."""
    prop = _node(cls)["properties"][name]
    return str(prop.get("title") or resolve(prop).get("title") or name)


def fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of ``cls`` that the schema describes, in the model's order."""
    properties = _node(cls).get("properties", {})
    return tuple(f.name for f in dataclasses.fields(cls) if f.name in properties)


def feminine(word: str) -> bool:
    return word in FEMININE


def resolve(node: Node) -> Node:
    ref = node.get("$ref")
    if ref is None:
        return node
    target = schema()["$defs"][ref.removeprefix("#/$defs/")]
    return {**resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}


def _node(cls: type[Any]) -> Node:
    nodes = _nodes()
    if cls not in nodes:
        raise KeyError(f"{cls.__name__}: no object of the schema describes it")
    return nodes[cls]


@cache
def _nodes() -> dict[type[Any], Node]:
    """Each dataclass of the model, tied to its object in the schema."""
    nodes: dict[type[Any], Node] = {}
    queue: list[tuple[type[Any], Node]] = [(Contrat, schema())]
    while queue:
        cls, node = queue.pop(0)
        if cls in nodes:
            continue
        nodes[cls] = node
        types = hints.fields(cls)
        for name, prop in node.get("properties", {}).items():
            target = types[name].dataclass if name in types else None
            if target is None:
                continue
            prop = resolve(prop)
            if target is Volet:  # « volets »: an object keyed by volet, each a volet
                prop = resolve({"$ref": next(iter(prop["properties"].values()))["$ref"]})
            elif prop.get("type") == "array":
                prop = resolve(prop["items"])
            queue.append((target, prop))
    return nodes


def _without_parent(text: str, parent: Node) -> str:
    """« Lieu de signature » under « Signature » → « Lieu ».

    The contract itself is not named in a change's path: its fields keep their titles.
    """
    if parent is schema():
        return text
    match = _COMPLEMENT.match(text)
    parent_word = str(parent.get("title", "")).split(" ")[0].lower()
    if match and parent_word and match.group(2).lower() == parent_word:
        return match.group(1)
    return text


def _lower_initial(text: str) -> str:
    """« Lieu » → « lieu », but « SIREN » and « Code INSEE » keep their capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# --- How a field is compared -------------------------------------------------------------------


def kind(cls: type[Any], name: str) -> str:
    """How a field is compared: « items », « texts », « optional », « section », « text », or a value."""
    found = _KINDS.get((cls, name))
    if found is None:
        found = _KINDS[cls, name] = _kind_of(cls, name)
    return found


_KINDS: dict[tuple[type[Any], str], str] = {}


def _kind_of(cls: type[Any], name: str) -> str:
    hint = hints.fields(cls)[name]
    if hint.item is not None:
        return "items" if hint.dataclass is not None else "texts"
    if hint.dataclass is not None and not is_value(hint.dataclass):
        return "optional" if hint.optional else "section"
    return "text" if Forme.TEXTE in hint.marks else "value"
