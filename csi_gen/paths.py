"""Where contracts are read and documents written: territory ids, safe output paths."""

from __future__ import annotations

import re
from pathlib import Path

from csi_gen.errors import UsageError

CONTRACTS_DIR = Path("contracts")
BUILD_DIR = Path("build")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FOLLOW_UP_SUFFIX = ".suivi.json"  # contracts/<territoire>.suivi.json: a follow-up, not a contract


def is_slug(text: str) -> bool:
    return len(text) <= 64 and SLUG.match(text) is not None


def check_slug(argument: str) -> str:
    """A territory id, refused unless it is a safe slug."""
    if not is_slug(argument):
        raise UsageError(
            f"identifiant de territoire « {argument} » invalide ; attendu : lettres "
            "minuscules sans accent, chiffres et tirets (par exemple « toulouse » ou "
            "« saint-denis »)."
        )
    return argument


def contract_path(argument: str, contracts_dir: Path = CONTRACTS_DIR) -> Path:
    """``toulouse`` → ``contracts/toulouse.json``; a path to a .json file is taken as is."""
    if argument.endswith(".json") or "/" in argument or "\\" in argument:
        if not argument.endswith(".json"):
            raise UsageError(
                f"« {argument} » n'est ni un identifiant de territoire ni le chemin "
                "d'un fichier .json ; attendu : un identifiant (« toulouse ») ou un chemin qui "
                "finit par .json (« contracts/toulouse.json »)."
            )
        path = Path(argument)
        if not is_slug(path.stem):
            raise UsageError(
                f"nom de fichier « {path.name} » invalide ; le nom d'un contrat est "
                "son identifiant de territoire : lettres minuscules sans accent, chiffres et "
                "tirets (par exemple « toulouse.json »)."
            )
        return path
    return contracts_dir / f"{check_slug(argument)}.json"


def contract_paths(arguments: list[str], contracts_dir: Path = CONTRACTS_DIR) -> list[Path]:
    """The contracts named on the command line, or every contract of ``contracts_dir``."""
    if arguments:
        return [contract_path(a, contracts_dir) for a in arguments]
    paths = sorted(p for p in contracts_dir.glob("*.json") if not p.name.endswith(FOLLOW_UP_SUFFIX))
    if not paths:
        raise UsageError(f"aucun contrat dans {contracts_dir}/.")
    return paths
