"""French grammar of names and numbers: exact text, code point by code point.

Expected strings spell out the special characters: H is the no-break hyphen U+2011, A the
typographic apostrophe U+2019, NBSP U+00A0, NNBSP U+202F. Communes, départements and EPCI
are the real ones, read from the data by code.
"""

from __future__ import annotations

import pytest

from csi_gen import geography
from csi_gen.formatting import nombre_prose, pluriel, quantite_prose
from csi_gen.grammar import (
    Lieu,
    Personne,
    a_lieu,
    civilite,
    de_lieu,
    deviner_lieu,
    lieu_depuis_de,
    lieu_sujet,
    liste_a,
    liste_de,
    nom_de_famille,
    personne,
    personnes,
)
from csi_gen.typography import (
    APOSTROPHE,
    NBHY,
    NBSP,
    NNBSP,
    ORDINAL_SUFFIX,
    apostrophes,
    exposants,
    insecable_nom,
    insecables,
    numero_article,
    numero_titre,
    ordinal,
    romain,
)

H = NBHY
A = APOSTROPHE

# INSEE code, TNCC, « de » form, « à » form.
COMMUNES = [
    ("31555", 0, "de Toulouse", "à Toulouse"),
    ("35238", 0, "de Rennes", "à Rennes"),
    ("35281", 0, f"de Saint{H}Jacques{H}de{H}la{H}Lande", f"à Saint{H}Jacques{H}de{H}la{H}Lande"),
    ("68149", 0, "de Huningue", "à Huningue"),  # h aspiré for INSEE
    ("97229", 0, "de Schœlcher", "à Schœlcher"),
    ("2B033", 0, "de Bastia", "à Bastia"),
    ("49007", 1, f"d{A}Angers", "à Angers"),
    ("13004", 1, f"d{A}Arles", "à Arles"),
    ("13001", 1, f"d{A}Aix{H}en{H}Provence", f"à Aix{H}en{H}Provence"),
    ("91228", 1, f"d{A}Évry{H}Courcouronnes", f"à Évry{H}Courcouronnes"),
    ("14327", 1, f"d{A}Hérouville{H}Saint{H}Clair", f"à Hérouville{H}Saint{H}Clair"),
    ("91691", 1, f"d{A}Yerres", "à Yerres"),
    ("02565", 1, f"d{A}Œuilly", "à Œuilly"),
    ("2A004", 1, f"d{A}Ajaccio", "à Ajaccio"),
    ("76351", 2, "du Havre", "au Havre"),
    ("72181", 2, "du Mans", "au Mans"),
    ("97213", 2, "du Lamentin", "au Lamentin"),
    ("43157", 2, f"du Puy{H}en{H}Velay", f"au Puy{H}en{H}Velay"),
    ("33200", 2, "du Haillan", "au Haillan"),
    ("93007", 2, f"du Blanc{H}Mesnil", f"au Blanc{H}Mesnil"),
    ("17300", 3, "de La Rochelle", "à La Rochelle"),
    ("83126", 3, f"de La Seyne{H}sur{H}Mer", f"à La Seyne{H}sur{H}Mer"),
    ("93027", 3, "de La Courneuve", "à La Courneuve"),
    ("50041", 3, "de La Hague", "à La Hague"),
    ("97408", 3, "de La Possession", "à La Possession"),
    ("78440", 4, "des Mureaux", "aux Mureaux"),
    ("97101", 4, "des Abymes", "aux Abymes"),
    ("85194", 4, f"des Sables{H}d{A}Olonne", f"aux Sables{H}d{A}Olonne"),
    ("91692", 4, "des Ulis", "aux Ulis"),
    ("85109", 4, "des Herbiers", "aux Herbiers"),
    ("94038", 5, f"de L{A}Haÿ{H}les{H}Roses", f"à L{A}Haÿ{H}les{H}Roses"),
    ("38193", 5, f"de L{A}Isle{H}d{A}Abeau", f"à L{A}Isle{H}d{A}Abeau"),
    ("93039", 5, f"de L{A}Île{H}Saint{H}Denis", f"à L{A}Île{H}Saint{H}Denis"),
    ("01001", 5, f"de L{A}Abergement{H}Clémenciat", f"à L{A}Abergement{H}Clémenciat"),
    ("60703", 6, "des Marais", "aux Marais"),
    ("66104", 8, "de Los Masos", "à Los Masos"),
]


