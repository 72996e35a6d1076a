"""The Typer application: its options, how a command reports errors, the entry point.

Only ``cli/`` imports typer. Each command imports what it needs inside its function, so
that ``csi-gen --help`` starts without the heavy libraries (docxtpl, jsonschema, lxml).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from csi_gen import __version__
from csi_gen.cli.help import FrenchCommand, FrenchGroup
from csi_gen.errors import CsiGenError

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


ContractsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="CONTRAT",
        help="Territoires (« toulouse ») ou chemins de fichiers ; par défaut, tous les "
        "contrats du dossier contracts/.",
        show_default=False,
    ),
]
ContractArgument = Annotated[
    str,
    typer.Argument(
        metavar="CONTRAT",
        help="Territoire (« toulouse ») ou chemin du fichier.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path,
    typer.Option("--sortie", "-o", metavar="DOSSIER", help="Dossier où écrire les documents."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="« texte » ou « json ».")]


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
def reporting() -> Iterator[None]:
    """Turn csi-gen errors into a French message on stderr and an exit code."""
    try:
        yield
    except CsiGenError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrompu.", err=True)
        raise typer.Exit(code=130) from None


# A build makes many short-lived objects and few reference cycles: collecting them less
# often, as mypy does, pays. Building Toulouse allocates about 85,000 tracked objects: at
# 200,000, a contract of up to a thousand engagements is built without a single collection
# (at 50,000, Toulouse took one of 20 to 40 ms), and 5,000 engagements peak at 461 MB
# instead of 451 (make bench measures it).
GC_THRESHOLDS = (200_000, 20, 20)


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error; yields ``advance(steps)``.

    Refreshed by hand, so that no display thread runs when batch workers are forked, and
    only on a terminal, ten times a second: drawing costs the builds CPU time.
    """
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
    ) as progress:
        task = progress.add_task("", total=total)
        refreshed = 0.0

        def advance(steps: int = 1) -> None:
            nonlocal refreshed
            progress.advance(task, steps)
            if console.is_terminal and time.monotonic() - refreshed > 0.1:
                progress.refresh()
                refreshed = time.monotonic()

        yield advance


def main() -> None:
    """The ``csi-gen`` command: parse the arguments, run, raise ``SystemExit`` with the code."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        app()
    except BrokenPipeError:  # « csi-gen mesures | head »
        sys.stderr.close()


def run() -> NoReturn:
    """Entry point of the ``csi-gen`` script: ``main``, then the process ends at once.

    Tearing the interpreter down frees every object of a build one at a time (documents,
    templates, libraries): a fifth of ``generer``'s time on the reference machine, for
    nothing, since by then the files are written and closed and LibreOffice and the workers
    are stopped, their context managers having exited. As mypy does, the process flushes
    what it printed and leaves. An unexpected exception still ends the usual way, with its
    traceback.
    """
    code = 0
    try:
        main()
    except SystemExit as leaving:
        code = _status(leaving.code)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe (« | head »), stream
            stream.flush()
    os._exit(code)


def _status(code: object) -> int:
    """The exit status ``sys.exit(code)`` gives: 0 for None, the number, else 1 after
    printing the message."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    with suppress(OSError, ValueError):
        print(code, file=sys.stderr)
    return 1
