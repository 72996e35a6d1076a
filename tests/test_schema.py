"""The JSON Schema: what editors show while typing, and the contracts it describes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from csi_gen.contract.messages import TEXTS_WITHOUT_CONTROLS
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "contrat.schema.json").read_text(encoding="utf-8"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target = SCHEMA["$defs"][ref.removeprefix("#/$defs/")]
    return {**resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}


def properties(node: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    node = resolve(node)
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}".lstrip("."), resolve(child)
        yield from properties(child, f"{path}.{name}")
    items = node.get("items")
    if isinstance(items, dict):
        yield from properties(items, f"{path}[]")


ALL_PROPERTIES = list(properties(SCHEMA))


def test_the_schema_is_draft_2020_12_and_refuses_unknown_keys():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    objects = [SCHEMA, *SCHEMA["$defs"].values(), *(p for _, p in ALL_PROPERTIES)]
    for node in objects:
        if node.get("type") == "object" and "patternProperties" not in node:
            assert node.get("additionalProperties") is False, node.get("title")


@pytest.mark.parametrize(("path", "node"), ALL_PROPERTIES, ids=[p for p, _ in ALL_PROPERTIES])
def test_every_property_has_a_french_title_and_description(path, node):
    assert node.get("title"), path
    assert node.get("description"), path


def test_the_schema_keeps_to_the_draft_7_compatible_subset():
    text = json.dumps(SCHEMA)
    for keyword in (
        "prefixItems",
        "unevaluatedProperties",
        "dependentRequired",
        "dependentSchemas",
        "minContains",
        "$dynamicRef",
    ):
        assert f'"{keyword}"' not in text


def test_every_contract_points_to_the_schema():
    for path in (ROOT / "contracts").glob("*.json"):
        if path.name.endswith(".suivi.json"):  # a follow-up: tests/test_follow_up.py
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        assert next(iter(data)) == "$schema"
        assert data["$schema"] == "../schema/contrat.schema.json"


def test_the_texts_that_refuse_control_characters_are_named_definitions():
    refusing = {
        name
        for name, node in SCHEMA["$defs"].items()
        if str(node.get("pattern", "")).startswith("^[^\\u0000")
    }

    assert refusing == set(TEXTS_WITHOUT_CONTROLS)
    for name, newline_allowed in TEXTS_WITHOUT_CONTROLS.items():
        assert ("\\u000b" in SCHEMA["$defs"][name]["pattern"]) is newline_allowed, name
