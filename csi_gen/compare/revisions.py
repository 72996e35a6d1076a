"""A contract and the Word templates as they were at a git revision.

``comparer`` builds two versions of a contract: each side is either the working tree or a
revision of the git repository that holds the contract file. A revision is read with
``git`` itself (``rev-parse``, ``cat-file``, ``archive``), never by checking it out: the
user's working tree and index are left alone.
"""

from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from csi_gen.errors import UsageError, display_path
from csi_gen.formatting import date_longue
from csi_gen.versioning import Version, data_version, git


@dataclass(frozen=True)
class Repository:
    """The git repository that holds a contract file."""

    root: Path
    contract: Path  # the contract file, relative to ``root``

    def relative(self, path: Path) -> Path | None:
        """``path`` relative to the repository, or None when it lies outside."""
        try:
            return path.resolve().relative_to(self.root)
        except ValueError:
            return None


@dataclass(frozen=True)
class Revision:
    """A commit, as the user named it (``HEAD~1``, ``v1.2``, ``1a2b3c4``)."""

    name: str
    sha: str
    short: str
    timestamp: datetime

    @property
    def label(self) -> str:
        """``HEAD~1`` (``1a2b3c4``), for messages."""
        return self.name if self.name == self.short else f"{self.name} ({self.short})"


def repository(contract: Path) -> Repository:
    """The repository of ``contract``; a usage error when it is not under git."""
    directory = contract.resolve().parent
    if not directory.is_dir():
        raise UsageError(f"contrat introuvable : {display_path(contract)}")
    result = git(directory, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise UsageError(
            f"{display_path(contract)} n'est pas dans un dépôt git ; « comparer » "
            "compare deux versions enregistrées dans git."
        )
    root = Path(result.stdout.decode().strip()).resolve()
    return Repository(root, contract.resolve().relative_to(root))


def resolve(repo: Repository, name: str) -> Revision:
    """The commit that ``name`` designates; a usage error (exit 2) when there is none."""
    if not name or name.startswith("-"):
        raise UsageError(f"révision « {name} » invalide.")
    result = git(
        repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"
    )
    if result.returncode != 0:
        raise UsageError(
            f"révision « {name} » inconnue du dépôt git de {repo.contract.as_posix()} ; "
            "indiquez un commit, une branche ou une étiquette (par exemple HEAD~1) : "
            "voir « git log --oneline »."
        )
    sha = result.stdout.decode().strip()
    show = git(repo.root, "show", "-s", "--format=%h%x00%cI", sha)
    short, _, stamp = show.stdout.decode().strip().partition("\x00")
    return Revision(name, sha, short, datetime.fromisoformat(stamp))


def git_path(revision: Revision, path: Path) -> str:
    """``HEAD~1:contracts/toulouse.json``: how git (and the messages) name a file at a revision."""
    return f"{revision.name}:{path.as_posix()}"


def read_contract(repo: Repository, revision: Revision, target: Path) -> Path:
    """Write the contract file as it was at ``revision`` to ``target``; return ``target``."""
    spec = f"{revision.sha}:{repo.contract.as_posix()}"
    result = git(repo.root, "cat-file", "blob", spec)
    if result.returncode != 0:
        raise UsageError(
            f"{repo.contract.as_posix()} n'existe pas à la révision {revision.label} "
            f"du {date_longue(revision.timestamp.date())} ; choisissez une révision où le "
            f"contrat existe : voir « git log --oneline -- {repo.contract.as_posix()} »."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.stdout)
    return target


def export_directory(repo: Repository, revision: Revision, path: Path, target: Path) -> bool:
    """Extract the folder ``path`` (relative to the repository) at ``revision`` into ``target``.

    Return False when the folder does not exist at that revision.
    """
    result = git(repo.root, "archive", "--format=tar", revision.sha, "--", path.as_posix())
    if result.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(target, filter="data")
    return (target / path).is_dir()


def version_at(repo: Repository, revision: Revision) -> Version:
    """The data version the contract had at ``revision``: its last commit up to it."""
    result = git(
        repo.root,
        "log",
        "-1",
        "--format=%h%x00%cI",
        revision.sha,
        "--",
        repo.contract.as_posix(),
    )
    text = result.stdout.decode().strip()
    if result.returncode != 0 or not text:
        return Version(revision.short, revision.timestamp.date(), revision.timestamp, False)
    commit, _, stamp = text.partition("\x00")
    timestamp = datetime.fromisoformat(stamp)
    count = git(repo.root, "rev-list", "--count", revision.sha, "--", repo.contract.as_posix())
    number = count.stdout.decode().strip()
    return Version(
        commit, timestamp.date(), timestamp, False, int(number) if number.isdigit() else None
    )


def working_tree_version(repo: Repository) -> Version:
    return data_version(repo.root / repo.contract)


def head_timestamp(repo: Repository) -> datetime | None:
    result = git(repo.root, "show", "-s", "--format=%cI", "HEAD")
    text = result.stdout.decode().strip()
    return datetime.fromisoformat(text) if result.returncode == 0 and text else None


def utc(stamp: datetime) -> datetime:
    return stamp.astimezone(UTC)
