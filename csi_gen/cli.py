"""The ``csi-gen`` command: parse the arguments, call the library, report in French.

Only this module imports typer. Heavy modules (docxtpl, jsonschema…) are imported inside
the commands that need them, so that ``csi-gen --help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from csi_gen import __version__
from csi_gen.errors import (
    CsiGenError,
    InvalidContractError,
    UsageError,
    format_problem,
    plural,
)
from csi_gen.paths import contract_paths

app = typer.Typer(
    name="csi-gen",
    help="Rédige les contrats de sécurité intégrée : du JSON versionné au contrat Word.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    texte = "texte"
    json = "json"


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


@app.command("valider")
def valider(
    contrats: Annotated[
        list[str] | None,
        typer.Argument(
            help="Territoires (« toulouse ») ou chemins de fichiers ; par défaut, tous les "
            "contrats du dossier contracts/.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
) -> None:
    """Vérifie des contrats : syntaxe, schéma et règles de la circulaire.

    Exemple : csi-gen valider toulouse
    """
    from csi_gen.validation import validate

    with _reporting():
        paths = contract_paths(contrats or [])
        failed = 0
        for path in paths:
            try:
                result = validate(path, strict=strict)
            except InvalidContractError as error:
                failed += 1
                typer.echo(error.describe(nothing_written=False) + "\n", err=True)
                continue
            label = _label(path)
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


@app.command("mesures")
def mesures(
    format: Annotated[
        Format, typer.Option("--format", "-f", help="« texte » ou « json ».")
    ] = Format.texte,
) -> None:
    """Liste les mesures de l'annexe de la circulaire ; le socle est marqué.

    Exemple : csi-gen mesures --format json
    """
    from csi_gen import catalogue

    if format is Format.json:
        data = [m.as_dict() for m in catalogue.mesures()]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    partie_titles = {
        "etat": "Engagements de l'État",
        "collectivites": "Engagements des collectivités",
    }
    current = None
    for section in catalogue.sections():
        if section.partie != current:
            current = section.partie
            typer.echo(f"\n{partie_titles[current].upper()}")
        volet = catalogue.volet(section.volet).titre
        memo = " (pour mémoire)" if section.pour_memoire else ""
        typer.echo(f"\n  Volet {volet.lower()}{memo}")
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


@app.command("generer")
def generer(
    contrats: Annotated[
        list[str] | None,
        typer.Argument(
            help="Territoires (« toulouse ») ou chemins de fichiers.", show_default=False
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Produit aussi le PDF (LibreOffice nécessaire).")
    ] = False,
    sortie: Annotated[
        Path, typer.Option("--sortie", "-o", help="Dossier où écrire les documents.")
    ] = Path("build"),
) -> None:
    """Génère le contrat Word (et le PDF avec --pdf) dans build/<territoire>.docx.

    Exemple : csi-gen generer toulouse --pdf
    """
    from csi_gen.build import build_contract
    from csi_gen.formatting import nombre

    with _reporting():
        if not contrats:
            raise UsageError(
                "Erreur : indiquez le contrat à générer, par exemple « csi-gen generer toulouse »."
            )
        paths = contract_paths(contrats)
        failed = 0
        for path in paths:
            try:
                built = build_contract(path, sortie, pdf=pdf)
            except CsiGenError as error:
                if len(paths) == 1:
                    raise
                failed += 1
                typer.echo(str(error) + "\n", err=True)
                continue
            for warning in built.warnings:
                typer.echo(format_problem(warning, _label(path)), err=True)
            written = ", ".join(_label(p) for p in (built.docx, built.pdf) if p)
            typer.echo(f"{written} écrit en {nombre(round(built.seconds, 2))} s")
        if failed:
            raise typer.Exit(code=1)


def _label(path: Path) -> str:
    from csi_gen.errors import display_path

    return display_path(path)


def main() -> None:
    """Entry point of the ``csi-gen`` script."""
    try:
        app()
    except BrokenPipeError:  # « csi-gen mesures | head »
        sys.stderr.close()
