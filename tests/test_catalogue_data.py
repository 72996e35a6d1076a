"""Le catalogue des mesures (csi_gen/data/catalogue.json) est l'annexe de la
circulaire n° 6258/SG du 16 avril 2021, ni plus ni moins.

Ces tests relisent eux-mêmes l'annexe dans docs/reference/ (sans importer
csi_gen) et confrontent les fichiers de données au texte de la circulaire.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CIRCULAIRE = ROOT / "docs" / "reference" / "circulaire-6258-SG-2021-04-16.md"
CATALOGUE = ROOT / "csi_gen" / "data" / "catalogue.json"
VOLETS = ROOT / "csi_gen" / "data" / "volets.json"

VOLETS_ATTENDUS = [
    ("securite_interieure", "SI", "Sécurité intérieure"),
    ("justice", "JU", "Justice"),
    ("prevention_delinquance", "PD", "Prévention de la délinquance"),
    ("mineurs", "MI", "Mineurs"),
    ("education", "ED", "Éducation"),
    ("radicalisation_separatisme", "RS", "Radicalisation et séparatisme"),
    ("transport", "TR", "Transport"),
    ("politique_de_la_ville", "PV", "Politique de la ville"),
]

# Intitulé de section de l'annexe (sans numéro ni « (pour mémoire) ») -> volet.
VOLET_DE_LA_SECTION = {
    "Volet sécurité intérieure": "securite_interieure",
    "Sécurité": "securite_interieure",
    "Volet justice": "justice",
    "Volet prévention de la délinquance": "prevention_delinquance",
    "Volet politique de la ville": "politique_de_la_ville",
    "Volet éducation": "education",
    "Volet radicalisation et séparatisme": "radicalisation_separatisme",
    "Volet radicalisation / séparatisme": "radicalisation_separatisme",
}

POUR_MEMOIRE = " (pour mémoire)"


# --------------------------------------------------------------------------
# Lecture indépendante de la circulaire
# --------------------------------------------------------------------------


def sans_balises(texte: str) -> str:
    """Retire le gras, l'italique et les <sup> du markdown."""
    texte = re.sub(r"</?sup>", "", texte)
    return texte.replace("*", "")


def sans_separateur(texte: str) -> str:
    """Retire le séparateur de liste final (« ; », « ; » collé ou « . »)."""
    texte = texte.rstrip()
    if texte.endswith(";") or texte.endswith("."):
        texte = texte[:-1].rstrip()
    return texte


def partie_grasse(ligne: str) -> str | None:
    """Le texte en gras d'une ligne, ou None s'il n'y en a pas."""
    morceaux = re.findall(r"\*\*(.+?)\*\*", ligne)
    return "".join(morceaux) if morceaux else None


@dataclass
class PuceAnnexe:
    partie: str
    section: int
    texte: str
    gras: str | None
    elements: list[str] = field(default_factory=list)
    elements_gras: list[bool] = field(default_factory=list)


@dataclass
class SectionAnnexe:
    partie: str
    titre: str
    paragraphes: list[str] = field(default_factory=list)


@dataclass
class Annexe:
    sections: list[SectionAnnexe]
    puces: list[PuceAnnexe]


def lire_annexe() -> Annexe:
    lignes = CIRCULAIRE.read_text(encoding="utf-8").splitlines()
    debut = lignes.index("## ANNEXE")
    partie = None
    sections: list[SectionAnnexe] = []
    puces: list[PuceAnnexe] = []
    for ligne in lignes[debut + 1 :]:
        titre = re.match(r"^#+\s+(.*)$", ligne)
        if titre:
            intitule = sans_balises(titre.group(1)).strip()
            if intitule.startswith("I/"):
                partie = "etat"
            elif intitule.startswith("III/"):
                partie = "collectivites"
            elif re.match(r"^\d+/ ", intitule):
                assert partie is not None, f"section hors partie : {intitule}"
                sections.append(SectionAnnexe(partie, intitule))
            else:
                raise AssertionError(f"titre inattendu dans l'annexe : {intitule}")
            continue
        if not sections or not ligne.strip():
            continue
        sous_puce = re.match(r"^\s+-\s+o\s+(.*)$", ligne)
        if sous_puce:
            contenu = sous_puce.group(1)
            puces[-1].elements.append(sans_separateur(sans_balises(contenu)))
            puces[-1].elements_gras.append(partie_grasse(contenu) is not None)
            continue
        puce = re.match(r"^-\s+(.*)$", ligne)
        if puce:
            contenu = puce.group(1)
            gras = partie_grasse(contenu)
            puces.append(
                PuceAnnexe(
                    partie=partie,
                    section=len(sections) - 1,
                    texte=sans_separateur(sans_balises(contenu)),
                    gras=None if gras is None else sans_separateur(sans_balises(gras)),
                )
            )
            continue
        sections[-1].paragraphes.append(sans_balises(ligne).strip())
    return Annexe(sections, puces)


