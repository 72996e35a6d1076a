"""Property-based tests: whatever the contract, csi-gen answers with its own errors or a
document where nothing is lost and nothing is injected.

Three generators, each with its reason:

- **Any schema-valid contract** comes from hypothesis-jsonschema (pinned with hypothesis,
  see ``pyproject.toml``), on a copy of the schema where the free-text, date, identifier
  and INSEE-code definitions are replaced by formats drawn from our own strategies, and
  lists hold three items at most. Left to itself, hypothesis-jsonschema rebuilds a regex
  strategy for each of these patterns on every draw (seconds per contract) and its text is
  rarely hostile; ours are built once and mix hostile pieces (Jinja, XML, entities,
  right-to-left text…) into arbitrary Unicode, and dates span the years 1 to 9999. Such
  contracts nearly always break a rule (the 24 measures of the socle…): they prove that
  validation answers with csi-gen's errors only, and that the validator accepts what the
  schema accepts.
- **Every text field of a real contract** (Toulouse, the intercommunal example, and
  ``complet.json``, which has every kind of text field) is replaced by generated text: the
  rules still hold, so each one builds, and each text must be found in the document as
  ``tests/contract_texts.py`` describes.
- **Broken contracts**: a real contract with values replaced, keys removed or added, and
  characters inserted or removed in its text.

``make fuzz`` runs them with many more examples (``CSI_GEN_FUZZ``, see ``conftest.py``).
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import docx
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from csi_gen import markdown_text
from csi_gen.contract.schema import schema
from csi_gen.contract.validation import validate
from csi_gen.document.build import build_contract
from csi_gen.errors import CsiGenError, InvalidContractError, format_problem
from tests.conftest import FIXTURES, METROPOLE, TOULOUSE, read_json
from tests.contract_texts import (
    chart_series_missing,
    leftover_tags,
    missing_texts,
    set_at,
    text_fields,
)

# --- Text ---------------------------------------------------------------------------------------

# What the schema refuses in any text: control characters, lone surrogates, line and
# paragraph separators, non-characters, explicit direction controls.
REFUSED = "\u2028\u2029\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters=REFUSED
)
HOSTILE = [
    "{{ 7*7 }}",
    "{% if x %}",
    "{%p endfor %}",
    "{# note #}",
    "{{ x.__class__.__mro__ }}",
    "{{p preambule }}",
    "{_{",
    "}_}",
    "{_%",
    "%_}",
    "<w:p>",
    "</w:t></w:r></w:p>",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&#95;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "_",
    "\\",
    " ;",
    " :",
    " !",
    " ?",
    "« ",
    " »",
    "\u00a0",
    "\u202f",
    "Dupont & Fils",
    "القانون المدني",
    "חוק",
    "\u200f",
    "👩\u200d⚖️",
    "e\u0301",
    "ǆ",
    "ß",
    "\u200b",
    "\ue000",
    ",",
    "  ",
]
MARKDOWN = ["**gras**", "*italique*", "\n\n", "\n", "\n\n- ", "\n\n1. ", "\\*", "\n  - "]


def _texts(pieces: list[str], characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(pieces), st.text(characters, min_size=1, max_size=12))
    return st.lists(piece, min_size=1, max_size=5).map("".join)


SHORT_TEXT = _texts(HOSTILE, CHARACTERS)
LONG_TEXT = _texts([*HOSTILE, "\n", "\t", "\n\n"], CHARACTERS)
MARKDOWN_TEXT = _texts([*HOSTILE, *MARKDOWN], CHARACTERS).filter(
    lambda text: not markdown_text.unsupported(text)
)
TEXT = {"court": SHORT_TEXT, "long": LONG_TEXT, "markdown": MARKDOWN_TEXT}


# --- Any schema-valid contract ------------------------------------------------------------------

PARTIAL_DATES = st.dates().flatmap(
    lambda day: st.sampled_from([str(day), str(day)[:7], str(day)[:4]])
)
VALID_DATE_KEYS = r"^20[0-2][0-9](-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?)?$"


def generation_schema() -> tuple[dict[str, Any], dict[str, st.SearchStrategy[str]]]:
    """The schema, with its costly patterns turned into formats drawn from our strategies."""
    generated = copy.deepcopy(schema())
    formats: dict[str, st.SearchStrategy[str]] = {
        "csi-texte_court": SHORT_TEXT,
        "csi-texte_long": LONG_TEXT,
        "csi-texte_markdown": _texts([*HOSTILE, *MARKDOWN], CHARACTERS),
        "csi-date": st.dates().map(str),
        "csi-date_partielle": PARTIAL_DATES,
        "csi-echeance": st.one_of(st.just("fin_du_mandat"), PARTIAL_DATES),
        "csi-identifiant": st.from_regex(r"\A[a-z0-9]{1,8}([_-][a-z0-9]{1,8}){0,3}\Z"),
        "csi-code_insee": st.from_regex(r"\A([0-9]{5}|2[AB][0-9]{3})\Z"),
    }
    for name in formats:
        generated["$defs"][name.removeprefix("csi-")] = {"type": "string", "format": name}
    dated = generated["$defs"]["valeurs_datees"]  # keys that are real dates, from the pattern
    dated["patternProperties"] = {VALID_DATE_KEYS: dated["patternProperties"].popitem()[1]}
    del dated["propertyNames"]
    _limit_sizes(generated)
    return generated, formats


def _limit_sizes(node: Any) -> None:
    """At most three items per list and per object of years: small contracts, drawn fast."""
    if isinstance(node, dict):
        if node.get("type") == "array":
            node["maxItems"] = min(node.get("maxItems", 3), 3)
        if "patternProperties" in node:
            node["maxProperties"] = 3
        for child in node.values():
            _limit_sizes(child)
    elif isinstance(node, list):
        for child in node:
            _limit_sizes(child)


def any_contract() -> st.SearchStrategy[Any]:
    generated, formats = generation_schema()
    return from_schema(generated, custom_formats=formats)


@given(any_contract())
def test_any_schema_valid_contract_is_validated_without_an_unexpected_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essai.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

        try:
            validated = validate(path)
        except InvalidContractError as error:
            # Only domain rules may object: the validator accepts all that the schema does.
            assert all(p.code.isupper() for p in error.problems)
            assert not [p for p in error.problems if p.code.startswith(("SCHEMA-", "TEXTE-"))]
            assert str(error).startswith("Erreur : ")
            return

        assert validated.contrat.identifiant == "essai"
        assert_builds_faithfully(path, data, Path(folder) / "build")


# --- Every text of a real contract ---------------------------------------------------------------


def _bases() -> list[dict[str, Any]]:
    """Real contracts, and the corpus's complete one, which has every kind of text field."""
    return [
        read_json(TOULOUSE),
        read_json(METROPOLE),
        read_json(FIXTURES / "contrats" / "complet.json"),
    ]


