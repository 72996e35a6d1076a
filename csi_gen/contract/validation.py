"""Validate a contract file: syntax, schema, model, then domain rules, every problem located."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from csi_gen.contract import rules
from csi_gen.contract.builder import build_model
from csi_gen.contract.documents import attach
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


def validate(path: Path, strict: bool = False, documents: bool = True) -> Validated:
    """Load ``path`` and check every rule; raise ``InvalidContractError`` on any error.

    With ``strict``, warnings count as errors. With ``documents``, the PDF documents the
    contract annexes are read from their files next to it (a version read from git has none).
    """
    contrat, source = load(path)
    found = rules.check(contrat)
    if documents:
        contrat, unreadable = attach(contrat, path.parent)
        found += unreadable
    problems = source.locate(found)
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    if any(p.is_error for p in problems):
        raise InvalidContractError(path, problems)
    return Validated(contrat, source, tuple(problems))
