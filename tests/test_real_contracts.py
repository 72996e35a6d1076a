"""What real signed contracts say, printed as a jurist words it (issue 15).

One fixture per subject under tests/fixtures/contrats/; each test builds it and reads the
facts back from the document.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.docx_reading import body_text, paragraphs, plain, tables

CONTRATS = FIXTURES / "contrats"


def built(name: str, folder: Path) -> Path:
    from csi_gen.document.build import build_contract

    return build_contract(CONTRATS / f"{name}.json", folder).docx


@pytest.fixture(scope="module")
def cibles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("cibles", tmp_path_factory.mktemp("cibles"))


# --- Targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Objectif – Effectif de la police municipale : plus de 25 agents d'ici la fin du mandat "
        "municipal (situation initiale : 12 agents en 2020).",
        "Objectif – Caméras de vidéoprotection : le doublement, soit environ 120 caméras d'ici "
        "2023 (situation initiale : une soixantaine de caméras en 2021).",
        "Objectif – Caméras dans les quartiers prioritaires : une hausse de 50 %, soit 78 caméras "
        "d'ici juin 2023 (situation initiale : 52 caméras).",
        "Objectif – Renforts du greffe et du parquet : entre 40 et 90 postes d'ici la fin du "
        "mandat municipal.",
        "Objectif – Délai moyen de réponse pénale : au plus 6 mois d'ici 2023 (situation "
        "initiale : 9 mois en 2020).",
        "Objectif – Mineurs en attente de jugement : une baisse de 20 %, soit environ 80 mineurs "
        "(situation initiale : une centaine de mineurs en 2020).",
        "Objectif – Recrutements de policiers municipaux : au moins 16 recrutements d'ici le 31 "
        "décembre 2022.",
    ],
)
def test_a_target_is_worded_as_the_contract_states_it(cibles, sentence):
    assert sentence in body_text(cibles).splitlines()


@pytest.mark.parametrize(
    "sentence",
    [
        # steps before the period are already done; the stock grows « dans l'année »
        "Trajectoire (policiers nationaux supplémentaires dans l'année) : 20 en décembre 2020 "
        "(avant le présent contrat), 11 en 2021 et 11 en 2022.",
        # a step to the day, and what is still to come at a date not fixed yet
        "Trajectoire (intervenants sociaux supplémentaires dans l'année) : 2 au 1er mars 2022 "
        "et 1 à une date non encore fixée.",
        "Trajectoire (agents en fin d'année) : 20 en 2021 et 26 en 2022.",
        "Trajectoire (recrutements, dans l'année) : 8 en 2021 et 8 en 2022.",
        "Trajectoire (familles, en cumul) : 40 en 2022, 80 en 2023 et 120 en 2024.",
    ],
)
def test_a_trajectory_says_what_its_figures_count(cibles, sentence):
    assert sentence in body_text(cibles).splitlines()


def test_the_trajectories_annex_says_cumul_only_of_what_is_cumulative(cibles):
    table = next(t for t in tables(cibles) if t[0][0] == "Objectif")
    labels = {row[0].replace("\u2019", "'"): row[1:] for row in table[1:]}

    assert table[0][1:] == ["2020", "2021", "2022", "2023", "2024", "Date non fixée"]
    assert labels["Effectif de la police municipale (agents en fin d'année)"][:3] == [
        "",
        "20",
        "26",
    ]
    assert labels["Familles reçues (familles, en cumul)"][2:5] == ["40", "80", "120"]
    assert labels[
        "Intervenants sociaux en commissariat (intervenants sociaux supplémentaires dans l'année)"
    ] == ["", "", "2", "", "", "1"]
    assert (
        "Les valeurs de 2020 sont antérieures au présent contrat : elles sont déjà réalisées."
        in (body_text(cibles))
    )


# --- Financing -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def financements(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("financements", tmp_path_factory.mktemp("financements"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Financement – État : 50 % du coût du plan de vidéoprotection, plafonné à 300 000 € "
        "(trois cent mille euros) en 2022, au titre du fonds interministériel de prévention de "
        "la délinquance (FIPD).",
        "Financement – Commune d'Aussonne : 1 100 000 € (un million cent mille euros) par an "
        "de 2021 à 2026, sur le budget communal, pour le fonctionnement du centre de supervision "
        "urbain.",
        "Financement – État : montant fixé chaque année par le préfet, après instruction des "
        "demandes de subvention, au titre du fonds interministériel de prévention de la "
        "délinquance (FIPD), pour les actions de prévention du contrat.",
        "Financement – État : financement poursuivi, au titre des crédits de la politique de la "
        "ville, pour huit postes de médiateurs adultes-relais.",
        "Financement – État : 50 000 € (cinquante mille euros) en 2022, au titre du fonds "
        "interministériel de prévention de la délinquance (FIPD), soit 50 % du coût total, pour "
        "le poste d'intervenant social en commissariat.",
    ],
)
def test_a_financing_line_is_worded_as_the_contract_states_it(financements, sentence):
    assert sentence in body_text(financements).splitlines()


def test_totals_add_only_what_is_quantified_and_keep_par_an(financements):
    all_tables = tables(financements)
    by_funder = next(t for t in all_tables if t[0][:2] == ["Financeur", "Montants ponctuels"])
    by_year = next(t for t in all_tables if t[0] == ["Année", "Montant"])
    text = body_text(financements)

    assert [plain(c) for c in by_funder[-1]] == [
        "Total",
        "270 000 €",
        "1 100 000 € par an de 2021 à 2026",
    ]
    assert {r[0]: plain(r[1]) for r in by_year[1:]} == {
        "2021": "1 100 000 €",
        "2022": "1 370 000 €",
        **{str(y): "1 100 000 €" for y in range(2023, 2027)},
    }
    assert (
        "Les financements ponctuels des parties chiffrés par le présent contrat s'élèvent au total "
        "à 270 000 € "
        "(deux cent soixante-dix mille euros) ; s'y ajoutent 1 100 000 € (un million cent mille "
        "euros) par an de 2021 à 2026." in text
    )
    assert "6 600 000" not in text and "6 870 000" not in text  # no total nobody signed


def test_what_is_not_quantified_is_listed_not_added(financements):
    lines = body_text(financements).splitlines()
    start = lines.index(
        "Ne sont pas chiffrés par le présent contrat, et ne sont compris dans aucun des montants "
        "ci-dessus :"
    )

    assert lines[start + 1 : start + 4] == [
        "État, FIPD (« Vidéoprotection et centre de supervision urbain ») : 50 % du coût du plan "
        "de vidéoprotection, plafonné à 300 000 € ;",
        "État, FIPD (« Financement des actions de prévention de la délinquance (FIPD) ») : montant "
        "fixé chaque année par le préfet, après instruction des demandes de subvention, pour les "
        "actions de prévention du contrat ;",
        "État, Politique de la ville (« Financement des associations de terrain ») : financement "
        "poursuivi, non chiffré, pour huit postes de médiateurs adultes-relais.",
    ]


# --- Diagnostic ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def diagnostic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("diagnostic", tmp_path_factory.mktemp("diagnostic"))


def test_single_figures_are_printed_as_written_with_their_dates_and_sources(diagnostic):
    facts = next(t for t in tables(diagnostic) if t[0] == ["Donnée", "Valeur", "Date", "Source"])
    rows = [[plain(c) for c in row] for row in facts[1:]]

    assert rows == [
        ["Taux de pauvreté", "24 %", "2018", "Insee, Filosofi"],
        [
            "Évolution de la délinquance générale",
            "+7,60 %",
            "de 2018 à 2019",
            "Préfecture de police des Bouches-du-Rhône",
        ],
        [
            "Taux d'atteintes volontaires à l'intégrité physique\n11 ‰ au niveau national.",
            "19 ‰",
            "2021",
            "SSMSI",
        ],
        [
            "Caméras de vidéoprotection en service",
            "95 caméras",
            "mars 2021",
            "Commune d'Aussonne",
        ],
        ["Taux de chômage des 15-24 ans", "5,30 %", "31 décembre 2020", "Insee"],
    ]


def test_only_a_series_of_two_years_or_more_is_charted(diagnostic):
    import zipfile

    with zipfile.ZipFile(diagnostic) as archive:
        charts = [n for n in archive.namelist() if n.startswith("word/charts/chart")]
    text = body_text(diagnostic)

    assert charts == ["word/charts/chart1.xml"]
    assert "le graphique qui le suit en montre l'évolution" in text
    assert "ne comporte pas de donnée chiffrée" not in text


def test_a_diagnostic_of_single_figures_only_says_so(tmp_path):
    import json

    data = json.loads((CONTRATS / "diagnostic.json").read_text(encoding="utf-8"))
    del data["diagnostic"]["indicateurs"]
    source = tmp_path / "faits.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from csi_gen.document.build import build_contract

    text = body_text(build_contract(source, tmp_path).docx)

    assert "Le diagnostic partagé s'appuie sur les données suivantes" in text
    assert "série" not in text and "graphique" not in text


# --- Axes ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("axes", tmp_path_factory.mktemp("axes"))


def test_a_contract_by_axes_has_a_chapter_per_axis_in_its_order(axes):
    chapters = [plain(t) for s, t in paragraphs(axes) if s == "Chapitre"]
    text = body_text(axes)

    assert chapters == [
        "Chapitre Ier – Garantir la tranquillité et la sécurité du quotidien",
        "Chapitre II – Renforcer la citoyenneté et la prévention",
        "Chapitre III – Contribuer à la justice de proximité et à l'aide aux victimes",
    ]
    assert "sont présentés selon les axes du présent contrat" in text
    assert "Le premier axe réunit les moyens de présence sur la voie publique." in text
    assert "Au titre du présent axe, l'État s'engage dans les termes suivants." in text


def test_engagements_are_numbered_within_their_axis_across_volets(axes):
    lines = body_text(axes).splitlines()
    after_contents = lines.index("Entre les soussignés :")
    start = lines.index("Chapitre II – Renforcer la citoyenneté et la prévention", after_contents)
    end = lines.index("Article 9 – Engagements de la Ville", start)
    numbered = [
        line.split("°")[0]
        for line in lines[start:end]
        if line[:2] in ("1°", "2°", "3°", "4°", "5°")
    ]

    assert numbered == ["1", "2", "3", "4"]  # three of prevention, one of radicalisation


def test_the_reciprocity_annex_follows_the_axes(axes):
    table = next(t for t in tables(axes) if t[0] == ["Axe", "Partie", "Engagements"])
    headings_ = [row[0] for row in table[1:] if row[0]]  # on the first row of each axis

    assert [plain(h) for h in headings_] == [
        "Garantir la tranquillité et la sécurité du quotidien",
        "Renforcer la citoyenneté et la prévention",
        "Contribuer à la justice de proximité et à l'aide aux victimes",
    ]


# --- Layout ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("minimal", tmp_path_factory.mktemp("minimal"))


def test_an_annex_with_nothing_to_show_is_left_out_and_the_others_renumbered(minimal):
    annexes = [plain(t) for s, t in paragraphs(minimal) if s == "Annexe"]
    contents = [plain(t) for s, t in paragraphs(minimal) if s == "TOC1" and t.startswith("Annexe")]
    text = body_text(minimal)

    assert (
        annexes
        == contents
        == [
            "Annexe 1 – Engagements réciproques",
        ]
    )
    assert "Ses données figurent en annexe" not in text  # no diagnostic figures, no annex
    assert "indicateurs figurant en annexe" not in text
    for empty in ("pas de série", "de trajectoire annuelle", "pas de ligne de financement"):
        assert empty not in text  # no annex says it has nothing to show


def test_a_table_gives_its_label_the_room_its_figures_do_not_need(cibles):
    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    table = next(
        t for t in docx.Document(str(cibles)).tables if t.rows[0].cells[0].text == "Objectif"
    )
    grid = [int(c.get(f"{w}w")) for c in table._tbl.find(f"{w}tblGrid").findall(f"{w}gridCol")]
    cells = [int(c.get(f"{w}w")) for c in table._tbl.iter(f"{w}tcW")]

    assert grid[0] > 4000 > 3 * max(grid[1:6])  # a label beside five narrow year columns
    assert 9000 < sum(grid) <= 9072 and set(cells) <= set(grid)


# --- Annexed documents ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("documents", tmp_path_factory.mktemp("documents"))


def test_an_annexed_document_is_listed_after_the_free_annexes_with_its_title_and_date(documents):
    annexes = [plain(t) for s, t in paragraphs(documents) if s == "Annexe"]
    lines = body_text(documents).splitlines()

    assert annexes[-3:] == [
        "Annexe 2 – Liste des points d'accueil de la police municipale",
        "Annexe 3 – Convention de coordination de la police municipale et des forces de "
        "sécurité de l'État",
        "Annexe 4 – Convention pénale de proximité",
    ]
    assert (
        "Ce document, daté du 12 mars 2021, est joint au présent contrat ; il compte 2 pages."
        in lines
    )
    assert (
        "Elle précise les patrouilles communes et le renvoi des images de vidéoprotection." in lines
    )
    assert (
        "Ce document, daté d'avril 2021, est joint au présent contrat ; il compte une page."
        in lines
    )


def write_with_document(tmp_path: Path, fichier: str) -> Path:
    import json

    data = json.loads((CONTRATS / "documents.json").read_text(encoding="utf-8"))
    data["documents_annexes"] = [{"titre": "Convention", "fichier": fichier}]
    source = tmp_path / "contrat.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return source


def make_outside(tmp_path: Path) -> str:
    (tmp_path / "dedans").mkdir()
    (tmp_path / "dedans" / "lien.pdf").symlink_to(CONTRATS / "annexes" / "convention-penale.pdf")
    return "dedans/lien.pdf"


def make_pipe(tmp_path: Path) -> str:
    import os

    os.mkfifo(tmp_path / "tube.pdf")  # never opened: it would block
    return "tube.pdf"


def make_text(tmp_path: Path) -> str:
    (tmp_path / "texte.pdf").write_text("Ceci n'est pas un PDF.", encoding="utf-8")
    return "texte.pdf"


def make_truncated(tmp_path: Path) -> str:
    data = (CONTRATS / "annexes" / "convention-penale.pdf").read_bytes()
    (tmp_path / "tronque.pdf").write_bytes(data[:600])
    return "tronque.pdf"


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda tmp: "absent.pdf", "DOCUMENT-ABSENT", "fichier introuvable"),
        (make_outside, "DOCUMENT-ILLISIBLE", "fichier hors du dossier du contrat"),
        (make_pipe, "DOCUMENT-ILLISIBLE", "ce chemin n'est pas un fichier"),
        (make_text, "DOCUMENT-ILLISIBLE", "PDF illisible : ce n'est pas un fichier PDF"),
        (make_truncated, "DOCUMENT-ILLISIBLE", "PDF illisible"),
    ],
    ids=["absent", "hors-du-dossier", "tube", "texte", "tronque"],
)
def test_a_missing_or_unreadable_document_is_a_located_french_error(tmp_path, make, code, message):
    from csi_gen.contract.validation import validate
    from csi_gen.errors import InvalidContractError

    source = write_with_document(tmp_path, make(tmp_path))
    if code == "DOCUMENT-ILLISIBLE" and message == "fichier hors du dossier du contrat":
        source = source.rename(tmp_path / "dedans" / "contrat.json")
        source = write_with_document(tmp_path / "dedans", "lien.pdf")

    with pytest.raises(InvalidContractError) as caught:
        validate(source)

    [problem] = [p for p in caught.value.errors if p.code == code]
    assert problem.message.startswith(message)
    assert problem.path == ("documents_annexes", 0, "fichier") and problem.line


@pytest.mark.usefixtures("libreoffice")
def test_the_pdf_takes_the_documents_pages_after_their_annex_with_page_labels(tmp_path):
    from pypdf import PdfReader

    from csi_gen.document.build import build_contract

    built_ = build_contract(CONTRATS / "documents.json", tmp_path, pdf=True)
    assert built_.pdf is not None
    reader = PdfReader(built_.pdf)
    labels = reader.page_labels
    pages = [plain(page.extract_text()) for page in reader.pages]

    assert labels[-4:] == [
        "Annexe 3, p. 1",
        "Annexe 3, p. 2",
        str(len(labels) - 3),
        "Annexe 4, p. 1",
    ]
    assert "Annexe 3 – Convention de coordination" in pages[-5]
    assert "page 1 sur 2" in pages[-4] and "page 2 sur 2" in pages[-3]
    assert "Annexe 4 – Convention pénale de proximité" in pages[-2]
    assert labels[: len(labels) - 4] == [str(n) for n in range(1, len(labels) - 3)]
    # one joined document is not PDF/A: the PDF no longer says it is
    assert b"pdfaid:part" not in reader.root_object["/Metadata"].get_object().get_data()


@pytest.mark.usefixtures("libreoffice")
def test_a_pdf_whose_documents_are_all_pdf_a_stays_identified_as_pdf_a(tmp_path):
    import json

    from pypdf import PdfReader

    from csi_gen.document.build import build_contract

    data = json.loads((CONTRATS / "documents.json").read_text(encoding="utf-8"))
    data["documents_annexes"] = data["documents_annexes"][:1]
    (tmp_path / "annexes").mkdir()
    shutil.copy(CONTRATS / "annexes" / "convention-coordination.pdf", tmp_path / "annexes")
    source = tmp_path / "pdfa.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    built_ = build_contract(source, tmp_path / "build", pdf=True)
    assert built_.pdf is not None
    reader = PdfReader(built_.pdf)

    assert (
        b"<pdfaid:part>2</pdfaid:part>" in reader.root_object["/Metadata"].get_object().get_data()
    )
    assert "/OutputIntents" in reader.root_object
    assert len(reader.pages) == len(reader.page_labels)


# --- Who carries an engagement ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def porteurs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("porteurs", tmp_path_factory.mktemp("porteurs"))


def engagement_lines(document: Path, title: str) -> list[str]:
    """The paragraphs of the engagement of that title, from its title to the next one."""
    lines = body_text(document).splitlines()
    start = lines.index(title, lines.index("Entre les soussignés :"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:2] in ("1°", "2°", "3°", "Ar"))
    return lines[start:end]


def test_a_joint_engagement_stays_under_its_party_and_names_the_other(porteurs):
    lines = engagement_lines(
        porteurs, "1° Accueil de personnes condamnées à un travail d'intérêt général"
    )
    text = body_text(porteurs)
    article = text[: text.index(lines[0], text.index("Entre les soussignés :"))]

    assert lines[1] == "Engagement pris conjointement avec la procureure de la République."
    assert article.splitlines()[-2] == "Article 7 – Engagements des collectivités"


def test_an_engagement_of_one_commune_says_which_and_its_joint_parties_in_order(porteurs):
    alone = engagement_lines(porteurs, "2° Vidéoprotection du centre de Balma")
    joint = engagement_lines(porteurs, "2° Travail d'intérêt général dans les services de Balma")

    assert alone[1] == "Engagement de la commune de Balma."
    assert joint[1] == (
        "Engagement de la commune de Balma, pris conjointement avec l'État et la procureure de "
        "la République."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Objectif – Policiers municipaux supplémentaires : 30 agents, dont 20 à Toulouse et 10 à "
        "Balma, d'ici 2024.",
        # a relative target is split from the figure it gives
        "Objectif – Caméras de vidéoprotection : le doublement, soit 120 caméras, dont 90 à "
        "Toulouse et 30 à Balma (situation initiale : 60 caméras en 2020).",
    ],
)
def test_a_shared_target_is_followed_by_each_communes_share(porteurs, sentence):
    assert sentence in body_text(porteurs).splitlines()


def test_the_reciprocity_annex_keeps_the_carrier_and_the_joint_parties(porteurs):
    table = next(t for t in tables(porteurs) if t[0] == ["Volet", "Partie", "Engagements"])
    cells = "\n".join(plain(row[2]) for row in table[1:])

    assert "2° Vidéoprotection du centre de Balma (commune de Balma)" in cells
    assert (
        "1° Accueil de personnes condamnées à un travail d'intérêt général (conjointement avec "
        "la procureure de la République)" in cells
    )
    assert (
        "2° Travail d'intérêt général dans les services de Balma (commune de Balma, "
        "conjointement avec l'État et la procureure de la République)" in cells
    )


def test_the_note_says_who_carries_each_engagement(porteurs):
    note = body_text(porteurs.with_name("porteurs-note.docx"))

    assert (
        "Retenue (les collectivités, commune de Balma, conjointement avec l'État et la "
        "procureure de la République, volet justice, engagement 2°)" in note
    )


# --- A real contract written from its public facts: Échirolles, 9 March 2022 --------------------


@pytest.fixture(scope="module")
def echirolles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from csi_gen.document.build import build_contract

    source = Path(__file__).parents[1] / "contracts" / "echirolles.json"
    return build_contract(source, tmp_path_factory.mktemp("echirolles")).docx


@pytest.mark.parametrize(
    "sentence",
    [
        "Engagement pris conjointement avec le procureur de la République.",
        "La Ville collabore avec le parquet au sein du groupe local de traitement de la "
        "délinquance (GLTD) pour limiter le trafic de stupéfiants.",
        "Financement – État : financement poursuivi, au titre du fonds interministériel de "
        "prévention de la délinquance (FIPD), pour [à compléter].",
        "Objectif – Éducateurs spécialisés recrutés : 6 éducateurs spécialisés.",
        "Le présent contrat prend effet à la date de sa signature par l'ensemble des parties. Il "
        "s'applique jusqu'en 2026.",
        "Fait à Échirolles, le 9 mars 2022, en trois exemplaires originaux.",
        # what is unknown stays visibly to be completed, never « aucun engagement »
        "[à compléter : deux mesures de la circulaire restent à étudier au titre du volet "
        "politique de la ville.]",
    ],
)
def test_the_echirolles_contract_says_what_its_public_facts_say(echirolles, sentence):
    assert sentence in body_text(echirolles).splitlines()


def test_the_echirolles_contract_asserts_no_commitment_it_does_not_know(echirolles):
    text = body_text(echirolles)

    assert "Aucune partie ne prend d'engagement" not in text
    # no amount is quantified and no comité de pilotage is set up: none is referred to
    assert "montants" not in text and "ci-dessus" not in text
    assert "Ne sont pas chiffrés par le présent contrat :" in text.splitlines()
    assert "comité de pilotage" not in text
    assert "19 ‰" in text and "11 ‰ au niveau national" in text
