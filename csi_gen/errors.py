"""Errors and problems, with the French wording a user reads.

Every failure a user can meet is a ``CsiGenError``: the CLI prints its message and exits
with its ``exit_code``. Invalid contract data is reported as a list of ``Problem`` found
all at once, located by JSON path and, once the source is mapped, by line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

Path_ = tuple[str | int, ...]


class Severity(Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a contract, in French."""

    code: str
    path: Path_
    message: str
    expected: str | None = None
    found: str | None = None
    suggestion: str | None = None
    severity: Severity = Severity.ERROR
    line: int | None = None
    column: int | None = None
    on_key: bool = False  # the problem is the key at ``path``, not its value
    expected_key: str | None = None  # for a missing key: its name

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def located(self, line: int | None, column: int | None) -> Problem:
        return replace(self, line=line, column=column)


def format_path(path: Path_) -> str:
    """``("volets", "justice", "engagements", 0)`` → ``volets.justice.engagements[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(racine)"


def format_problem(problem: Problem, file_label: str) -> str:
    """The two or three lines that describe one problem, as printed by the CLI."""
    where = file_label
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    head = f"{where}  {format_path(problem.path)}  [{problem.code}]"
    if problem.severity is Severity.WARNING:
        head += " (avertissement)"
    lines = [head, f"  {problem.message}"]
    details = []
    if problem.expected is not None:
        details.append(f"attendu : {problem.expected}")
    if problem.found is not None:
        details.append(f"trouvé : {problem.found}")
    if details:
        lines.append("  " + " ; ".join(details))
    if problem.suggestion is not None:
        lines.append(f"  vouliez-vous dire « {problem.suggestion} » ?")
    return "\n".join(lines)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(2, "erreur")`` → ``2 erreurs``."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count} {word}"


class CsiGenError(Exception):
    """Base of every error csi-gen reports to a user; ``str()`` is the French message."""

    exit_code = 1


class UsageError(CsiGenError):
    """The command was called wrongly (unknown territory, bad option value)."""

    exit_code = 2


class InvalidContractError(CsiGenError):
    """A contract file cannot be used: syntax, schema or domain rule errors."""

    def __init__(self, path: Path, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__(self.describe())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def describe(self, nothing_written: bool = True) -> str:
        label = display_path(self.path)
        count = len(self.errors)
        head = f"Erreur : {label} contient {plural(count, 'erreur')}"
        head += " ; aucun fichier n'a été écrit." if nothing_written else "."
        body = [format_problem(p, label) for p in self.problems]
        return "\n\n".join([head, *body])


class TemplateError(CsiGenError):
    """A Word template is broken or refused by the sandbox."""


class OutputError(CsiGenError):
    """The output cannot be written where asked."""


class ConversionError(CsiGenError):
    """The PDF conversion (LibreOffice) failed or is unavailable."""


def display_path(path: Path) -> str:
    """A path as the user typed it, relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
