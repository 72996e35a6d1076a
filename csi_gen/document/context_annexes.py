"""The context of the annexes: engagements face to face, trajectories, indicators, the
contract's own annexes and the documents it joins (the diagnostic's is ``context_diagnostic``,
the money's ``context_financement``).

An annex with nothing to show is left out, and those after it take the numbers that follow.
The contract declares the legal value of each annex (« valeur des annexes »): the
diagnostic is informative, the other generated annexes are contractual, each written annex
says which it is, and a joined document (a convention signed apart) is joined for
information. The circular's catalogue is not an annex: it is the note de présentation's
(``context_note``).
"""

from __future__ import annotations

from csi_gen import catalogue
from csi_gen.dates import DatePartielle
from csi_gen.document.context_base import Builder, Xml, doc, shape
from csi_gen.document.context_engagements import Conjoint, conjoints, retained, sides
from csi_gen.document.context_places import Commune, commune_du_territoire
from csi_gen.model import Chapitre, Contrat, DocumentAnnexe, Engagement, Partie
from csi_gen.numbering import Numerotation

ANNEX_TEMPLATES = (
    "annexe-diagnostic",
    "annexe-engagements",
    "annexe-trajectoires",
    "annexe-financement",
    "annexe-indicateurs",
)
INFORMATIVE = frozenset({"diagnostic"})


@shape
class Annexes:
    """Le numéro de chaque annexe, pour les renvois du texte (« figurent en annexe 1 ») ; une
    annexe qui n'aurait rien à montrer est omise et n'a pas de numéro."""

    diagnostic: int | None = doc("le numéro de l'annexe du diagnostic (rien sans donnée chiffrée)")
    engagements: int | None = doc("le numéro de l'annexe des engagements réciproques")
    trajectoires: int | None = doc("le numéro de l'annexe des trajectoires (rien sans trajectoire)")
    financement: int | None = doc(
        "le numéro de l'annexe du plan de financement (rien sans financement)"
    )
    indicateurs: int | None = doc("le numéro de l'annexe des indicateurs (rien sans indicateur)")
    contractuelles: list[int] = doc("les numéros des annexes qui ont valeur contractuelle")
    informatives: list[int] = doc("les numéros des annexes jointes pour information")


def annex_templates(contrat: Contrat) -> list[str]:
    """The generated annexes that have something to show, in order: an empty one is left out,
    and the annexes after it take the numbers that follow."""
    retained_ = [e for e in contrat.engagements if e.retenue]
    diagnostic = contrat.diagnostic
    shows = {
        "annexe-diagnostic": bool(diagnostic and (diagnostic.indicateurs or diagnostic.faits)),
        "annexe-engagements": bool(retained_),
        "annexe-trajectoires": any(o.trajectoire for e in retained_ for o in e.objectifs),
        "annexe-financement": any(e.financements for e in retained_),
        "annexe-indicateurs": any(e.indicateurs for e in retained_),
    }
    return [name for name in ANNEX_TEMPLATES if shows.get(name, True)]


@shape
class AnnexeLibre:
    """Une annexe rédigée dans le contrat."""

    numero: int = doc("son numéro")
    titre: str = doc("son titre")
    contenu: Xml = doc("son contenu")
    contractuelle: bool = doc("vrai si elle a valeur contractuelle")


@shape
class DocumentJoint:
    """Un document existant joint au contrat : son annexe dans le contrat Word ; ses pages
    suivent dans le PDF."""

    numero: int = doc("son numéro d'annexe, après les annexes rédigées dans le contrat")
    titre: str = doc("son titre")
    date: DatePartielle | None = doc("sa date, si elle est connue (au jour, au mois ou à l'année)")
    pages: int | None = doc("son nombre de pages, lu dans le fichier")
    presentation: Xml | None = doc("sa présentation, si le contrat en donne une")


@shape
class EngagementReciproque:
    """Un engagement retenu, dans le tableau des engagements réciproques."""

    numero: str = doc("son numéro (« 1° », « 3° bis » après un avenant)")
    titre: str = doc("son intitulé, ou celui de sa mesure")
    commune: Commune | None = doc("la seule commune qui le prend, parmi celles du territoire")
    conjointement: list[Conjoint] = doc("les autres parties qui le prennent conjointement")


@shape
class LigneReciprocite:
    """Une ligne du tableau des engagements réciproques : une partie dans un chapitre (un
    volet, ou un axe du contrat)."""

    titre: str = doc("le titre du volet, en minuscules, ou celui de l'axe, tel qu'il est écrit")
    volet: bool = doc("vrai pour un volet de la circulaire, faux pour un axe propre au contrat")
    premiere: bool = doc("vrai pour la première ligne du chapitre (qui porte son titre)")
    etat: bool = doc("vrai pour l'État")
    justice: bool = doc("vrai pour le procureur de la République")
    partenaire: str | None = doc("le nom du partenaire, pour ses engagements")
    engagements: list[EngagementReciproque] = doc("les engagements retenus, dans l'ordre")


@shape
class LigneTrajectoire:
    """Un objectif doté d'une trajectoire."""

    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité")
    stock: bool = doc("vrai pour un stock (un effectif, un parc), faux pour un flux")
    cumulee: bool = doc("vrai pour une trajectoire en niveaux (ou en cumul)")
    valeurs: list[float | None] = doc(
        "une valeur par colonne du tableau (vide si rien n'y est prévu)"
    )


@shape
class ColonneTrajectoire:
    """Une colonne du tableau des trajectoires."""

    annee: int | None = doc("l'année ; rien pour la colonne de ce qui reste à une date non fixée")
    anterieure: bool = doc("vrai pour une année antérieure au début du contrat (déjà réalisée)")


