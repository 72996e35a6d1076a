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
from tests.docx_reading import body_text, paragraphs, plain
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
    approval = {"organe": "conseil municipal", "numero": "7.2", "date": "2022-10-14"}
    signed.write(amended(toulouse_data, deliberations=[approval]))

    avenant = runner.invoke(app, ["avenant", "toulouse"])
    consolidated = runner.invoke(app, ["generer", "toulouse"])

    assert avenant.exit_code == 0, avenant.stderr
    assert consolidated.exit_code == 0, consolidated.stderr
    # two years on, who signs is not stated: the writer is told while drafting
    assert "[AVENANT-SIGNATAIRES] (avertissement)" in avenant.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-1.docx")
    assert "Avenant n° 1\nau contrat de sécurité intégrée de Toulouse du 9 octobre 2020" in text
    assert (
        "Vu le contrat de sécurité intégrée de Toulouse signé le 9 octobre 2020, notamment son "
        "article 30 ;"
    ) in text
    assert (
        "Vu la délibération n° 7.2 du conseil municipal de Toulouse du 14 octobre 2022 approuvant "
        "le présent avenant et autorisant sa signature ;"
    ) in text
    assert "dûment habilité par délibération du conseil municipal n° 7.2 du 14 octobre 2022" in text
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


def test_a_draft_avenant_is_marked_projet_and_so_is_the_consolidated_text(signed, toulouse_data):
    signed.write(amended(toulouse_data, statut="projet", date=None))
    data = amended(toulouse_data, statut="projet")
    del data["avenants"][0]["date"]
    signed.write(data)

    avenant = runner.invoke(app, ["avenant", "toulouse"])
    consolidated = runner.invoke(app, ["generer", "toulouse"])

    assert avenant.exit_code == 0, avenant.stderr
    assert consolidated.exit_code == 0, consolidated.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-1.docx")
    assert "PROJET" in text
    assert "Fait à Toulouse, le ……………………" in text
    whole = body_text(signed.root / "build" / "toulouse.docx")
    assert "Projet de version consolidée, intégrant le projet d'avenant n° 1" in whole
    assert "Fait à Toulouse, le 9 octobre 2020, en deux exemplaires originaux." in whole


def test_a_second_avenant_amends_the_first_and_numbers_stay_frozen(signed, toulouse_data):
    first = amended(toulouse_data)
    signed.write(first)
    signed.commit("Avenant n° 1 signé")
    second = copy.deepcopy(first)
    insertion = {**BRIGADE, "id": "ville-brigade-canine", "intitule": "Brigade canine"}
    engagements(second).insert(index_of(second, "ville-brigade-nuit") + 1, insertion)
    second["avenants"].append(
        {"numero": 2, "statut": "signe", "date": "2023-06-01", "objet": "Brigade canine."}
    )
    signed.write(second)

    result = runner.invoke(app, ["avenant", "toulouse"])
    consolidated = runner.invoke(app, ["generer", "toulouse"])

    assert result.exit_code == 0, result.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-2.docx")
    assert "Vu l'avenant n° 1 à ce contrat, signé le 20 octobre 2022 ;" in text
    assert (
        "Après le 3° bis de l'article 7 du contrat, il est inséré un 3° ter ainsi rédigé :" in text
    )
    assert "abrogé" not in text
    assert consolidated.exit_code == 0, consolidated.stderr
    labels = [
        p.split(" ")[0] + (" ter" if " ter " in p else "")
        for p in points(signed.root / "build" / "toulouse.docx")
    ]
    assert "3° ter" in labels


def test_an_avenant_without_a_signed_version_in_git_says_what_to_do(
    tmp_path, toulouse_data, monkeypatch
):
    repo = Repository(tmp_path / "depot")
    repo.write({**toulouse_data, "statut": "definitif"})
    repo.commit("Contrat définitif")
    repo.write(amended(toulouse_data))
    monkeypatch.chdir(repo.root)

    result = runner.invoke(app, ["avenant", "toulouse"])

    assert result.exit_code == 2
    assert "l'avenant n° 1 modifie le contrat signé, mais aucun enregistrement git" in result.stderr
    assert not (repo.root / "build").exists()


