"""The context of the money: each financing line, and the plan's totals of what is quantified.

Totals add only the amounts a line states: one-off amounts, and amounts each year, which
stay « par an ». A rate, a funding carried on or an amount still to be set is listed, never
added: no total is printed that the contract does not state. Money a party will seek from a
funder who does not sign (« sollicite ») is shown apart, never in the parties' totals.
"""

from __future__ import annotations

from collections import defaultdict

from csi_gen import wording
from csi_gen.document.context_base import Builder, doc, shape
from csi_gen.model import Engagement, Financement, Partie

# Sources granted on an application, whose amounts hold subject to its instruction.
GRANTS = frozenset(
    {
        "fipd",
        "politique_de_la_ville",
        "mildeca",
        "dsil",
        "detr",
        "fonds_europeens",
        "departement",
        "region",
    }
)


@shape
class LigneFinancement:
    """Une ligne du plan de financement."""

    engagement: str = doc("l'intitulé de l'engagement")
    financeur: str = doc("qui finance")
    source: str = doc("la source en abrégé (« FIPD »)")
    type: str = doc("« montant », « taux », « annuel », « poursuite » ou « a_fixer »")
    annee: int | None = doc("l'année ; la première, pour un financement annuel")
    annee_fin: int | None = doc("la dernière année, pour un financement annuel")
    montant: float | None = doc(
        "le montant, en euros (de chaque année, pour un financement annuel)"
    )
    taux: float | None = doc(
        "le taux, en pour cent (d'un financement « taux », ou la part du coût total)"
    )
    assiette: str | None = doc(
        "ce à quoi s'applique le taux (« du coût du plan de vidéoprotection »)"
    )
    plafond: float | None = doc("le plafond d'un financement « taux », en euros")
    fixation: str | None = doc(
        "quand et par qui un montant à fixer l'est (« chaque année par le préfet »)"
    )
    objet: str | None = doc("ce qui est financé, s'il est précisé")
    objet_en_incise: bool = doc("vrai si l'objet se lit comme un titre (imprimé entre parenthèses)")
    sollicite: bool = doc("vrai pour un financement que la partie sollicitera (hors totaux)")


@shape
class MontantAnnuel:
    """Un montant versé chaque année, de la première à la dernière."""

    montant: float = doc("le montant de chaque année, en euros")
    debut: int = doc("la première année")
    fin: int = doc("la dernière année")


@shape
class TotalFinanceur:
    """Les montants chiffrés d'un financeur."""

    libelle: str = doc("le financeur")
    ponctuel: float | None = doc("la somme de ses montants ponctuels, s'il en a")
    annuels: list[MontantAnnuel] = doc("ses montants annuels, additionnés sur les mêmes années")


@shape
class Total:
    """Un total du plan de financement."""

    libelle: str = doc("l'année")
    montant: float = doc("le total, en euros : montants ponctuels et annuels de l'année")


@shape
class PlanFinancement:
    """Le plan de financement."""

    lignes: list[LigneFinancement] = doc("les lignes de financement des engagements retenus")
    par_financeur: list[TotalFinanceur] = doc("les montants chiffrés, par financeur")
    par_annee: list[Total] = doc("les montants chiffrés, par année")
    total: float | None = doc("la somme des montants ponctuels, en euros, s'il y en a")
    annuels: list[MontantAnnuel] = doc("les montants annuels, additionnés sur les mêmes années")
    non_chiffres: list[LigneFinancement] = doc(
        "les lignes des parties sans montant chiffré (taux, poursuite, montant à fixer)"
    )
    sollicites: bool = doc("vrai si une partie sollicitera un financement auprès d'un tiers")
    total_sollicite: float = doc(
        "la somme des montants ponctuels qui seront sollicités auprès de tiers, en euros"
    )
    sollicites_non_chiffres: bool = doc(
        "vrai si un financement à solliciter n'est pas un montant ponctuel (il n'est pas dans "
        "la somme)"
    )
    etat: bool = doc(
        "vrai si l'État finance un engagement (réserve des crédits en loi de finances)"
    )
    collectivites: bool = doc(
        "vrai si une collectivité finance un engagement (réserve du vote du budget)"
    )
    subventions: bool = doc(
        "vrai si un financement est une subvention à instruire (FIPD, MILDECA, politique de la ville…)"
    )


class FinancementBuilder(Builder):
    def financement(self) -> PlanFinancement:
        every = [(e, f) for e in self.contrat.engagements if e.retenue for f in e.financements]
        shown = [ligne(e, f) for e, f in every]
        lines = [(e, f) for e, f in every if not f.sollicite]
        sought = [f for _, f in every if f.sollicite]
        payers = {f.partie or e.partie.value for e, f in lines}
        one_off: dict[str, float] = defaultdict(float)
        yearly: dict[str, dict[tuple[int, int], float]] = defaultdict(lambda: defaultdict(float))
        per_year: dict[int, float] = defaultdict(float)
        for _, f in lines:
            if f.ponctuel is not None and f.annee is not None:
                one_off[f.financeur] += f.ponctuel
                per_year[f.annee] += f.ponctuel
            if f.annuel is not None and f.annee is not None and f.annee_fin is not None:
                yearly[f.financeur][f.annee, f.annee_fin] += f.annuel
                for year in range(f.annee, f.annee_fin + 1):
                    per_year[year] += f.annuel
        funders = sorted(one_off.keys() | yearly.keys())
        every_year: dict[tuple[int, int], float] = defaultdict(float)
        for ranges in yearly.values():
            for span, amount in ranges.items():
                every_year[span] += amount
        return PlanFinancement(
            lignes=shown,
            par_financeur=[
                TotalFinanceur(name, one_off.get(name), _annuels(yearly.get(name, {})))
                for name in funders
            ],
            par_annee=[Total(str(k), v) for k, v in sorted(per_year.items())],
            total=sum(one_off.values()) if one_off else None,
            annuels=_annuels(every_year),
            non_chiffres=[
                s
                for s, (_, f) in zip(shown, every, strict=True)
                if not f.chiffre and not f.sollicite
            ],
            sollicites=bool(sought),
            total_sollicite=sum(f.ponctuel or 0.0 for f in sought),
            sollicites_non_chiffres=any(f.ponctuel is None for f in sought),
            etat=bool(payers & {Partie.ETAT.value, Partie.JUSTICE.value}),
            collectivites=Partie.COLLECTIVITES.value in payers,
            subventions=any(f.sollicite or f.source in GRANTS for _, f in every),
        )


def _annuels(ranges: dict[tuple[int, int], float]) -> list[MontantAnnuel]:
    return [MontantAnnuel(amount, first, last) for (first, last), amount in sorted(ranges.items())]


def ligne(engagement: Engagement, f: Financement) -> LigneFinancement:
    return LigneFinancement(
        engagement=engagement.titre,
        financeur=f.financeur,
        source=wording.libelle("source_financement", f.source, "court"),
        type=f.type,
        annee=f.annee,
        annee_fin=f.annee_fin,
        montant=f.montant,
        taux=f.taux,
        assiette=f.assiette,
        plafond=f.plafond,
        fixation=f.fixation,
        objet=f.objet,
        objet_en_incise=f.objet is not None and not f.objet[:1].islower(),
        sollicite=f.sollicite,
    )
