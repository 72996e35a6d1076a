"""The commands on contracts: valider, generer, nouveau, couverture."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csi_gen.cli.app import (
    ContractArgument,
    ContractsArgument,
    Format,
    FormatOption,
    OutputOption,
    command,
    progress_bar,
    reporting,
)
from csi_gen.errors import (
    CsiGenError,
    InvalidContractError,
    UsageError,
    display_path,
    format_problem,
    plural,
)
from csi_gen.paths import BUILD_DIR, CONTRACTS_DIR, check_slug, contract_path, contract_paths

if TYPE_CHECKING:
    from csi_gen.document.batch import Outcome
    from csi_gen.model import Contrat
    from csi_gen.numbering import Numerotation


class TypeTerritoire(StrEnum):
    commune = "commune"
    communes = "communes"
    intercommunalite = "intercommunalite"


TerritoireArgument = Annotated[
    str,
    typer.Argument(
        metavar="TERRITOIRE",
        help="Identifiant du territoire, nom du fichier à créer (\u00ab\u00a0saint-denis\u00a0\u00bb).",
        show_default=False,
    ),
]
NomOption = Annotated[
    str | None,
    typer.Option(
        "--nom",
        metavar="NOM",
        help="Nom du territoire dans le contrat (par défaut : celui de la commune, ou de "
        "l'intercommunalité dont les communes sont membres).",
        show_default=False,
    ),
]
TypeOption = Annotated[
    TypeTerritoire,
    typer.Option("--type", help="Une ou plusieurs communes, ou une intercommunalité."),
]
CommuneOption = Annotated[
    list[str] | None,
    typer.Option(
        "--commune",
        metavar="COMMUNE",
        help="Une commune, par son nom ou son code INSEE ; à répéter pour chaque commune "
        "(par défaut : la commune qui porte le nom du territoire).",
        show_default=False,
    ),
]
DepartementOption = Annotated[
    str | None,
    typer.Option(
        "--departement",
        metavar="CODE",
        help="Le département des communes nommées, quand plusieurs portent le même nom.",
        show_default=False,
    ),
]


@command("valider")
def valider(
    contrats: ContractsArgument = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
) -> None:
    """Vérifie des contrats : syntaxe, schéma et règles de la circulaire ; et le fichier de
    suivi de chacun (contracts/<territoire>.suivi.json), s'il en a un.

    Code de sortie : 0 si tout est valide, 1 si un contrat ou un suivi est invalide.

    \b
    Exemple : csi-gen valider toulouse
    """
    from csi_gen.cli.follow import check_follow_up
    from csi_gen.contract.validation import validate

    with reporting():
        paths = contract_paths(contrats or [])
        failed, follow_ups_valid = 0, True
        for path in paths:
            try:
                result = validate(path, strict=strict)
            except InvalidContractError as error:
                failed += 1
                typer.echo(error.report(nothing_written=False) + "\n", err=True)
                continue
            label = display_path(path)
            suffix = (
                f" ({plural(len(result.warnings), 'avertissement')})" if result.warnings else ""
            )
            typer.echo(f"{label} : valide{suffix}")
            for warning in result.warnings:
                typer.echo(format_problem(warning, label), err=True)
            follow_ups_valid &= check_follow_up(result, strict)
        if failed:
            typer.echo(
                f"{plural(failed, 'contrat invalide', 'contrats invalides')} sur {len(paths)}.",
                err=True,
            )
        if failed or not follow_ups_valid:
            raise typer.Exit(code=1)


@command("generer")
def generer(
    contrats: ContractsArgument = None,
    tous: Annotated[
        bool, typer.Option("--tous", help="Génère tous les contrats du dossier contracts/.")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Produit aussi le PDF (LibreOffice nécessaire).")
    ] = False,
    sortie: OutputOption = BUILD_DIR,
    travailleurs: Annotated[
        int | None,
        typer.Option(
            "--travailleurs",
            "-j",
            metavar="N",
            min=1,
            help="Nombre de processus pour --tous (par défaut : un par cœur).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Génère le contrat Word (et le PDF avec --pdf) dans build/<territoire>.docx, et sa note
    de présentation pour la préfecture dans build/<territoire>-note.docx.

    Un document existant n'est remplacé que par un document complet : en cas d'erreur,
    l'ancien reste intact.

    \b
    Exemples : csi-gen generer toulouse --pdf ; csi-gen generer --tous
    """
    with reporting():
        if tous:
            if contrats:
                raise UsageError("--tous génère tous les contrats ; n'indiquez pas de territoire.")
            _generate_all(contract_paths([]), sortie, pdf, travailleurs)
            return
        if not contrats:
            raise UsageError(
                "indiquez le contrat à générer (csi-gen generer toulouse) "
                "ou --tous pour tous les contrats."
            )
        _generate(contract_paths(contrats), sortie, pdf)


def _frozen_numbers(source: Path, contrat: Contrat) -> Numerotation | None:
    """``amend.consolidated.numbering``, imported only when a contract has avenants: the
    amendment modules are a tenth of ``generer``'s start-up."""
    from csi_gen.amend.consolidated import numbering

    return numbering(source, contrat)