@pytest.mark.parametrize(("code", "tncc", "de", "a"), COMMUNES)
def test_commune_forms(code: str, tncc: int, de: str, a: str) -> None:
    commune = geography.commune(code)
    assert commune is not None
    assert commune.tncc == tncc
    assert de_lieu(commune) == de
    assert a_lieu(commune) == a


def test_every_tncc_of_communes_is_covered() -> None:
    # No current commune has TNCC 7 (« Las »): a former one stands for it below.
    assert {tncc for _, tncc, _, _ in COMMUNES} == set(range(9)) - {7}


@pytest.mark.parametrize(
    ("lieu", "de", "a", "sujet"),
    [
        (Lieu("Las Illas", 7), "de Las Illas", "à Las Illas", "Las Illas"),
        (Lieu("Havre", 2), "du Havre", "au Havre", "Le Havre"),  # article left out
        (Lieu("Rochelle", 3), "de La Rochelle", "à La Rochelle", "La Rochelle"),
        (Lieu("Haÿ-les-Roses", 5), f"de L{A}Haÿ{H}les{H}Roses", None, f"L{A}Haÿ{H}les{H}Roses"),
    ],
)
def test_synthetic_places(lieu: Lieu, de: str, a: str | None, sujet: str) -> None:
    assert de_lieu(lieu) == de
    assert lieu_sujet(lieu) == sujet
    if a is not None:
        assert a_lieu(lieu) == a


def test_commune_keeps_its_capital_article_as_subject() -> None:
    havre, hay = geography.commune("76351"), geography.commune("94038")
    assert havre is not None and hay is not None
    assert lieu_sujet(havre) == "Le Havre"
    assert de_lieu(hay, insecable=False) == f"de L{A}Haÿ-les-Roses"


# Département code, TNCC, « de » form, subject form.
DEPARTEMENTS = [
    ("01", 5, f"de l{A}Ain", f"l{A}Ain"),
    ("02", 5, f"de l{A}Aisne", f"l{A}Aisne"),
    ("13", 4, f"des Bouches{H}du{H}Rhône", f"les Bouches{H}du{H}Rhône"),
    ("31", 3, f"de la Haute{H}Garonne", f"la Haute{H}Garonne"),
    ("69", 2, "du Rhône", "le Rhône"),
    ("21", 3, f"de la Côte{H}d{A}Or", f"la Côte{H}d{A}Or"),
    ("35", 1, f"d{A}Ille{H}et{H}Vilaine", f"Ille{H}et{H}Vilaine"),
    ("75", 0, "de Paris", "Paris"),
    ("78", 4, "des Yvelines", "les Yvelines"),
    ("40", 4, "des Landes", "les Landes"),
    ("49", 0, f"de Maine{H}et{H}Loire", f"Maine{H}et{H}Loire"),
    ("28", 1, f"d{A}Eure{H}et{H}Loir", f"Eure{H}et{H}Loir"),
    ("90", 2, "du Territoire de Belfort", "le Territoire de Belfort"),
    ("95", 2, f"du Val{H}d{A}Oise", f"le Val{H}d{A}Oise"),
    ("974", 0, "de La Réunion", "La Réunion"),
    ("976", 0, "de Mayotte", "Mayotte"),
    ("2A", 3, f"de la Corse{H}du{H}Sud", f"la Corse{H}du{H}Sud"),
    ("22", 4, f"des Côtes{H}d{A}Armor", f"les Côtes{H}d{A}Armor"),
    ("14", 2, "du Calvados", "le Calvados"),
    ("971", 3, "de la Guadeloupe", "la Guadeloupe"),
    ("84", 0, "de Vaucluse", "Vaucluse"),  # the State's usage; INSEE's TNCC is 2
    ("82", 0, f"de Tarn{H}et{H}Garonne", f"Tarn{H}et{H}Garonne"),
]


