"""The bounds of what the schema admits are printed, not crashed on.

Numbers go up to a million billion (the schema's bound on ``nombre``); dates from the
year 1 to the year 9999 (any real date). These were found by the property tests:
10^30 € made Python's decimal arithmetic fail, the year 1 made a date subtraction
overflow, a cost of 1e-300 € made a financing rate infinite.
"""

from __future__ import annotations

import json

import pytest

from csi_gen.contract.schema import schema
from csi_gen.contract.validation import validate
from csi_gen.formatting import euros, euros_en_lettres, nombre
from csi_gen.typography import NBSP, NNBSP
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "contrats" / "minimal.json"
BOUND = 10**15


def test_the_schema_bounds_every_number_to_a_million_billion():
    nombre_schema = schema()["$defs"]["nombre"]

    assert (nombre_schema["minimum"], nombre_schema["maximum"]) == (-BOUND, BOUND)


@pytest.mark.parametrize(
    ("amount", "printed", "words"),
    [
        (
            BOUND,
            f"1{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}€",
            "un billiard d'euros",
        ),
        (
            -BOUND,
            f"-1{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}€",
            "moins un billiard d'euros",
        ),
        (2 * 10**12, f"2{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}€", "deux billions d'euros"),
        # Totals may add many amounts at the bound.
        (
            3 * 10**20,
            f"300{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}€",
            "trois cents trillions d'euros",
        ),
        (1e-300, f"0{NBSP}€", "zéro euro"),
    ],
)
def test_amounts_at_the_bounds_are_printed_in_figures_and_words(amount, printed, words):
    assert euros(amount) == printed
    assert euros_en_lettres(amount) == words


def test_a_tiny_number_is_printed_as_zero_not_in_scientific_notation():
    assert nombre(3.0181481009222347e-305) == "0"


@pytest.mark.parametrize(
    ("debut", "signature", "fin"),
    [("0001-01-01", "0001-01-01", "0005-12-31"), ("9995-01-01", "9995-01-01", "9999-12-31")],
)
def test_contracts_dated_at_the_ends_of_the_calendar_are_validated(
    debut, signature, fin, write_contract
):
    data = json.loads(MINIMAL.read_text("utf-8"))
    data["periode"] = {"debut": debut, "fin": fin}
    data["signature"]["date"] = signature
    for deliberation in data.get("deliberations", []):
        deliberation["date"] = signature

    validated = validate(write_contract(data))

    assert [p.code for p in validated.warnings] == []
