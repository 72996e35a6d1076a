"""French formatting: dates, numbers, euros, amounts in words, typography."""

import subprocess
import sys
from datetime import date

import pytest

from csi_gen.dates import DatePartielle, Echeance
from csi_gen.formatting import (
    NBSP,
    NNBSP,
    date_au,
    date_du,
    date_le,
    date_longue,
    echeance,
    en_lettres,
    euros,
    euros_en_lettres,
    liste_et,
    nombre,
    pourcentage,
    typographie,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 10, 9), f"9{NBSP}octobre 2020"),
        (date(2021, 4, 1), f"1er{NBSP}avril 2021"),
        (date(2021, 4, 16), f"16{NBSP}avril 2021"),
        (date(2026, 8, 31), f"31{NBSP}août 2026"),
        (date(2021, 12, 1), f"1er{NBSP}décembre 2021"),
    ],
)
def test_dates_are_written_the_french_way_with_1er(day, expected):
    assert date_longue(day) == expected


@pytest.mark.parametrize(
    ("written", "longue", "le", "au", "du"),
    [
        ("2021-05-20", f"20{NBSP}mai 2021", "le 20", "au 20", "du 20"),
        ("2021-04-01", f"1er{NBSP}avril 2021", "le 1er", "au 1er", "du 1er"),
        ("2022-06", "juin 2022", "en juin", "en juin", "de juin"),
        ("2021-04", "avril 2021", "en avril", "en avril", "d’avril"),
        ("2021-08", "août 2021", "en août", "en août", "d’août"),
        ("2024", "2024", "en 2024", "en 2024", "de 2024"),
    ],
)
def test_a_date_known_to_the_month_or_the_year_reads_without_an_invented_day(
    written, longue, le, au, du
):
    day = DatePartielle.lire(written)

    assert date_longue(day) == longue
    assert date_le(day).startswith(le) and date_le(day).endswith(longue)
    assert date_au(day).startswith(au) and date_du(day).startswith(du)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-12-31", f"le 31{NBSP}décembre 2021"),
        ("2023-06", "juin 2023"),
        ("2023", "2023"),
        ("fin_du_mandat", "la fin du mandat municipal"),
    ],
)
def test_a_deadline_reads_after_d_ici(written, expected):
    assert echeance(Echeance.lire(written)) == expected


@pytest.mark.parametrize("written", ["2021-02-30", "2021-13", "2021-6", "21", "2021-06-01T00"])
def test_a_partial_date_that_does_not_exist_is_refused(written):
    with pytest.raises(ValueError):
        DatePartielle.lire(written)


def test_a_partial_date_has_its_bounds():
    assert DatePartielle.lire("2024-02").fin() == date(2024, 2, 29)
    assert DatePartielle.lire("2022").debut() == date(2022, 1, 1)
    assert DatePartielle.lire("2022").fin() == date(2022, 12, 31)
    assert DatePartielle.lire("2022-06") < DatePartielle.lire("2022-06-14")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000, f"1{NNBSP}250{NNBSP}000"),
        (999, "999"),
        (12.5, "12,5"),
        (1000.0, f"1{NNBSP}000"),
        (0, "0"),
    ],
)
def test_numbers_group_thousands_with_narrow_no_break_spaces(value, expected):
    assert nombre(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000, f"1{NNBSP}250{NNBSP}000{NBSP}€"),
        (150000, f"150{NNBSP}000{NBSP}€"),
        (1250.5, f"1{NNBSP}250,50{NBSP}€"),
        (0, f"0{NBSP}€"),
    ],
)
def test_euros_show_cents_only_when_there_are_some(value, expected):
    assert euros(value) == expected


def test_a_percentage_takes_a_no_break_space():
    assert pourcentage(50) == f"50{NBSP}%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (150000, "cent cinquante mille euros"),
        (1000000, "un million d'euros"),
        (2000000, "deux millions d'euros"),
        (2500000, "deux millions cinq cent mille euros"),
        (1, "un euro"),
        (0, "zéro euro"),
        (80, "quatre-vingts euros"),
        (71, "soixante et onze euros"),
        (2.05, "deux euros et cinq centimes"),
        (120000.5, "cent vingt mille euros et cinquante centimes"),
        (1.01, "un euro et un centime"),
    ],
)
def test_amounts_in_words_are_correct_french(value, expected):
    assert euros_en_lettres(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sous réserve : oui", f"sous réserve{NBSP}: oui"),
        ("vraiment ?", f"vraiment{NNBSP}?"),
        ("a ; b !", f"a{NNBSP}; b{NNBSP}!"),
        ("« Quartiers d'été »", f"«{NBSP}Quartiers d'été{NBSP}»"),
        ("à 10:30, voir https://x.fr", "à 10:30, voir https://x.fr"),
        ("déjà:collé", "déjà:collé"),
    ],
)
def test_typography_makes_existing_spaces_non_breaking_and_adds_nothing(text, expected):
    assert typographie(text) == expected


def test_typography_is_idempotent():
    once = typographie("« a » : b ; c ?")
    assert typographie(once) == once


def test_lists_are_joined_with_et():
    assert liste_et(["a", "b", "c"]) == "a, b et c"
    assert liste_et(["a"]) == "a"
    assert liste_et([]) == ""


@pytest.mark.parametrize(
    "value", [*range(0, 1201, 7), 1_000_000, 2_000_000, 10**9, 999_999_999_999]
)
def test_numbers_in_words_are_num2words_french_ones(value):
    from num2words import num2words

    assert en_lettres(value) == num2words(value, lang="fr")


def test_numbers_in_words_load_num2words_french_alone():
    script = (
        "import sys\n"
        "from csi_gen.formatting import euros_en_lettres\n"
        "assert euros_en_lettres(1_250_000) == 'un million deux cent cinquante mille euros'\n"
        "print(sorted(m for m in sys.modules if 'num2words' in m))\n"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout

    assert "'num2words'" not in loaded  # the package with its 56 languages
    assert "'csi_gen._num2words.lang_FR'" in loaded