@pytest.mark.parametrize(("code", "tncc", "de", "sujet"), DEPARTEMENTS)
def test_departement_forms(code: str, tncc: int, de: str, sujet: str) -> None:
    departement = geography.departement(code)
    assert departement is not None
    assert departement.tncc == tncc
    assert de_lieu(departement) == de
    assert lieu_sujet(departement) == sujet


# SIREN, « de » form, subject form.
EPCIS = [
    ("243100518", "de Toulouse Métropole", "Toulouse Métropole"),
    ("200054781", "de la Métropole du Grand Paris", "la Métropole du Grand Paris"),
    ("246700488", f"de l{A}Eurométropole de Strasbourg", f"l{A}Eurométropole de Strasbourg"),
    ("244500468", f"d{A}Orléans Métropole", "Orléans Métropole"),
    ("200046977", "de la Métropole de Lyon", "la Métropole de Lyon"),
    ("200057875", f"d{A}Est Ensemble", "Est Ensemble"),
    ("200040715", f"de Grenoble{H}Alpes{H}Métropole", f"Grenoble{H}Alpes{H}Métropole"),
    (
        "200000172",
        "de la Communauté de communes Faucigny - Glières",
        "la Communauté de communes Faucigny - Glières",
    ),
    (
        "247200132",
        "de la Communauté urbaine Le Mans Métropole",
        "la Communauté urbaine Le Mans Métropole",
    ),
    (
        "200041317",
        f"de la Communauté d{A}agglomération du Niortais",
        f"la Communauté d{A}agglomération du Niortais",
    ),
]


@pytest.mark.parametrize(("siren", "de", "sujet"), EPCIS)
def test_epci_forms(siren: str, de: str, sujet: str) -> None:
    epci = geography.epci(siren)
    assert epci is not None
    assert de_lieu(epci) == de
    assert lieu_sujet(epci) == sujet


# A name the data does not know, as the writer wrote it; its « de » form; guessed or not.
GUESSES = [
    ("Toulouse Métropole", "de Toulouse Métropole", False),
    ("la Métropole du Val d'Exemple", f"de la Métropole du Val d{A}Exemple", False),
    ("l'Eurométropole de Strasbourg", f"de l{A}Eurométropole de Strasbourg", False),
    ("les Hauts de Garonne", "des Hauts de Garonne", False),
    ("le Grand Narbonne", "du Grand Narbonne", False),
    ("Le Grand Chalon", "du Grand Chalon", False),
    ("Les Sables-d'Olonne Agglomération", f"des Sables{H}d{A}Olonne Agglomération", False),
    ("La Roche-sur-Yon Agglomération", f"de La Roche{H}sur{H}Yon Agglomération", False),
    ("Est Ensemble", f"d{A}Est Ensemble", False),
    ("Plaine Commune", "de Plaine Commune", False),
    ("Métropole du Grand Paris", "de la Métropole du Grand Paris", True),
    ("Eurométropole de Strasbourg", f"de l{A}Eurométropole de Strasbourg", True),
    ("Etablissement public territorial Plaine Commune", None, True),
    ("Ville de Paris", "de la Ville de Paris", True),
    ("quartier des Izards", "du quartier des Izards", True),
    ("Communauté de communes du Pays Foyen", "de la Communauté de communes du Pays Foyen", True),
    ("Hérouville", "de Hérouville", True),
    ("Habitat Essai", f"d{A}Habitat Essai", False),  # h muet: a known word
    ("Hauts-de-Seine Habitat", f"de Hauts{H}de{H}Seine Habitat", False),  # h aspiré
    ("Yutz", f"d{A}Yutz", True),
    ("CIREST", "de CIREST", True),
]


@pytest.mark.parametrize(("texte", "de", "guessed"), GUESSES)
def test_guessed_names(texte: str, de: str | None, guessed: bool) -> None:
    deduction = deviner_lieu(texte)
    if de is not None:
        assert de_lieu(deduction.lieu) == de
    assert (deduction.doute is not None) is guessed
    if guessed:
        assert deduction.doute and "«" in deduction.doute  # a French sentence for a warning


def test_guess_of_an_establishment_elides() -> None:
    lieu = deviner_lieu("Établissement public territorial Plaine Commune").lieu
    assert de_lieu(lieu) == f"de l{A}Établissement public territorial Plaine Commune"


