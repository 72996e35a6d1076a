"""One contract's row of ``csi-gen bilan --tous``: plain data, built in a worker process.

Its engagements by state, its main figures promised and achieved, its financing planned,
engaged and paid; or, for a contract or a follow-up in error, the French message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csi_gen.dates import Echeance
from csi_gen.errors import CsiGenError
from csi_gen.follow import figures
from csi_gen.model import Contrat, Partie


@dataclass(frozen=True)
class Figure:
    """A contract's main figure for one theme."""

    engagement: str
    libelle: str
    unite: str
    cible: str
    echeance: Echeance | None
    stock: bool
    planned: float | None
    achieved: float | None

    @property
    def gap(self) -> float | None:
        if self.planned is None or self.achieved is None:
            return None
        return self.achieved - self.planned


@dataclass(frozen=True)
class Funding:
    """A financing line of a contract's follow-up, for one year."""

    engagement: str
    financeur: str
    source: str
    group: str
    annee: int
    planned: float
    engaged: float | None
    paid: float | None
    sought: bool = False  # from a funder who doesn't sign: in no total of the parties' money


@dataclass(frozen=True)
class Late:
    """An engagement late or abandoned, for the spreadsheet's list."""

    volet: str
    partie: str  # as the contract names it: « État », « Ville », a partner's name
    titre: str
    state: str
    reason: str | None


@dataclass(frozen=True)
class Row:
    """One contract's figures for the year; built in a worker, so plain data only."""

    source: Path
    identifiant: str
    territoire: str = ""
    departement: str = ""
    departement_nom: str = ""
    followed: bool = False  # the follow-up has a section for the year
    counts: dict[str, int] = field(default_factory=dict)
    themes: dict[str, Figure] = field(default_factory=dict)
    funding: tuple[Funding, ...] = ()
    late: tuple[Late, ...] = ()
    warnings: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def row_for(source: Path, year: int) -> Row:
    """The row of the contract at ``source``; its errors become the row's French message."""
    from csi_gen.contract.validation import validate
    from csi_gen.follow.loading import follow_up_path
    from csi_gen.follow.model import Suivi
    from csi_gen.follow.validation import validate_follow_up

    try:
        validated = validate(source)
        warnings = len(validated.warnings)
        if follow_up_path(source).exists():
            followup = validate_follow_up(source, validated=validated)
            suivi = followup.suivi
            warnings += len(followup.warnings)
        else:
            suivi = Suivi(validated.contrat.identifiant, ())
    except CsiGenError as error:
        return Row(source, source.stem, error=str(error))
    return _row(source, figures.bilan(validated.contrat, suivi, year), warnings)


def _row(source: Path, bilan: figures.Bilan, warnings: int) -> Row:
    from csi_gen.catalogue import volet
    from csi_gen.wording import cible_text

    contrat, year = bilan.contrat, bilan.year
    return Row(
        source=source,
        identifiant=contrat.identifiant,
        territoire=contrat.territoire.nom,
        departement=contrat.territoire.departement.code,
        departement_nom=contrat.territoire.departement.nom,
        followed=bilan.suivi.annee(year) is not None,
        counts=dict(bilan.counts()),
        themes={
            theme: Figure(
                p.engagement.titre,
                p.objectif.libelle,
                p.objectif.unite,
                cible_text(p.objectif),
                p.objectif.echeance,
                p.stock,
                p.planned_to_date,
                p.achieved_to_date,
            )
            for theme, p in bilan.key_figures.items()
        },
        funding=tuple(
            Funding(
                line.engagement.titre,
                line.financement.financeur,
                line.financement.source,
                line.group,
                line.financement.annee or 0,
                line.planned,
                line.engaged,
                line.paid,
                line.sought,
            )
            for line in bilan.lines
        ),
        late=tuple(
            Late(
                volet(e.engagement.volet).titre,
                party_name(contrat, e.engagement.partie, e.engagement.partenaire),
                e.engagement.titre,
                e.state,
                e.reason,
            )
            for e in bilan.engagements
            if e.state in ("en_retard", "abandonne")
        ),
        warnings=warnings,
    )


def party_name(contrat: Contrat, partie: Partie, partenaire: str | None = None) -> str:
    """A party as the contract names it (« État », « Ville », « Procureure »), a partner by
    its name."""
    from csi_gen.follow.words import mot
    from csi_gen.wording import denomination

    if partie is Partie.PARTENAIRE:
        names = {p.id: p.nom for p in contrat.parties.partenaires}
        return names.get(partenaire or "", partenaire or "")
    justice = contrat.parties.justice
    if partie is Partie.JUSTICE and justice and justice[0].civilite == "Mme":
        return mot("procureure")
    court = denomination(partie, contrat.territoire).court
    return court[:1].upper() + court[1:]
