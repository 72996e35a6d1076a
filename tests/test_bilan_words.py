"""The words of the terminal summary and of the workbook live in data/libelles-bilan.json:
whoever edits them there sees them in the output, and a broken edit is reported in French."""

from __future__ import annotations

import copy
import io
import json
from importlib import resources
from typing import Any

import openpyxl
import pytest

from csi_gen.errors import TemplateError
from csi_gen.follow import figures, summary, words
from csi_gen.follow.rows import row_for
from csi_gen.follow.spreadsheet import workbook
from csi_gen.follow.validation import validate_follow_up
from tests.conftest import TOULOUSE


def _data() -> dict[str, Any]:
    text = resources.files("csi_gen").joinpath("data", words.FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture
def edited(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The words as a non-developer would change them, in place of the file's."""
    data = copy.deepcopy(_data())
    monkeypatch.setattr(words, "_words", lambda: data)
    return data


def _bilan_2022() -> figures.Bilan:
    followup = validate_follow_up(TOULOUSE)
    return figures.bilan(followup.contract.contrat, followup.suivi, 2022)


def test_the_summary_s_words_come_from_the_data_file(edited):
    edited["resume"]["titre"] = "Point annuel {annee} : {contrat}"
    edited["avancements"]["en_retard"]["colonne"] = "Retardés"
    edited["avancements"]["en_retard"]["etat"] = "retardé"
    edited["resume"]["revoyure"] = "revoyure prévue le {date}"

    text = summary.as_text(_bilan_2022(), "toulouse")

    assert text.startswith("Point annuel 2022 : toulouse\n")
    assert "Retardés" in text.splitlines()[2] and "En retard" not in text
    assert "  - revoyure prévue le 10\u00a0octobre 2022" in text
    assert "  - retardé : Raccordement des caméras du réseau de transport : " in text


def test_the_workbook_s_words_come_from_the_data_file(edited):
    edited["classeur"]["colonnes"]["territoire"] = "Commune"
    edited["classeur"]["colonnes"]["suivi"] = "Suivi de {annee}"
    edited["classeur"]["feuilles"]["contrats"] = "Par contrat"
    edited["themes"]["cameras"] = "Vidéoprotection"
    edited["total"] = "Ensemble"

    book = openpyxl.load_workbook(io.BytesIO(workbook([row_for(TOULOUSE, 2022)], 2022)))

    assert book.sheetnames[:4] == [
        "Par contrat",
        "Policiers nationaux",
        "Policiers municipaux",
        "Vidéoprotection",
    ]
    rows = [list(r) for r in book["Par contrat"].iter_rows(values_only=True)]
    assert rows[0][:3] == ["Commune", "Département", "Suivi de 2022"]
    assert "Vidéoprotection : prévu" in rows[0]
    assert rows[-1][0] == "Ensemble"


def test_the_file_s_texts_take_the_names_the_code_gives_them():
    """The texts the summary and the workbook use format without error over Toulouse."""
    bilan = _bilan_2022()
    summary.as_text(bilan, "toulouse")
    workbook([row_for(TOULOUSE, 2022)], 2022)
    for state in figures.STATES:
        assert words.avancement(state, "colonne") and words.avancement(state, "etat")


def test_a_broken_text_is_reported_in_french_with_its_place(edited):
    edited["resume"]["titre"] = "Bilan {année} de {contrat}"

    with pytest.raises(TemplateError) as error:
        summary.as_text(_bilan_2022(), "toulouse")

    assert str(error.value) == (
        "Erreur : csi_gen/data/libelles-bilan.json, « resume.titre » : le texte « Bilan {année} "
        "de {contrat} » ne peut pas être complété ; les noms entre accolades possibles : "
        "{annee}, {contrat} (une accolade seule s'écrit {{ ou }})."
    )
