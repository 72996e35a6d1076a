"""docs/schema.md: the French reference of every field, generated from the schema.

One section per object of the contract, one row per field: its key, type, whether it is
required, its description and an example. ``csi-gen schema --doc`` writes it; a test keeps
the committed file in step with the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Node = dict[str, Any]

HEADER = """# Référence des champs d'un contrat

Ce document est produit par `csi-gen schema --doc` à partir de
`schema/contrat.schema.json` ; ne le modifiez pas à la main. Les mêmes titres et
descriptions s'affichent dans l'éditeur pendant la saisie, grâce à la ligne
`"$schema": "../schema/contrat.schema.json"` en tête de chaque contrat.
"""


@dataclass(frozen=True)
class Section:
    """A section of the schema's documentation: one object of the contract."""

    path: str
    title: str
    description: str
    node: Node


class SchemaDoc:
    def __init__(self, schema: Node) -> None:
        self.schema = schema

    def resolve(self, node: Node) -> Node:
        ref = node.get("$ref")
        if ref is None:
            return node
        target = self.schema["$defs"][ref.removeprefix("#/$defs/")]
        return {**self.resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}

    def sections(self) -> Iterator[Section]:
        """Each object once: a definition shared by several keys is documented once."""
        queue: list[tuple[str, Node]] = [("(racine)", self.schema)]
        seen: set[str] = set()
        while queue:
            path, raw = queue.pop(0)
            node = self.resolve(raw)
            yield Section(path, node.get("title", path), node.get("description", ""), node)
            children = node.get("properties", {})
            shared = _shared_definitions(children)
            for key, child in children.items():
                target = self._object_of(child)
                if target is None:
                    continue
                definition = _definition(child) or f"{path}.{key}"
                if definition in seen:
                    continue
                seen.add(definition)
                if definition in shared:  # documented once, under the definition's own title
                    target = {"$ref": f"#/$defs/{definition}"}
                queue.append((self._child_path(path, key, child, shared), target))

    def _child_path(self, path: str, key: str, child: Node, shared: dict[str, list[str]]) -> str:
        prefix = "" if path == "(racine)" else f"{path}."
        keys = shared.get(_definition(child) or "")
        name = key
        if keys:
            name = "<volet>" if len(keys) > 3 else "(" + " | ".join(keys) + ")"
        suffix = "[]" if self.resolve(child).get("type") == "array" else ""
        return f"{prefix}{name}{suffix}"

    def _object_of(self, node: Node) -> Node | None:
        node = self.resolve(node)
        if node.get("type") == "object" and "properties" in node:
            return node
        items = node.get("items")
        if node.get("type") == "array" and isinstance(items, dict):
            item = self.resolve(items)
            if item.get("type") == "object" and "properties" in item:
                return items
        return None

    def type_of(self, node: Node) -> str:
        node = self.resolve(node)
        if "enum" in node:
            return "valeur parmi " + ", ".join(f"`{v}`" for v in node["enum"])
        kind = node.get("type")
        formats = {
            "date": "date (AAAA-MM-JJ)",
            "date-partielle": "date (AAAA-MM-JJ, AAAA-MM ou AAAA)",
            "echeance": "date (AAAA-MM-JJ, AAAA-MM ou AAAA) ou `fin_du_mandat`",
        }
        if kind == "string" and node.get("format") in formats:
            return formats[node["format"]]
        if kind == "array":
            items = node.get("items", {})
            inner = self.type_of(items) if isinstance(items, dict) else "valeurs"
            return f"liste de {inner}" if self._object_of(node) is None else "liste d'objets"
        if kind == "object" and "patternProperties" in node:
            return "objet année → nombre"
        return {
            "string": "texte",
            "number": "nombre",
            "integer": "entier",
            "boolean": "booléen",
            "object": "objet",
        }.get(str(kind), str(kind))

    def example_of(self, node: Node) -> Any:
        node = self.resolve(node)
        if node.get("examples"):
            return node["examples"][0]
        if "enum" in node:
            return node["enum"][0]
        if node.get("type") == "boolean":
            return True
        if node.get("format") == "date":
            return "2021-09-01"
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            item = self.resolve(node["items"])
            if item.get("type") != "object":
                return [self.example_of(item)]
        return None

    def render(self) -> str:
        parts = [HEADER]
        for section in self.sections():
            anchor = "" if section.path == "(racine)" else f" (`{section.path}`)"
            parts.append(f"\n## {section.title}{anchor}\n")
            if section.description:
                parts.append(f"{section.description}\n")
            required = set(section.node.get("required", []))
            parts.append("| Champ | Type | Obligatoire | Description | Exemple |")
            parts.append("|---|---|---|---|---|")
            for key, raw in section.node.get("properties", {}).items():
                child = self.resolve(raw)
                description = child.get("description", "")
                if self._object_of(raw) is not None:
                    shared = _shared_definitions(section.node.get("properties", {}))
                    example = f"voir `{self._child_path(section.path, key, raw, shared)}`"
                else:
                    value = self.example_of(raw)
                    example = "" if value is None else f"`{json.dumps(value, ensure_ascii=False)}`"
                parts.append(
                    f"| `{key}` | {self.type_of(raw)} | {'oui' if key in required else 'non'} "
                    f"| {_cell(child.get('title', ''))} : {_cell(description)} | {example} |"
                )
        return "\n".join(parts) + "\n"


def _definition(node: Node) -> str | None:
    """The $defs name a property (or its items) refers to."""
    ref = node.get("$ref") or (node.get("items") or {}).get("$ref")
    return str(ref).removeprefix("#/$defs/") if ref else None


def _shared_definitions(children: Node) -> dict[str, list[str]]:
    """Definitions used by several keys of one object, with those keys."""
    by_definition: dict[str, list[str]] = {}
    for key, child in children.items():
        name = _definition(child)
        if name is not None:
            by_definition.setdefault(name, []).append(key)
    return {name: keys for name, keys in by_definition.items() if len(keys) > 1}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(schema: Node) -> str:
    return SchemaDoc(schema).render()
