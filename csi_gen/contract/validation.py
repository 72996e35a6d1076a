"""Validate a contract file: syntax, schema, model, then domain rules, every problem located."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from csi_gen.contract import rules
from csi_gen.contract.builder import build_model
from csi_gen.contract.schema import validate_schema
from csi_gen.contract.source import Source, parse_json, read_source, territory_id
from csi_gen.errors import InvalidContractError, Problem, Severity
from csi_gen.model import Contrat


@dataclass(frozen=True)
class Validated:
    """A contract that can be built, with the warnings it raised."""

    contrat: Contrat
    source: Source
    warnings: tuple[Problem, ...]


def load(path: Path) -> tuple[Contrat, Source]:
    """Read, parse, check against the schema and build the model of one contract."""
    source = read_source(path)
    data = parse_json(source)
    validate_schema(source, data)
    return build_model(territory_id(path), data), source


def validate(path: Path, strict: bool = False) -> Validated:
    """Load ``path`` and check every rule; raise ``InvalidContractError`` on any error.

    With ``strict``, warnings count as errors.
    """
    contrat, source = load(path)
    problems = source.locate(rules.check(contrat))
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    if any(p.is_error for p in problems):
        raise InvalidContractError(path, problems)
    return Validated(contrat, source, tuple(problems))
