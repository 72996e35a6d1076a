"""What real signed contracts say, printed as a jurist words it (issue 15).

One fixture per subject under tests/fixtures/contrats/; each test builds it and reads the
facts back from the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.docx_reading import body_text, tables

CONTRATS = FIXTURES / "contrats"


def built(name: str, folder: Path) -> Path:
    from csi_gen.document.build import build_contract

    return build_contract(CONTRATS / f"{name}.json", folder).docx


@pytest.fixture(scope="module")
def cibles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("cibles", tmp_path_factory.mktemp("cibles"))


# --- Targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Objectif – Effectif de la police municipale : plus de 25 agents d'ici la fin du mandat "
        "municipal (situation initiale : 12 agents en 2020).",
        "Objectif – Caméras de vidéoprotection : le doublement, soit environ 120 caméras d'ici "
        "2023 (situation initiale : une soixantaine de caméras en 2021).",
        "Objectif – Caméras dans les quartiers prioritaires : une hausse de 50 %, soit 78 caméras "
        "d'ici juin 2023 (situation initiale : 52 caméras).",
        "Objectif – Renforts du greffe et du parquet : entre 40 et 90 postes d'ici la fin du "
        "mandat municipal.",
        "Objectif – Délai moyen de réponse pénale : au plus 6 mois d'ici 2023 (situation "
        "initiale : 9 mois en 2020).",
        "Objectif – Mineurs en attente de jugement : une baisse de 20 %, soit environ 80 mineurs "
        "(situation initiale : une centaine de mineurs en 2020).",
        "Objectif – Recrutements de policiers municipaux : au moins 16 recrutements d'ici le 31 "
        "décembre 2022.",
    ],
)
def test_a_target_is_worded_as_the_contract_states_it(cibles, sentence):
    assert sentence in body_text(cibles).splitlines()


@pytest.mark.parametrize(
    "sentence",
    [
        # steps before the period are already done; the stock grows « dans l'année »
        "Trajectoire (policiers nationaux supplémentaires dans l'année) : 20 en décembre 2020 "
        "(avant le présent contrat), 11 en 2021 et 11 en 2022.",
        # a step to the day, and what is still to come at a date not fixed yet
        "Trajectoire (intervenants sociaux supplémentaires dans l'année) : 2 au 1er mars 2022 "
        "et 1 à une date non encore fixée.",
        "Trajectoire (agents en fin d'année) : 20 en 2021 et 26 en 2022.",
        "Trajectoire (recrutements, dans l'année) : 8 en 2021 et 8 en 2022.",
        "Trajectoire (familles, en cumul) : 40 en 2022, 80 en 2023 et 120 en 2024.",
    ],
)
def test_a_trajectory_says_what_its_figures_count(cibles, sentence):
    assert sentence in body_text(cibles).splitlines()


def test_the_trajectories_annex_says_cumul_only_of_what_is_cumulative(cibles):
    table = next(t for t in tables(cibles) if t[0][0] == "Objectif")
    labels = {row[0].replace("\u2019", "'"): row[1:] for row in table[1:]}

    assert table[0][1:] == ["2020", "2021", "2022", "2023", "2024", "Date non fixée"]
    assert labels["Effectif de la police municipale (agents en fin d'année)"][:3] == [
        "",
        "20",
        "26",
    ]
    assert labels["Familles reçues (familles, en cumul)"][2:5] == ["40", "80", "120"]
    assert labels[
        "Intervenants sociaux en commissariat (intervenants sociaux supplémentaires dans l'année)"
    ] == ["", "", "2", "", "", "1"]
    assert (
        "Les valeurs de 2020 sont antérieures au présent contrat : elles sont déjà réalisées."
        in (body_text(cibles))
    )
