"""The spreadsheet of ``csi-gen bilan --tous``: a row per contract, a sheet per theme.

What a préfecture or the ministry consolidates by hand: engagements by state, the main
figures promised and achieved, financing by group of funders. Each sheet has frozen
headers and filters; its total row sums the visible rows (SUBTOTAL), with the total of all
rows stored as the cell's value, so that a reader without a spreadsheet engine (openpyxl)
sees it too. The workbook's bytes are the same from one run to the next.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from csi_gen.errors import without_prefix
from csi_gen.follow import figures
from csi_gen.follow.rows import Row
from csi_gen.follow.words import avancement, colonne, mot
from csi_gen.formatting import echeance

THEMES = ("policiers_nationaux", "policiers_municipaux", "cameras")
GROUPS = ("etat", "collectivites", "autres")
AMOUNTS = (("planned", "prevu"), ("engaged", "engage"), ("paid", "paye"))

Value = str | float | int | None
Column = tuple[str, int, Callable[[Any], Value], bool]  # header, width, value, summed


def workbook(rows: Sequence[Row], year: int) -> bytes:
    """The workbook of the year's bilans, as bytes."""
    import xlsxwriter

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties(
        {
            "title": mot("classeur", "titre", annee=year),
            "author": "csi-gen",
            "created": datetime(2021, 4, 16),
        }
    )
    formats = {
        "head": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E3E3FD", "border": 1}
        ),
        "text": book.add_format({"valign": "top", "text_wrap": True}),
        "number": book.add_format({"num_format": "#,##0", "valign": "top"}),
        "total": book.add_format({"bold": True, "num_format": "#,##0", "top": 1}),
        "total_text": book.add_format({"bold": True, "top": 1}),
    }
    counted = [r for r in rows if r.ok]
    _sheet(book, formats, _title("contrats"), _contract_columns(year), rows)
    for theme in THEMES:
        lines = [(r, r.themes[theme]) for r in counted if theme in r.themes]
        _sheet(book, formats, mot("themes", theme), _theme_columns(year), lines)
    funding = [(r, f) for r in counted for f in r.funding if not f.sought]
    _sheet(book, formats, _title("financements"), _funding_columns(), funding)
    sought = [(r, f) for r in counted for f in r.funding if f.sought]
    if sought:  # the money to seek from third parties: apart, never in the parties' totals
        _sheet(book, formats, _title("financements_sollicites"), _funding_columns(), sought)
    late = [(r, item) for r in counted for item in r.late]
    _sheet(book, formats, _title("retards"), _late_columns(), late, total=False)
    book.close()
    return output.getvalue()


def _title(key: str) -> str:
    return mot("classeur", "feuilles", key)


def _sheet(
    book: Any,
    formats: dict[str, Any],
    title: str,
    columns: Sequence[Column],
    items: Sequence[Any],
    total: bool = True,
) -> None:
    sheet = book.add_worksheet(title[:31])
    for column, (header, width, _, _) in enumerate(columns):
        sheet.write_string(0, column, header, formats["head"])
        sheet.set_column(column, column, width)
    for row, item in enumerate(items, start=1):
        for column, (_, _, value, _) in enumerate(columns):
            cell = value(item)
            if isinstance(cell, int | float) and not isinstance(cell, bool):
                sheet.write_number(row, column, cell, formats["number"])
            elif cell:  # nothing, not an empty text, where there is no value
                sheet.write_string(row, column, str(cell), formats["text"])
    last = len(items)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(last, 1), len(columns) - 1)
    if not total:
        return
    bottom = last + 1
    sheet.write_string(bottom, 0, mot("total"), formats["total_text"])
    for column, (_, _, value, summed) in enumerate(columns):
        if not summed:
            continue
        numbers = [value(item) for item in items]
        result = sum(n for n in numbers if isinstance(n, int | float))
        letter = _letter(column)
        formula = f"=SUBTOTAL(9,{letter}2:{letter}{max(last, 1) + 1})"
        sheet.write_formula(bottom, column, formula, formats["total"], result)


def _letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _ok(function: Callable[[Row], Value]) -> Callable[[Row], Value]:
    """A figure of a contract, blank when the contract could not be read."""
    return lambda row: function(row) if row.ok else None