def test_comparer_after_signature_never_renumbers(signed, toulouse_data):
    signed.write(amended(toulouse_data))

    result = runner.invoke(
        app, ["comparer", "toulouse", "--depuis", "contrat-signe", "-f", "texte"]
    )

    assert result.exit_code == 0, result.stderr
    shown = plain(result.stdout)
    assert "déplacé" not in shown
    assert (
        "Volet sécurité intérieure › Article 7, 1° (engagements de la Ville) › trajectoire 2022 : "
        "20 → 25 policiers municipaux"
    ) in shown
    assert "(Ville, article 7, 3° bis)" in shown


def test_the_avenant_keeps_every_character_of_its_texts(signed, toulouse_data):
    objet = "Objet : « Dupont & Fils » < 3 > 2 ; l'avenant {{ 7*7 }}."
    signataire = {
        "representant": "premier-ministre", "civilite": "Mme", "prenom": "Élisabeth",
        "nom": "Borne & Cie", "qualite": "Première ministre <intérim>",
    }  # fmt: skip
    signed.write(amended(toulouse_data, objet=objet, lieu="Toulouse & Blagnac",
                         signataires=[signataire]))  # fmt: skip

    result = runner.invoke(app, ["avenant", "toulouse"])

    assert result.exit_code == 0, result.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-1.docx")
    assert plain(objet) in text
    assert "Fait à Toulouse & Blagnac, le 20 octobre 2022" in text
    assert "Mme Élisabeth BORNE & CIE, Première ministre <intérim>" in text


def test_a_text_changed_after_the_last_avenant_was_signed_is_refused(signed, toulouse_data):
    signed.write(amended(toulouse_data))
    signed.commit("Avenant n° 1 signé")
    runner.invoke(app, ["generer", "toulouse"], catch_exceptions=False)
    written = (signed.root / "build" / "toulouse.docx").read_bytes()
    later = amended(toulouse_data)
    later["signature"]["exemplaires"] = 3
    signed.write(later)

    result = runner.invoke(app, ["generer", "toulouse"])

    assert result.exit_code == 2
    assert "a changé depuis la signature de l'avenant n° 1" in result.stderr
    assert "Enregistrez un avenant n° 2 (statut « projet »)" in result.stderr
    assert (signed.root / "build" / "toulouse.docx").read_bytes() == written


def test_comparer_before_signature_says_which_engagements_are_renumbered(
    tmp_path, toulouse_data, monkeypatch
):
    draft = {**copy.deepcopy(toulouse_data), "statut": "definitif"}
    repo = Repository(tmp_path / "depot")
    repo.write(draft)
    repo.commit("Contrat définitif")
    later = copy.deepcopy(draft)
    engagements(later).insert(index_of(later, "ville-points-accueil-pm") + 1, BRIGADE)
    repo.write(later)
    monkeypatch.chdir(repo.root)

    result = runner.invoke(app, ["comparer", "toulouse", "--depuis", "HEAD", "-f", "texte"])

    assert result.exit_code == 0, result.stderr
    shown = plain(result.stdout)
    assert "(Ville, 4°)" in shown
    assert (
        "Engagement « Vidéoprotection et centre de supervision urbain » renuméroté : "
        "Ville, 5° → Ville, 6°"
    ) in shown


def test_a_partner_committing_for_the_first_time_gets_an_article_bis(signed, toulouse_data):
    data = amended(toulouse_data)
    data["parties"]["partenaires"][0]["signataire"] = True
    transport = data["volets"]["transport"]["engagements"][0]
    transport["partie"], transport["partenaire"] = "partenaire", "tisseo"
    signed.write(data)

    avenant = runner.invoke(app, ["avenant", "toulouse"])
    consolidated = runner.invoke(app, ["generer", "toulouse"])

    assert avenant.exit_code == 0, avenant.stderr
    text = body_text(signed.root / "build" / "toulouse-avenant-1.docx")
    assert "Le 1° de l'article 19 du contrat est abrogé." in text
    assert "Après l'article 19 du contrat, il est inséré un article 19 bis ainsi rédigé :" in text
    assert "« Article 19 bis – Engagements de Tisséo Voyageurs" in text
    assert consolidated.exit_code == 0, consolidated.stderr
    headings = [plain(h) for h in article_headings(signed.root / "build" / "toulouse.docx")]
    assert [h for h in headings if h.startswith(("Article 19", "Article 20"))] == [
        "Article 19 – Engagements de la Ville",
        "Article 19 bis – Engagements de Tisséo Voyageurs",
        "Article 20 – Engagements de l'État",
    ]
