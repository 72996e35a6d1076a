"""Domain rules: one row per rule, the invalid contract and the exact French message."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from csi_gen.contract import rules
from csi_gen.contract.validation import validate
from csi_gen.errors import InvalidContractError

NBSP = "\u00a0"
Data = dict[str, Any]


def eng(d: Data, volet: str, index: int) -> Data:
    engagement: Data = d["volets"][volet]["engagements"][index]
    return engagement


def drop_socle_measure(d: Data) -> None:
    del d["volets"]["radicalisation_separatisme"]["engagements"][0]


def set_(path: list[Any], value: Any) -> Callable[[Data], None]:
    def mutate(d: Data) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def both(*mutations: Callable[[Data], None]) -> Callable[[Data], None]:
    def mutate(d: Data) -> None:
        for mutation in mutations:
            mutation(d)

    return mutate


def avenants(*changes: dict[str, Any]) -> Callable[[Data], None]:
    """Avenants n° 1, 2… signed in 2022, each with its ``changes``."""

    def mutate(d: Data) -> None:
        d["avenants"] = [
            {
                k: v
                for k, v in {
                    "numero": n,
                    "statut": "signe",
                    "date": f"2022-1{n}-03",
                    "objet": "Objet.",
                    **c,
                }.items()
                if v is not None
            }
            for n, c in enumerate(changes, start=1)
        ]

    return mutate


def after_the_circular(d: Data) -> None:
    """Toulouse signed on 16 June 2021 instead: the socle of the circular applies."""
    d["signature"]["date"] = d["periode"]["debut"] = "2021-06-16"


def tisseo_commits(d: Data) -> None:
    engagement = eng(d, "transport", 0)
    engagement["partie"], engagement["partenaire"] = "partenaire", "tisseo"


def add_commune(d: Data) -> None:
    d["territoire"]["communes"].append({"nom": "Blagnac", "code_insee": "31069"})


def add_trajectory_year(d: Data) -> None:
    eng(d, "securite_interieure", 7)["objectifs"][0]["trajectoire"]["valeurs"]["2027"] = 20


def weaken_trajectory(d: Data) -> None:
    eng(d, "securite_interieure", 0)["objectifs"][0]["trajectoire"]["valeurs"]["2021"] = 100


def reverse_cumulative(d: Data) -> None:
    objectif = eng(d, "securite_interieure", 8)["objectifs"][0]
    values = objectif["trajectoire"]["valeurs"]
    first = sorted(values)[0]
    values[first] = objectif["situation_initiale"]["valeur"] - 1


RULES = [
    (
        both(after_the_circular, drop_socle_measure),
        "SOCLE-NON-ETUDIE",
        "la mesure du socle E-RS-1 n'est pas étudiée : « Partage de l'information sur la "
        "radicalisation et le séparatisme »",
    ),
    (
        both(
            set_(["statut"], "definitif"),
            set_(["volets", "justice", "engagements", 0, "statut"], "a_etudier"),
        ),
        "STATUT-A-ETUDIER",
        "statut « a_etudier » dans un contrat « definitif »",
    ),
    (
        set_(["volets", "justice", "engagements", 0, "mesure"], "E-JU-9"),
        "MESURE-INCONNUE",
        "la mesure « E-JU-9 » n'existe pas dans le catalogue",
    ),
    (
        set_(["volets", "justice", "engagements", 0, "partie"], "collectivites"),
        "MESURE-PARTIE",
        "la mesure E-JU-1 est un engagement de l'État",
    ),
    (
        set_(["volets", "justice", "engagements", 2, "mesure"], "C-PD-3"),
        "MESURE-VOLET",
        "la mesure C-PD-3 appartient au volet « prévention de la délinquance »",
    ),
    (
        lambda d: eng(d, "mineurs", 0).pop("intitule"),
        "ENGAGEMENT-INTITULE",
        "mesure propre au contrat sans intitulé",
    ),
    (
        lambda d: eng(d, "justice", 3).pop("motif"),
        "MOTIF-ABSENT",
        "mesure non retenue sans motif",
    ),
    (
        set_(["volets", "justice", "engagements", 1, "id"], "etat-justice-proximite"),
        "ID-DOUBLE",
        "identifiant « etat-justice-proximite » déjà employé",
    ),
    (
        lambda d: d["territoire"]["communes"].append(copy.deepcopy(d["territoire"]["communes"][0])),
        "COMMUNE-DOUBLE",
        "commune 31555 citée plusieurs fois",
    ),
    (
        set_(["volets", "justice", "engagements", 0, "porteurs"], ["procureure"]),
        "REFERENCE-PORTEUR",
        "porteur « procureure » inconnu",
    ),
    (
        lambda d: eng(d, "justice", 0).update(axe="justice"),
        "AXE-INCONNU",
        "axe « justice » inconnu : le contrat ne déclare pas d'axes",
    ),
    (
        both(
            lambda d: d.update(axes=[{"id": "tranquillite", "titre": "Tranquillité publique"}]),
            lambda d: (
                [
                    e.update(axe="tranquillite")
                    for v in d["volets"].values()
                    for e in v["engagements"]
                ]
                and eng(d, "justice", 0).pop("axe")
            ),
        ),
        "AXE-ABSENT",
        "engagement sans axe, dans un contrat organisé par axes",
    ),
    (
        lambda d: eng(d, "securite_interieure", 0)["indicateurs"][0].update(indicateur="inconnu"),
        "REFERENCE-INDICATEUR",
        "série « inconnu » absente du diagnostic",
    ),
    (
        set_(["territoire", "quartiers", 0, "commune"], "31556"),
        "REFERENCE-COMMUNE",
        "la commune 31556 n'est pas dans le territoire",
    ),
    (
        both(
            add_commune,
            lambda d: d["parties"]["collectivites"].append(
                {
                    "id": "maire-blagnac",
                    "fonction": "maire",
                    "civilite": "M.",
                    "prenom": "Joseph",
                    "nom": "Carles",
                    "qualite": "maire de Blagnac",
                    "signataire": True,
                    "commune": "31069",
                }
            ),
        ),
        "TERRITOIRE-TYPE",
        "territoire de type « commune » avec 2 communes",
    ),
    (
        set_(["territoire", "type"], "intercommunalite"),
        "TERRITOIRE-EPCI",
        "intercommunalité sans EPCI",
    ),
    (
        set_(["parties", "etat", 1, "fonction"], "maire"),
        "FONCTION-PARTIE",
        "la fonction « maire » relève des collectivités",
    ),
    (
        lambda d: d["parties"]["collectivites"][0].pop("commune"),
        "FONCTION-COMMUNE",
        "maire ou élu délégué sans commune",
    ),
    (
        set_(["parties", "collectivites", 0, "signataire"], False),
        "COMMUNE-SIGNATAIRE",
        "la commune de Toulouse (31555) n'a pas de signataire",
    ),
    (
        set_(["parties", "etat", 0, "signataire"], False),
        "ETAT-SIGNATAIRE",
        "aucun représentant de l'État ne signe le contrat",
    ),
    (
        set_(["periode", "fin"], "2020-01-01"),
        "PERIODE-ORDRE",
        "la fin du contrat ne suit pas son début",
    ),
    (
        set_(["signature", "date"], "2026-06-01"),
        "SIGNATURE-DATE",
        "la signature est postérieure à la fin du contrat",
    ),
    (
        lambda d: d["signature"].pop("date"),
        "SIGNATURE-DATE",
        "contrat signé sans date de signature",
    ),
    (
        set_(["signature", "date"], "2020-10"),
        "SIGNATURE-JOUR",
        "contrat signé daté en octobre 2020, sans le jour",
    ),
    (
        both(set_(["statut"], "definitif"), avenants({})),
        "AVENANT-CONTRAT-NON-SIGNE",
        "un avenant ne modifie qu'un contrat signé",
    ),
    (
        avenants({"numero": 2}),
        "AVENANT-NUMERO",
        "les avenants sont numérotés de 1 en 1, dans l'ordre",
    ),
    (
        avenants({"statut": "projet"}, {}),
        "AVENANT-PROJET",
        "l'avenant n° 1 est un projet alors qu'un avenant le suit",
    ),
    (
        avenants({"date": "2020-01-01"}),
        "AVENANT-DATE",
        "l'avenant n° 1 précède l'acte qu'il modifie",
    ),
    (
        avenants({"date": "2026-12-01"}),
        "AVENANT-DATE",
        "avenant n° 1 signé hors de la période du contrat",
    ),
    (
        avenants({"date": None}),
        "AVENANT-DATE",
        "avenant n° 1 signé sans date de signature",
    ),
    (
        avenants(
            {
                "signataires": [
                    {
                        "representant": "inconnu",
                        "civilite": "M.",
                        "prenom": "A",
                        "nom": "B",
                        "qualite": "préfet",
                    }
                ]
            }
        ),
        "AVENANT-SIGNATAIRE",
        "représentant « inconnu » inconnu du contrat",
    ),
    (
        set_(["deliberations", 0, "date"], "2018-06-01"),
        "DELIBERATION-DATE",
        "délibération antérieure de plus de deux ans à la signature",
    ),
    (
        add_trajectory_year,
        "DATE-HORS-PERIODE",
        "étape 2027 de la trajectoire après la fin du contrat",
    ),
    (
        set_(["gouvernance", "revoyure", "date"], "2030-01-01"),
        "DATE-HORS-PERIODE",
        "clause de revoyure hors de la période du contrat",
    ),
    (
        weaken_trajectory,
        "TRAJECTOIRE-CIBLE",
        "la trajectoire n'atteint pas la cible",
    ),
    (
        lambda d: eng(d, "securite_interieure", 8)["objectifs"][0]["situation_initiale"].update(
            annee=2023
        ),
        "TRAJECTOIRE-ANNEE",
        "situation initiale postérieure au début de la trajectoire",
    ),
    (
        set_(
            ["volets", "securite_interieure", "engagements", 0, "objectifs", 0, "echeance"],
            "2020-12-31",
        ),
        "TRAJECTOIRE-ECHEANCE",
        "étape 2021 de la trajectoire après l'échéance",
    ),
    (
        reverse_cumulative,
        "TRAJECTOIRE-SENS",
        "la trajectoire cumulée recule en 2021",
    ),
    (
        lambda d: eng(d, "securite_interieure", 7)["objectifs"][0]["cible"].update(valeur_max=200),
        "CIBLE-ENTRE",
        "« valeur_max » sans le qualificatif « entre »",
    ),
    (
        lambda d: eng(d, "securite_interieure", 7)["objectifs"][0]["cible"].update(facteur=2),
        "CIBLE-FORME",
        "cible à la fois valeur et facteur",
    ),
    (
        lambda d: eng(d, "securite_interieure", 7)["objectifs"][0].update(cible={"facteur": 2}),
        "CIBLE-RELATIVE",
        "cible relative sans situation initiale",
    ),
    (
        lambda d: eng(d, "securite_interieure", 11)["financements"][0].update(montant=-1),
        "MONTANT-NEGATIF",
        "montant négatif",
    ),
    (
        lambda d: eng(d, "securite_interieure", 11)["financements"][0].update(type="taux"),
        "FINANCEMENT-FORME",
        "« montant » dans un financement « taux »",
    ),
    (
        lambda d: (
            eng(d, "securite_interieure", 11)["financements"][1].update(
                type="annuel", annee_fin=2021
            )
            or eng(d, "securite_interieure", 11)["financements"][1].pop("taux")
        ),
        "FINANCEMENT-ANNEES",
        "financement annuel de 2021 à 2021",
    ),
    (
        set_(["volets", "securite_interieure", "engagements", 11, "cout_total"], 1200000),
        "FINANCEMENT-TOTAL",
        "la somme des financements ne fait pas le coût total",
    ),
    (
        lambda d: eng(d, "securite_interieure", 11)["financements"][0].update(taux=30),
        "FINANCEMENT-TAUX",
        "le taux ne correspond pas au montant rapporté au coût total",
    ),
    (
        set_(["preambule"], "# Préambule\n\nTexte."),
        "MARKDOWN",
        "mise en forme Markdown non prise en charge : titre (« # »), ligne 1 du texte",
    ),
    (
        set_(["visas", "exclus"], ["circulaire_cs"]),
        "VISA-INCONNU",
        "visa type « circulaire_cs » inconnu",
    ),
    (
        set_(["titre"], "Contrat [à compléter]"),
        "A-COMPLETER",
        "texte encore marqué « [à compléter] »",
    ),
    (
        lambda d: d.pop("diagnostic"),
        "DIAGNOSTIC-ABSENT",
        "contrat « signe » sans diagnostic partagé",
    ),
    (
        set_(["volets", "transport", "engagements", 0, "partie"], "partenaire"),
        "REFERENCE-PARTENAIRE",
        "engagement d'un partenaire sans « partenaire »",
    ),
    (
        set_(["volets", "transport", "engagements", 0, "porteurs"], ["maire", "tisseo"]),
        "PORTEUR-NON-SIGNATAIRE",
        "« Tisséo Voyageurs » met en œuvre « Patrouilles communes dans le réseau Tisséo » sans "
        "que Tisséo Voyageurs signe le contrat",
    ),
    (
        set_(["volets", "justice", "engagements", 0, "porteurs"], ["procureur"]),
        "PORTEUR-NON-SIGNATAIRE",
        "« procureur de la République près le tribunal judiciaire de Toulouse » met en œuvre "
        "« Justice pénale de proximité » sans que le procureur de la République signe le contrat",
    ),
    (
        lambda d: eng(d, "justice", 0).update(conjointement=["justice"]),
        "CONJOINT-NON-SIGNATAIRE",
        "engagement pris conjointement avec le procureur de la République, qui ne signe pas le "
        "contrat : « Justice pénale de proximité »",
    ),
    (
        lambda d: eng(d, "mineurs", 0).update(commune="31555"),
        "ENGAGEMENT-COMMUNE",
        "le territoire n'a qu'une commune : l'engagement de la Ville est déjà le sien",
    ),
    (
        tisseo_commits,
        "PARTIE-NON-SIGNATAIRE",
        "engagement de Tisséo Voyageurs, qui ne signe pas le contrat : « Patrouilles communes "
        "dans le réseau Tisséo »",
    ),
    (
        lambda d: eng(d, "mineurs", 0)["financements"][1].update(partie="tisseo", sollicite=False),
        "FINANCEUR-NON-SIGNATAIRE",
        "financement par Tisséo Voyageurs, qui ne signe pas le contrat",
    ),
    (
        set_(["deliberations"], []),
        "DELIBERATION-ABSENTE",
        "maire de Toulouse signe sans délibération de son conseil",
    ),
    (
        set_(["deliberations", 0, "representant"], "mair"),
        "REFERENCE-REPRESENTANT",
        "représentant « mair » inconnu",
    ),
    (
        both(
            set_(["territoire", "type"], "intercommunalite"),
            set_(
                ["territoire", "epci"],
                {"nom": "Toulouse Métropole", "nature": "metropole", "siren": "200000001"},
            ),
        ),
        "EPCI-INCONNU",
        "aucune intercommunalité n'a le SIREN 200000001",
    ),
    (
        set_(["territoire", "communes", 0, "code_insee"], "31999"),
        "COMMUNE-INCONNUE",
        "aucune commune n'a le code INSEE 31999",
    ),
    (
        set_(["territoire", "communes", 0, "code_insee"], "31069"),
        "COMMUNE-NOM",
        "le code INSEE 31069 est celui de Blagnac",
    ),
    (
        set_(["territoire", "communes", 0], {"nom": "Paris", "code_insee": "75056"}),
        "COMMUNE-DEPARTEMENT",
        "Paris n'est pas dans le département 31",
    ),
    (
        both(
            set_(["territoire", "type"], "intercommunalite"),
            set_(
                ["territoire", "epci"],
                {
                    "nom": "Le Muretain Agglo",
                    "nature": "communaute_d_agglomeration",
                    "siren": "200068641",
                },
            ),
        ),
        "COMMUNE-EPCI",
        "Toulouse n'est pas membre de la Communauté d'agglomération Le Muretain Agglo",
    ),
    (
        lambda d: d["territoire"]["communes"][0].pop("population_millesime"),
        "POPULATION-MILLESIME",
        "population de Toulouse sans son millésime",
    ),
    (
        lambda d: eng(d, "justice", 0).pop("texte"),
        "ENGAGEMENT-TEXTE",
        "engagement retenu sans texte : « Justice pénale de proximité »",
    ),
]


def assert_reported(data, write_contract, mutate, code, message):
    """``mutate`` makes ``data`` break one rule: validating it reports exactly ``message``
    under ``code``, at a line of the file."""
    mutate(data)
    path = write_contract(data)

    with pytest.raises(InvalidContractError) as caught:
        validate(path)

    problems = [p for p in caught.value.errors if p.code == code]
    assert [p.message for p in problems] == [message], caught.value.describe()
    assert problems[0].line is not None and problems[0].line > 1


@pytest.mark.parametrize(
    ("mutate", "code", "message"), RULES, ids=[f"{r[1]}-{i}" for i, r in enumerate(RULES)]
)
def test_each_rule_reports_its_exact_french_message_with_a_line(
    toulouse_copy, write_contract, mutate, code, message
):
    assert_reported(toulouse_copy, write_contract, mutate, code, message)


def test_the_rule_table_covers_every_rule_code():
    source = "".join(
        path.read_text(encoding="utf-8") for path in Path(rules.__file__).parent.glob("rules*.py")
    )
    in_code = set(re.findall(r'"([A-Z]+(?:-[A-Z]+)+)"', source))
    tested_below = {
        "PERIODE-DUREE",
        "PERIODE-MANDAT",
        "EPCI-PRESIDENT",
        "AXE-VIDE",
        "AXE-INTRODUCTION",
        *(c for _, c, _ in WARNINGS),
        *(c for _, c, _ in CARRIERS if c not in {code for _, code, _ in RULES}),
    }

    assert in_code - {code for _, code, _ in RULES} == tested_below


def test_a_socle_measure_removed_is_named_with_its_rule_in_the_cli(toulouse_copy, write_contract):
    from typer.testing import CliRunner

    from csi_gen.cli import app

    after_the_circular(toulouse_copy)
    drop_socle_measure(toulouse_copy)
    path = write_contract(toulouse_copy)

    result = CliRunner().invoke(app, ["valider", str(path)])

    assert result.exit_code == 1
    assert "[SOCLE-NON-ETUDIE]" in result.stderr
    assert "E-RS-1" in result.stderr
    assert "volets.radicalisation_separatisme" in result.stderr


def test_a_period_longer_than_six_years_is_only_a_warning(toulouse_copy, write_contract):
    toulouse_copy["periode"]["fin"] = "2027-12-31"
    path = write_contract(toulouse_copy)

    validated = validate(path)

    codes = [w.code for w in validated.warnings]
    assert "PERIODE-DUREE" in codes and "PERIODE-MANDAT" in codes
    with pytest.raises(InvalidContractError):
        validate(path, strict=True)


def test_the_intercommunal_fixture_is_valid(metropole_data, write_contract):
    assert validate(write_contract(metropole_data)).warnings == ()


def test_an_intercommunal_contract_needs_its_president(metropole_data, write_contract):
    data = copy.deepcopy(metropole_data)
    data["parties"]["collectivites"] = [
        r for r in data["parties"]["collectivites"] if r["fonction"] != "president_epci"
    ]

    with pytest.raises(InvalidContractError) as caught:
        validate(write_contract(data))

    assert "EPCI-PRESIDENT" in [p.code for p in caught.value.errors]


# --- Warnings: the contract is built, the writer is told -----------------------------------------

WARNINGS = [
    (
        avenants({}),
        "AVENANT-SIGNATAIRES",
        f"avenant n° 1 du 3{NBSP}novembre 2022 signé, faute d'indication, par les "
        f"signataires du contrat du 9{NBSP}octobre 2020 : Jean Castex (Premier ministre), "
        "Jean-Luc Moudenc (maire de Toulouse)",
    ),
    (
        lambda d: eng(d, "mineurs", 0)["financements"][1].pop("sollicite"),
        "FINANCEUR-TIERS",
        "« Caisse d'allocations familiales de la Haute-Garonne » n'est pas la partie de "
        "l'engagement (la Ville)",
    ),
    (
        set_(["territoire", "communes", 0], {"nom": "Boutx", "code_insee": "31016"}),
        "COMMUNE-FUSIONNEE",
        None,
    ),
    (
        both(
            set_(["statut"], "projet"),
            set_(["territoire", "type"], "intercommunalite"),
            set_(["territoire", "epci"], {"nom": "Métropole d'Exemple", "nature": "metropole"}),
        ),
        "NOM-FORME",
        None,
    ),
]


@pytest.mark.parametrize(("mutate", "code", "message"), WARNINGS, ids=[w[1] for w in WARNINGS])
def test_each_warning_is_reported_and_the_contract_still_validates(
    toulouse_copy, write_contract, mutate, code, message
):
    mutate(toulouse_copy)
    path = write_contract(toulouse_copy)

    try:
        warnings = validate(path).warnings
    except InvalidContractError as error:
        warnings = tuple(p for p in error.problems if not p.is_error)

    found = [p for p in warnings if p.code == code]
    assert len(found) == 1, [p.code for p in warnings]
    assert not found[0].is_error
    if message is not None:
        assert found[0].message == message


# --- What real contracts say, and the rules accept --------------------------------------------------


def police_objective(d: Data) -> Data:
    objectif: Data = eng(d, "securite_interieure", 0)["objectifs"][0]
    return objectif


@pytest.mark.parametrize(
    "mutate",
    [
        # « 111 policiers, dont 20 arrivés fin 2020 » : a step before the period is already done
        lambda d: police_objective(d)["trajectoire"].update(valeurs={"2020-09": 20, "2021-06": 91}),
        # « 2 au 1er mars, 1 à suivre » : an undated remainder counts towards the target
        lambda d: police_objective(d).update(
            cible={"valeur": 111, "qualificatif": "au_moins"},
            trajectoire={"mode": "annuel", "valeurs": {"2021-03-01": 110}, "reste": 1},
        ),
        # « doubler » from a baseline « une cinquantaine », « d'ici la fin du mandat »
        lambda d: police_objective(d).update(
            situation_initiale={"valeur": 50, "qualificatif": "environ"},
            cible={"facteur": 2, "qualificatif": "au_moins"},
            echeance="fin_du_mandat",
            trajectoire={"mode": "cumule", "valeurs": {"2021": 70, "2022": 100}},
        ),
        # « +50 % d'ici 2023 », « plus de 25 »
        lambda d: police_objective(d).update(
            situation_initiale={"valeur": 52, "annee": 2020},
            cible={"evolution": 50},
            echeance="2023",
            trajectoire={"mode": "annuel", "valeurs": {"2021": 13, "2022": 13}},
        ),
        lambda d: police_objective(d).update(
            cible={"valeur": 110, "qualificatif": "plus_de"}, echeance="2021-12"
        ),
    ],
    ids=["deja-realises", "reste", "doublement", "hausse", "plus-de"],
)
def test_what_real_contracts_say_of_their_targets_is_accepted(
    toulouse_copy, write_contract, mutate
):
    mutate(toulouse_copy)

    validated = validate(write_contract(toulouse_copy))

    assert validated.warnings == ()


def test_a_step_after_the_deadline_of_a_month_is_refused(toulouse_copy, write_contract):
    police_objective(toulouse_copy).update(
        echeance="2021-06", trajectoire={"mode": "annuel", "valeurs": {"2021-07": 111}}
    )

    with pytest.raises(InvalidContractError) as caught:
        validate(write_contract(toulouse_copy))

    assert [p.message for p in caught.value.errors] == [
        "étape juillet 2021 de la trajectoire après l'échéance"
    ]


def test_an_empty_axis_and_a_volet_introduction_in_a_contract_by_axes_are_warnings(
    toulouse_copy, write_contract
):
    toulouse_copy["axes"] = [
        {"id": "tout", "titre": "Sécurité et tranquillité"},
        {"id": "vide", "titre": "Axe sans engagement"},
    ]
    for volet in toulouse_copy["volets"].values():
        for engagement in volet["engagements"]:
            engagement["axe"] = "tout"

    validated = validate(write_contract(toulouse_copy))

    codes = [w.code for w in validated.warnings]
    assert codes.count("AXE-VIDE") == 1
    assert "AXE-INTRODUCTION" in codes


# --- Who carries an engagement: joint parties, one commune, a split target ----------------------

PORTEURS = Path(__file__).parent / "fixtures" / "contrats" / "porteurs.json"


def shared(d: Data, index: int = 0) -> Data:
    objectif: Data = eng(d, "securite_interieure", 0)["objectifs"][index]
    return objectif


def balma_alone(d: Data) -> None:
    """The shared engagement said to be Balma's alone, with one split objective left."""
    engagement = eng(d, "securite_interieure", 0)
    engagement["commune"] = "31044"
    del engagement["objectifs"][1]