@shape
class Trajectoires:
    """Le tableau des trajectoires annuelles."""

    colonnes: list[ColonneTrajectoire] = doc("les colonnes du tableau : les années, puis le reste")
    lignes: list[LigneTrajectoire] = doc("un objectif par ligne")
    anterieures: list[int] = doc("les années du tableau antérieures au début du contrat")


@shape
class LigneIndicateur:
    """Un indicateur de suivi d'un engagement."""

    engagement: str = doc("l'intitulé de l'engagement")
    libelle: str = doc("ce qui est mesuré")
    unite: str | None = doc("l'unité, si elle est indiquée")
    valeur_cible: float | None = doc("la valeur cible, si elle est indiquée")
    periodicite: str = doc("la périodicité (« annuelle »)")
    source: str = doc("la source")


def numbered_documents(contrat: Contrat) -> list[tuple[int, DocumentAnnexe]]:
    """The annexed documents and their annex numbers, after every other annex."""
    before = len(annex_templates(contrat)) + len(contrat.annexes)
    return [(before + n, d) for n, d in enumerate(contrat.documents_annexes, start=1)]


class AnnexesBuilder(Builder):
    numerotation: Numerotation | None = None  # the numbers frozen at signature, if amended

    def point(self, engagement: Engagement) -> str:
        """« 3° », or once amended its frozen number (« 3° bis »)."""
        frozen = self.numerotation.numero(engagement.path) if self.numerotation else None
        return frozen.point() if frozen else f"{self.contrat.numero(engagement) or 0}°"

    def documents(self) -> list[DocumentJoint]:
        return [
            DocumentJoint(n, d.titre, d.date, d.pages, self.markdown(d.presentation))
            for n, d in numbered_documents(self.contrat)
        ]

    def annexes(self) -> tuple[Annexes, list[AnnexeLibre]]:
        present = annex_templates(self.contrat)
        numbers: dict[str, int | None] = {n.removeprefix("annexe-"): None for n in ANNEX_TEMPLATES}
        numbers.update({name.removeprefix("annexe-"): n for n, name in enumerate(present, 1)})
        free = [
            AnnexeLibre(
                len(present) + n, a.titre, self.markdown(a.contenu) or Xml(str), a.contractuelle
            )
            for n, a in enumerate(self.contrat.annexes, start=1)
        ]
        generated = {name: n for name, n in numbers.items() if n is not None}
        contractual = [n for name, n in generated.items() if name not in INFORMATIVE]
        contractual += [a.numero for a in free if a.contractuelle]
        informative = [n for name, n in generated.items() if name in INFORMATIVE]
        informative += [a.numero for a in free if not a.contractuelle]
        informative += [n for n, _ in numbered_documents(self.contrat)]
        return Annexes(**numbers, contractuelles=contractual, informatives=informative), free

    def reciprocite(self) -> list[LigneReciprocite]:
        names = {p.id: p.nom for p in self.contrat.parties.partenaires}
        rows: list[LigneReciprocite] = []
        for chapitre in self.contrat.chapitres:
            first = True
            for partie, partenaire in sides(self.contrat):
                titles = [self.reciproque(e) for e in retained(chapitre, partie, partenaire)]
                if not titles and partie not in (Partie.ETAT, Partie.COLLECTIVITES):
                    continue
                rows.append(
                    LigneReciprocite(
                        _titre(chapitre),
                        chapitre.axe is None,
                        first,
                        partie is Partie.ETAT,
                        partie is Partie.JUSTICE,
                        names.get(partenaire or ""),
                        titles,
                    )
                )
                first = False
        return rows

    def reciproque(self, engagement: Engagement) -> EngagementReciproque:
        return EngagementReciproque(
            self.point(engagement),
            engagement.titre,
            commune_du_territoire(self.contrat, engagement.commune),
            conjoints(self.contrat, engagement),
        )

    def trajectoires(self) -> Trajectoires:
        objectives = [
            o
            for e in self.contrat.engagements
            if e.retenue
            for o in e.objectifs
            if o.trajectoire is not None
        ]
        by_year = [o.trajectoire.par_annee() if o.trajectoire else {} for o in objectives]
        used = sorted({year for values in by_year for year in values})
        years = list(range(used[0], used[-1] + 1)) if used else []
        start = self.contrat.periode.debut.year
        rest = any(o.trajectoire and o.trajectoire.reste for o in objectives)
        columns = [ColonneTrajectoire(y, y < start) for y in years]
        columns += [ColonneTrajectoire(None, False)] if rest else []
        return Trajectoires(
            colonnes=columns,
            lignes=[
                LigneTrajectoire(
                    o.libelle,
                    o.unite,
                    o.nature == "stock",
                    o.trajectoire is not None and o.trajectoire.mode == "cumule",
                    [values.get(y) for y in years]
                    + ([o.trajectoire.reste if o.trajectoire else None] if rest else []),
                )
                for o, values in zip(objectives, by_year, strict=True)
            ],
            anterieures=[y for y in years if y < start],
        )

    def indicateurs(self) -> list[LigneIndicateur]:
        return [
            LigneIndicateur(
                engagement.titre,
                i.libelle,
                i.unite,
                i.valeur_cible,
                i.periodicite or "",
                i.source or "",
            )
            for engagement in self.contrat.engagements
            if engagement.retenue
            for i in engagement.indicateurs
        ]


def _titre(chapitre: Chapitre) -> str:
    """An axis's title as written, a volet's in lower case."""
    if chapitre.axe is not None:
        return chapitre.axe.titre
    return catalogue.volet(chapitre.volet.id).titre.lower() if chapitre.volet else ""