@pytest.mark.parametrize(
    ("forme", "sujet"),
    [
        (f"de la Métropole du Val d{A}Exemple", f"la Métropole du Val d{A}Exemple"),
        ("du Grand Narbonne", "le Grand Narbonne"),
        ("des Hauts de Garonne", "les Hauts de Garonne"),
        (f"d{A}Est Ensemble", "Est Ensemble"),
        (f"de l{A}Eurométropole de Strasbourg", f"l{A}Eurométropole de Strasbourg"),
        ("de Toulouse Métropole", "Toulouse Métropole"),
        ("de Hérouville", "Hérouville"),
        ("de La Roche-sur-Yon Agglomération", "La Roche-sur-Yon Agglomération"),
        (f"de L{A}Haÿ-les-Roses", f"L{A}Haÿ-les-Roses"),
    ],
)
def test_a_name_stated_by_its_de_form(forme: str, sujet: str) -> None:
    lieu = lieu_depuis_de(forme.replace(A, "'"))
    assert de_lieu(lieu, insecable=False) == forme
    assert lieu_sujet(lieu, insecable=False) == sujet


def test_a_de_form_must_start_with_de() -> None:
    with pytest.raises(ValueError, match="commence par « de »"):
        lieu_depuis_de("Toulouse Métropole")


def _communes(*codes: str) -> list[geography.Commune]:
    found = [geography.commune(code) for code in codes]
    assert all(found)
    return [c for c in found if c is not None]


@pytest.mark.parametrize(
    ("lieux", "expected"),
    [
        (_communes("35238", "35281"), f"de Rennes et de Saint{H}Jacques{H}de{H}la{H}Lande"),
        (
            [Lieu("Aval", 1), Lieu("Amont", 1), Lieu("Le Havre", 2)],
            f"d{A}Aval, d{A}Amont et du Havre",
        ),
        (_communes("31555"), "de Toulouse"),
        (_communes("78440", "17300", "13004"), f"des Mureaux, de La Rochelle et d{A}Arles"),
        ([], ""),
    ],
)
def test_lists_repeat_the_preposition(lieux: list[Lieu], expected: str) -> None:
    assert liste_de(lieux) == expected


def test_lists_of_departements_and_a() -> None:
    haute_garonne, rhone = geography.departement("31"), geography.departement("69")
    assert haute_garonne is not None and rhone is not None
    assert liste_de([haute_garonne, rhone]) == f"de la Haute{H}Garonne et du Rhône"
    assert liste_a(_communes("76351", "78440", "13004")) == "au Havre, aux Mureaux et à Arles"
    assert f"les communes {liste_de(_communes('35238', '35281'), insecable=False)}" == (
        "les communes de Rennes et de Saint-Jacques-de-la-Lande"
    )


# --- People -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("civ", "prenom", "nom", "expected"),
    [
        ("M.", "Patrick", "de Carolis", f"M.{NBSP}Patrick de CAROLIS"),
        ("M.", "Jean-Luc", "Moudenc", f"M.{NBSP}Jean-Luc MOUDENC"),
        ("Mme", "Anne", "d'Ornano", f"Mme{NBSP}Anne d{A}ORNANO"),
        ("M.", "Charles", "de La Rochefoucauld", f"M.{NBSP}Charles de LA ROCHEFOUCAULD"),
        ("Monsieur", "Joachim", "du Bellay", f"M.{NBSP}Joachim du BELLAY"),
        ("madame", "Marie", "De Smet", f"Mme{NBSP}Marie DE SMET"),
        ("M", "Maxence", "van der Meersch", f"M.{NBSP}Maxence van der MEERSCH"),
        ("Madame", "Élisabeth", "Borne", f"Mme{NBSP}Élisabeth BORNE"),
        ("Mme", "Anne-Marie", "Le Pen-Dupont", f"Mme{NBSP}Anne-Marie LE PEN-DUPONT"),
        ("M.", "Olivier", "de la Tour du Pin", f"M.{NBSP}Olivier de la TOUR DU PIN"),
        ("M.", "", "Dupont", f"M.{NBSP}DUPONT"),
        ("M.", "[à compléter]", "[à compléter]", f"M.{NBSP}[à compléter] [à compléter]"),
    ],
)
def test_people(civ: str, prenom: str, nom: str, expected: str) -> None:
    assert personne(civ, prenom, nom) == expected


