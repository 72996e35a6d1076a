"""The context of the note de présentation: what the préfecture reviews, not what is signed.

The note sets the contract against the circular's catalogue (the socle studied and retained,
every measure's status), gives the drafting notes, and lists what remains to complete or to
settle before the contract can be « definitif » — ``csi-gen couverture`` in prose and tables.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from csi_gen import catalogue, wording
from csi_gen.contract.coverage import STATUS_LABELS, STATUS_ORDER, coverage
from csi_gen.contract.validation import Validated
from csi_gen.document.context_base import Builder, Commun, Hooks, commun, doc, shape
from csi_gen.document.context_engagements import Conjoint, conjoints
from csi_gen.document.context_places import Commune, commune_du_territoire
from csi_gen.errors import Problem, format_path
from csi_gen.model import Engagement, Partie
from csi_gen.versioning import Version
from csi_gen.wording import denomination


@shape
class StatutMesure:
    """Le statut d'une mesure dans le contrat."""

    libelle: str = doc("le statut en toutes lettres (« Retenue », « Non retenue »…)")
    numero: int | None = doc("le numéro de l'engagement dans son volet, s'il est retenu")
    volet: str = doc("le volet, en minuscules")
    partie: str = doc("la partie qui s'engage, avec son article (« l'État », « la commune »)")
    commune: Commune | None = doc("la seule commune qui prend l'engagement, parmi plusieurs")
    conjointement: list[str] = doc(
        "les autres parties qui le prennent conjointement, avec leur article "
        "(« le procureur de la République »)"
    )
    motif: str | None = doc("le motif, pour une mesure non retenue ou en attente")


@shape
class MesureCatalogue:
    """Une mesure de l'annexe de la circulaire."""

    id: str = doc("l'identifiant de la mesure dans csi-gen (« E-SI-1 »), pour le retrouver")
    texte: str = doc("la rédaction de la circulaire")
    elements: list[str] = doc("les éléments qu'elle énumère")
    socle: bool = doc("vrai pour une mesure du socle")
    statuts: list[StatutMesure] = doc(
        "ses statuts dans le contrat (vide si le contrat ne la reprend pas)"
    )


@shape
class SectionCatalogue:
    """Une section de l'annexe de la circulaire : une partie et un volet."""

    etat: bool = doc("vrai pour les engagements de l'État")
    volet: str = doc("le volet, en minuscules")
    pour_memoire: bool = doc("vrai pour une section « pour mémoire » de la circulaire")
    mesures: list[MesureCatalogue] = doc("les mesures de la section")


@shape
class MesurePropre:
    """Une mesure propre au contrat."""

    titre: str = doc("l'intitulé de la mesure")
    statuts: list[StatutMesure] = doc("ses statuts dans le contrat")


@shape
class Compte:
    """Un nombre de mesures du socle dans un statut."""

    libelle: str = doc("le statut, au pluriel (« retenues », « à étudier »)")
    nombre: int = doc("le nombre de mesures du socle dans ce statut")


@shape
class Catalogue:
    """La couverture du catalogue de la circulaire."""

    sections: list[SectionCatalogue] = doc("les sections de l'annexe de la circulaire")
    propres: list[MesurePropre] = doc("les mesures propres au contrat")
    socle: int = doc("le nombre de mesures du socle")
    socle_etudiees: int = doc(
        "le nombre de mesures du socle que le contrat reprend, à l'étude ou non"
    )
    socle_par_statut: list[Compte] = doc("les mesures du socle par statut (sans les statuts vides)")


@shape
class Point:
    """Un point signalé dans le fichier du contrat."""

    ligne: int | None = doc("la ligne du fichier du contrat")
    chemin: str = doc("l'emplacement dans les données (« volets[0].engagements[2].texte »)")
    code: str = doc("le code de la règle (« ENGAGEMENT-TEXTE »)")
    message: str = doc("le problème, en français")
    attendu: str | None = doc("ce qui est attendu, s'il est précisé")


