"""Validate a contract file: schema, then domain rules, every problem located."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from csi_gen.contract import rules
from csi_gen.contract.loading import Source, load
from csi_gen.errors import InvalidContractError, Problem, Severity
from csi_gen.model import Contrat


@dataclass(frozen=True)
class Validated:
    """A contract that can be built, with the warnings it raised."""

    contrat: Contrat
    source: Source
    warnings: tuple[Problem, ...]


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
