"""The ``csi-gen`` command: parse the arguments, call the library, report in French.

Only this module (and ``clihelp``, its French help pages) imports typer. Heavy modules
(docxtpl, jsonschema…) are imported inside the commands that need them, so that
``csi-gen --help`` starts fast.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from csi_gen import __version__
from csi_gen.cli.help import FrenchCommand, FrenchGroup
from csi_gen.errors import (
    CsiGenError,
    InvalidContractError,
    UsageError,
    display_path,
    format_problem,
    plural,
)
from csi_gen.paths import BUILD_DIR, CONTRACTS_DIR, check_slug, contract_path, contract_paths

app = typer.Typer(
    name="csi-gen",
    cls=FrenchGroup,
    help="Rédige les contrats de sécurité intégrée : du JSON versionné au contrat Word.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    subcommand_metavar="COMMANDE [ARGUMENTS]…",
    context_settings={"help_option_names": ["-h", "--help"]},
)


Command = TypeVar("Command", bound=Callable[..., None])


def command(name: str) -> Callable[[Command], Command]:
    """``@app.command`` with the French help pages."""
    decorator: Callable[[Command], Command] = app.command(name, cls=FrenchCommand)
    return decorator


class Format(StrEnum):
    texte = "texte"
    json = "json"


class TypeTerritoire(StrEnum):
    commune = "commune"
    intercommunalite = "intercommunalite"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"csi-gen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Affiche la version."),
    ] = False,
) -> None:
    """Rédige les contrats de sécurité intégrée : du JSON versionné au contrat Word.

    Le chemin d'un contrat : csi-gen nouveau → édition du JSON → csi-gen valider →
    csi-gen couverture → csi-gen generer (--pdf).

    \b
    Exemple : csi-gen generer toulouse
    """


@contextmanager
def _reporting() -> Iterator[None]:
    """Turn csi-gen errors into a French message on stderr and an exit code."""
    try:
        yield
    except CsiGenError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrompu.", err=True)
        raise typer.Exit(code=130) from None


ContractsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="CONTRAT",
        help="Territoires (« toulouse ») ou chemins de fichiers ; par défaut, tous les "
        "contrats du dossier contracts/.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path,
    typer.Option("--sortie", "-o", metavar="DOSSIER", help="Dossier où écrire les documents."),
]


@command("valider")
def valider(
    contrats: ContractsArgument = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
) -> None:
    """Vérifie des contrats : syntaxe, schéma et règles de la circulaire.

    Code de sortie : 0 si tout est valide, 1 si un contrat est invalide.

    \b
    Exemple : csi-gen valider toulouse
    """
    from csi_gen.contract.validation import validate

    with _reporting():
        paths = contract_paths(contrats or [])
        failed = 0
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
        if failed:
            typer.echo(
                f"{plural(failed, 'contrat invalide', 'contrats invalides')} sur {len(paths)}.",
                err=True,
            )
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
    """Génère le contrat Word (et le PDF avec --pdf) dans build/<territoire>.docx.

    Un document existant n'est remplacé que par un document complet : en cas d'erreur,
    l'ancien reste intact.

    \b
    Exemples : csi-gen generer toulouse --pdf ; csi-gen generer --tous
    """
    with _reporting():
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


def _generate(paths: list[Path], output: Path, pdf: bool) -> None:
    from csi_gen.document.build import build_contract
    from csi_gen.formatting import nombre

    failed = 0
    for path in paths:
        try:
            built = build_contract(path, output, pdf=pdf)
        except CsiGenError as error:
            if len(paths) == 1:
                raise
            failed += 1
            typer.echo(str(error) + "\n", err=True)
            continue
        for warning in built.warnings:
            typer.echo(format_problem(warning, display_path(path)), err=True)
        written = ", ".join(display_path(p) for p in (built.docx, built.pdf) if p)
        typer.echo(f"{written} écrit en {nombre(round(built.seconds, 2))} s")
    if failed:
        raise typer.Exit(code=1)


def _generate_all(paths: list[Path], output: Path, pdf: bool, workers: int | None) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from csi_gen.document.batch import build_many, default_workers
    from csi_gen.formatting import nombre

    console = Console(stderr=True)
    # Refreshed by hand, so that no display thread runs when the workers are forked.
    with Progress(
        TextColumn("Génération"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
    ) as progress:
        # One step per document, and one per PDF: a contract that fails takes both.
        task = progress.add_task("", total=len(paths) * (2 if pdf else 1))
        refreshed = 0.0

        def advance(steps: int = 1) -> None:
            nonlocal refreshed
            progress.advance(task, steps)
            # Drawing costs the builds CPU time: on a terminal only, ten times a second.
            if console.is_terminal and time.monotonic() - refreshed > 0.1:
                progress.refresh()
                refreshed = time.monotonic()

        outcomes = build_many(
            paths,
            output,
            workers or default_workers(),
            pdf=pdf,
            on_done=lambda outcome: advance(2 if pdf and not outcome.ok else 1),
            on_converted=advance,
        )
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


@command("nouveau")
def nouveau(
    territoire: Annotated[
        str,
        typer.Argument(
            metavar="TERRITOIRE",
            help="Identifiant du territoire, nom du fichier à créer (« saint-denis »).",
            show_default=False,
        ),
    ],
    nom: Annotated[
        str,
        typer.Option("--nom", metavar="NOM", help="Nom du territoire dans le contrat."),
    ],
    type_: Annotated[
        TypeTerritoire,
        typer.Option("--type", help="Une ou plusieurs communes, ou une intercommunalité."),
    ] = TypeTerritoire.commune,
    commune: Annotated[
        list[str] | None,
        typer.Option(
            "--commune",
            metavar="NOM=INSEE",
            help="Une commune et son code INSEE ; à répéter pour chaque commune.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Crée contracts/<territoire>.json, un projet prêt à compléter.

    Chaque mesure du socle y figure « à étudier » avec le rappel de la circulaire ; les
    visas types et la période du mandat municipal sont proposés. Un fichier existant
    n'est jamais écrasé.

    \b
    Exemple : csi-gen nouveau saint-denis --nom "Saint-Denis" --commune "Saint-Denis=93066"
    """
    from csi_gen.contract.scaffold import new_contract, parse_commune, write_new_contract

    with _reporting():
        path = CONTRACTS_DIR / f"{check_slug(territoire)}.json"
        communes = [parse_commune(c, nom) for c in commune or []]
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
    territoire: Annotated[
        str,
        typer.Argument(
            metavar="CONTRAT",
            help="Territoire (« toulouse ») ou chemin du fichier.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="« texte » ou « json ».")
    ] = Format.texte,
) -> None:
    """Montre où en est un contrat : le socle par volet et par statut, les autres mesures,
    et ce qui empêche encore de passer de « projet » à « definitif ».

    \b
    Exemple : csi-gen couverture toulouse --format json
    """
    from csi_gen.contract.coverage import as_data, as_text, coverage
    from csi_gen.contract.validation import validate

    with _reporting():
        path = contract_path(territoire)
        report = coverage(validate(path))
        if format is Format.json:
            typer.echo(json.dumps(as_data(report), ensure_ascii=False, indent=2))
        else:
            typer.echo(as_text(report, display_path(path)))


