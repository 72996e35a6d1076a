"""The quick schema check (references inlined) accepts exactly what the exact one accepts.

Valid data skip the listing of errors on the strength of the quick validator alone: if it
accepted what the schema refuses, an invalid contract would be built. Every hostile input,
every fixture and every follow-up of the rules' table is checked by both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csi_gen.contract import schema as loading
from csi_gen.follow import loading as follow_loading
from tests.conftest import FIXTURES, ROOT
from tests.test_follow_up import RULES, WARNINGS

HOSTILE = sorted((Path(__file__).parent / "hostile").glob("*.json"))


def readable(path: Path) -> object | None:
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


@pytest.mark.parametrize(
    "path",
    [
        *HOSTILE,
        *sorted((FIXTURES / "contrats").glob("*.json")),
        ROOT / "contracts" / "toulouse.json",
    ],
    ids=lambda p: p.name,
)
def test_the_quick_check_of_a_contract_agrees_with_the_exact_one(path):
    data = readable(path)
    if data is None:
        pytest.skip("pas du JSON : refusé avant le schéma")
    quick, exact = loading.validators_for(loading.schema())

    assert quick.is_valid(data) == exact.is_valid(data)


@pytest.mark.parametrize(
    ("mutate", "_"), [*RULES, *WARNINGS], ids=[m.__name__ for m, _ in [*RULES, *WARNINGS]]
)
def test_the_quick_check_of_a_follow_up_agrees_with_the_exact_one(mutate, _):
    data = json.loads((ROOT / "contracts" / "toulouse.suivi.json").read_text(encoding="utf-8"))
    mutate(data)
    quick, exact = loading.validators_for(follow_loading.schema())

    assert quick.is_valid(data) == exact.is_valid(data)


def test_a_reference_with_a_stricter_sibling_keeps_both_constraints():
    schema = {
        "$defs": {"court": {"type": "string", "maxLength": 5}},
        "properties": {"a": {"$ref": "#/$defs/court", "maxLength": 3, "title": "A"}},
    }

    inlined = loading.inlined(schema)

    assert inlined["properties"]["a"] == {
        "allOf": [{"type": "string", "maxLength": 5}],
        "maxLength": 3,
        "title": "A",
    }
    quick, exact = loading.validators_for(schema)
    for value in ("abc", "abcd", "abcdef"):
        assert quick.is_valid({"a": value}) == exact.is_valid({"a": value})