def _generate(paths: list[Path], output: Path, pdf: bool) -> None:
    from csi_gen.document.build import build_contract
    from csi_gen.formatting import nombre

    failed = 0
    for path in paths:
        try:
            built = build_contract(path, output, pdf=pdf, numbering=_frozen_numbers)
        except CsiGenError as error:
            if len(paths) == 1:
                raise
            failed += 1
            typer.echo(str(error) + "\n", err=True)
            continue
        for warning in built.warnings:
            typer.echo(format_problem(warning, display_path(path)), err=True)
        written = [display_path(p) for p in (built.docx, built.pdf) if p]
        verb = "écrit" if len(written) == 1 else "écrits"
        typer.echo(
            f"{' et '.join(written)} {verb} en {nombre(round(built.seconds, 2))} s, "
            f"avec la note de présentation {display_path(built.note)}"
        )
    if failed:
        raise typer.Exit(code=1)


def _generate_all(paths: list[Path], output: Path, pdf: bool, workers: int | None) -> None:
    from csi_gen.document.batch import build_many, default_workers

    # One step per document, and one per PDF: a contract that fails takes both.
    with progress_bar("Génération", len(paths) * (2 if pdf else 1)) as advance:
        outcomes = build_many(
            paths,
            output,
            workers or default_workers(),
            pdf=pdf,
            on_done=lambda outcome: advance(2 if pdf and not outcome.ok else 1),
            on_converted=lambda: advance(1),
            numbering=_frozen_numbers,
        )
    _print_table(outcomes)
    failures = [o for o in outcomes if not o.ok]
    for error in dict.fromkeys(o.error for o in failures):  # « no LibreOffice » said once
        typer.echo(f"\n{error}", err=True)
    if failures:
        typer.echo(
            f"\n{plural(len(failures), 'contrat en échec', 'contrats en échec')} "
            f"sur {len(outcomes)} ; les autres ont été générés.",
            err=True,
        )
        raise typer.Exit(code=1)


def _print_table(outcomes: list[Outcome]) -> None:
    """One row per contract: generated or failed, its warnings, its time."""
    from rich.console import Console
    from rich.table import Table

    from csi_gen.formatting import nombre

    table = Table(title=None)
    for title in ("Territoire", "Statut", "Avertissements", "Temps"):
        table.add_column(title, justify="right" if title in ("Avertissements", "Temps") else "left")
    for outcome in outcomes:
        table.add_row(
            outcome.identifiant,
            "généré" if outcome.ok else "échec",
            str(outcome.warnings),
            f"{nombre(round(outcome.seconds, 2))} s",
        )
    Console().print(table)


@command("nouveau")
def nouveau(
    territoire: TerritoireArgument,
    nom: NomOption = None,
    type_: TypeOption = TypeTerritoire.commune,
    commune: CommuneOption = None,
    departement: DepartementOption = None,
) -> None:
    """Crée contracts/<territoire>.json, un projet prêt à compléter.

    Les communes sont cherchées dans la géographie officielle : le contrat reçoit leur code
    INSEE, leur population légale, leur département et, pour une intercommunalité, celle
    dont elles sont membres. Chaque mesure du socle y figure « à étudier » avec le rappel
    de la circulaire ; les visas types et la période du mandat municipal sont proposés. Un
    fichier existant n'est jamais écrasé.

    \b
    Exemples : csi-gen nouveau angers ; csi-gen nouveau saint-denis --departement 93 ;
    csi-gen nouveau grand-reims --type intercommunalite --commune Reims --commune Bétheny
    """
    from csi_gen.contract.scaffold import find_commune, new_contract, write_new_contract

    with reporting():
        path = CONTRACTS_DIR / f"{check_slug(territoire)}.json"
        names = commune or [territoire]
        communes = [find_commune(c, departement) for c in names]
        data = new_contract(nom, type_.value, communes, date.today())
        write_new_contract(path, data)
        typer.echo(
            f"{display_path(path)} créé : un projet dont les {_socle_count()} mesures du socle "
            "sont « a_etudier ».\nComplétez les textes marqués « [à compléter] », puis : "
            f"csi-gen couverture {territoire}"
        )


def _socle_count() -> int:
    from csi_gen import catalogue

    return sum(m.socle for m in catalogue.mesures())


@command("couverture")
def couverture(
    territoire: ContractArgument,
    format: FormatOption = Format.texte,
) -> None:
    """Montre où en est un contrat : le socle par volet et par statut, les autres mesures,
    et ce qui empêche encore de passer de « projet » à « definitif ».

    \b
    Exemple : csi-gen couverture toulouse --format json
    """
    from csi_gen.contract.coverage import as_data, as_text, coverage
    from csi_gen.contract.validation import validate

    with reporting():
        path = contract_path(territoire)
        report = coverage(validate(path))
        if format is Format.json:
            typer.echo(json.dumps(as_data(report), ensure_ascii=False, indent=2))
        else:
            typer.echo(as_text(report, display_path(path)))