@command("mesures")
def mesures(
    format: Annotated[
        Format, typer.Option("--format", "-f", help="« texte » ou « json ».")
    ] = Format.texte,
) -> None:
    """Liste les mesures de l'annexe de la circulaire ; le socle est marqué.

    \b
    Exemple : csi-gen mesures --format json
    """
    from csi_gen import catalogue
    from csi_gen.wording import denomination

    if format is Format.json:
        data = [m.as_dict() for m in catalogue.mesures()]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    current = None
    for section in catalogue.sections():
        if section.partie != current:
            current = section.partie
            typer.echo(f"\nENGAGEMENTS {denomination(current).de.upper()}")
        memo = " (pour mémoire)" if section.pour_memoire else ""
        typer.echo(f"\n  Volet {catalogue.volet(section.volet).titre.lower()}{memo}")
        for mesure in catalogue.mesures():
            if (mesure.partie, mesure.volet) != (section.partie, section.volet):
                continue
            flag = "socle" if mesure.socle else "     "
            typer.echo(f"    {mesure.id:<8} {flag}  {mesure.texte}")
            for element in mesure.elements:
                typer.echo(f"                     – {element}")
    total = len(catalogue.mesures())
    socle = sum(m.socle for m in catalogue.mesures())
    typer.echo(f"\n{total} mesures, dont {socle} au socle (en gras dans la circulaire).")


