"""The bilan of a contract where the procureure de la République and a signing partner
commit too (tests/fixtures/contrats/complet.json, followed by tests/fixtures/suivis/): each
party on its line, named and numbered as the contract does, and figures read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from csi_gen.follow import summary
from csi_gen.follow.bilan import build_bilan, compute
from csi_gen.follow.validation import validate_follow_up
from tests.conftest import FIXTURES
from tests.docx_reading import body_text, tables
from tests.test_bilan import number, objective_tables

CONTRACT = FIXTURES / "contrats" / "complet.json"
FOLLOW_UP = FIXTURES / "suivis" / "complet.suivi.json"
PARTIES = ["L'État", "La procureure de la République", "Les collectivités", "Habitat Essai"]


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("complet") / "contracts"
    folder.mkdir()
    shutil.copy(CONTRACT, folder / "complet.json")
    shutil.copy(FOLLOW_UP, folder / "complet.suivi.json")
    return folder / "complet.json"


@pytest.fixture(scope="module")
def bilans(contract: Path) -> dict[int, Path]:
    return {
        y: build_bilan(contract, y, contract.parent.parent / "build").docx for y in (2022, 2023)
    }


def _counts(path: Path) -> dict[str, list[float | None]]:
    header, *rows = tables(path)[0]
    assert header[1:] == ["Réalisés", "En cours", "En retard", "Non engagés", "Abandonnés",
                          "Non renseignés", "Total"]  # fmt: skip
    return {row[0].replace("’", "'"): [number(c) for c in row[1:]] for row in rows}


def test_each_party_has_its_line_and_the_totals_equal_the_lines(bilans):
    for year, (realise, retard) in {2022: (1, 1), 2023: (2, 0)}.items():
        counts = _counts(bilans[year])

        assert list(counts) == [*PARTIES, "Total"]
        lines = [counts[p] for p in PARTIES]
        for column in range(7):
            assert counts["Total"][column] == sum(line[column] or 0 for line in lines)
        for line in counts.values():
            assert line[6] == sum(c or 0 for c in line[:6])
        assert counts["La procureure de la République"] == [1, 0, 0, 0, 0, 0, 1]
        assert counts["Habitat Essai"][:3] == [realise - 1, 0, retard]  # late, then realised
        assert counts["Total"][0] == realise


def test_the_procureure_s_and_the_partner_s_engagements_are_headed_as_in_the_contract(bilans):
    text = body_text(bilans[2022])

    assert (
        "Engagements de la procureure de la République, 1° – Travaux d'intérêt général\n"
        "Avancement au 31 décembre 2022 : réalisé le 15 septembre 2022."
    ) in text
    assert (
        "Engagements d'Habitat Essai, 1° – Sécurisation des halls d'immeubles\n"
        "Avancement au 31 décembre 2022 : en retard."
    ) in text
    assert (
        "En retard : Sécurisation des halls d'immeubles (engagements d'Habitat Essai, 1°, "
        "axe « Prévenir et répondre à la délinquance »)."
    ) in text
    assert "Bilan 2022 du contrat de sécurité intégrée du Muretain Agglo" in text
    assert (
        "Étaient présents : le sous-préfet de Muret, la procureure de la République et le "
        "président du Muretain Agglo."
    ) in text


def test_each_objective_reads_back_its_target_step_achieved_and_gap(bilans):
    label = "Recrutement de policiers municipaux"
    expected = {  # planned, achieved, gap, gap in per cent: in the year, then since the start
        2022: [["5", "4", "−1", "−20 %"], ["5", "4", "−1", "−20 %"]],
        2023: [["5", "7", "+2", "+40 %"], ["10", "11", "+1", "+10 %"]],
    }
    for year, (added, cumulated) in expected.items():
        table = objective_tables(bilans[year])[label]

        assert table[1] == [f"Ajouts de l'année {year}", *added]
        assert table[2] == ["Cumul depuis le début du contrat", *cumulated]
        assert (
            f"Objectif – {label} : au moins 10 policiers municipaux d'ici le 31 décembre 2025."
        ) in body_text(bilans[year])


def test_the_financing_totals_equal_their_lines(bilans):
    by_funder, by_line = tables(bilans[2023])[-2:]

    for table, first in ((by_funder, 2), (by_line, 3)):
        *lines, total = table[1:]
        for column in range(first, first + 3):
            assert number(total[column]) == sum(number(line[column]) or 0 for line in lines)
    assert [number(c) for c in by_line[-1][3:]] == [350_000, 350_000, 290_000]
    assert [line[1] for line in by_line[1:-1]] == [
        "Le Muretain Agglo (Budget intercommunal)",
        "État (FIPD)",
        "Habitat Essai (Autre)",
    ]


def test_engagements_without_an_id_are_listed_apart_not_as_a_follow_up_to_complete(bilans):
    """They cannot be followed: completing the follow-up would not report them."""
    text = body_text(bilans[2023])

    assert "Sans identifiant dans le contrat, ne peuvent pas être suivis : " in text
    assert "Suivi à compléter" not in text


def test_the_terminal_summary_counts_each_party_as_the_document(contract):
    followup = validate_follow_up(contract)
    bilan = compute(followup, 2022)

    text = summary.as_text(bilan, "complet")
    data = summary.as_data(bilan)

    assert "  Procureure                       1" in text
    assert "  Habitat Essai                    0         0          1" in text
    assert data["engagements"]["justice"]["realise"] == 1
    assert data["engagements"]["bailleur"]["en_retard"] == 1
    assert json.dumps(data, ensure_ascii=False)  # plain data