def puces_de_la_partie_un_du_corps() -> list[str]:
    """Les puces « - un volet ... » de la partie I du corps de la circulaire."""
    lignes = CIRCULAIRE.read_text(encoding="utf-8").splitlines()
    debut = next(i for i, ligne in enumerate(lignes) if ligne.startswith("**I/ "))
    fin = next(i for i, ligne in enumerate(lignes) if ligne.startswith("## **II/ "))
    return [sans_separateur(ligne[2:]) for ligne in lignes[debut:fin] if ligne.startswith("- ")]


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def annexe() -> Annexe:
    return lire_annexe()


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def volets() -> list[dict]:
    return json.loads(VOLETS.read_text(encoding="utf-8"))


def code_du_volet(volet: str) -> str:
    return {vid: code for vid, code, _ in VOLETS_ATTENDUS}[volet]


# --------------------------------------------------------------------------
# volets.json
# --------------------------------------------------------------------------


def test_volets_json_lists_the_eight_volets_in_the_fixed_order(volets):
    assert [(v["id"], v["code"], v["titre"]) for v in volets] == VOLETS_ATTENDUS
    for v in volets:
        assert set(v) == {"id", "code", "titre", "description"}


def test_each_volet_description_is_the_circular_bullet_copied_verbatim(volets):
    puces = puces_de_la_partie_un_du_corps()
    assert len(puces) == 7
    for v in volets:
        if v["id"] == "politique_de_la_ville":
            assert v["description"] is None
            continue
        assert v["description"] in puces, v["id"]
    decrits = [v["description"] for v in volets if v["description"] is not None]
    assert decrits == puces


# --------------------------------------------------------------------------
# catalogue.json : sections
# --------------------------------------------------------------------------


def test_the_catalogue_names_its_source(catalogue):
    assert catalogue["source"] == (
        "Annexe de la circulaire du Premier ministre n° 6258/SG du 16 avril 2021"
    )


def test_the_catalogue_has_one_section_per_annex_section_in_annex_order(catalogue, annexe):
    assert len(annexe.sections) == 12
    attendus = []
    for s in annexe.sections:
        titre = s.titre.removesuffix(POUR_MEMOIRE)
        attendus.append((s.partie, titre))
    assert [(s["partie"], s["titre_annexe"]) for s in catalogue["sections"]] == attendus


def test_every_section_pour_memoire_flag_matches_its_heading(catalogue, annexe):
    for section, source in zip(catalogue["sections"], annexe.sections, strict=True):
        assert section["pour_memoire"] is source.titre.endswith(POUR_MEMOIRE), source.titre
        assert "pour mémoire" not in section["titre_annexe"]


def test_every_section_is_mapped_to_the_volet_its_heading_names(catalogue):
    for section in catalogue["sections"]:
        intitule = re.sub(r"^\d+/ ", "", section["titre_annexe"])
        assert section["volet"] == VOLET_DE_LA_SECTION[intitule], section["titre_annexe"]


def test_a_section_chapeau_is_its_introductory_paragraph_or_null(catalogue, annexe):
    for section, source in zip(catalogue["sections"], annexe.sections, strict=True):
        attendu = " ".join(source.paragraphes) if source.paragraphes else None
        assert section["chapeau"] == attendu, section["titre_annexe"]
    chapeaux = [s for s in catalogue["sections"] if s["chapeau"] is not None]
    assert [(s["partie"], s["volet"]) for s in chapeaux] == [("etat", "education")]


def test_no_volet_appears_twice_within_a_partie(catalogue):
    paires = [(s["partie"], s["volet"]) for s in catalogue["sections"]]
    assert len(paires) == len(set(paires))


# --------------------------------------------------------------------------
# catalogue.json : mesures
# --------------------------------------------------------------------------


