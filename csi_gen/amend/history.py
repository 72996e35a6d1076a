"""The versions an avenant amends, found in git: recorded in the file, or in its history.

Avenant n° 1 amends the signed contract: the first commit of the file where its status is
« signe ». Avenant n° k amends the contract as amended by avenant n° k-1: the first commit
where that avenant is « signe ». A revision written in the avenant (« revision ») wins.
Each version is read with git, validated, never checked out.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from csi_gen.compare import revisions
from csi_gen.contract.validation import validate
from csi_gen.errors import InvalidContractError, UsageError, display_path
from csi_gen.model import Contrat
from csi_gen.versioning import git


@dataclass(frozen=True)
class Amended:
    """A version of the contract that an avenant amends."""

    revision: revisions.Revision
    contrat: Contrat


def amended_versions(source: Path, contrat: Contrat) -> list[Amended]:
    """For each avenant, in order, the version it amends."""
    repo = revisions.repository(source)
    commits: list[str] | None = None
    found: list[Amended] = []
    for index, avenant in enumerate(contrat.avenants):
        if avenant.revision:
            revision = revisions.resolve(repo, avenant.revision)
        else:
            if commits is None:
                commits = _commits(repo)
            revision = _first_signed(repo, commits, index, source)
        found.append(Amended(revision, read_at(repo, revision)))
    return found


def as_last_signed(source: Path, contrat: Contrat) -> Amended | None:
    """The version recorded when the last avenant became « signe », if git holds one."""
    if not contrat.avenants or not contrat.avenants[-1].signe:
        return None
    repo = revisions.repository(source)
    try:
        revision = _first_signed(repo, _commits(repo), len(contrat.avenants), source)
    except UsageError:  # signed, not yet committed: the working tree is that version
        return None
    return Amended(revision, read_at(repo, revision))


def read_at(repo: revisions.Repository, revision: revisions.Revision) -> Contrat:
    with tempfile.TemporaryDirectory(prefix="csi-gen-avenant-") as folder:
        path = revisions.read_contract(repo, revision, Path(folder) / repo.contract)
        try:
            return validate(path).contrat
        except InvalidContractError as error:
            located = Path(revisions.git_path(revision, repo.contract))
            raise InvalidContractError(located, error.problems) from None


def _commits(repo: revisions.Repository) -> list[str]:
    result = git(repo.root, "log", "--format=%H", "--reverse", "--", repo.contract.as_posix())
    return result.stdout.decode().split() if result.returncode == 0 else []


def _first_signed(
    repo: revisions.Repository, commits: list[str], index: int, source: Path
) -> revisions.Revision:
    """The first commit where the contract (index 0) or avenant n° ``index`` is signed."""
    for sha in commits:
        data = _data_at(repo, sha)
        if data is None:
            continue
        avenants = data.get("avenants") or []
        if (index == 0 and data.get("statut") == "signe" and not avenants) or (
            index > 0 and len(avenants) >= index and avenants[index - 1].get("statut") == "signe"
        ):
            revision = revisions.resolve(repo, sha)
            return replace(revision, name=revision.short)  # named as « git log » shows it
    what = "le contrat signé" if index == 0 else f"l'avenant n° {index} signé"
    raise UsageError(
        f"{display_path(source)} : l'avenant n° {index + 1} modifie {what}, mais aucun "
        f"enregistrement git de ce fichier ne le contient ; enregistrez (git commit) la "
        f"version signée, ou indiquez-la dans « revision » de l'avenant n° {index + 1} "
        "(par exemple l'étiquette « contrat-signe »)."
    )


def _data_at(repo: revisions.Repository, sha: str) -> dict[str, Any] | None:
    result = git(repo.root, "cat-file", "blob", f"{sha}:{repo.contract.as_posix()}")
    if result.returncode != 0:
        return None
    try:
        data = json.loads(result.stdout)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
