"""The follow-up file: its schema, its rules against the contract, and csi-gen suivi.

Each rule is one row: the change to the worked example of Toulouse, the code and the exact
French message a user reads.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from csi_gen.cli import app
from csi_gen.errors import InvalidContractError, format_problem
from csi_gen.follow.schema_doc import render
from csi_gen.follow.validation import validate_follow_up
from tests.conftest import ROOT, TOULOUSE, read_json

runner = CliRunner()
FOLLOW_UP = ROOT / "contracts" / "toulouse.suivi.json"
Data = dict[str, Any]


@pytest.fixture
def follow_up_data() -> Data:
    return copy.deepcopy(read_json(FOLLOW_UP))


@pytest.fixture
def with_follow_up(workspace: Path) -> Callable[[Data], Path]:
    """contracts/toulouse.json and the given follow-up beside it; the contract's path."""
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")

    def write(data: Data) -> Path:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        (workspace / "contracts" / "toulouse.suivi.json").write_text(text, encoding="utf-8")
        return workspace / "contracts" / "toulouse.json"

    return write


def engagement(d: Data, year: str, identifiant: str) -> Data:
    found: Data = d["annees"][year]["engagements"][identifiant]
    return found


def located(path: Path, needle: str) -> str:
    """« line:column » of the first occurrence of ``needle`` in the file."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"


# --- The worked example and the reference --------------------------------------------------------


def test_the_toulouse_follow_up_is_valid_points_to_its_schema_and_says_what_is_illustrative():
    followup = validate_follow_up(TOULOUSE)

    data = read_json(FOLLOW_UP)
    assert next(iter(data)) == "$schema"
    assert data["$schema"] == "../schema/suivi.schema.json"
    assert [a.annee for a in followup.suivi.annees] == [2021, 2022]
    assert followup.warnings == () and followup.contract_warnings == ()
    notes = data["notes_de_redaction"]
    for public in ("13 le 30 décembre 2020", "28 le 2 mai 2021", "74 le 1er septembre 2021",
                   "25 policiers municipaux en 2021", "19 postes contractuels"):  # fmt: skip
        assert public in notes
    assert "Illustratif, à remplacer par les données réelles" in notes


def test_the_field_reference_of_the_follow_up_is_in_step_with_its_schema():
    committed = (ROOT / "docs" / "suivi.md").read_text(encoding="utf-8")

    assert committed == render(), "lancez « csi-gen suivi --doc » et validez docs/suivi.md"


def test_suivi_doc_writes_the_reference(workspace):
    result = runner.invoke(app, ["suivi", "--doc"])

    assert result.exit_code == 0, result.stderr
    assert (workspace / "docs" / "suivi.md").read_text(encoding="utf-8") == render()


# --- Rules: the change, the code, the exact message -----------------------------------------------


def unknown_engagement(d: Data) -> None:
    entries = d["annees"]["2022"]["engagements"]
    entries["ville-recrutement-p"] = entries.pop("ville-recrutement-pm")


def unknown_objective(d: Data) -> None:
    engagement(d, "2022", "ville-recrutement-pm")["objectifs"][0]["libelle"] = (
        "Recrutement de policiers municipaux"
    )


def unknown_indicator(d: Data) -> None:
    engagement(d, "2022", "ville-recrutement-pm")["indicateurs"][0]["libelle"] = (
        "Policiers municipaux en poste"
    )


def repeated_objective(d: Data) -> None:
    entry = engagement(d, "2022", "ville-recrutement-pm")
    entry["objectifs"].append(copy.deepcopy(entry["objectifs"][0]))


def unknown_line(d: Data) -> None:
    engagement(d, "2022", "ville-videoprotection")["financements"][0]["financeur"] = "Etat"


def year_outside(d: Data) -> None:
    d["annees"]["2027"] = {"engagements": {}}


def before_the_contract(d: Data) -> None:
    engagement(d, "2021", "etat-corat")["date"] = "2020-06-30"


def after_the_year(d: Data) -> None:
    engagement(d, "2021", "etat-corat")["date"] = "2022-01-15"


def negative(d: Data) -> None:
    engagement(d, "2022", "ville-recrutement-pm")["objectifs"][0]["valeur"] = -3


def negative_amount(d: Data) -> None:
    engagement(d, "2022", "ville-videoprotection")["financements"][0]["paye"] = -1


def abandoned_silently(d: Data) -> None:
    engagement(d, "2022", "ville-gpo")["avancement"] = "abandonne"


def falling_stock(d: Data) -> None:
    engagement(d, "2022", "ville-tig")["objectifs"][0] = {
        "libelle": "Postes de travail d'intérêt général offerts par la Ville",
        "valeur": 40,
    }


def paid_beyond_engaged(d: Data) -> None:
    engagement(d, "2022", "ville-videoprotection")["financements"][0]["paye"] = 250000


def not_retained(d: Data) -> None:
    d["annees"]["2022"]["engagements"]["etat-moyens-materiels"] = {"avancement": "en_cours"}


def placeholder(d: Data) -> None:
    engagement(d, "2022", "ville-gpo")["commentaire"] = "[à compléter]"


def text_for_a_number(d: Data) -> None:
    engagement(d, "2022", "ville-recrutement-pm")["objectifs"][0]["valeur"] = "29 policiers"


def null_for_a_number(d: Data) -> None:
    engagement(d, "2022", "ville-recrutement-pm")["objectifs"][0]["valeur"] = None


RULES = [
    (
        unknown_engagement,
        "annees.2022.engagements.ville-recrutement-p  [SUIVI-ENGAGEMENT-INCONNU]\n"
        "  engagement « ville-recrutement-p » inconnu du contrat\n"
        "  attendu : l'identifiant (« id ») d'un engagement du contrat\n"
        "  vouliez-vous dire « ville-recrutement-pm » ?",
    ),
    (
        unknown_objective,
        "annees.2022.engagements.ville-recrutement-pm.objectifs[0].libelle  "
        "[SUIVI-OBJECTIF-INCONNU]\n"
        "  objectif « Recrutement de policiers municipaux » inconnu de l'engagement "
        "« ville-recrutement-pm »\n"
        "  attendu : le libellé d'un objectif de l'engagement, tel que le contrat l'écrit : "
        "« Recrutement de policiers municipaux supplémentaires »\n"
        "  vouliez-vous dire « Recrutement de policiers municipaux supplémentaires » ?",
    ),
    (
        unknown_indicator,
        "annees.2022.engagements.ville-recrutement-pm.indicateurs[0].libelle  "
        "[SUIVI-INDICATEUR-INCONNU]\n"
        "  indicateur « Policiers municipaux en poste » inconnu de l'engagement "
        "« ville-recrutement-pm »\n"
        "  attendu : le libellé d'un indicateur de l'engagement, tel que le contrat l'écrit : "
        "« Policiers municipaux en poste au 31 décembre »\n"
        "  vouliez-vous dire « Policiers municipaux en poste au 31 décembre » ?",
    ),
    (
        repeated_objective,
        "annees.2022.engagements.ville-recrutement-pm.objectifs[1].libelle  "
        "[SUIVI-OBJECTIF-DOUBLE]\n"
        "  objectif « Recrutement de policiers municipaux supplémentaires » déjà renseigné "
        "pour cette année\n"
        "  attendu : chaque objectif une fois par année",
    ),
    (
        unknown_line,
        "annees.2022.engagements.ville-videoprotection.financements[0]  "
        "[SUIVI-FINANCEMENT-INCONNU]\n"
        "  pas de ligne de financement « Etat » en 2021 (fipd) dans l'engagement "
        "« ville-videoprotection »\n"
        "  attendu : l'une des lignes du contrat : « État », 2021 (fipd) ; "
        "« Ville de Toulouse », 2021 (budget_communal)\n"
        "  vouliez-vous dire « État » ?",
    ),
    (
        year_outside,
        "annees.2027  [SUIVI-ANNEE-HORS-PERIODE]\n"
        "  année 2027 hors de la période du contrat\n"
        "  attendu : une année de 2020 à 2026 (le contrat court du 9\u00a0octobre 2020 au "
        "22\u00a0mars 2026)",
    ),
    (
        before_the_contract,
        "annees.2021.engagements.etat-corat.date  [SUIVI-DATE-AVANT-CONTRAT]\n"
        "  date du 30\u00a0juin 2020 antérieure au contrat\n"
        "  attendu : une date à partir du 9\u00a0octobre 2020, début du contrat",
    ),
    (
        after_the_year,
        "annees.2021.engagements.etat-corat.date  [SUIVI-DATE-APRES-ANNEE]\n"
        "  réalisation datée du 15\u00a0janvier 2022 dans le suivi de 2021\n"
        "  attendu : une date de 2021 au plus tard (ce qui est fait en 2022 se note dans "
        "l'année 2022)",
    ),
    (
        negative,
        "annees.2022.engagements.ville-recrutement-pm.objectifs[0].valeur  "
        "[SUIVI-VALEUR-NEGATIVE]\n"
        "  valeur négative\n"
        "  attendu : un nombre positif ou nul (ce qui a été réalisé, engagé ou payé) ; "
        "trouvé : -3",
    ),
    (
        negative_amount,
        "annees.2022.engagements.ville-videoprotection.financements[0].paye  "
        "[SUIVI-VALEUR-NEGATIVE]\n"
        "  valeur négative\n"
        "  attendu : un nombre positif ou nul (ce qui a été réalisé, engagé ou payé) ; "
        "trouvé : -1",
    ),
    (
        abandoned_silently,
        "annees.2022.engagements.ville-gpo.avancement  [SUIVI-MOTIF]\n"
        "  engagement abandonné sans motif\n"
        "  attendu : « motif » : la raison de l'abandon",
    ),
    (
        text_for_a_number,
        "annees.2022.engagements.ville-recrutement-pm.objectifs[0].valeur  [SCHEMA-PATTERN]\n"
        "  format incorrect\n"
        "  attendu : nombre, sans espace ni unité (par exemple 115 ou 12.5), ou "
        '« [à compléter] » tant que la valeur n\'est pas connue ; trouvé : "29 policiers" '
        "(texte)",
    ),
    (
        null_for_a_number,
        "annees.2022.engagements.ville-recrutement-pm.objectifs[0].valeur  [SCHEMA-TYPE]\n"
        "  type incorrect\n"
        "  attendu : un nombre (par exemple 1250000) ou un texte entre guillemets ; "
        "trouvé : null",
    ),
]

WARNINGS = [
    (
        falling_stock,
        "annees.2022.engagements.ville-tig.objectifs[0].valeur  [SUIVI-STOCK-BAISSE] "
        "(avertissement)\n"
        "  niveau en baisse : 40 fin 2022 contre 44 en 2021, sans commentaire\n"
        "  attendu : « commentaire » : la raison de la baisse (départs, panne, correction "
        "d'une erreur…)",
    ),
    (
        paid_beyond_engaged,
        "annees.2022.engagements.ville-videoprotection.financements[0].paye  "
        "[SUIVI-PAYE-ENGAGE] (avertissement)\n"
        "  montant payé (250\u202f000\u00a0€) supérieur au montant engagé "
        "(200\u202f000\u00a0€)\n"
        "  attendu : un montant payé au plus égal au montant engagé",
    ),
    (
        not_retained,
        "annees.2022.engagements.etat-moyens-materiels  [SUIVI-ENGAGEMENT-NON-RETENU] "
        "(avertissement)\n"
        "  l'engagement « etat-moyens-materiels » n'est pas retenu au contrat (statut "
        "« en_attente_arbitrage ») : le bilan ne le présente pas",
    ),
    (
        placeholder,
        "annees.2022.engagements.ville-gpo.commentaire  [SUIVI-A-COMPLETER] (avertissement)\n"
        "  encore marqué « [à compléter] »\n"
        "  attendu : la valeur ou le texte, sans la marque (ou retirez l'élément)",
    ),
]


def without_location(problem_text: str) -> str:
    """A formatted problem without its « file:line:column » prefix."""
    return problem_text.split("  ", 1)[1]


@pytest.mark.parametrize(("mutate", "message"), RULES, ids=[m.__name__ for m, _ in RULES])
def test_an_invalid_follow_up_is_refused_with_a_french_message(
    mutate, message, follow_up_data, with_follow_up
):
    mutate(follow_up_data)
    contract = with_follow_up(follow_up_data)

    with pytest.raises(InvalidContractError) as raised:
        validate_follow_up(contract)

    assert raised.value.path.name == "toulouse.suivi.json"
    shown = [without_location(format_problem(p, "x")) for p in raised.value.problems]
    assert message in shown


@pytest.mark.parametrize(("mutate", "message"), WARNINGS, ids=[m.__name__ for m, _ in WARNINGS])
def test_a_doubtful_follow_up_passes_with_a_warning(
    mutate, message, follow_up_data, with_follow_up
):
    mutate(follow_up_data)
    contract = with_follow_up(follow_up_data)

    followup = validate_follow_up(contract)

    assert [without_location(format_problem(p, "x")) for p in followup.warnings] == [message]


def test_an_unknown_engagement_id_is_located_and_the_nearest_id_suggested(
    follow_up_data, with_follow_up
):
    unknown_engagement(follow_up_data)
    contract = with_follow_up(follow_up_data)
    follow_up = contract.with_name("toulouse.suivi.json")

    result = runner.invoke(app, ["valider", "toulouse"])

    assert result.exit_code == 1
    where = located(follow_up, '"ville-recrutement-p"')
    assert (
        "Erreur : contracts/toulouse.suivi.json contient 1 erreur.\n\n"
        f"contracts/toulouse.suivi.json:{where}  annees.2022.engagements.ville-recrutement-p  "
        "[SUIVI-ENGAGEMENT-INCONNU]\n"
        "  engagement « ville-recrutement-p » inconnu du contrat\n"
        "  attendu : l'identifiant (« id ») d'un engagement du contrat\n"
        "  vouliez-vous dire « ville-recrutement-pm » ?\n"
    ) in result.stderr
    assert result.stdout.startswith("contracts/toulouse.json : valide\n")


def test_an_engagement_without_id_is_named_in_the_contract_with_an_id_to_add(
    toulouse_copy, follow_up_data, workspace
):
    retained = toulouse_copy["volets"]["justice"]["engagements"][4]
    del retained["id"]
    (workspace / "contracts" / "toulouse.json").write_text(
        json.dumps(toulouse_copy, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for year in ("2021", "2022"):
        del follow_up_data["annees"][year]["engagements"]["ville-fourriere"]
    (workspace / "contracts" / "toulouse.suivi.json").write_text(
        json.dumps(follow_up_data, ensure_ascii=False, indent=2), encoding="utf-8"
    )

    result = runner.invoke(app, ["valider", "toulouse"])

    assert result.exit_code == 0, result.stderr
    assert "contracts/toulouse.suivi.json : valide, années 2021, 2022" in result.stdout
    assert "volets.justice.engagements[4]  [SUIVI-SANS-IDENTIFIANT] (avertissement)\n" in (
        result.stderr
    )
    assert (
        "  l'engagement « Fourrière des véhicules immobilisés ou saisis » n'a pas "
        "d'identifiant : il ne peut pas être suivi\n"
        "  attendu : « id » : « collectivites-c-ju-3 » (par exemple), à ajouter à l'engagement"
    ) in result.stderr
    assert "contracts/toulouse.json:" in result.stderr  # located in the contract


def test_valider_strict_fails_on_a_warning_of_the_follow_up(follow_up_data, with_follow_up):
    placeholder(follow_up_data)
    with_follow_up(follow_up_data)

    result = runner.invoke(app, ["valider", "toulouse", "--strict"])

    assert result.exit_code == 1
    assert "contracts/toulouse.suivi.json contient 1 erreur." in result.stderr


def test_a_follow_up_file_is_never_taken_for_a_contract(follow_up_data, with_follow_up):
    with_follow_up(follow_up_data)

    result = runner.invoke(app, ["valider"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "contracts/toulouse.json : valide",
        "contracts/toulouse.suivi.json : valide, années 2021, 2022",
    ]


def test_a_broken_follow_up_is_reported_like_a_contract(with_follow_up):
    contract = with_follow_up({})
    contract.with_name("toulouse.suivi.json").write_text('{"annees": {,}}', encoding="utf-8")

    result = runner.invoke(app, ["valider", "toulouse"])

    assert result.exit_code == 1
    assert "contracts/toulouse.suivi.json:1:13  (racine)  [JSON-SYNTAXE]" in result.stderr


# --- csi-gen suivi ---------------------------------------------------------------------------------


def test_suivi_creates_the_file_with_every_value_expected_that_year_to_complete(workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")

    result = runner.invoke(app, ["suivi", "toulouse", "--annee", "2022"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "contracts/toulouse.suivi.json créé : année 2022 ajoutée, à compléter : 42 engagements, "
        "11 objectifs, 20 indicateurs, 14 lignes de financement.\n"
        "Remplacez chaque « [à compléter] », puis : csi-gen bilan toulouse --annee 2022\n"
    )
    data = read_json(workspace / "contracts" / "toulouse.suivi.json")
    assert data["$schema"] == "../schema/suivi.schema.json"
    entry = data["annees"]["2022"]["engagements"]["ville-recrutement-pm"]
    assert entry["avancement"] == "[à compléter]"
    assert entry["objectifs"] == [
        {
            "libelle": "Recrutement de policiers municipaux supplémentaires",
            "valeur": "[à compléter]",
            "rappel": "Prévu en 2022 : 20\u00a0policiers municipaux de plus (ajoutés dans "
            "l'année) ; cible : au moins 100\u00a0policiers municipaux d'ici le "
            "31\u00a0décembre 2025. Indiquez ce qui a été ajouté en 2022, pas le total.",
        }
    ]
    patrols = data["annees"]["2022"]["engagements"]["ville-patrouilles-peripherie"]
    assert patrols["objectifs"][0]["rappel"].startswith(
        "Prévu fin 2022 : 38\u202f000\u00a0heures de patrouille par an (niveau au 31 décembre)"
    )
    # the reinforcement of 111 officers was due in 2021: nothing is expected in 2022
    assert "objectifs" not in data["annees"]["2022"]["engagements"]["etat-renfort-effectifs"]
    followup = validate_follow_up(workspace / "contracts" / "toulouse.json")
    assert {w.code for w in followup.warnings} == {"SUIVI-A-COMPLETER"}


def test_suivi_never_changes_what_is_written_and_adds_what_is_missing(workspace):
    shutil.copy(TOULOUSE, workspace / "contracts" / "toulouse.json")
    runner.invoke(app, ["suivi", "toulouse", "--annee", "2022"])
    path = workspace / "contracts" / "toulouse.suivi.json"
    data = read_json(path)
    entry = engagement(data, "2022", "ville-recrutement-pm")
    entry["objectifs"][0]["valeur"] = 29
    entry["avancement"] = "en_cours"
    del entry["indicateurs"]
    written = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(written, encoding="utf-8")

    result = runner.invoke(app, ["suivi", "toulouse", "--annee", "2022"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "contracts/toulouse.suivi.json complété : année 2022 complétée, à compléter : "
        "1 indicateur.\n"
    )
    after = engagement(read_json(path), "2022", "ville-recrutement-pm")
    assert after["objectifs"][0]["valeur"] == 29 and after["avancement"] == "en_cours"
    assert after["indicateurs"][0]["valeur"] == "[à compléter]"

    again = runner.invoke(app, ["suivi", "toulouse", "--annee", "2022"])

    assert again.stdout == (
        "contracts/toulouse.suivi.json : l'année 2022 est déjà complète ; rien n'a été ajouté.\n"
    )


def test_suivi_adds_a_new_year_after_the_others(follow_up_data, with_follow_up):
    contract = with_follow_up(follow_up_data)

    result = runner.invoke(app, ["suivi", "toulouse", "--annee", "2023"])

    assert result.exit_code == 0, result.stderr
    assert list(read_json(contract.with_name("toulouse.suivi.json"))["annees"]) == [
        "2021",
        "2022",
        "2023",
    ]


def test_suivi_refuses_a_year_outside_the_contract(follow_up_data, with_follow_up):
    contract = with_follow_up(follow_up_data)
    before = contract.with_name("toulouse.suivi.json").read_bytes()

    result = runner.invoke(app, ["suivi", "toulouse", "--annee", "2019"])

    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : l'année 2019 est hors de la période du contrat (2020 à 2026) ; attendu : "
        "--annee 2020 à 2026.\n"
    )
    assert contract.with_name("toulouse.suivi.json").read_bytes() == before


def test_suivi_leaves_an_invalid_follow_up_alone(with_follow_up):
    contract = with_follow_up({"annees": {"2022": {}}})
    before = contract.with_name("toulouse.suivi.json").read_bytes()

    result = runner.invoke(app, ["suivi", "toulouse", "--annee", "2023"])

    assert result.exit_code == 1
    assert "clé obligatoire « engagements » manquante" in result.stderr
    assert contract.with_name("toulouse.suivi.json").read_bytes() == before