@command("visas")
def visas() -> None:
    """Liste les visas types, avec l'identifiant à citer dans « visas.exclus ».

    \b
    Exemple : csi-gen visas
    """
    from csi_gen import catalogue
    from csi_gen.formatting import date_longue

    for visa in catalogue.visas_types():
        notes = []
        if visa.date:
            notes.append(f"repris pour un contrat daté d'après le {date_longue(visa.date)}")
        if visa.condition == "intercommunalite":
            notes.append("intercommunalités seulement")
        suffix = f"  ({' ; '.join(notes)})" if notes else ""
        typer.echo(f"{visa.id:<30} Vu {visa.texte} ;{suffix}")


@command("schema")
def schema(
    doc: Annotated[
        bool,
        typer.Option("--doc", help="Écrit docs/schema.md, la référence de chaque champ."),
    ] = False,
) -> None:
    """Affiche le schéma JSON des contrats, ou écrit sa documentation en français.

    \b
    Exemples : csi-gen schema > contrat.schema.json ; csi-gen schema --doc
    """
    from csi_gen.contract.schema import SCHEMA_PATH

    with _reporting():
        if not doc:
            typer.echo(SCHEMA_PATH.read_text(encoding="utf-8"), nl=False)
            return
        from csi_gen.contract.schema import schema as load_schema
        from csi_gen.contract.schema_doc import render
        from csi_gen.document.assembly import write_atomic

        target = Path("docs") / "schema.md"
        write_atomic(target, render(load_schema()).encode("utf-8"))
        typer.echo(f"{display_path(target)} écrit.")


@command("comparer")
def comparer(
    territoire: Annotated[
        str,
        typer.Argument(
            metavar="CONTRAT",
            help="Territoire (« toulouse ») ou chemin du fichier.",
            show_default=False,
        ),
    ],
    depuis: Annotated[
        str,
        typer.Option(
            "--depuis",
            metavar="RÉVISION",
            help="Version de départ : une révision git (HEAD~1, un commit, une étiquette).",
            show_default=False,
        ),
    ],
    jusqua: Annotated[
        str | None,
        typer.Option(
            "--jusqua",
            metavar="RÉVISION",
            help="Version d'arrivée : une révision git ; par défaut, la copie de travail.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="« texte » ou « json » : affiche le tableau des modifications, sans écrire "
            "de document.",
            show_default=False,
        ),
    ] = None,
    sortie: OutputOption = BUILD_DIR,
) -> None:
    """Compare deux versions d'un contrat : build/<territoire>-comparaison.docx.

    Le document s'ouvre sur le tableau des modifications des données ; dans le contrat
    qui suit, chaque différence est une modification suivie (auteur « csi-gen ») que Word
    et LibreOffice permettent d'accepter ou de refuser. Le contrat et les modèles Word
    sont pris tels qu'ils étaient à chaque révision.

    \b
    Exemples : csi-gen comparer toulouse --depuis HEAD~1 ;
    csi-gen comparer toulouse --depuis v1 --jusqua v2 --format texte
    """
    from csi_gen.compare.comparison import compare, summary_lines, write
    from csi_gen.formatting import nombre

    with _reporting():
        path = contract_path(territoire)
        result = compare(path, depuis, jusqua, document=format is None)
        for warning in result.warnings:
            typer.echo(format_problem(warning, display_path(path)), err=True)
        if format is Format.json:
            typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        elif format is Format.texte:
            typer.echo("\n".join(summary_lines(result)))
        else:
            target = write(result, sortie)
            count = len(result.changes)
            found = plural(count, "modification") if count else "aucune modification"
            marks = plural(result.revisions, "révision") if result.revisions else "aucune révision"
            typer.echo(
                f"{display_path(target)} écrit en {nombre(round(result.seconds, 2))} s : "
                f"{found} des données, {marks} dans le texte."
            )


def _label(path: Path) -> str:
    return display_path(path)


# A build makes many short-lived objects and few reference cycles: collecting them less
# often, as mypy does, takes the collector's share of a Toulouse build from about 25 ms to
# 9 ms, with the same peak memory, even at 5,000 engagements (make bench measures it).
GC_THRESHOLDS = (50_000, 20, 20)


def main() -> None:
    """Entry point of the ``csi-gen`` script."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        app()
    except BrokenPipeError:  # « csi-gen mesures | head »
        sys.stderr.close()
