"""The version of a contract's data: the git commit and date of its file, if any."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from csi_gen.formatting import date_longue


@dataclass(frozen=True)
class Version:
    commit: str | None  # abbreviated hash
    day: date | None  # commit date, in the committer's own time zone
    timestamp: datetime | None
    modified: bool  # the file differs from its last commit

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


def _git(directory: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def data_version(path: Path) -> Version:
    """Version of ``path`` in its git repository, or ``UNVERSIONED``."""
    path = path.resolve()
    directory = path.parent
    log = _git(directory, "log", "-1", "--format=%h%x00%cI", "--", path.name)
    if not log:
        return UNVERSIONED
    commit, _, stamp = log.partition("\x00")
    timestamp = datetime.fromisoformat(stamp)
    status = _git(directory, "status", "--porcelain", "--", path.name)
    return Version(commit, timestamp.date(), timestamp, bool(status))