CARRIERS = [
    (
        lambda d: eng(d, "justice", 0).update(conjointement=["justic"]),
        "CONJOINT-INCONNU",
        "partie conjointe « justic » inconnue",
    ),
    (
        lambda d: eng(d, "justice", 0).update(conjointement=["collectivites"]),
        "CONJOINT-PARTIE",
        "l'engagement est déjà celui des collectivités : « Accueil de personnes condamnées à un "
        "travail d'intérêt général »",
    ),
    (
        lambda d: eng(d, "justice", 0).update(partie="etat", commune="31044"),
        "ENGAGEMENT-COMMUNE",
        "une commune porte un engagement qui n'est pas celui des collectivités : « Accueil de "
        "personnes condamnées à un travail d'intérêt général »",
    ),
    (
        lambda d: eng(d, "justice", 0).update(commune="31069"),
        "REFERENCE-COMMUNE",
        "la commune 31069 n'est pas dans le territoire",
    ),
    (
        lambda d: shared(d)["repartition"][1].update(valeur=12),
        "REPARTITION-SOMME",
        "les parts des communes font 32 agents, la cible 30",
    ),
    (
        lambda d: shared(d, 1).pop("situation_initiale"),
        "REPARTITION-RELATIVE",
        "répartition d'une cible relative sans situation initiale : la valeur visée n'est pas "
        "connue",
    ),
    (
        lambda d: shared(d)["repartition"][1].update(commune="31069"),
        "REFERENCE-COMMUNE",
        "la commune 31069 n'est pas dans le territoire",
    ),
    (
        lambda d: shared(d)["repartition"][1].update(commune="31555"),
        "REPARTITION-DOUBLE",
        "la commune 31555 a déjà sa part",
    ),
    (
        lambda d: shared(d)["cible"].update(qualificatif="entre", valeur_max=40),
        "REPARTITION-FOURCHETTE",
        "une fourchette ne se répartit pas entre communes",
    ),
    (
        balma_alone,
        "REPARTITION-COMMUNE",
        "l'engagement est celui de la seule commune de Balma : Toulouse (31555) n'y a pas de part",
    ),
]


@pytest.fixture
def porteurs_data() -> Data:
    data: Data = json.loads(PORTEURS.read_text(encoding="utf-8"))
    return data


def test_the_carriers_fixture_is_valid(porteurs_data, write_contract):
    assert validate(write_contract(porteurs_data)).warnings == ()


@pytest.mark.parametrize(
    ("mutate", "code", "message"), CARRIERS, ids=[f"{r[1]}-{i}" for i, r in enumerate(CARRIERS)]
)
def test_each_carrier_rule_reports_its_exact_french_message_with_a_line(
    porteurs_data, write_contract, mutate, code, message
):
    assert_reported(porteurs_data, write_contract, mutate, code, message)


def test_a_joint_party_that_does_not_sign_is_a_warning_in_a_draft(porteurs_data, write_contract):
    porteurs_data["parties"]["justice"][0]["signataire"] = False

    warnings = validate(write_contract(porteurs_data)).warnings

    assert [p.code for p in warnings if p.code.startswith("CONJOINT")] == [
        "CONJOINT-NON-SIGNATAIRE",
        "CONJOINT-NON-SIGNATAIRE",
    ]
