"""Loading a contract file: syntax, encoding, duplicates and schema, located in French."""

from __future__ import annotations

import json

import pytest

from csi_gen.contract.validation import validate
from csi_gen.errors import InvalidContractError, UsageError


def only_problem(path):
    with pytest.raises(InvalidContractError) as caught:
        validate(path)
    assert len(caught.value.problems) == 1, caught.value.describe()
    return caught.value.problems[0]


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        (
            '{\n  "statut": "projet"\n  "titre": "x"\n}',
            "virgule attendue entre deux éléments",
            3,
            3,
        ),
        (
            '{\n  "statut": "projet",\n}',
            "nom de clé entre guillemets doubles attendu (virgule en trop avant « } » ?)",
            3,
            1,
        ),
        ('{\n  "statut" "projet"\n}', "deux-points « : » attendu après le nom de la clé", 2, 12),
        (
            '{"titre": "a\nb"}',
            "retour à la ligne dans un texte : guillemet fermant oublié ? "
            "(un retour à la ligne s'écrit \\n)",
            1,
            13,
        ),
        (
            '{"titre": "a\x01b"}',
            "caractère de contrôle dans un texte (un retour à la ligne s'écrit \\n)",
            1,
            13,
        ),
        ('{"titre": "abc', "texte entre guillemets non terminé", 1, 11),
        (
            '{"statut": }',
            "valeur attendue (texte entre guillemets, nombre, true, false, null, objet ou liste)",
            1,
            12,
        ),
        ("{} {}", "contenu après la fin de l'objet JSON", 1, 4),
    ],
)
def test_a_syntax_error_gives_its_line_column_and_a_french_reason(
    write_contract, text, message, line, column
):
    problem = only_problem(write_contract(text))

    assert problem.code == "JSON-SYNTAXE"
    assert problem.message == f"erreur de syntaxe JSON : {message}"
    assert (problem.line, problem.column) == (line, column)


def test_a_duplicate_key_is_an_error_at_its_second_occurrence(toulouse_copy, write_contract):
    text = json.dumps(toulouse_copy, ensure_ascii=False, indent=2)
    text = text.replace('"statut": "signe",', '"statut": "signe",\n  "statut": "projet",', 1)
    path = write_contract(text)

    problem = only_problem(path)

    assert problem.code == "JSON-CLE-DOUBLE"
    assert problem.message == "clé « statut » en double dans le même objet"
    assert problem.path == ("statut",)
    lines = text.splitlines()
    assert lines[problem.line - 1].strip() == '"statut": "projet",'


def test_a_utf8_bom_is_accepted(toulouse_copy, write_contract):
    raw = json.dumps(toulouse_copy, ensure_ascii=False).encode("utf-8")

    validated = validate(write_contract(b"\xef\xbb\xbf" + raw))

    assert validated.contrat.territoire.nom == "Toulouse"


def test_a_latin1_file_is_refused_with_the_line_of_the_first_bad_byte(write_contract):
    path = write_contract('{\n  "titre": "Sécurité"\n}'.encode("latin-1"))

    problem = only_problem(path)

    assert problem.code == "FICHIER-ENCODAGE"
    assert problem.message == (
        "le fichier n'est pas encodé en UTF-8 (octet 0xE9) ; "
        "il semble encodé en Latin-1 ou Windows-1252"
    )
    assert problem.expected == "un fichier enregistré en UTF-8"
    assert (problem.line, problem.column) == (2, 14)


def test_an_empty_file_is_refused(write_contract):
    problem = only_problem(write_contract("  \n"))

    assert (problem.code, problem.message) == ("FICHIER-VIDE", "le fichier est vide")


def test_a_file_too_large_for_a_contract_is_refused_before_parsing(write_contract):
    path = write_contract(b"{" + b" " * (11 * 1024 * 1024) + b"}")

    problem = only_problem(path)

    assert problem.code == "FICHIER-TAILLE"
    assert problem.found == "11,0 Mo"


def test_nan_is_not_a_number_in_a_contract(write_contract):
    problem = only_problem(write_contract('{"titre": NaN}'))

    assert problem.message == "valeur « NaN » non admise en JSON"


def test_very_deep_nesting_is_refused(write_contract):
    problem = only_problem(write_contract("[" * 100_000 + "]" * 100_000))

    assert problem.code == "JSON-IMBRICATION"


def test_a_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="contrat introuvable"):
        validate(tmp_path / "absent.json")


def test_a_misspelt_key_gives_its_line_and_a_suggestion(toulouse_copy, write_contract):
    toulouse_copy["parties"]["etat"][0]["qualiter"] = toulouse_copy["parties"]["etat"][0].pop(
        "qualite"
    )
    text = json.dumps(toulouse_copy, ensure_ascii=False, indent=2)
    path = write_contract(text)

    with pytest.raises(InvalidContractError) as caught:
        validate(path)

    unknown = next(p for p in caught.value.problems if p.message == "clé inconnue « qualiter »")
    assert unknown.suggestion == "qualite"
    assert unknown.path == ("parties", "etat", 0, "qualiter")
    assert '"qualiter"' in text.splitlines()[unknown.line - 1]
    assert "vouliez-vous dire « qualite » ?" in caught.value.describe()


