"""Read a contract file: an ordinary file, its size, its encoding, its JSON syntax.

Every problem is located (line, column; for a duplicate key, its JSON path) and worded
in French: Python's ``json`` writes its syntax errors in English, chosen here by their
opening words.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csi_gen.contract.sourcemap import SourceMap, scan
from csi_gen.errors import InvalidContractError, Problem, UsageError, display_path, os_reason

MAX_BYTES = 10 * 1024 * 1024

_JSON_SYNTAX = {
    "Expecting value": "valeur attendue (texte entre guillemets, nombre, true, false, null, objet ou liste)",
    "Expecting ',' delimiter": "virgule attendue entre deux éléments",
    "Expecting ':' delimiter": "deux-points « : » attendu après le nom de la clé",
    "Expecting property name enclosed in double quotes": (
        "nom de clé entre guillemets doubles attendu (virgule en trop avant « } » ?)"
    ),
    "Unterminated string starting at": "texte entre guillemets non terminé",
    "Invalid control character at": (
        "caractère de contrôle dans un texte (un retour à la ligne s'écrit \\n)"
    ),
    "Invalid \\escape": "séquence d'échappement invalide (une barre oblique inverse s'écrit \\\\)",
    "Invalid \\uXXXX escape": "séquence \\u invalide (quatre chiffres hexadécimaux attendus)",
    "Extra data": "contenu après la fin de l'objet JSON",
}


@dataclass
class Source:
    """A contract file's text, with a lazily built map from JSON paths to lines."""

    path: Path
    text: str
    _map: SourceMap | None = None

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = scan(self.text)
        return self._map

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Give each problem its line and column, and sort them in file order."""
        located = []
        for problem in problems:
            offset = self.map.offset_of(problem.path, problem.on_key)
            line, column = self.map.position(offset)
            located.append((offset, problem.located(line, column)))
        located.sort(key=lambda pair: pair[0])
        return [problem for _, problem in located]


def territory_id(path: Path) -> str:
    return path.stem


def read_source(path: Path) -> Source:
    """Read a contract file as text: an ordinary file, size limit, BOM, UTF-8."""
    raw, size = _read_bytes(path)
    if len(raw) > MAX_BYTES:
        raise InvalidContractError(
            path,
            [
                Problem(
                    "FICHIER-TAILLE",
                    (),
                    "fichier trop volumineux pour un contrat",
                    expected=f"au plus {MAX_BYTES // (1024 * 1024)} Mo",
                    found=f"{size / (1024 * 1024):.1f} Mo".replace(".", ","),
                )
            ],
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidContractError(path, [_encoding_problem(raw, error)]) from None
    if not text.strip():
        raise InvalidContractError(
            path,
            [Problem("FICHIER-VIDE", (), "le fichier est vide", expected="un objet JSON { … }")],
        )
    return Source(path, text)


def _read_bytes(path: Path) -> tuple[bytes, int]:
    """At most one byte more than the limit, and the file's size."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UsageError(f"{display_path(path)} est un dossier, pas un contrat.")
        if not stat.S_ISREG(mode):  # a pipe would block, /dev/zero would never end
            raise UsageError(
                f"{display_path(path)} n'est pas un fichier ordinaire ; un contrat "
                "est un fichier .json."
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            return raw, max(os.fstat(handle.fileno()).st_size, len(raw))
    except FileNotFoundError:
        raise UsageError(f"contrat introuvable : {display_path(path)}") from None
    except OSError as error:
        raise UsageError(f"impossible de lire {display_path(path)} ({os_reason(error)}).") from None
    except ValueError:  # a NUL character in the path
        raise UsageError(f"chemin de contrat invalide : {display_path(path)}") from None


def _encoding_problem(raw: bytes, error: UnicodeDecodeError) -> Problem:
    line = raw.count(b"\n", 0, error.start) + 1
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
    byte = raw[error.start]
    message = f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte:02X})"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.count(b"\x00") > len(raw) // 4:
        message += " ; il semble encodé en UTF-16"
    elif _looks_like_latin1(raw):
        message += " ; il semble encodé en Latin-1 ou Windows-1252"
    return Problem(
        "FICHIER-ENCODAGE",
        (),
        message,
        expected="un fichier enregistré en UTF-8",
        line=line,
        column=column,
    )


