"""Numbers frozen at signature: points keep theirs, insertions take « bis », removals stay."""

from __future__ import annotations

import copy
from typing import Any

from csi_gen.amend.numbering import freeze, plain
from csi_gen.contract.builder import build_model
from csi_gen.numbering import FrozenArticles, Numero, article_label, parse_label


def model(data: dict[str, Any]):
    return build_model("toulouse", data)


def ville(data: dict[str, Any]) -> list[dict[str, Any]]:
    engagements = data["volets"]["securite_interieure"]["engagements"]
    return [e for e in engagements if e["partie"] == "collectivites"]


def points_of(contrat, numbers) -> list[str]:
    found = []
    for e in contrat.engagements:
        if e.retenue and e.volet == "securite_interieure" and e.partie.value == "collectivites":
            found.append(numbers.points[e.path].point())
    return found


def test_an_unchanged_contract_keeps_its_plain_numbers(toulouse_data):
    contrat = model(toulouse_data)

    frozen = freeze(contrat, plain(contrat), contrat)

    assert points_of(contrat, frozen) == [f"{n}°" for n in range(1, 10)]
    assert frozen.supprimes == {}


def test_an_insertion_takes_bis_and_a_removal_stays_in_place(toulouse_data):
    signed = model(toulouse_data)
    data = copy.deepcopy(toulouse_data)
    engagements = data["volets"]["securite_interieure"]["engagements"]
    first, fifth = ville(data)[0], ville(data)[4]
    engagements.insert(engagements.index(first) + 1, {**first, "id": "nouveau", "intitule": "N"})
    engagements.remove(fifth)
    amended = model(data)

    frozen = freeze(signed, plain(signed), amended)

    assert points_of(amended, frozen) == ["1°", "1° bis", "2°", "3°", "4°", "6°", "7°", "8°", "9°"]
    [(side, removed)] = frozen.supprimes.items()
    assert side[0] == "securite_interieure"
    assert [(str(p.numero), p.position) for p in removed] == [("5", 5)]


def test_an_engagement_added_after_the_last_point_takes_the_next_number(toulouse_data):
    signed = model(toulouse_data)
    data = copy.deepcopy(toulouse_data)
    engagements = data["volets"]["securite_interieure"]["engagements"]
    engagements.append({**ville(data)[0], "id": "dernier", "intitule": "Dernier"})

    frozen = freeze(signed, plain(signed), model(data))

    assert points_of(model(data), frozen)[-1] == "10°"


def test_article_labels_read_and_write_the_legislative_forms():
    assert [article_label(parse_label(t)) for t in ("1er", "7", "5 bis", "1er ter")] == [
        "1er", "7", "5 bis", "1er ter",
    ]  # fmt: skip
    assert Numero(3, 2).point() == "3° ter"


def test_a_new_article_follows_the_one_before_it():
    frozen = FrozenArticles({("", "Objet"): "1er", ("Volet", "A"): "2", ("Volet", "B"): "3"})

    labels = [
        frozen.label(c, t)
        for c, t in (("", "Objet"), ("Volet", "A"), ("Volet", "N"), ("Volet", "B"))
    ]

    assert labels == ["1er", "2", "2 bis", "3"]
