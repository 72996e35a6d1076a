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
def _validator() -> Validator:
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
    return cls(schema(), format_checker=checker)


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


def validate_schema(source: Source, data: Any) -> None:
    """Check the data against the schema; raise with every problem, located."""
    problems = messages.problems(_validator().iter_errors(data), schema())
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