def _looks_like_latin1(raw: bytes) -> bool:
    """Accented letters in Windows-1252, and none written in UTF-8 elsewhere in the file."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    if not raw.decode("utf-8", errors="ignore").isascii():
        return False  # UTF-8 with one bad sequence, not a Latin-1 file
    return any(unicodedata.category(c).startswith("L") and ord(c) > 127 for c in text)


# --- JSON syntax ------------------------------------------------------------------------------


class _DuplicateKeyError(ValueError):
    pass


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


class _ConstantError(ValueError):
    pass


def _refuse_constant(name: str) -> None:
    raise _ConstantError(name)


def parse_json(source: Source) -> Any:
    """Parse the text; syntax errors, NaN and duplicate keys are located problems."""
    try:
        return json.loads(
            source.text,
            object_pairs_hook=_pairs_without_duplicates,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        found = source.text[error.pos : error.pos + 1]
        problems = [
            Problem(
                "JSON-SYNTAXE",
                (),
                "erreur de syntaxe JSON : " + json_syntax(error.msg, found),
                line=error.lineno,
                column=error.colno,
            )
        ]
    except _DuplicateKeyError:
        problems = _duplicate_keys(source)
    except RecursionError:
        problems = [
            Problem(
                "JSON-IMBRICATION",
                (),
                "imbrication trop profonde : le fichier ne peut pas être un contrat",
                expected="au plus une dizaine de niveaux d'objets et de listes",
            )
        ]
    except _ConstantError as error:  # NaN, Infinity
        problems = [_constant(source, str(error))]
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        problems = [_huge_integer(source)]
    raise InvalidContractError(source.path, problems) from None


def _duplicate_keys(source: Source) -> list[Problem]:
    problems = [
        Problem(
            "JSON-CLE-DOUBLE",
            dup.path,
            f"clé « {dup.path[-1]} » en double dans le même objet",
            expected="chaque clé une seule fois (seule la dernière serait gardée)",
            on_key=True,
        )
        for dup in source.map.duplicates
    ]
    for problem, dup in zip(problems, source.map.duplicates, strict=True):
        source.map.keys[problem.path] = dup.offset
    return source.locate(problems)


def _constant(source: Source, constant: str) -> Problem:
    found = re.search(r"(?<=[:\[,])\s*(-?Infinity|NaN)\b", source.text)
    line, column = source.map.position(found.start(1)) if found is not None else (None, None)
    return Problem(
        "JSON-SYNTAXE",
        (),
        f"valeur « {constant} » non admise en JSON",
        expected="un nombre fini",
        line=line,
        column=column,
    )


def _huge_integer(source: Source) -> Problem:
    digits = re.search(r"[0-9]{4000,}", source.text)
    line, column = source.map.position(digits.start()) if digits else (None, None)
    return Problem(
        "JSON-NOMBRE",
        (),
        "nombre entier de plusieurs milliers de chiffres",
        expected="un nombre d'au plus seize chiffres (par exemple 1250000)",
        line=line,
        column=column,
    )


def json_syntax(message: str, found: str = "") -> str:
    """The French for a syntax error of Python's ``json``; ``found``: the character there."""
    if found == "/" and message.startswith(("Expecting", "Extra data")):
        return "commentaire : JSON n'en admet pas (écrivez-le dans « notes_de_redaction »)"
    if found == "'" and message.startswith("Expecting"):
        return "guillemets simples : JSON n'admet que les guillemets doubles (\")"
    if found == "]" and message.startswith("Expecting value"):
        return "valeur attendue (virgule en trop avant « ] » ?)"
    if found == "\n" and message.startswith("Invalid control character"):
        return (
            "retour à la ligne dans un texte : guillemet fermant oublié ? "
            "(un retour à la ligne s'écrit \\n)"
        )
    for english, french in _JSON_SYNTAX.items():
        if message.startswith(english):
            return french
    return message
