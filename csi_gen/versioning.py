"""The version of a contract's data: the git commit and date of its file, if any.

``git`` here is the one way csi-gen runs git, for a document's version as for
``comparer``'s revisions.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from csi_gen.errors import UsageError, os_reason
from csi_gen.formatting import date_longue

GIT_TIMEOUT = 60  # seconds
VERSION_TIMEOUT = 10  # a document's version is worth waiting for less than a comparison


class GitUnavailable(UsageError):
    """git cannot be run, or does not answer in time."""


def git(
    directory: Path, *args: str, timeout: float = GIT_TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``directory``, its output captured; the caller reads its exit code."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GitUnavailable(
            "git est introuvable ; « comparer » lit les versions du contrat dans git "
            "(sudo apt install git)."
        ) from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(f"git ne répond pas (plus de {timeout:.0f} s).") from None
    except OSError as error:
        raise GitUnavailable(f"git n'a pas pu être lancé ({os_reason(error)}).") from None


@dataclass(frozen=True)
class Version:
    """The git version of a contract file: commit, date, modified since or not."""

    commit: str | None  # abbreviated hash
    day: date | None  # commit date, in the committer's own time zone
    timestamp: datetime | None
    modified: bool  # the file differs from its last commit
    number: int | None = None  # the commits of the file so far: « projet n° 7 »

    @property
    def label(self) -> str:
        """``version 1a2b3c4 du 12 mars 2026``, ``non versionné``…"""
        if self.commit is None or self.day is None:
            return "non versionné"
        text = f"version {self.commit} du {date_longue(self.day)}"
        if self.modified:
            text += ", modifiée depuis"
        return text


UNVERSIONED = Version(None, None, None, False)


def _output(directory: Path, *args: str) -> str | None:
    """git's output, or None when git fails, is missing or does not answer."""
    try:
        result = git(directory, *args, timeout=VERSION_TIMEOUT)
    except GitUnavailable:
        return None
    return result.stdout.decode().strip() if result.returncode == 0 else None


def data_version(path: Path) -> Version:
    """Version of ``path`` in its git repository, or ``UNVERSIONED``."""
    path = path.resolve()
    directory = path.parent
    log = _output(directory, "log", "-1", "--format=%h%x00%cI", "--", path.name)
    if not log:
        return UNVERSIONED
    commit, _, stamp = log.partition("\x00")
    timestamp = datetime.fromisoformat(stamp)
    status = _output(directory, "status", "--porcelain", "--", path.name)
    count = _output(directory, "rev-list", "--count", "HEAD", "--", path.name)
    number = int(count) if count and count.isdigit() else None
    return Version(commit, timestamp.date(), timestamp, bool(status), number)