@pytest.mark.parametrize(
    ("path", "value", "code", "message", "expected", "found"),
    [
        (
            ["volets", "securite_interieure", "engagements", 11, "financements", 0, "montant"],
            "1 250 000",
            "SCHEMA-TYPE",
            "type incorrect",
            "un nombre (par exemple 1250000)",
            '"1 250 000" (texte)',
        ),
        (
            ["periode", "debut"],
            "2020-02-30",
            "SCHEMA-FORMAT",
            "date inexistante",
            "une date réelle au format AAAA-MM-JJ (par exemple 2020-10-09)",
            '"2020-02-30" (texte)',
        ),
        (
            ["signature", "date"],
            "2020-13",
            "SCHEMA-FORMAT",
            "date inexistante",
            "une date réelle : AAAA-MM-JJ, AAAA-MM ou AAAA (par exemple 2022-06)",
            '"2020-13" (texte)',
        ),
        (
            ["signature", "date"],
            "2020-6",
            "SCHEMA-PATTERN",
            "format incorrect",
            "date au format AAAA-MM-JJ ; AAAA-MM quand seul le mois est connu, AAAA quand "
            "seule l'année l'est (aucun jour n'est alors inventé)",
            '"2020-6" (texte)',
        ),
        (
            ["statut"],
            "signé",
            "SCHEMA-ENUM",
            "valeur non admise",
            "l'une des valeurs « projet », « definitif », « signe »",
            '"signé" (texte)',
        ),
        (
            ["titre"],
            "Contrat\u000b",
            "TEXTE-CARACTERE",
            "caractère interdit U+000B (tabulation verticale) en position 8 du texte",
            "du texte sans caractère de contrôle ni retour à la ligne",
            None,
        ),
        (
            ["titre"],
            "Contrat\n",
            "TEXTE-CARACTERE",
            "caractère interdit U+000A (retour à la ligne) en position 8 du texte",
            "du texte sans caractère de contrôle ni retour à la ligne",
            None,
        ),
        (
            ["preambule"],
            "Texte \ud800 isolé",
            "TEXTE-CARACTERE",
            "caractère interdit U+D800 (moitié isolée d'une paire de substitution) en position 7 "
            "du texte",
            "du texte sans caractère de contrôle",
            None,
        ),
        (
            ["parties", "etat", 0, "id"],
            "Premier Ministre",
            "SCHEMA-PATTERN",
            "format incorrect",
            "identifiant interne au contrat : lettres minuscules sans accent, chiffres, « _ » ou « - »",
            '"Premier Ministre" (texte)',
        ),
        (
            ["titre"],
            "",
            "SCHEMA-MINLENGTH",
            "texte vide",
            "un texte non vide",
            '""',
        ),
    ],
)
def test_a_schema_error_says_what_was_expected_and_found(
    toulouse_copy, write_contract, path, value, code, message, expected, found
):
    target = toulouse_copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    problem = only_problem(write_contract(toulouse_copy))

    assert (problem.code, problem.message, problem.expected, problem.found) == (
        code,
        message,
        expected,
        found,
    )
    assert problem.path == tuple(path)


def test_a_missing_required_key_names_it(toulouse_copy, write_contract):
    del toulouse_copy["periode"]["fin"]

    problem = only_problem(write_contract(toulouse_copy))

    assert problem.message == "clé obligatoire « fin » manquante"
    assert problem.path == ("periode",)


def test_a_year_key_must_be_a_year(toulouse_copy, write_contract):
    series = toulouse_copy["diagnostic"]["indicateurs"][0]["valeurs"]
    series["20l9"] = series.pop("2019")

    problem = only_problem(write_contract(toulouse_copy))

    assert problem.message == "année invalide « 20l9 »"


def test_all_problems_are_reported_at_once_in_file_order(toulouse_copy, write_contract):
    toulouse_copy["statut"] = "brouillon"
    toulouse_copy["signature"]["date"] = "2020-13-01"
    toulouse_copy["volets"]["justice"]["engagements"][0]["statut"] = "retenu"

    with pytest.raises(InvalidContractError) as caught:
        validate(write_contract(toulouse_copy))

    problems = caught.value.problems
    assert [p.path[0] for p in problems] == ["statut", "signature", "volets"]
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_text_with_special_characters_loads_unchanged(toulouse_copy, write_contract):
    text = "Dupont & Fils <équipe> « ville sûre » 🚓 {{ x }} {% y %} R&D ]]> <w:p/>"
    toulouse_copy["titre"] = text

    validated = validate(write_contract(toulouse_copy))

    assert validated.contrat.titre == text
