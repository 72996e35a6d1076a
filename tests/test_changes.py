"""The « Tableau des modifications »: each change of the data, named in the contract's terms."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from csi_gen.compare.changes import Change, changes
from csi_gen.contract.validation import load

NEW_ENGAGEMENT = {
    "id": "ville-maison-justice",
    "intitule": "Maison de la justice et du droit",
    "partie": "collectivites",
    "porteurs": ["maire"],
    "statut": "retenue",
    "texte": "La Ville s'engage à ouvrir une **maison de la justice et du droit** au Mirail.",
}


def engagement(data: dict[str, Any], volet: str, identifier: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        e for e in data["volets"][volet]["engagements"] if e.get("id") == identifier
    )
    return found


def qrr_trajectory(data: dict[str, Any]) -> None:
    objective = engagement(data, "securite_interieure", "etat-qrr-izards")["objectifs"][0]
    objective["trajectoire"]["valeurs"]["2022"] = 20


def associations_amount(data: dict[str, Any]) -> None:
    engagement(data, "prevention_delinquance", "etat-associations")["financements"][0][
        "montant"
    ] = 175000


def add_justice_engagement(data: dict[str, Any]) -> None:
    data["volets"]["justice"]["engagements"].append(copy.deepcopy(NEW_ENGAGEMENT))


def remove_fourriere(data: dict[str, Any]) -> None:
    engagements = data["volets"]["justice"]["engagements"]
    engagements.remove(engagement(data, "justice", "ville-fourriere"))


def prefect_quality(data: dict[str, Any]) -> None:
    data["parties"]["etat"][1]["qualite"] = "préfet de la Haute-Garonne"


def gltd_target(data: dict[str, Any]) -> None:
    objective = engagement(data, "justice", "etat-gltd")["objectifs"][0]
    objective["cible"]["valeur"] = 3
    objective["trajectoire"]["valeurs"]["2022"] = 3


def signature_place(data: dict[str, Any]) -> None:
    data["signature"]["lieu"] = "Toulouse (Capitole)"


def copil_secretariat(data: dict[str, Any]) -> None:
    data["gouvernance"]["comite_pilotage"]["secretariat"] = "la coordinatrice du CLSPD"


def renfort_text(data: dict[str, Any]) -> None:
    item = engagement(data, "securite_interieure", "etat-renfort-effectifs")
    item["texte"] = item["texte"].replace("111 policiers supplémentaires", "120 policiers")


def fourriere_first(data: dict[str, Any]) -> None:
    engagements = data["volets"]["justice"]["engagements"]
    fourriere = engagement(data, "justice", "ville-fourriere")
    engagements.remove(fourriere)
    engagements.insert(0, fourriere)


def fourriere_not_retained(data: dict[str, Any]) -> None:
    item = engagement(data, "justice", "ville-fourriere")
    item["statut"] = "non_retenue"
    item["motif"] = "La fourrière municipale est saturée."


def ville_tig_indicator_renamed(data: dict[str, Any]) -> None:
    indicator = engagement(data, "justice", "ville-tig")["indicateurs"][0]
    indicator["libelle"] = "Heures de TIG effectuées dans les services municipaux"


def gltd_trajectory_removed(data: dict[str, Any]) -> None:
    del engagement(data, "justice", "etat-gltd")["objectifs"][0]["trajectoire"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            qrr_trajectory,
            [
                "Volet sécurité intérieure › Engagements de l'État, 2° › trajectoire 2022 : "
                "15 → 20\u00a0policiers"
            ],
        ),
        (
            associations_amount,
            [
                "Volet prévention de la délinquance › Engagements de l'État, 2° › "
                "financement État 2021 › montant : 150\u202f000\u00a0€ → 175\u202f000\u00a0€"
            ],
        ),
        (
            add_justice_engagement,
            [
                "Volet justice › Engagement ajouté : « Maison de la justice et du droit » "
                "(Ville, 3°)"
            ],
        ),
        (
            remove_fourriere,
            [
                "Volet justice › Engagement supprimé : « Fourrière des véhicules immobilisés ou "
                "saisis » (Ville, 2°)"
            ],
        ),
        (
            prefect_quality,
            [
                "Parties › M.\u00a0Étienne Guyot › qualité : « préfet de la région Occitanie, "
                "préfet de la Haute-Garonne » → « préfet de la Haute-Garonne »"
            ],
        ),
        (
            gltd_target,
            [
                "Volet justice › Engagements de l'État, 2° › cible : au moins 2\u00a0groupes "
                "locaux → au moins 3\u00a0groupes locaux",
                "Volet justice › Engagements de l'État, 2° › trajectoire 2022 : "
                "2 → 3\u00a0groupes locaux",
            ],
        ),
        (signature_place, ["Signature › lieu : Toulouse → Toulouse (Capitole)"]),
        (
            copil_secretariat,
            ["Comité de pilotage › secrétariat : — → « la coordinatrice du CLSPD »"],
        ),
        (
            renfort_text,
            [
                "Volet sécurité intérieure › Engagements de l'État, 1° › texte : "
                "« …Toulouse et à y affecter 111 policiers supplémentaires d'ici le 31 "
                "décembre 2021.… » → « …Toulouse et à y affecter 120 policiers d'ici le 31 "
                "décembre 2021.… »"
            ],
        ),
        (
            fourriere_first,
            [
                "Volet justice › Engagement « Fourrière des véhicules immobilisés ou saisis » "
                "déplacé : Ville, 2° → Ville, 1°",
                "Volet justice › Engagement « Travaux d'intérêt général » renuméroté : "
                "Ville, 1° → Ville, 2°",
            ],
        ),
        (
            fourriere_not_retained,
            [
                "Volet justice › Engagement de la Ville « Fourrière des véhicules immobilisés ou "
                "saisis » › statut : Retenue → Non retenue",
                "Volet justice › Engagement de la Ville « Fourrière des véhicules immobilisés ou "
                "saisis » › motif : — → « La fourrière municipale est saturée. »",
            ],
        ),
        (
            ville_tig_indicator_renamed,
            [
                "Volet justice › Engagements de la Ville, 1° › indicateur « Heures de TIG "
                "effectuées dans les services municipaux » › libellé : « Heures de travail "
                "d'intérêt général effectuées dans les services municipaux » → « Heures de TIG "
                "effectuées dans les services municipaux »"
            ],
        ),
        (
            gltd_trajectory_removed,
            [
                "Volet justice › Engagements de l'État, 2° › Trajectoire supprimée : "
                "Trajectoire (groupes locaux en fin d'année) : 1 en 2021 et 2 en 2022."
            ],
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_each_change_is_named_in_the_contracts_terms(
    toulouse_copy, write_contract, change: Callable[[dict[str, Any]], None], expected: list[str]
):
    before, _ = load(write_contract(toulouse_copy, "toulouse"))
    change(toulouse_copy)
    after, _ = load(write_contract(toulouse_copy, "toulouse"))

    found = changes(before, after)

    assert [str(c) for c in found] == expected


def test_an_unchanged_contract_has_no_change(toulouse_copy, write_contract):
    contrat, _ = load(write_contract(toulouse_copy, "toulouse"))

    assert changes(contrat, contrat) == []


def test_an_engagement_inserted_first_does_not_read_as_a_change_of_the_others(
    toulouse_copy, write_contract
):
    before, _ = load(write_contract(toulouse_copy, "toulouse"))
    toulouse_copy["volets"]["justice"]["engagements"].insert(0, copy.deepcopy(NEW_ENGAGEMENT))
    after, _ = load(write_contract(toulouse_copy, "toulouse"))

    found = changes(before, after)

    # Before signature, the others are renumbered, and the table says so (never after).
    assert found[0].what == "Engagement ajouté"
    assert found[1:] and all(c.what.endswith("» renuméroté") for c in found[1:])


def test_an_addition_has_no_value_before_and_a_removal_none_after():
    added = Change(("Volet justice",), "Engagement ajouté", None, "« A »")
    removed = Change(("Volet justice",), "Engagement supprimé", "« B »", None)

    assert str(added) == "Volet justice › Engagement ajouté : « A »"
    assert str(removed) == "Volet justice › Engagement supprimé : « B »"
    assert added.element == "Volet justice › Engagement ajouté"
