"""The command that compares two versions of a contract: comparer."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from csi_gen.cli.app import ContractArgument, Format, OutputOption, command, reporting
from csi_gen.errors import display_path, format_problem, plural
from csi_gen.paths import BUILD_DIR, contract_path

Depuis = Annotated[
    str,
    typer.Option(
        "--depuis",
        metavar="RÉVISION",
        help="Version de départ : une révision git (HEAD~1, un commit, une étiquette).",
        show_default=False,
    ),
]
Jusqua = Annotated[
    str | None,
    typer.Option(
        "--jusqua",
        metavar="RÉVISION",
        help="Version d'arrivée : une révision git ; par défaut, la copie de travail.",
        show_default=False,
    ),
]
SummaryFormat = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="« texte » ou « json » : affiche le tableau des modifications, sans écrire "
        "de document.",
        show_default=False,
    ),
]


@command("comparer")
def comparer(
    territoire: ContractArgument,
    depuis: Depuis,
    jusqua: Jusqua = None,
    format: SummaryFormat = None,
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
    from csi_gen.amend.places import places
    from csi_gen.compare.comparison import compare, summary_lines, write
    from csi_gen.formatting import nombre

    with reporting():
        path = contract_path(territoire)
        result = compare(path, depuis, jusqua, document=format is None, locate=places)
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
            seconds = nombre(round(result.seconds, 2))
            typer.echo(
                f"{display_path(target)} écrit en {seconds} s : "
                f"{found} des données, {marks} dans le texte."
            )
