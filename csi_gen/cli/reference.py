"""The commands that show csi-gen's reference data: mesures, visas, schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from csi_gen.cli.app import Format, FormatOption, command, reporting
from csi_gen.errors import display_path


@command("mesures")
def mesures(
    format: FormatOption = Format.texte,
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
        typer.echo(f"\n  {catalogue.volet(section.volet).intitule}{memo}")
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

    with reporting():
        if not doc:
            typer.echo(SCHEMA_PATH.read_text(encoding="utf-8"), nl=False)
            return
        from csi_gen.contract.schema import schema as load_schema
        from csi_gen.contract.schema_doc import render
        from csi_gen.files import write_atomic

        target = Path("docs") / "schema.md"
        write_atomic(target, render(load_schema()).encode("utf-8"))
        typer.echo(f"{display_path(target)} écrit.")
