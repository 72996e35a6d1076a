"""Validate a contract's follow-up file: its schema, then its rules against the contract."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from csi_gen.contract.source import Source
from csi_gen.contract.validation import Validated, validate
from csi_gen.errors import InvalidContractError, Problem, Severity
from csi_gen.follow import rules
from csi_gen.follow.loading import follow_up_path, load
from csi_gen.follow.model import Suivi


@dataclass(frozen=True)
class FollowUp:
    """A contract and its follow-up, both valid, with the warnings each file raised."""

    contract: Validated
    suivi: Suivi
    path: Path
    source: Source
    warnings: tuple[Problem, ...]  # located in the follow-up file
    contract_warnings: tuple[Problem, ...]  # located in the contract: what cannot be followed


def validate_follow_up(
    contract: Path, strict: bool = False, validated: Validated | None = None
) -> FollowUp:
    """Validate ``contract`` (unless ``validated`` is given) and its follow-up file.

    Raise ``InvalidContractError`` naming the follow-up file on any error there; with
    ``strict``, warnings count as errors.
    """
    validated = validated or validate(contract, strict=strict)
    path = follow_up_path(contract)
    suivi, source = load(path, validated.contrat.identifiant)
    problems = source.locate(rules.check(validated.contrat, suivi))
    unfollowable = validated.source.locate(rules.unfollowable(validated.contrat))
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
        if unfollowable:
            raise InvalidContractError(
                contract, [replace(p, severity=Severity.ERROR) for p in unfollowable]
            )
    if any(p.is_error for p in problems):
        raise InvalidContractError(path, problems)
    return FollowUp(validated, suivi, path, source, tuple(problems), tuple(unfollowable))
