"""French wording for JSON syntax errors and JSON Schema failures.

jsonschema's messages are English prose: the French is chosen from the failed keyword
(``error.validator``) and its argument, never by translating ``error.message``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from csi_gen.errors import Problem, closest

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

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

_TYPES = {
    "string": "un texte entre guillemets",
    "number": "un nombre (par exemple 1250000)",
    "integer": "un nombre entier",
    "boolean": "true ou false",
    "object": "un objet { … }",
    "array": "une liste [ … ]",
    "null": "null",
}

_CHARACTER_NAMES = {
    "\x00": "caractère nul",
    "\x07": "sonnerie",
    "\x08": "retour arrière",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x1b": "échappement",
    "\x7f": "suppression",
    "\t": "tabulation",
    "\n": "retour à la ligne",
    "\r": "retour chariot",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\u202a": "début d'enchâssement de gauche à droite",
    "\u202b": "début d'enchâssement de droite à gauche",
    "\u202c": "fin d'enchâssement ou de forçage du sens d'écriture",
    "\u202d": "forçage de gauche à droite",
    "\u202e": "forçage de droite à gauche",
    "\u2066": "isolat de gauche à droite",
    "\u2067": "isolat de droite à gauche",
    "\u2068": "isolat de sens déterminé par le texte",
    "\u2069": "fin d'isolat",
    "\ufffe": "non-caractère",
    "\uffff": "non-caractère",
}

# Explicit direction controls reorder what a reader sees without being visible themselves
# (« Trojan Source »); Arabic or Hebrew text does not need them.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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


def describe_value(value: Any) -> str:
    """A short French description of a JSON value, as « trouvé : … »."""
    if isinstance(value, bool):
        return f"{json.dumps(value)} (booléen)"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return f"{json.dumps(value)} (nombre)"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return json.dumps(shown, ensure_ascii=False) + " (texte)"
    if isinstance(value, list):
        return f"une liste de {len(value)} élément(s)"
    return "un objet { … }"


def _quote_all(values: list[Any]) -> str:
    return ", ".join(f"« {v} »" for v in values)


def _forbidden_character(text: str, allowed_newline: bool) -> tuple[int, str] | None:
    for index, char in enumerate(text):
        code = ord(char)
        if char in "\t\n" and allowed_newline:
            continue
        if (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or char in "\u2028\u2029\ufffe\uffff"
            or char in _DIRECTION_CONTROLS
            or 0xD800 <= code <= 0xDFFF
        ):
            return index, char
    return None


def _character_label(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (moitié isolée d'une paire de substitution)"
    name = _CHARACTER_NAMES.get(char) or unicodedata.name(char, "caractère de contrôle")
    return f"U+{code:04X} ({str(name).lower()})"


def problems(errors: Iterable[ValidationError]) -> list[Problem]:
    """The French problems for jsonschema's errors: one per missing key, one per unknown key.

    jsonschema reports each missing key of an object as its own ``required`` error, in the
    order of the schema's list, and every unknown key of an object in one error.
    """
    result: list[Problem] = []
    missing_seen: Counter[tuple[Any, ...]] = Counter()
    for error in errors:
        if error.validator == "required":
            key = (tuple(error.absolute_path), tuple(error.validator_value))
            result.append(problem(error, missing_seen[key]))
            missing_seen[key] += 1
        elif error.validator in ("additionalProperties", "unevaluatedProperties"):
            result.extend(_unknown_keys(error))
        else:
            result.append(problem(error))
    return result


def problem(error: ValidationError, index: int = 0) -> Problem:
    """The French problem for one jsonschema error (``index``: which missing key)."""
    path = tuple(error.absolute_path)
    keyword = error.validator
    argument = error.validator_value
    subschema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    code = f"SCHEMA-{str(keyword).upper()}"

    if keyword == "type":
        expected = _TYPES.get(str(argument), str(argument))
        return Problem(code, path, "type incorrect", expected=expected, found=describe_value(value))

    if keyword == "required":
        missing = [key for key in argument if key not in value]
        name = missing[min(index, len(missing) - 1)] if missing else "?"
        prop = subschema.get("properties", {}).get(name, {})
        title = prop.get("title") or _title_of_ref(prop)
        expected = f"la clé « {name} »" + (f" ({title})" if title else "")
        return Problem(
            code,
            path,
            f"clé obligatoire « {name} » manquante",
            expected=expected,
            expected_key=name,
        )

    if keyword in ("additionalProperties", "unevaluatedProperties"):
        return _unknown_keys(error)[0]

    if keyword in ("enum", "const"):
        choices = argument if keyword == "enum" else [argument]
        return Problem(
            code,
            path,
            "valeur non admise",
            expected="l'une des valeurs " + _quote_all(choices),
            found=describe_value(value),
            suggestion=closest(value, [str(c) for c in choices]),
        )

    if keyword == "pattern":
        return _pattern(path, subschema, argument, value, code)

    if keyword == "format":
        return Problem(
            code,
            path,
            "date inexistante",
            expected="une date réelle au format AAAA-MM-JJ (par exemple 2020-10-09)",
            found=describe_value(value),
        )

    if keyword in ("minimum", "exclusiveMinimum"):
        bound = "supérieur ou égal à" if keyword == "minimum" else "strictement supérieur à"
        return Problem(
            code,
            path,
            "valeur trop petite",
            expected=f"un nombre {bound} {argument}",
            found=describe_value(value),
        )

    if keyword in ("maximum", "exclusiveMaximum"):
        bound = "inférieur ou égal à" if keyword == "maximum" else "strictement inférieur à"
        return Problem(
            code,
            path,
            "valeur trop grande",
            expected=f"un nombre {bound} {argument}",
            found=describe_value(value),
        )

    if keyword == "minLength":
        return Problem(code, path, "texte vide", expected="un texte non vide", found='""')

    if keyword == "maxLength":
        return Problem(
            code,
            path,
            "texte trop long",
            expected=f"au plus {argument} caractères",
            found=f"{len(value)} caractères",
        )

    if keyword == "minItems":
        return Problem(
            code,
            path,
            "liste trop courte",
            expected=f"au moins {argument} élément(s)",
            found=describe_value(value),
        )

    if keyword == "maxItems":
        return Problem(
            code,
            path,
            "liste trop longue",
            expected=f"au plus {argument} élément(s)",
            found=describe_value(value),
        )

    if keyword == "minProperties":
        return Problem(
            code, path, "objet vide", expected=f"au moins {argument} valeur(s)", found="{}"
        )

    if keyword == "uniqueItems":
        return Problem(
            code, path, "valeur en double dans la liste", expected="des valeurs distinctes"
        )

    return Problem(code, path, f"valeur non conforme au schéma (règle « {keyword} »)")


def _title_of_ref(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return None
    from csi_gen.contract.loading import schema

    title = schema()["$defs"].get(ref.removeprefix("#/$defs/"), {}).get("title")
    return str(title) if title else None


def _unknown_keys(error: ValidationError) -> list[Problem]:
    """One problem per unknown key of the object."""
    path = tuple(error.absolute_path)
    subschema = error.schema if isinstance(error.schema, dict) else {}
    code = f"SCHEMA-{str(error.validator).upper()}"
    known = list(subschema.get("properties", {}))
    patterns = subschema.get("patternProperties", {})
    extras = [k for k in error.instance if k not in known and not _matches_any(k, patterns)]
    if patterns and not known:
        return [
            Problem(
                code,
                (*path, key),
                f"année invalide « {key} »",
                expected="une année sur quatre chiffres en clé (« 2021 »)",
                on_key=True,
            )
            for key in extras or ["?"]
        ]
    expected = "l'une des clés " + _quote_all(known) if len(known) <= 8 else None
    return [
        Problem(
            code,
            (*path, key),
            f"clé inconnue « {key} »",
            expected=expected,
            suggestion=closest(key, known),
            on_key=True,
        )
        for key in extras or ["?"]
    ]


def _matches_any(key: str, patterns: dict[str, Any]) -> bool:
    import re

    return any(re.search(p, key) for p in patterns)


def _pattern(
    path: tuple[Any, ...], subschema: dict[str, Any], pattern: str, value: Any, code: str
) -> Problem:
    if pattern.startswith("^[^\\u0000"):
        found = _forbidden_character(value, allowed_newline="\\u000b" in pattern)
        index, char = found if found else (0, "?")
        return Problem(
            "TEXTE-CARACTERE",
            path,
            f"caractère interdit {_character_label(char)} en position {index + 1} du texte",
            expected=(
                "du texte sans forçage du sens d'écriture (l'arabe et l'hébreu s'écrivent sans lui)"
                if char in _DIRECTION_CONTROLS
                else "du texte sans caractère de contrôle"
                + ("" if "\\u000b" in pattern else " ni retour à la ligne")
            ),
        )
    description = subschema.get("description") or f"une valeur de la forme {pattern}"
    expected = description[0].lower() + description[1:].rstrip(".")
    return Problem(code, path, "format incorrect", expected=expected, found=describe_value(value))
