"""Errors and problems, with the French wording a user reads.

Every failure a user can meet is a ``CsiGenError``: the CLI prints its message and exits
with its ``exit_code``. Invalid contract data is reported as a list of ``Problem`` found
all at once, located by JSON path and, once the source is mapped, by line and column.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable, Sequence
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


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: invisible or dangerous characters as ``\\uXXXX``.

    Keys and values quoted in a message come from the contract file: a control character
    (``ESC`` starts terminal sequences), a lone surrogate (unprintable) or a bidirectional
    override (which reorders what is displayed) is shown as its code instead.
    """
    if text.isprintable() and not any(c in _BIDI_CONTROLS for c in text):
        return text
    return "".join(_escape_char(c) for c in text)


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _escape_char(char: str) -> str:
    code = ord(char)
    if (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or char in _BIDI_CONTROLS
        or char in "\u2028\u2029\ufffe\uffff"
    ):
        return f"\\u{code:04x}"
    return char


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
    return "\n".join(visible(line) for line in lines)


def closest(word: object, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``word``, for « vouliez-vous dire … ? », if one is near."""
    if not isinstance(word, str):
        return None
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _printable(text: str) -> str:
    return "\n".join(visible(line) for line in text.split("\n"))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(2, "erreur")`` → ``2 erreurs``."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count} {word}"


def error_line(message: str) -> str:
    """A message as a user reads it, with the « Erreur : » prefix: for an outcome reported
    as text (a document of a batch) rather than raised."""
    return str(CsiGenError(message))


def without_prefix(text: str) -> str:
    """An error line without its « Erreur : » prefix, to quote it in a table or a list."""
    return text.removeprefix(CsiGenError.prefix)


class CsiGenError(Exception):
    """Base of every error csi-gen reports to a user; ``str()`` is the French message.

    Raise it with the message alone (« contrat introuvable : … »): ``str()`` puts the
    « Erreur : » prefix before it, here only. The message is safe to print: what it quotes
    from the user's data or arguments has its control characters shown as codes (see
    ``visible``).
    """

    exit_code = 1
    prefix = "Erreur : "

    @property
    def message(self) -> str:
        """The message as raised, without the prefix: to wrap it in another error."""
        return super().__str__()

    def __str__(self) -> str:
        return _printable(self.prefix + self.message)


class InternalError(CsiGenError):
    """A fault of csi-gen itself, not of the user's data or templates."""

    prefix = "Erreur interne : "


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
        """The count of errors, then each problem; without the « Erreur : » prefix."""
        label = display_path(self.path)
        count = len(self.errors)
        head = f"{label} contient {plural(count, 'erreur')}"
        head += " ; aucun fichier n'a été écrit." if nothing_written else "."
        body = [format_problem(p, label) for p in self.problems]
        return "\n\n".join([head, *body])

    def report(self, nothing_written: bool = True) -> str:
        """As ``str()``; ``nothing_written=False`` where no file was to be written."""
        return _printable(self.prefix + self.describe(nothing_written))


class TemplateError(CsiGenError):
    """A Word template is broken or refused by the sandbox."""


class OutputError(CsiGenError):
    """The output cannot be written where asked."""


class ConversionError(CsiGenError):
    """The PDF conversion (LibreOffice) failed or is unavailable."""


def display_path(path: Path) -> str:
    """A path as the user typed it, relative to the working directory when possible."""
    try:
        return visible(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return visible(str(path))


_OS_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EEXIST: "un fichier de ce nom existe déjà",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EIO: "erreur d'entrée-sortie",
}


def os_reason(error: OSError) -> str:
    """The French reason of an operating-system error (« permission refusée »)."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    return error.strerror or type(error).__name__
