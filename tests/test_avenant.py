"""Avenants end to end: a signed Toulouse tagged in a real git repository, amended, its avenant
and its consolidated version written by the CLI and read back."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from tests.docx_reading import body_text, paragraphs
from tests.test_comparison import Repository

runner = CliRunner()
OBJET = (
    "Le présent avenant tire les conséquences de la clause de revoyure : il renforce le "
    "recrutement de policiers municipaux, crée une brigade de nuit et retire l'engagement "
    "relatif à l'emploi des conjoints."
)
BRIGADE = {
    "id": "ville-brigade-nuit",
    "partie": "collectivites",
    "statut": "retenue",
    "intitule": "Brigade de nuit de la police municipale",
    "texte": "La Ville s'engage à créer une brigade de nuit de la police municipale.",
    "porteurs": ["maire"],
}


def engagements(data: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data["volets"]["securite_interieure"]["engagements"]
    return found


def index_of(data: dict[str, Any], identifier: str) -> int:
    return next(i for i, e in enumerate(engagements(data)) if e.get("id") == identifier)


def amended(data: dict[str, Any], **avenant: Any) -> dict[str, Any]:
    """Toulouse after avenant n° 1: a trajectory value changed, an engagement inserted after
    the 3° of the Ville, the 7° removed."""
    data = copy.deepcopy(data)
    recrutement = engagements(data)[index_of(data, "ville-recrutement-pm")]
    recrutement["objectifs"][0]["trajectoire"]["valeurs"]["2022"] = 25
    del engagements(data)[index_of(data, "ville-emploi-conjoints")]
    engagements(data).insert(index_of(data, "ville-points-accueil-pm") + 1, BRIGADE)
    data["avenants"] = [
        {"numero": 1, "statut": "signe", "date": "2022-10-20", "objet": OBJET, **avenant}
    ]
    return data


@pytest.fixture
def signed(tmp_path: Path, toulouse_data: dict[str, Any], monkeypatch) -> Repository:
    """The signed Toulouse, committed and tagged « contrat-signe »; the shell in its folder."""
    repo = Repository(tmp_path / "depot")
    repo.write(toulouse_data)
    repo.commit("Contrat de Toulouse signé")
    repo.git("tag", "contrat-signe")
    monkeypatch.chdir(repo.root)
    return repo


def article_headings(path: Path) -> list[str]:
    return [t for s, t in paragraphs(path) if s == "Article"]


def points(path: Path) -> list[str]:
    return [t for s, t in paragraphs(path) if s == "Engagement"]


def test_the_avenant_cites_article_and_point_and_the_consolidated_text_keeps_its_numbers(
    signed, toulouse_data
):
    runner.invoke(app, ["generer", "toulouse", "--sortie", "signe"], catch_exceptions=False)
    signed.write(amended(toulouse_data))

    avenant = runner.invoke(app, ["avenant", "toulouse"])
    consolidated = runner.invoke(app, ["generer", "toulouse"])

    assert avenant.exit_code == 0, avenant.stderr
    assert consolidated.exit_code == 0, consolidated.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-1.docx")
    assert "Avenant n° 1\nau contrat de sécurité intégrée de Toulouse du 9 octobre 2020" in text
    assert (
        "Vu le contrat de sécurité intégrée de Toulouse signé le 9 octobre 2020, notamment son "
        "article 30 ;"
    ) in text
    assert (
        "Au 1° de l'article 7 du contrat, les mots : « 20 en 2022 » sont remplacés par les "
        "mots : « 25 en 2022 »."
    ) in text
    assert "Après le 3° de l'article 7 du contrat, il est inséré un 3° bis ainsi rédigé :" in text
    assert "« 3° bis Brigade de nuit de la police municipale" in text
    assert "Le 7° de l'article 7 du contrat est abrogé." in text
    assert "Les autres stipulations du contrat demeurent inchangées." in text
    assert "Fait à Toulouse, le 20 octobre 2022" in text
    before, after = signed.root / "signe" / "toulouse.docx", signed.root / "build" / "toulouse.docx"
    whole = body_text(after)
    assert (
        "Version consolidée au 20 octobre 2022, intégrant l'avenant n° 1 du 20 octobre 2022"
        in whole
    )
    assert "Fait à Toulouse, le 9 octobre 2020, en deux exemplaires originaux." in whole
    assert article_headings(after) == article_headings(before)
    kept = [p for p in points(after) if " bis " not in p]
    assert [re.sub(r"°.*", "", p) for p in kept] == [re.sub(r"°.*", "", p) for p in points(before)]
    assert "7° (Supprimé)" in points(after)
    assert "3° bis Brigade de nuit de la police municipale" in points(after)
