"""The numbers frozen at signature, for the consolidated version that ``generer`` writes."""

from __future__ import annotations

import itertools
from pathlib import Path

from csi_gen.amend.history import Amended, amended_versions
from csi_gen.amend.numbering import freeze, plain
from csi_gen.model import Contrat
from csi_gen.numbering import Numerotation


def chain(versions: list[Amended]) -> list[Numerotation]:
    """The numbers of each amended version: the signed contract's, then frozen from them."""
    numbers = [plain(versions[0].contrat)]
    for earlier, later in itertools.pairwise(versions):
        numbers.append(freeze(earlier.contrat, numbers[-1], later.contrat))
    return numbers


def numbering(source: Path, contrat: Contrat) -> Numerotation | None:
    """The frozen numbers of the contract at ``source``; None when it has no avenant."""
    if not contrat.avenants:
        return None
    versions = amended_versions(source, contrat)
    return freeze(versions[-1].contrat, chain(versions)[-1], contrat)