@shape
class ContexteNote(Commun):
    """La note de présentation du contrat, pour l'examen par la préfecture."""

    fichier: str = doc("le fichier du contrat (« contracts/toulouse.json »)")
    date_de_reference: date = doc("la date de signature, ou de prise d'effet pour un projet")
    sous_la_circulaire: bool = doc(
        "vrai si le contrat est postérieur à la circulaire du 16 avril 2021"
    )
    catalogue: Catalogue = doc("la couverture du catalogue de la circulaire")
    notes_de_redaction: list[str] = doc(
        "les notes de rédaction du fichier du contrat, un élément par paragraphe"
    )
    a_regler: list[Point] = doc(
        "ce qu'il reste à régler pour passer le contrat de « projet » à « definitif »"
    )
    avertissements: list[Point] = doc("les avertissements de « csi-gen valider »")


def paragraphs(text: str) -> list[str]:
    """A long text's paragraphs, separated by blank lines."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def point(problem: Problem) -> Point:
    return Point(
        problem.line, format_path(problem.path), problem.code, problem.message, problem.expected
    )


class NoteBuilder(Builder):
    def catalogue(self) -> Catalogue:
        by_measure: dict[str, list[Engagement]] = defaultdict(list)
        for engagement in self.contrat.engagements:
            if engagement.mesure:
                by_measure[engagement.mesure].append(engagement)
        sections = [
            SectionCatalogue(
                etat=section.partie == "etat",
                volet=catalogue.volet(section.volet).titre.lower(),
                pour_memoire=section.pour_memoire,
                mesures=[
                    MesureCatalogue(
                        m.id, m.texte, list(m.elements), m.socle, self.statuts(by_measure[m.id])
                    )
                    for m in catalogue.mesures()
                    if (m.partie, m.volet) == (section.partie, section.volet)
                ],
            )
            for section in catalogue.sections()
        ]
        socle = [m for m in catalogue.mesures() if m.socle]
        return Catalogue(
            sections=sections,
            propres=[
                MesurePropre(e.titre, self.statuts([e]))
                for e in self.contrat.engagements
                if e.mesure is None
            ],
            socle=len(socle),
            socle_etudiees=sum(1 for m in socle if by_measure.get(m.id)),
            socle_par_statut=[],
        )

    def statuts(self, engagements: list[Engagement]) -> list[StatutMesure]:
        found: list[StatutMesure] = []
        for engagement in engagements:
            number = self.contrat.numero(engagement)
            status = StatutMesure(
                libelle=wording.libelle("statut_engagement", engagement.statut.value),
                numero=number,
                volet=catalogue.volet(engagement.volet).titre.lower(),
                partie=self.partie(engagement),
                commune=commune_du_territoire(self.contrat, engagement.commune),
                conjointement=[self.nom(c) for c in conjoints(self.contrat, engagement)],
                motif=engagement.motif if number is None else None,
            )
            if status not in found:
                found.append(status)
        return found

    def nom(self, conjoint: Conjoint) -> str:
        justice = self.contrat.parties.justice
        if conjoint.justice and justice and justice[0].civilite == "Mme":
            return "la procureure de la République"
        return conjoint.partenaire or denomination(conjoint.partie, self.contrat.territoire).sujet

    def partie(self, engagement: Engagement) -> str:
        if engagement.partie is Partie.PARTENAIRE:
            names = {p.id: p.nom for p in self.contrat.parties.partenaires}
            return names.get(engagement.partenaire or "", engagement.partenaire or "")
        return denomination(engagement.partie, self.contrat.territoire).sujet


def build_note_context(
    validated: Validated, version: Version, hooks: Hooks, fichier: str
) -> ContexteNote:
    contrat = validated.contrat
    builder = NoteBuilder(contrat, hooks)
    report = coverage(validated)
    counts = report.socle_counts()
    found = builder.catalogue()
    return ContexteNote(
        **commun(contrat, version, intitule=f"Note de présentation – {contrat.intitule}"),
        fichier=fichier,
        date_de_reference=contrat.date_de_reference,
        sous_la_circulaire=contrat.sous_la_circulaire,
        catalogue=Catalogue(
            found.sections,
            found.propres,
            found.socle,
            found.socle_etudiees,
            [Compte(STATUS_LABELS[s], counts[s]) for s in STATUS_ORDER if counts[s]],
        ),
        notes_de_redaction=paragraphs(contrat.notes_de_redaction or ""),
        a_regler=[point(p) for p in report.blockers],
        avertissements=[point(p) for p in validated.warnings],
    )
