"""Every sentence the tool writes on its own is a statement the signatories make: it is
written only when the contract's data make it true, and says what they make true.

Each test reads a sentence of the generated contract against the data it depends on, then
changes that data and reads the sentence again.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from csi_gen import catalogue
from csi_gen.document.build import build_contract
from tests.conftest import FIXTURES, read_json
from tests.docx_reading import body_text, header_and_footer_parts, plain, visible_text

COMPLET = FIXTURES / "contrats" / "complet.json"

SOCLE = "place au socle de tout contrat de sécurité intégrée"
MANDATE = "soit la durée du mandat municipal restant à courir"
STATE_RESERVE = (
    "Les financements de l'État sont accordés sous réserve de l'inscription des crédits en loi "
    "de finances"
)
SOUGHT = "Les financements à solliciter auprès de tiers qui ne signent pas le présent contrat"
VIDEO_RESERVE = (
    "Les engagements relatifs à la vidéoprotection sont pris sous réserve des autorisations "
    "prévues aux articles L. 252-1 et suivants du code de la sécurité intérieure."
)


@pytest.fixture(scope="module")
def complet_data() -> dict[str, Any]:
    return read_json(COMPLET)


@pytest.fixture(scope="module")
def built_complet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_contract(COMPLET, tmp_path_factory.mktemp("complet") / "build").docx


@pytest.fixture
def text_of(write_contract, tmp_path):
    """The body of the contract built from data."""

    def build(data: dict[str, Any]) -> str:
        return body_text(build_contract(write_contract(data), tmp_path / "build").docx)

    return build


def lines(text: str) -> list[str]:
    return text.split("\n")


def line_with(text: str, words: str) -> str:
    found = [line for line in lines(text) if words in line]
    assert len(found) == 1, f"« {words} » : {len(found)} paragraphes"
    return found[0]


def engagements(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for volet in data["volets"].values() for e in volet["engagements"]]


# --- The circular and its socle ----------------------------------------------------------------


def test_a_contract_signed_before_the_circular_says_nothing_of_its_socle(built_toulouse):
    text = body_text(built_toulouse)  # signed on 9 October 2020, the circular is of April 2021

    assert "6258/SG" not in text
    assert "socle" not in text


def test_a_contract_under_the_circular_says_how_many_socle_measures_it_takes_up(
    built_complet, complet_data
):
    socle = {m.id for m in catalogue.mesures() if m.socle}
    retained = {e.get("mesure") for e in engagements(complet_data) if e["statut"] == "retenue"}
    assert socle <= retained  # the fixture takes up every measure of the socle

    sentence = line_with(body_text(built_complet), SOCLE)

    assert sentence == (
        f"Les parties ont étudié chacune des {len(socle)} mesures que la circulaire du Premier "
        "ministre n° 6258/SG du 16 avril 2021 place au socle de tout contrat de sécurité "
        "intégrée ; toutes sont reprises dans le présent contrat."
    )


def test_a_socle_measure_set_aside_is_not_counted_as_taken_up(complet_data, text_of):
    data = copy.deepcopy(complet_data)
    measure = next(e for e in engagements(data) if e.get("mesure") == "E-SI-2")
    measure.update(statut="non_retenue", motif="Les effectifs sont déjà affectés.")

    sentence = line_with(text_of(data), SOCLE)

    assert "toutes sont reprises" not in sentence
    assert sentence.endswith("; 23 sont reprises dans le présent contrat.")


# --- Duration and entry into force -------------------------------------------------------------


def test_the_period_is_the_mandate_only_when_it_ends_with_it(
    built_toulouse, toulouse_copy, text_of
):
    assert line_with(body_text(built_toulouse), "Le présent contrat prend effet") == (
        "Le présent contrat prend effet à la date de sa signature par l'ensemble des parties. "
        "Il s'applique jusqu'au renouvellement général des conseils municipaux de 2026, "
        + MANDATE
        + "."
    )

    toulouse_copy["periode"] = {"debut": "2020-10-09", "fin": "2026-12-31"}
    sentence = line_with(text_of(toulouse_copy), "Le présent contrat prend effet")

    assert MANDATE not in sentence
    assert sentence.endswith("Il s'applique jusqu'au 31 décembre 2026.")


def test_a_period_starting_after_the_signature_takes_effect_on_its_first_day(
    toulouse_copy, text_of
):
    toulouse_copy["periode"]["debut"] = "2021-01-01"

    sentence = line_with(text_of(toulouse_copy), "Le présent contrat prend effet")

    assert sentence.startswith("Le présent contrat prend effet le 1er janvier 2021.")
    assert "date de sa signature" not in sentence


# --- Reserves: credits, third parties, video protection ------------------------------------------


def test_each_reserve_of_credits_names_a_party_that_finances(
    built_toulouse, toulouse_copy, text_of
):
    text = body_text(built_toulouse)
    assert STATE_RESERVE in text
    assert (
        "Les financements de la Ville sont accordés sous réserve de l'inscription des crédits au budget communal."
        in text
    )
    assert SOUGHT in text  # the CAF is asked, it does not sign

    for engagement in engagements(toulouse_copy):
        engagement.pop("cout_total", None)
        engagement["financements"] = [
            f
            for f in engagement.get("financements", [])
            if f["financeur"] != "État" and f.get("partie") != "etat" and not f.get("sollicite")
        ]
        if not engagement["financements"]:
            del engagement["financements"]
    text = text_of(toulouse_copy)

    assert STATE_RESERVE not in text
    assert SOUGHT not in text
    assert "Les financements de la Ville sont accordés sous réserve" in text


def test_the_evaluation_is_presented_to_a_comite_de_pilotage_only_if_there_is_one(
    built_toulouse, toulouse_copy, text_of
):
    evaluation = "Le présent contrat fait l'objet d'une évaluation"
    assert line_with(body_text(built_toulouse), evaluation).endswith(
        ", présentée au comité de pilotage."
    )

    del toulouse_copy["gouvernance"]["comite_pilotage"]
    text = text_of(toulouse_copy)

    assert line_with(text, evaluation) == f"{evaluation} annuelle."


def test_video_commitments_are_made_subject_to_the_authorisations_of_the_law(
    built_toulouse, toulouse_copy, text_of
):
    assert VIDEO_RESERVE in body_text(built_toulouse)  # 100 cameras more

    for engagement in engagements(toulouse_copy):
        words = " ".join((engagement.get("intitule", ""), engagement.get("texte", ""))).lower()
        if "caméra" in words or "vidéo" in words:
            engagement.update(statut="non_retenue", motif="Reporté.")
            for key in ("objectifs", "financements", "cout_total", "indicateurs", "conditions"):
                engagement.pop(key, None)

    assert VIDEO_RESERVE not in text_of(toulouse_copy)


# --- The annexes' legal value ----------------------------------------------------------------------


def test_the_annexes_value_follows_each_annex(built_toulouse, toulouse_copy, text_of):
    assert line_with(body_text(built_toulouse), "font partie intégrante") == (
        "Les annexes 2, 3, 4, 5 et 6 font partie intégrante du présent contrat. "
        "L'annexe 1 est jointe à titre d'information."
    )

    toulouse_copy["annexes"][0]["contractuelle"] = False  # the list of mairies de quartier

    assert line_with(text_of(toulouse_copy), "font partie intégrante") == (
        "Les annexes 2, 3, 4 et 5 font partie intégrante du présent contrat. "
        "Les annexes 1 et 6 sont jointes à titre d'information."
    )


# --- Who signs: the procureur and a committing partner are parties ------------------------------


def test_the_procureur_and_a_committing_partner_are_parties_who_sign(built_complet):
    text = body_text(built_complet)

    assert (
        "La procureure de la République près le tribunal judiciaire de Toulouse, Mme Sophie "
        "BERNARD, ci-après dénommée « la procureure de la République »," in lines(text)
    )
    assert "Habitat Essai, agissant par Mme Anne MOREL, directrice générale," in lines(text)
    assert "Article 9 – Engagements de la procureure de la République" in lines(text)
    assert "Habitat Essai s'engage à sécuriser l'accès aux halls" in text
    signatures = lines(text[text.index("Fait à ") :])
    assert "La procureure de la République près le tribunal judiciaire de Toulouse," in signatures
    assert "Pour Habitat Essai," in signatures
    assert "Sophie BERNARD" in signatures and "Anne MOREL" in signatures


def test_a_partner_who_only_attends_is_present_and_does_not_sign(built_complet):
    text = body_text(built_complet)

    present = lines(text)[lines(text).index("En présence de :") + 1]
    assert present == "Essai Mobilités."
    assert "Pour Essai Mobilités," not in lines(text)


# --- A signed contract carries no build marks ---------------------------------------------------


def test_a_signed_contract_has_no_version_line(built_toulouse):
    footers = plain(
        "\n".join(visible_text(built_toulouse, p) for p in header_and_footer_parts(built_toulouse))
    )
    cover = body_text(built_toulouse).split("Sommaire")[0]

    for words in ("Projet", "version", "Version", "non versionné"):
        assert words not in footers
        assert words not in cover