def test_the_catalogue_has_exactly_the_annex_bullets_in_order_with_the_same_texts(
    catalogue, annexe
):
    assert [m["texte"] for m in catalogue["mesures"]] == [p.texte for p in annexe.puces]


def test_every_measure_sits_in_the_partie_and_volet_of_its_annex_section(catalogue, annexe):
    for mesure, puce in zip(catalogue["mesures"], annexe.puces, strict=True):
        section = catalogue["sections"][puce.section]
        assert mesure["partie"] == puce.partie == section["partie"], mesure["id"]
        assert mesure["volet"] == section["volet"], mesure["id"]


def test_every_bold_bullet_of_the_annex_is_a_socle_measure(catalogue, annexe):
    for mesure, puce in zip(catalogue["mesures"], annexe.puces, strict=True):
        assert mesure["socle"] is (puce.gras is not None), mesure["id"]


def test_texte_socle_holds_the_bold_part_only_when_the_bullet_is_partly_bold(catalogue, annexe):
    for mesure, puce in zip(catalogue["mesures"], annexe.puces, strict=True):
        if puce.gras is None or puce.gras == puce.texte:
            assert mesure["texte_socle"] is None, mesure["id"]
        else:
            assert mesure["texte_socle"] == puce.gras, mesure["id"]
            assert mesure["texte"].startswith(mesure["texte_socle"]), mesure["id"]


def test_sub_bullets_stay_inside_their_parent_as_elements(catalogue, annexe):
    for mesure, puce in zip(catalogue["mesures"], annexe.puces, strict=True):
        assert mesure["elements"] == puce.elements, mesure["id"]
        if puce.elements:
            assert mesure["texte"].endswith(" :"), mesure["id"]
            # Des sous-puces en gras n'existent que sous une puce en gras.
            assert all(g is mesure["socle"] for g in puce.elements_gras), mesure["id"]
    assert sum(1 for m in catalogue["mesures"] if m["elements"]) == 1


def test_measure_ids_are_unique_and_follow_the_partie_volet_rank_pattern(catalogue, annexe):
    ids = [m["id"] for m in catalogue["mesures"]]
    assert len(ids) == len(set(ids))
    rangs: dict[int, int] = {}
    for mesure, puce in zip(catalogue["mesures"], annexe.puces, strict=True):
        assert re.fullmatch(r"[EC]-(SI|JU|PD|MI|ED|RS|TR|PV)-[1-9]\d*", mesure["id"])
        rangs[puce.section] = rangs.get(puce.section, 0) + 1
        prefixe = {"etat": "E", "collectivites": "C"}[mesure["partie"]]
        attendu = f"{prefixe}-{code_du_volet(mesure['volet'])}-{rangs[puce.section]}"
        assert mesure["id"] == attendu


def test_every_measure_has_exactly_the_documented_keys(catalogue):
    cles = {"id", "partie", "volet", "intitule", "texte", "elements", "socle", "texte_socle"}
    for mesure in catalogue["mesures"]:
        assert set(mesure) == cles, mesure["id"]


def test_every_measure_has_a_short_title_of_its_own(catalogue):
    intitules = [m["intitule"] for m in catalogue["mesures"]]
    assert len(set(intitules)) == len(intitules)
    assert all(0 < len(i) <= 100 and i[0].isupper() for i in intitules)


def test_measure_texts_carry_no_markdown_and_no_trailing_separator(catalogue):
    for mesure in catalogue["mesures"]:
        for texte in [mesure["texte"], *mesure["elements"], mesure["texte_socle"] or ""]:
            assert "*" not in texte and "<sup>" not in texte, mesure["id"]
            assert texte == texte.strip(), mesure["id"]
            assert not texte.endswith((";", ".")), mesure["id"]


def test_every_section_of_the_annex_holds_at_least_one_measure(catalogue):
    sections_avec_mesures = {(m["partie"], m["volet"]) for m in catalogue["mesures"]}
    for section in catalogue["sections"]:
        assert (section["partie"], section["volet"]) in sections_avec_mesures


# --------------------------------------------------------------------------
# Forme des fichiers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("chemin", [CATALOGUE, VOLETS], ids=lambda p: p.name)
def test_data_files_are_utf8_json_indented_by_two_with_a_final_newline(chemin):
    brut = chemin.read_text(encoding="utf-8")
    donnees = json.loads(brut)
    assert brut == json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"