BASES = _bases()


@st.composite
def contracts_with_generated_texts(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for field in text_fields(data):
        if field.path[:2] == ("territoire", "communes") or field.path[-1] == "forme_de":
            continue  # checked against the official geography; a « de » form
        set_at(data, field.path, draw(TEXT[field.kind]))
    return data


def assert_builds_faithfully(source: Path, data: dict[str, Any], output: Path) -> None:
    built = build_contract(source, output)

    docx.Document(str(built.docx))  # reopens
    assert missing_texts(built.docx, data) == []
    assert chart_series_missing(built.docx, data) == []
    assert leftover_tags(built.docx, data) == []


@given(contracts_with_generated_texts())
def test_every_text_of_a_contract_appears_unchanged_in_the_document(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essai.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

        assert_builds_faithfully(path, data, Path(folder) / "build")


# --- Broken contracts ------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(codec="utf-8"), max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _node_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            paths += _node_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths += _node_paths(value, (*path, index))
    return paths


@st.composite
def broken_contracts(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_node_paths(data)[1:]))
        operation = draw(st.sampled_from(["remplacer", "supprimer", "ajouter"]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if operation == "remplacer":
            parent[path[-1]] = draw(JSON_VALUES)
        elif operation == "supprimer":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(JSON_VALUES)
        else:
            parent.insert(path[-1], draw(JSON_VALUES))
    text = json.dumps(
        data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
    )
    if draw(st.booleans()):  # a syntax error somewhere
        position = draw(st.integers(0, len(text)))
        inserted = draw(
            st.sampled_from(["", "{", "}", "[", "]", ",", ":", '"', "\\", "\x01", "\n"])
        )
        text = text[:position] + inserted + text[position + draw(st.integers(0, 2)) :]
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=settings.default.max_examples * 3)
@given(broken_contracts())
def test_a_broken_contract_is_refused_with_printable_french_problems(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essai.json"
        path.write_bytes(raw)

        try:
            validated = validate(path)
        except CsiGenError as error:
            message = str(error)
            assert message.startswith("Erreur : ")
            assert not re.search(
                r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e]", message
            )
            return
        for warning in validated.warnings:
            assert format_problem(warning, "essai.json")
