"""The contract's JSON Schema: read once, its validator, and the check of a contract's data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen.contract import messages
from csi_gen.contract.source import Source
from csi_gen.dates import FIN_DU_MANDAT, DatePartielle
from csi_gen.errors import InvalidContractError, Problem

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "resources" / "contrat.schema.json"


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _validators() -> tuple[Validator, Validator]:
    return validators_for(schema())


def validators_for(schema: dict[str, Any]) -> tuple[Validator, Validator]:
    """(quick, exact): the quick validator, on the schema with its references inlined, only
    says whether data are valid, twice as fast; the exact one lists the errors, worded from
    the schema as it is written (an inlined definition would lose its own description)."""
    return validator_for(inlined(schema)), validator_for(schema)


_ANNOTATIONS = frozenset({"title", "description", "examples", "$comment"})


def inlined(node: Any, definitions: dict[str, Any] | None = None) -> Any:
    """``node`` with each ``$ref`` to the schema's own ``$defs`` replaced by the definition.

    It accepts exactly the same data: jsonschema resolves a reference at every value it
    checks, and a contract has thousands of values. A reference with a sibling keyword that
    its definition also has (« maxLength ») keeps both, through ``allOf``.
    """
    if definitions is None:
        definitions = node.get("$defs", {})
        node = {k: v for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inlined(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = inlined(definitions[ref.removeprefix("#/$defs/")], definitions)
        siblings = {k: inlined(v, definitions) for k, v in node.items() if k != "$ref"}
        if (set(target) & set(siblings)) - _ANNOTATIONS:
            return {"allOf": [target], **siblings}
        return {**target, **siblings}
    return {
        k: v if k in ("enum", "const", "examples") else inlined(v, definitions)
        for k, v in node.items()
    }


def validator_for(schema: dict[str, Any]) -> Validator:
    """A validator of ``schema`` (draft 2020-12, dates checked, ECMA-262 patterns)."""
    from jsonschema import Draft202012Validator, FormatChecker, validators
    from jsonschema.exceptions import ValidationError

    def ecma_pattern(
        validator: Validator, pattern: str, instance: Any, schema: dict[str, Any]
    ) -> Iterator[Any]:
        # JSON Schema regexes are ECMA-262: "$" ends the input, where Python's "$" also
        # matches before a final newline ("abc\n" would pass "^[^\n]*$").
        if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    checker = FormatChecker(["date"])
    checker.checks("date-partielle", raises=ValueError)(_partial_date)
    checker.checks("echeance", raises=ValueError)(_deadline)
    cls = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})
    return cls(schema, format_checker=checker)


def _partial_date(instance: object) -> bool:
    """A date to the day, the month or the year that exists (« 2021-02-30 » does not)."""
    if isinstance(instance, str) and _PARTIAL_DATE.match(instance):
        DatePartielle.lire(instance)
    return True


def _deadline(instance: object) -> bool:
    return instance == FIN_DU_MANDAT or _partial_date(instance)


_PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def validate_schema(
    source: Source,
    data: Any,
    validators: tuple[Validator, Validator] | None = None,
    against: dict[str, Any] | None = None,
) -> None:
    """Check the data against a schema (``against``, with its ``validators_for``; the
    contract's by default); raise with every problem, located."""
    quick, exact = validators or _validators()
    if quick.is_valid(data):
        return
    problems = messages.problems(exact.iter_errors(data), against or schema())
    problems = _merge_misspelt_keys(problems)
    if problems:
        raise InvalidContractError(source.path, source.locate(problems))


def _merge_misspelt_keys(problems: list[Problem]) -> list[Problem]:
    """A misspelt required key is one problem (unknown key, with its suggestion), not two."""
    suggested = {
        (p.path[:-1], p.suggestion) for p in problems if p.on_key and p.suggestion is not None
    }
    return [
        p
        for p in problems
        if not (p.code == "SCHEMA-REQUIRED" and (p.path, p.expected_key) in suggested)
    ]