def test_family_name_is_idempotent() -> None:
    for nom in ("de Carolis", "d'Ornano", "de La Rochefoucauld", "van der Meersch"):
        once = nom_de_famille(nom)
        assert nom_de_famille(once) == once


def test_unknown_civilite_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="civilité inconnue"):
        civilite("Mlle")


def test_people_with_qualities() -> None:
    prefet = Personne("M.", "Pierre-André", "Durand", "préfet de la Haute-Garonne")
    ministre = Personne("Mme", "Anne", "d'Ornano", "ministre de l'Intérieur")
    maire = Personne("M.", "Jean-Luc", "Moudenc", "maire de Toulouse")
    assert personnes([prefet, ministre]) == (
        f"M.{NBSP}Pierre-André DURAND, préfet de la Haute-Garonne, "
        f"et Mme{NBSP}Anne d{A}ORNANO, ministre de l{A}Intérieur"
    )
    assert personnes([prefet, ministre, maire]) == (
        f"M.{NBSP}Pierre-André DURAND, préfet de la Haute-Garonne, "
        f"Mme{NBSP}Anne d{A}ORNANO, ministre de l{A}Intérieur, "
        f"et M.{NBSP}Jean-Luc MOUDENC, maire de Toulouse"
    )
    assert personnes([prefet]) == f"M.{NBSP}Pierre-André DURAND, préfet de la Haute-Garonne"
    plain = [Personne("M.", "Jean", "Dupont"), Personne("Mme", "Jeanne", "Durand")]
    assert personnes(plain) == f"M.{NBSP}Jean DUPONT et Mme{NBSP}Jeanne DURAND"


# --- Quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "nom", "feminin", "expected"),
    [
        (0, "commune", True, "aucune commune"),
        (1, "commune", True, "une commune"),
        (2, "commune", True, "deux communes"),
        (9, "commune", True, "neuf communes"),
        (10, "commune", True, f"10{NBSP}communes"),
        (0, "point", False, "aucun point"),
        (1, "point d'accueil", False, f"un point d{A}accueil"),
        (3, "point d'accueil", False, f"trois points d{A}accueil"),
        (12, "policier", False, f"12{NBSP}policiers"),
        (2, "policier municipal", False, "deux policiers municipaux"),
        (4, "caméra de vidéoprotection", True, "quatre caméras de vidéoprotection"),
        (1250, "caméra", True, f"1{NNBSP}250{NBSP}caméras"),
        (3, "local", False, "trois locaux"),
        (2, "festival", False, "deux festivals"),
        (5, "bureau", False, "cinq bureaux"),
        (2, "travail", False, "deux travaux"),
        (6, "pneu", False, "six pneus"),
        (7, "cas", False, "sept cas"),
        (2, "agent de police municipale", False, "deux agents de police municipale"),
    ],
)
def test_quantities(n: int, nom: str, feminin: bool, expected: str) -> None:
    assert quantite_prose(n, nom, feminin=feminin) == expected


def test_quantities_never_write_zero_nor_a_singular_plural() -> None:
    for n in range(0, 40):
        text = quantite_prose(n, "point")
        assert not text.startswith("0")
        assert text.endswith("points") == (n > 1)


def test_quantity_with_a_stated_plural_and_threshold() -> None:
    assert quantite_prose(3, "œil", "yeux") == "trois yeux"
    assert quantite_prose(12, "commune", feminin=True, seuil=16) == "douze communes"
    assert nombre_prose(1, feminin=True) == "une"
    assert nombre_prose(1_250_000) == f"1{NNBSP}250{NNBSP}000"
    assert pluriel("maison de santé") == "maisons de santé"
    with pytest.raises(ValueError):
        quantite_prose(-1, "commune")


# --- Ordinals -----------------------------------------------------------------------------


