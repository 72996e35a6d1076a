"""The bilan's arithmetic on small cases: additions and levels, gaps, carried states."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from csi_gen.contract.builder import build_model
from csi_gen.follow import figures
from csi_gen.follow.loading import build
from tests.conftest import FIXTURES, read_json

MINIMAL = read_json(FIXTURES / "contrats" / "minimal.json")


def contract_with(*objectives: dict[str, Any]) -> Any:
    data = copy.deepcopy(MINIMAL)
    engagement = data["volets"]["securite_interieure"]["engagements"][3]  # C-SI-1, the city
    engagement.update(id="ville", objectifs=list(objectives))
    return build_model("essai", data)


def follow_up(**years: dict[str, Any]) -> Any:
    return build(
        "essai",
        {"annees": {y.removeprefix("a"): {"engagements": {"ville": e}} for y, e in years.items()}},
    )


def progress(contract: Any, suivi: Any, year: int) -> figures.ObjectiveProgress:
    return figures.bilan(contract, suivi, year).objectives[0]


RECRUITMENT = {
    "libelle": "Recrutements",
    "unite": "agents",
    "cible": {"valeur": 100, "qualificatif": "au_moins"},
    "echeance": "2025-12-31",
    "trajectoire": {"mode": "annuel", "valeurs": {"2022": 20, "2023": 20, "2024": 30, "2025": 30}},
}
PATROLS = {
    "libelle": "Heures",
    "unite": "heures",
    "situation_initiale": {"valeur": 1000, "annee": 2021},
    "cible": {"valeur": 2000, "qualificatif": "au_moins"},
    "trajectoire": {"mode": "cumule", "valeurs": {"2022": 1200, "2023": 1500}},
}


def value(label: str, number: Any, comment: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"libelle": label, "valeur": number}
    if comment:
        entry["commentaire"] = comment
    return {"objectifs": [entry]}


def test_additions_compare_the_year_to_its_step_and_the_sum_to_the_sum_of_steps():
    contract = contract_with(RECRUITMENT)
    suivi = follow_up(a2022=value("Recrutements", 25), a2023=value("Recrutements", 12))

    p = progress(contract, suivi, 2023)

    assert (p.planned_year, p.achieved_year, p.gap_year) == (20, 12, -8)
    assert (p.planned_to_date, p.achieved_to_date, p.gap_to_date) == (40, 37, -3)
    assert p.behind and not p.stock and p.complete
    assert p.target_share == 37 and not p.target_reached
    assert [(x.year, x.planned, x.achieved) for x in p.points] == [(2022, 20, 25), (2023, 40, 37)]


def test_a_level_compares_the_end_of_the_year_to_the_planned_level():
    contract = contract_with(PATROLS)
    suivi = follow_up(a2022=value("Heures", 1100), a2023=value("Heures", 1600))

    p = progress(contract, suivi, 2023)

    assert p.stock
    assert (p.planned_year, p.achieved_year, p.gap_year) == (1500, 1600, 100)
    assert p.planned_to_date == 1500 and p.achieved_to_date == 1600
    assert not p.behind
    assert p.target_share == 60  # (1600 − 1000) / (2000 − 1000)
    assert figures.percent(p.gap_year, p.planned_year) == 7  # 6,67 %, rounded half up


def test_a_level_after_its_last_step_is_still_expected_at_that_level():
    p = progress(contract_with(PATROLS), follow_up(a2024=value("Heures", 1400)), 2024)

    assert (p.planned_year, p.achieved_year, p.gap_year) == (1500, 1400, -100)
    assert p.behind


def test_a_year_without_its_value_makes_the_sum_incomplete():
    suivi = follow_up(a2022={"avancement": "en_cours"}, a2023=value("Recrutements", 30))

    p = progress(contract_with(RECRUITMENT), suivi, 2023)

    assert p.achieved_to_date == 30 and not p.complete
    assert p.achieved_year == 30


def test_a_value_still_to_complete_counts_as_not_reported():
    p = progress(
        contract_with(RECRUITMENT), follow_up(a2022=value("Recrutements", "[à compléter]")), 2022
    )

    assert p.achieved_year is None and p.gap_year is None and not p.behind


def test_a_target_to_lower_is_behind_when_above_its_trajectory():
    objective = {
        "libelle": "Faits",
        "unite": "faits",
        "situation_initiale": {"valeur": 500, "annee": 2021},
        "cible": {"valeur": 300, "qualificatif": "au_plus"},
        "trajectoire": {"mode": "cumule", "valeurs": {"2022": 450, "2023": 400}},
    }
    p = progress(contract_with(objective), follow_up(a2022=value("Faits", 470)), 2022)

    assert p.gap_year == 20 and p.behind
    assert p.target_share == 15  # (470 − 500) / (300 − 500)


def test_without_a_trajectory_additions_are_summed_against_the_target():
    objective = {
        "libelle": "Caméras",
        "unite": "caméras",
        "cible": {"valeur": 50, "qualificatif": "environ"},
    }
    suivi = follow_up(a2022=value("Caméras", 20), a2023=value("Caméras", 26))

    p = progress(contract_with(objective), suivi, 2023)

    assert p.planned_year is None and p.planned_to_date is None
    assert p.achieved_to_date == 46 and p.target_reached  # « environ 50 » : within 10 %


def test_a_realised_engagement_stays_realised_in_the_following_years():
    suivi = follow_up(a2022={"avancement": "realise", "date": "2022-05-01"}, a2023={})
    bilan = figures.bilan(contract_with(RECRUITMENT), suivi, 2024)
    city = next(e for e in bilan.engagements if e.engagement.id == "ville")

    assert (city.state, city.state_year, str(city.date)) == ("realise", 2022, "2022-05-01")


def test_an_engagement_late_one_year_is_not_carried_to_the_next():
    suivi = follow_up(a2022={"avancement": "en_retard", "motif": "Marché infructueux."})
    bilan = figures.bilan(contract_with(RECRUITMENT), suivi, 2023)
    city = next(e for e in bilan.engagements if e.engagement.id == "ville")

    assert city.state == "non_renseigne"
    assert bilan.counts()["non_renseigne"] == len(bilan.engagements)


@pytest.mark.parametrize(
    ("unit", "partie", "theme"),
    [
        ("policiers", "etat", "policiers_nationaux"),
        ("gendarmes", "etat", "policiers_nationaux"),
        ("policiers municipaux", "collectivites", "policiers_municipaux"),
        ("agents de police municipale", "etat", "policiers_municipaux"),
        ("caméras", "collectivites", "cameras"),
        ("Caméras nomades", "etat", "cameras"),
        ("heures de patrouille", "collectivites", None),
    ],
)
def test_the_main_figures_are_found_by_the_unit_they_count(unit, partie, theme):
    data = copy.deepcopy(MINIMAL)
    index = 0 if partie == "etat" else 3  # E-SI-1, C-SI-1
    engagement = data["volets"]["securite_interieure"]["engagements"][index]
    engagement["objectifs"] = [{"libelle": "x", "unite": unit, "cible": {"valeur": 1}}]
    model = build_model("essai", data).volets[0].engagements[index]

    assert figures.theme(model, model.objectifs[0]) == theme
