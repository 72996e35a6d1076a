"""The command that checks the Word templates and writes their reference: modeles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csi_gen.cli.app import command, reporting
from csi_gen.errors import UsageError, closest, display_path, plural


@command("modeles")
def modeles(
    noms: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="MODELE",
            help="Modèles à vérifier (« volets » ou « templates/volets.docx ») ; par défaut, "
            "tous ceux de templates/.",
            show_default=False,
        ),
    ] = None,
    doc: Annotated[
        bool,
        typer.Option("--doc", help="Écrit docs/modeles.md, la référence des variables."),
    ] = False,
) -> None:
    """Vérifie les modèles Word : balises, variables, filtres et styles.

    Chaque problème donne le modèle, le paragraphe compté comme dans Word et la balise.
    Code de sortie : 0 si tout est juste, 1 si un modèle a un problème, 2 pour un modèle
    inconnu.

    \b
    Exemples : csi-gen modeles ; csi-gen modeles volets ; csi-gen modeles --doc
    """
    from csi_gen.document import checker
    from csi_gen.document.parts import TEMPLATES_DIR

    with reporting():
        if doc:
            _write_templates_reference()
            return
        known = checker.names(TEMPLATES_DIR)
        wanted = [Path(n).stem for n in noms or []]
        for name in wanted:
            if name not in known:
                near = closest(name, known)
                raise UsageError(
                    f"modèle inconnu « {name} » dans {display_path(TEMPLATES_DIR)}"
                    + (f" ; vouliez-vous dire « {near} » ?" if near else ".")
                )
        findings = checker.check(TEMPLATES_DIR, wanted)
        for finding in findings:
            typer.echo(str(finding) + "\n", err=True)
        count = len(wanted) or len(known)
        if findings:
            typer.echo(
                f"{plural(len(findings), 'problème')} dans les modèles ; corrigez-les dans Word "
                "ou LibreOffice (voir docs/modeles.md).",
                err=True,
            )
            raise typer.Exit(code=1)
        typer.echo(f"{plural(count, 'modèle vérifié', 'modèles vérifiés')} : aucun problème.")


def _write_templates_reference() -> None:
    from csi_gen.document import reference
    from csi_gen.files import write_atomic

    root = Path(__file__).resolve().parents[2]
    target = Path("docs") / "modeles.md"
    write_atomic(target, reference.render(reference.toulouse_context(root)).encode("utf-8"))
    typer.echo(f"{display_path(target)} écrit.")