def _contract_columns(year: int) -> list[Column]:
    followed = {
        True: mot("classeur", "valeurs", "suivi"),
        False: mot("classeur", "valeurs", "sans_suivi"),
    }
    error = mot("classeur", "valeurs", "erreur")
    columns: list[Column] = [
        (colonne("territoire"), 24, lambda r: r.territoire or r.identifiant, False),
        (colonne("departement"), 10, lambda r: r.departement, False),
        (colonne("suivi", annee=year), 9, lambda r: followed[r.followed] if r.ok else error, False),
        (colonne("engagements"), 11, _ok(lambda r: sum(r.counts.values())), True),
    ]
    columns += [
        (avancement(state, "colonne"), 10, _ok(partial(_count, state=state)), True)
        for state in figures.STATES
    ]
    for theme in THEMES:
        title = mot("themes", theme)
        columns += [
            (
                colonne(header, theme=title),
                12,
                _ok(partial(_figure, theme=theme, key=key)),
                True,
            )
            for header, key in (("theme_prevu", "planned"), ("theme_realise", "achieved"))
        ]
    groups = [(g, mot("groupes_de_financeurs", g)) for g in GROUPS]
    for group, label in [*groups, (None, mot("total"))]:
        columns += [
            (
                colonne("montant", groupe=label, montant=mot("classeur", "montants", word)),
                14,
                _ok(partial(_funds, group=group, key=key)),
                True,
            )
            for key, word in AMOUNTS
        ]
    columns.append((colonne("observation"), 60, _observation, False))
    return columns


def _count(row: Row, state: str) -> int:
    return row.counts.get(state, 0)


def _figure(row: Row, theme: str, key: str) -> float | None:
    figure = row.themes.get(theme)
    return getattr(figure, key) if figure is not None else None


def _funds(row: Row, group: str | None, key: str) -> float:
    return sum(
        getattr(f, key) or 0
        for f in row.funding
        if not f.sought and (group is None or f.group == group)
    )


def _observation(row: Row) -> str | None:
    if row.error:
        return without_prefix(row.error.split("\n", 1)[0])
    if row.warnings:
        return mot("classeur", "valeurs", "avertissements", compte=row.warnings)
    return None


def _theme_columns(year: int) -> list[Column]:
    counts = {
        True: mot("classeur", "valeurs", "niveau"),
        False: mot("classeur", "valeurs", "ajouts"),
    }
    return [
        (colonne("territoire"), 24, lambda item: item[0].territoire, False),
        (colonne("departement"), 10, lambda item: item[0].departement, False),
        (colonne("engagement"), 36, lambda item: item[1].engagement, False),
        (colonne("objectif"), 36, lambda item: item[1].libelle, False),
        (colonne("cible"), 28, lambda item: item[1].cible, False),
        (
            colonne("echeance"),
            11,
            lambda item: echeance(item[1].echeance) if item[1].echeance else None,
            False,
        ),
        (colonne("compte"), 14, lambda item: counts[item[1].stock], False),
        (colonne("prevu_fin", annee=year), 12, lambda item: item[1].planned, True),
        (colonne("realise_fin", annee=year), 12, lambda item: item[1].achieved, True),
        (colonne("ecart"), 10, lambda item: item[1].gap, True),
        (
            colonne("ecart_part"),
            10,
            lambda item: figures.percent(item[1].gap, item[1].planned),
            False,
        ),
    ]


def _funding_columns() -> list[Column]:
    return [
        (colonne("territoire"), 24, lambda item: item[0].territoire, False),
        (colonne("departement"), 10, lambda item: item[0].departement, False),
        (colonne("engagement"), 36, lambda item: item[1].engagement, False),
        (colonne("financeur"), 28, lambda item: item[1].financeur, False),
        (
            colonne("groupe"),
            18,
            lambda item: mot("groupes_de_financeurs", item[1].group),
            False,
        ),
        (colonne("source"), 20, lambda item: _source(item[1].source), False),
        (colonne("annee"), 8, lambda item: item[1].annee, False),
        (colonne("prevu"), 14, lambda item: item[1].planned, True),
        (colonne("engage"), 14, lambda item: item[1].engaged, True),
        (colonne("paye"), 14, lambda item: item[1].paid, True),
    ]


def _source(source: str) -> str:
    from csi_gen.wording import libelle

    return libelle("source_financement", source, "court")


def _late_columns() -> list[Column]:
    return [
        (colonne("territoire"), 24, lambda item: item[0].territoire, False),
        (colonne("departement"), 10, lambda item: item[0].departement, False),
        (colonne("volet"), 24, lambda item: item[1].volet, False),
        (colonne("partie"), 16, lambda item: item[1].partie, False),
        (colonne("engagement"), 40, lambda item: item[1].titre, False),
        (colonne("avancement"), 12, lambda item: avancement(item[1].state, "etat"), False),
        (colonne("motif"), 60, lambda item: item[1].reason, False),
    ]
