"""The same contract gives the same bytes, whatever the time zone, locale or hash seed.

Each build runs in its own process with its own environment, as on different machines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.docx_reading import header_and_footer_parts, visible_text

COMPLET = FIXTURES / "contrats" / "complet.json"
ENVIRONMENTS = [
    {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
    {"TZ": "Pacific/Kiritimati", "LANG": "fr_FR.UTF-8", "PYTHONHASHSEED": "1"},
    {"TZ": "America/St_Johns", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"},
    {"TZ": "Asia/Kathmandu", "LANG": "C", "LC_ALL": "C", "PYTHONHASHSEED": "4294967295"},
]


def build_everywhere(workspace: Path) -> list[bytes]:
    """Build contracts/complet.json once per environment, concurrently; return the bytes."""
    processes = []
    for index, overrides in enumerate(ENVIRONMENTS):
        environment = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG")}
        environment.pop("PYTHONHASHSEED", None)
        environment |= overrides
        command = [sys.executable, "-m", "csi_gen", "generer", "contracts/complet.json"]
        processes.append(
            subprocess.Popen(
                [*command, "--sortie", f"sortie-{index}"],
                cwd=workspace,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for process in processes:
        _, error = process.communicate()
        assert process.returncode == 0, error.decode("utf-8", "replace")
    return [
        (workspace / f"sortie-{i}" / "complet.docx").read_bytes() for i in range(len(ENVIRONMENTS))
    ]


def test_time_zone_locale_and_hash_seed_do_not_change_a_byte(tmp_path):
    (tmp_path / "contracts").mkdir()
    shutil.copy(COMPLET, tmp_path / "contracts" / "complet.json")

    documents = build_everywhere(tmp_path)

    assert len(set(documents)) == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_a_versioned_contract_gives_the_same_bytes_in_every_time_zone(tmp_path):
    # Committed at 23:30 in Honolulu: already the next day in UTC. The draft's date printed
    # in the footer is the day of the commit where it was made, on every machine.
    (tmp_path / "contracts").mkdir()
    shutil.copy(COMPLET, tmp_path / "contracts" / "complet.json")
    git = ["git", "-c", "user.name=Essai", "-c", "user.email=essai@example.org"]
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2021-04-16T23:30:00-10:00"}
    dated["GIT_AUTHOR_DATE"] = dated["GIT_COMMITTER_DATE"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "contracts"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "essai"], cwd=tmp_path, check=True, env=dated)

    documents = build_everywhere(tmp_path)

    assert len(set(documents)) == 1
    document = tmp_path / "sortie-0" / "complet.docx"
    footers = [visible_text(document, part) for part in header_and_footer_parts(document)]
    # « Projet n° 1 du 16 avril 2021 »: the file's first commit, on the day it was made there
    assert any(re.search(r"Projet n°\W?1 du 16\W?avril 2021", f) for f in footers), footers