def test_ordinals_and_roman_numerals() -> None:
    assert [ordinal(1), ordinal(1, feminin=True), ordinal(2), ordinal(21)] == [
        "1er",
        "1re",
        "2e",
        "21e",
    ]
    assert [romain(n) for n in (1, 4, 9, 14, 40, 1994)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIV"]
    assert [numero_titre(n) for n in (1, 2, 4)] == ["Ier", "II", "IV"]
    assert [numero_article(n) for n in (1, 2)] == ["1er", "2"]
    with pytest.raises(ValueError):
        romain(0)


def test_superscripts() -> None:
    text = "TITRE Ier – Article 1er : le 1er janvier, la 2e phase, la 1re fois, le XXIe siècle"
    assert [text[a:b] for a, b in exposants(text)] == ["er", "er", "er", "e", "re", "e"]
    assert exposants("TITRE Ier") == [(7, 9)]
    for word in ("Le Mans", "De Smet", "Me Dupont", "Ce", "Mme", "Les", "1 000", "CIREST"):
        assert not ORDINAL_SUFFIX.search(word), word


# --- Typography ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'État", f"l{A}État"),
        ("aujourd'hui", f"aujourd{A}hui"),
        ("d'« exemple »", f"d{A}« exemple »"),
        ("jusqu'en 2026", f"jusqu{A}en 2026"),
        ("d'1,5 million", f"d{A}1,5 million"),
        ("5' 30''", "5' 30''"),
        ("x['clé']", "x['clé']"),
        ("'citation'", "'citation'"),
        (f"l{A}État", f"l{A}État"),
    ],
)
def test_apostrophes(text: str, expected: str) -> None:
    assert apostrophes(text) == expected
    assert apostrophes(expected) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n° 2021-646", f"n°{NBSP}2021{H}646"),
        ("M. le préfet", f"M.{NBSP}le préfet"),
        ("Mme Dupont et Mmes Durand", f"Mme{NBSP}Dupont et Mmes{NBSP}Durand"),
        ("art. 3", f"art.{NBSP}3"),
        ("l'article L. 5211-59 du CGCT", f"l'article L.{NBSP}5211{H}59 du CGCT"),
        ("R. 221-3 et D. 211-1", f"R.{NBSP}221{H}3 et D.{NBSP}211{H}1"),
        ("l'article 12 de la loi", f"l'article{NBSP}12 de la loi"),
        ("1 250 000 €", f"1{NNBSP}250{NNBSP}000{NBSP}€"),
        ("12 km et 3 ans", f"12{NBSP}km et 3{NBSP}ans"),
        ("50 %", f"50{NBSP}%"),
        ("le 1er janvier 2026", f"le 1er{NBSP}janvier 2026"),
        ("en 2021 s'est tenu", "en 2021 s'est tenu"),
        ("un sous-préfet", "un sous-préfet"),
        ("les années 2021 et 2022", "les années 2021 et 2022"),
    ],
)
def test_insecables(text: str, expected: str) -> None:
    assert insecables(text) == expected


def test_insecables_on_place_names_only_when_named() -> None:
    text = "entre Saint-Jacques-de-la-Lande et le sous-préfet de L'Haÿ-les-Roses"
    result = insecables(text, ["Saint-Jacques-de-la-Lande", "L’Haÿ-les-Roses"])
    assert result == (
        f"entre Saint{H}Jacques{H}de{H}la{H}Lande et le sous-préfet de L'Haÿ{H}les{H}Roses"
    )
    assert insecable_nom("Aix-en-Provence") == f"Aix{H}en{H}Provence"


@pytest.mark.parametrize(
    "text",
    [
        "Vu l'article L. 5211-59, la loi n° 2021-646 du 25 mai 2021, M. le préfet, 1 250 000 €",
        "Entre Mme Durand et M. Dupont, 3 ans, 12 h, art. 4, § 2 : à Saint-Denis.",
        "",
    ],
)
def test_insecables_is_idempotent_and_keeps_visible_characters(text: str) -> None:
    once = insecables(text, ["Saint-Denis"])
    assert insecables(once, ["Saint-Denis"]) == once
    visible = once.replace(NBSP, " ").replace(NNBSP, " ").replace(NBHY, "-")
    assert visible == text
