"""The French problems for JSON Schema failures, chosen by the failing keyword.

jsonschema's messages are English prose: the French is chosen from the failed keyword
(``error.validator``) and its argument, never by translating ``error.message``. The
schema is passed in, never imported: it names the definitions that some messages depend on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csi_gen.errors import Path_, Problem, closest

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Schema = dict[str, Any]

_TYPES = {
    "string": "un texte entre guillemets",
    "number": "un nombre (par exemple 1250000)",
    "integer": "un nombre entier",
    "boolean": "true ou false",
    "object": "un objet { … }",
    "array": "une liste [ … ]",
    "null": "null",
}

# The text definitions whose pattern refuses control characters, and whether they admit
# line breaks: a failure of their pattern names the character, not the pattern.
TEXTS_WITHOUT_CONTROLS = {"texte_court": False, "texte_long": True, "texte_markdown": True}

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


@dataclass(frozen=True)
class Failure:
    """One jsonschema error, as the messages read it."""

    path: Path_
    keyword: str
    argument: Any
    subschema: Schema
    value: Any
    definition: str | None  # the name of the $defs entry that failed, if any
    schema: Schema

    @property
    def code(self) -> str:
        return f"SCHEMA-{self.keyword.upper()}"

    def problem(self, message: str, **details: Any) -> Problem:
        return Problem(self.code, self.path, message, **details)


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


def problems(errors: Iterable[ValidationError], schema: Schema) -> list[Problem]:
    """The French problems for jsonschema's errors: one per missing key, one per unknown key.

    jsonschema reports each missing key of an object as its own ``required`` error, in the
    order of the schema's list, and every unknown key of an object in one error.
    """
    definitions = {id(node): name for name, node in schema.get("$defs", {}).items()}
    result: list[Problem] = []
    missing_seen: Counter[tuple[Any, ...]] = Counter()
    for error in errors:
        failure = Failure(
            tuple(error.absolute_path),
            str(error.validator),
            error.validator_value,
            error.schema if isinstance(error.schema, dict) else {},
            error.instance,
            definitions.get(id(error.schema)),
            schema,
        )
        if failure.keyword == "required":
            key = (failure.path, tuple(failure.argument))
            result.append(_required(failure, missing_seen[key]))
            missing_seen[key] += 1
        elif failure.keyword in ("additionalProperties", "unevaluatedProperties"):
            result.extend(_unknown_keys(failure))
        else:
            wording = _BY_KEYWORD.get(failure.keyword, _other)
            result.append(wording(failure))
    return result


# --- One wording per keyword ------------------------------------------------------------------


def _type(failure: Failure) -> Problem:
    kinds = failure.argument if isinstance(failure.argument, list) else [failure.argument]
    expected = " ou ".join(_TYPES.get(str(kind), str(kind)) for kind in kinds)
    return failure.problem("type incorrect", expected=expected, found=describe_value(failure.value))


def _required(failure: Failure, index: int = 0) -> Problem:
    """A missing key (``index``: which one, when several of the object are missing)."""
    missing = [key for key in failure.argument if key not in failure.value]
    name = missing[min(index, len(missing) - 1)] if missing else "?"
    prop = failure.subschema.get("properties", {}).get(name, {})
    title = prop.get("title") or _title_of_ref(prop, failure.schema)
    return failure.problem(
        f"clé obligatoire « {name} » manquante",
        expected=f"la clé « {name} »" + (f" ({title})" if title else ""),
        expected_key=name,
    )


def _choice(failure: Failure) -> Problem:
    choices = failure.argument if failure.keyword == "enum" else [failure.argument]
    return failure.problem(
        "valeur non admise",
        expected="l'une des valeurs " + _quote_all(choices),
        found=describe_value(failure.value),
        suggestion=closest(failure.value, [str(c) for c in choices]),
    )


def _pattern(failure: Failure) -> Problem:
    if failure.definition in TEXTS_WITHOUT_CONTROLS:
        return _forbidden_character(failure, TEXTS_WITHOUT_CONTROLS[failure.definition])
    description = failure.subschema.get("description") or (
        f"une valeur de la forme {failure.argument}"
    )
    expected = description[0].lower() + description[1:].rstrip(".")
    return failure.problem(
        "format incorrect", expected=expected, found=describe_value(failure.value)
    )


def _format(failure: Failure) -> Problem:
    expected = "une date réelle au format AAAA-MM-JJ (par exemple 2020-10-09)"
    if failure.argument == "date-partielle":
        expected = "une date réelle : AAAA-MM-JJ, AAAA-MM ou AAAA (par exemple 2022-06)"
    elif failure.argument == "echeance":
        expected = "une date réelle (AAAA-MM-JJ, AAAA-MM ou AAAA) ou « fin_du_mandat »"
    return failure.problem(
        "date inexistante", expected=expected, found=describe_value(failure.value)
    )


def _bound(message: str, comparison: str) -> Callable[[Failure], Problem]:
    def wording(failure: Failure) -> Problem:
        return failure.problem(
            message,
            expected=f"un nombre {comparison} {failure.argument}",
            found=describe_value(failure.value),
        )

    return wording


def _min_length(failure: Failure) -> Problem:
    return failure.problem("texte vide", expected="un texte non vide", found='""')


def _max_length(failure: Failure) -> Problem:
    return failure.problem(
        "texte trop long",
        expected=f"au plus {failure.argument} caractères",
        found=f"{len(failure.value)} caractères",
    )


def _items(message: str, bound: str) -> Callable[[Failure], Problem]:
    def wording(failure: Failure) -> Problem:
        return failure.problem(
            message,
            expected=f"{bound} {failure.argument} élément(s)",
            found=describe_value(failure.value),
        )

    return wording


def _min_properties(failure: Failure) -> Problem:
    return failure.problem(
        "objet vide", expected=f"au moins {failure.argument} valeur(s)", found="{}"
    )


def _unique_items(failure: Failure) -> Problem:
    return failure.problem("valeur en double dans la liste", expected="des valeurs distinctes")


def _other(failure: Failure) -> Problem:
    return failure.problem(f"valeur non conforme au schéma (règle « {failure.keyword} »)")


_BY_KEYWORD: dict[str, Callable[[Failure], Problem]] = {
    "type": _type,
    "enum": _choice,
    "const": _choice,
    "pattern": _pattern,
    "format": _format,
    "minimum": _bound("valeur trop petite", "supérieur ou égal à"),
    "exclusiveMinimum": _bound("valeur trop petite", "strictement supérieur à"),
    "maximum": _bound("valeur trop grande", "inférieur ou égal à"),
    "exclusiveMaximum": _bound("valeur trop grande", "strictement inférieur à"),
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _items("liste trop courte", "au moins"),
    "maxItems": _items("liste trop longue", "au plus"),
    "minProperties": _min_properties,
    "uniqueItems": _unique_items,
}


# --- Unknown keys -----------------------------------------------------------------------------


def _unknown_keys(failure: Failure) -> list[Problem]:
    """One problem per unknown key of the object."""
    known = list(failure.subschema.get("properties", {}))
    patterns = failure.subschema.get("patternProperties", {})
    extras = [k for k in failure.value if k not in known and not _matches_any(k, patterns)]
    if patterns and not known:
        return [
            Problem(
                failure.code,
                (*failure.path, key),
                f"année invalide « {key} »",
                expected="une année sur quatre chiffres en clé (« 2021 »)",
                on_key=True,
            )
            for key in extras or ["?"]
        ]
    expected = "l'une des clés " + _quote_all(known) if len(known) <= 8 else None
    return [
        Problem(
            failure.code,
            (*failure.path, key),
            f"clé inconnue « {key} »",
            expected=expected,
            suggestion=closest(key, known),
            on_key=True,
        )
        for key in extras or ["?"]
    ]


def _matches_any(key: str, patterns: dict[str, Any]) -> bool:
    return any(re.search(p, key) for p in patterns)


# --- Forbidden characters ---------------------------------------------------------------------


def _forbidden_character(failure: Failure, newline_allowed: bool) -> Problem:
    found = _first_forbidden(failure.value, newline_allowed)
    index, char = found if found else (0, "?")
    if char in _DIRECTION_CONTROLS:
        expected = (
            "du texte sans forçage du sens d'écriture (l'arabe et l'hébreu s'écrivent sans lui)"
        )
    else:
        expected = "du texte sans caractère de contrôle" + (
            "" if newline_allowed else " ni retour à la ligne"
        )
    return Problem(
        "TEXTE-CARACTERE",
        failure.path,
        f"caractère interdit {_character_label(char)} en position {index + 1} du texte",
        expected=expected,
    )


def _first_forbidden(text: str, newline_allowed: bool) -> tuple[int, str] | None:
    for index, char in enumerate(text):
        code = ord(char)
        if char in "\t\n" and newline_allowed:
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


# --- Helpers ----------------------------------------------------------------------------------


def _quote_all(values: list[Any]) -> str:
    return ", ".join(f"« {v} »" for v in values)


def _title_of_ref(prop: dict[str, Any], schema: Schema) -> str | None:
    ref = prop.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return None
    title = schema["$defs"].get(ref.removeprefix("#/$defs/"), {}).get("title")
    return str(title) if title else None
