"""``csi-gen suivi`` and ``csi-gen bilan``: after the signature, the follow-up and the bilan.

Registered on the one Typer app when ``csi_gen.cli`` imports this module; heavy modules
are imported inside the commands, as in the rest of the CLI.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csi_gen.cli.app import Format, OutputOption, command, progress_bar, reporting
from csi_gen.errors import InvalidContractError, UsageError, display_path, format_problem, plural
from csi_gen.paths import BUILD_DIR, contract_path, contract_paths

if TYPE_CHECKING:
    from csi_gen.contract.validation import Validated

YearOption = Annotated[
    int | None,
    typer.Option(
        "--annee",
        metavar="ANNÉE",
        min=1900,
        max=2100,
        help="Année suivie (« 2022 »).",
        show_default=False,
    ),
]


ContractOption = Annotated[
    str | None,
    typer.Argument(
        metavar="CONTRAT",
        help="Territoire (« toulouse ») ou chemin du fichier du contrat ; rien avec --tous.",
        show_default=False,
    ),
]
FollowedContract = Annotated[
    str | None,
    typer.Argument(
        metavar="CONTRAT",
        help="Territoire (« toulouse ») ou chemin du fichier du contrat.",
        show_default=False,
    ),
]
DocOption = Annotated[
    bool, typer.Option("--doc", help="Écrit docs/suivi.md, la référence des champs du suivi.")
]
AllOption = Annotated[
    bool,
    typer.Option("--tous", help="Tous les contrats de contracts/ : un classeur et une synthèse."),
]
DepartementOption = Annotated[
    str | None,
    typer.Option(
        "--departement",
        metavar="CODE",
        help="Avec --tous : les seuls contrats de ce département (« 31 »).",
        show_default=False,
    ),
]
PdfOption = Annotated[
    bool, typer.Option("--pdf", help="Produit aussi le PDF (LibreOffice nécessaire).")
]
SummaryOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="« texte » ou « json » : affiche le bilan d'un contrat, sans écrire de document.",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--travailleurs",
        "-j",
        metavar="N",
        min=1,
        help="Nombre de processus pour --tous (par défaut : un par cœur).",
        show_default=False,
    ),
]


@command("suivi")
def suivi(
    territoire: FollowedContract = None, annee: YearOption = None, doc: DocOption = False
) -> None:
    """Ajoute une année au fichier de suivi contracts/<territoire>.suivi.json.

    Chaque engagement retenu, chaque objectif attendu cette année (avec l'étape de sa
    trajectoire en rappel), chaque indicateur et chaque ligne de financement y figurent,
    à compléter : « [à compléter] ». Le fichier est créé s'il n'existe pas ; ce qui y est
    déjà écrit n'est jamais modifié.

    \b
    Exemples : csi-gen suivi toulouse --annee 2022 ; csi-gen suivi --doc
    """
    from csi_gen.contract.validation import validate
    from csi_gen.follow.loading import follow_up_path
    from csi_gen.follow.scaffold import add_year

    with reporting():
        if doc:
            _write_reference()
            return
        if territoire is None or annee is None:
            raise UsageError(
                "indiquez le contrat et l'année à ajouter : csi-gen suivi toulouse --annee 2022."
            )
        path = contract_path(territoire)
        contrat = validate(path).contrat
        target = follow_up_path(path)
        added = add_year(contrat, target, annee)
        label = display_path(target)
        if added.nothing:
            typer.echo(f"{label} : l'année {annee} est déjà complète ; rien n'a été ajouté.")
            return
        what = ", ".join(
            plural(count, singular, plural_form)
            for count, singular, plural_form in (
                (added.engagements, "engagement", None),
                (added.objectifs, "objectif", None),
                (added.indicateurs, "indicateur", None),
                (added.financements, "ligne de financement", "lignes de financement"),
            )
            if count
        )
        verb = "créé" if added.created else "complété"
        step = "ajoutée" if added.new_year else "complétée"
        typer.echo(
            f"{label} {verb} : année {annee} {step}, à compléter : {what}.\n"
            f"Remplacez chaque « [à compléter] », puis : csi-gen bilan {territoire} --annee {annee}"
        )


def _write_reference() -> None:
    from csi_gen.files import write_atomic
    from csi_gen.follow.schema_doc import render

    target = Path("docs") / "suivi.md"
    write_atomic(target, render().encode("utf-8"))
    typer.echo(f"{display_path(target)} écrit.")


@command("bilan")
def bilan(
    territoire: ContractOption = None,
    annee: YearOption = None,
    tous: AllOption = False,
    departement: DepartementOption = None,
    pdf: PdfOption = False,
    format: SummaryOption = None,
    sortie: OutputOption = BUILD_DIR,
    travailleurs: WorkersOption = None,
) -> None:
    """Écrit le bilan annuel d'un contrat : build/<territoire>-bilan-<année>.docx.

    Le bilan compare, au 31 décembre de l'année, chaque engagement et chaque objectif du
    contrat à ce que le fichier de suivi dit réalisé ; sa première page dit ce qui appelle
    une décision du comité de pilotage. Sans --annee, la dernière année suivie. Avec
    --tous, build/bilan-<année>.xlsx (un contrat par ligne) et build/bilan-<année>.docx
    (la synthèse, sur une page).

    \b
    Exemples : csi-gen bilan toulouse --annee 2022 --pdf ;
    csi-gen bilan toulouse --format texte ; csi-gen bilan --tous --annee 2022 --departement 31
    """
    with reporting():
        if tous:
            if territoire:
                raise UsageError(
                    "--tous fait le bilan de tous les contrats ; n'indiquez pas de territoire."
                )
            if annee is None:
                raise UsageError("indiquez l'année des bilans : csi-gen bilan --tous --annee 2022.")
            if pdf or format is not None:
                raise UsageError(
                    "--pdf et --format s'emploient pour le bilan d'un contrat, pas avec --tous."
                )
            _bilan_all(annee, departement, sortie, travailleurs)
            return
        if not territoire:
            raise UsageError(
                "indiquez le contrat (csi-gen bilan toulouse --annee 2022) ou --tous "
                "pour tous les contrats."
            )
        if departement is not None:
            raise UsageError("--departement s'emploie avec --tous.")
        path = contract_path(territoire)
        if format is not None:
            _summary(path, annee, format)
            return
        _bilan_one(path, annee, sortie, pdf)


def _summary(path: Path, year: int | None, output: Format) -> None:
    from csi_gen.follow import summary
    from csi_gen.follow.bilan import compute, warnings_of, year_of
    from csi_gen.follow.validation import validate_follow_up

    followup = validate_follow_up(path)
    for source, warning in warnings_of(followup):
        typer.echo(format_problem(warning, display_path(source)), err=True)
    result = compute(followup, year_of(followup, year))
    if output is Format.json:
        typer.echo(json.dumps(summary.as_data(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(summary.as_text(result, display_path(path)))


def _bilan_one(path: Path, year: int | None, output: Path, pdf: bool) -> None:
    from csi_gen.follow.bilan import build_bilan
    from csi_gen.formatting import nombre

    built = build_bilan(path, year, output, pdf=pdf)
    for source, warning in built.warnings:
        typer.echo(format_problem(warning, display_path(source)), err=True)
    paths = [display_path(p) for p in (built.docx, built.pdf) if p]
    verb = "écrit" if len(paths) == 1 else "écrits"
    typer.echo(f"{', '.join(paths)} {verb} en {nombre(round(built.seconds, 2))} s")


def _bilan_all(year: int, departement: str | None, output: Path, workers: int | None) -> None:
    from csi_gen.document.batch import default_workers
    from csi_gen.follow.consolidation import build_all, check_departement
    from csi_gen.formatting import nombre

    if departement is not None:
        check_departement(departement)  # before the work: a mistyped code is a usage error
    started = time.perf_counter()
    paths = contract_paths([])
    with progress_bar("Bilans", len(paths)) as advance:
        result = build_all(
            paths,
            year,
            output,
            departement,
            workers or default_workers(),
            on_done=lambda _: advance(1),
        )
    failures = [r for r in result.rows if not r.ok]
    for row in failures:
        typer.echo(f"{row.error}\n", err=True)
    counted = [r for r in result.rows if r.ok]
    followed = sum(1 for r in counted if r.followed)
    typer.echo(
        f"{display_path(result.workbook)} et {display_path(result.synthesis)} écrits en "
        f"{nombre(round(time.perf_counter() - started, 2))} s : "
        f"{plural(len(counted), 'contrat')}, dont {followed} avec un suivi pour {year}."
    )
    if failures:
        typer.echo(
            f"{plural(len(failures), 'contrat non compté', 'contrats non comptés')} "
            f"(contrat ou suivi invalide) ; les autres le sont.",
            err=True,
        )
        raise typer.Exit(code=1)


def check_follow_up(validated: Validated, strict: bool) -> bool:
    """For ``csi-gen valider``: check the contract's follow-up file, if it has one; report it.

    True when the follow-up is valid or absent.
    """
    from csi_gen.follow.loading import follow_up_path
    from csi_gen.follow.validation import validate_follow_up

    contract = validated.source.path
    path = follow_up_path(contract)
    if not path.exists():
        return True
    try:
        followup = validate_follow_up(contract, strict=strict, validated=validated)
    except InvalidContractError as error:
        typer.echo(error.report(nothing_written=False) + "\n", err=True)
        return False
    label = display_path(path)
    years = [a.annee for a in followup.suivi.annees]
    suffix = f" ({plural(len(followup.warnings), 'avertissement')})" if followup.warnings else ""
    shown = ", ".join(str(y) for y in years) or "aucune année"
    typer.echo(f"{label} : valide, années {shown}{suffix}")
    for warning in followup.contract_warnings:
        typer.echo(format_problem(warning, display_path(contract)), err=True)
    for warning in followup.warnings:
        typer.echo(format_problem(warning, label), err=True)
    return True
