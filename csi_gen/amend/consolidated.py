"""The numbers frozen at signature, for the consolidated version that ``generer`` writes.

Points are paired from one version to the next; articles keep the labels that the rendered
text of the version amended gives them (« Article 7 – Engagements de la Ville »).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from csi_gen.amend import units
from csi_gen.amend.history import Amended, amended_versions, as_last_signed
from csi_gen.amend.numbering import freeze, plain
from csi_gen.compare.changes import changes
from csi_gen.document.assembly import render_document
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.errors import UsageError, display_path, plural
from csi_gen.model import Contrat
from csi_gen.numbering import ArticleKey, Numerotation
from csi_gen.versioning import data_version


def read_units(
    contrat: Contrat, numbers: Numerotation, source: Path, templates: Path = TEMPLATES_DIR
) -> units.Units:
    """The articles, points and annexes of a version, rendered with its frozen numbers."""
    document = render_document(contrat, data_version(source), templates, numbers)
    return units.read(document, templates / "maitre.docx")


def labels(found: units.Units) -> dict[ArticleKey, str]:
    return {a.key: a.label for a in found.articles}


def chain(
    versions: list[Amended], source: Path, templates: Path = TEMPLATES_DIR
) -> list[Numerotation]:
    """The numbers of each amended version: the signed contract's, then frozen from them."""
    numbers = [plain(versions[0].contrat)]
    for earlier, later in itertools.pairwise(versions):
        articles = labels(read_units(earlier.contrat, numbers[-1], source, templates))
        numbers.append(freeze(earlier.contrat, numbers[-1], later.contrat, articles))
    return numbers


def numbering(source: Path, contrat: Contrat) -> Numerotation | None:
    """For ``generer``: the frozen numbers of the contract at ``source``, None when it has
    no avenant. A text changed after its last avenant was signed is no consolidated version
    of anything signed: it is refused, with what to do."""
    if contrat.avenants:
        _unchanged_since_signed(source, contrat)
    return frozen_numbers(source, contrat)


def frozen_numbers(source: Path, contrat: Contrat) -> Numerotation | None:
    """The frozen numbers of a version of the contract; None when it has no avenant."""
    if not contrat.avenants:
        return None
    versions = amended_versions(source, contrat)
    last = chain(versions, source)[-1]
    articles = labels(read_units(versions[-1].contrat, last, source))
    return freeze(versions[-1].contrat, last, contrat, articles)


def _unchanged_since_signed(source: Path, contrat: Contrat) -> None:
    signed = as_last_signed(source, contrat)
    if signed is None:
        return
    found = changes(signed.contrat, contrat)
    if found:
        numero = contrat.avenants[-1].numero
        raise UsageError(
            f"{display_path(source)} a changé depuis la signature de l'avenant n° {numero} "
            f"(enregistrement {signed.revision.short}) : {plural(len(found), 'modification')} que personne "
            f"n'a signée{'s' if len(found) > 1 else ''}, dont « {found[0]} ». Enregistrez un "
            f"avenant n° {numero + 1} (statut « projet ») pour ces modifications, ou revenez à "
            f"la version signée ; « csi-gen comparer {contrat.identifiant} --depuis "
            f"{signed.revision.short} » les montre."
        )
