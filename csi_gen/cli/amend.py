"""The command that writes an avenant to a signed contract: avenant."""

from __future__ import annotations

from typing import Annotated

import typer

from csi_gen.cli.app import ContractArgument, OutputOption, command, reporting
from csi_gen.errors import ConversionError, display_path, format_problem, plural
from csi_gen.paths import BUILD_DIR, contract_path

Numero = Annotated[
    int | None,
    typer.Option(
        "--numero",
        "-n",
        metavar="N",
        min=1,
        help="Le numéro de l'avenant ; par défaut, le dernier.",
        show_default=False,
    ),
]


@command("avenant")
def avenant(
    territoire: ContractArgument,
    numero: Numero = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Produit aussi le PDF (LibreOffice nécessaire).")
    ] = False,
    sortie: OutputOption = BUILD_DIR,
) -> None:
    """Rédige l'avenant n° N au contrat signé : build/<territoire>-avenant-<N>.docx.

    Le contrat doit enregistrer ses avenants (« avenants ») et être sous git : l'avenant
    compare la version qu'il modifie (le contrat signé, ou l'avenant précédent) avec la
    suivante, et rédige un article par modification, article et point cités comme dans le
    texte signé.

    \b
    Exemples : csi-gen avenant toulouse ; csi-gen avenant toulouse --numero 1 --pdf
    """
    from csi_gen.amend.avenant import draft, output_path
    from csi_gen.files import refuse_unsafe_output, write_atomic

    with reporting():
        path = contract_path(territoire)
        drafted = draft(path, numero)
        for warning in drafted.warnings:
            typer.echo(format_problem(warning, display_path(path)), err=True)
        target = output_path(drafted.identifiant, drafted.numero, sortie)
        pdf_path = target.with_suffix(".pdf") if pdf else None
        if pdf_path is not None:
            refuse_unsafe_output(pdf_path)
        write_atomic(target, drafted.docx)
        written = [display_path(target)]
        if pdf_path is not None:
            from csi_gen.document.pdf import Converter

            with Converter() as converter:
                converter.submit(target, pdf_path)
                error = next(iter(converter.results().values()))
            if error is not None:
                raise ConversionError(f"la conversion PDF par LibreOffice a échoué.\n{error}")
            written.append(display_path(pdf_path))
        articles = plural(len(drafted.amendements), "modification")
        fields = plural(len(drafted.changes), "modification")
        typer.echo(
            f"{' et '.join(written)} : avenant n° {drafted.numero}, {articles} du texte "
            f"({fields} des données, comme « comparer »)."
        )
