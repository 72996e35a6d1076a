"""Every command the README shows runs, in the README's order, in a fresh repository."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csi_gen.document import pdf
from tests.conftest import ROOT, TOULOUSE

BIN = Path(sys.executable).parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Not run here: the test suite itself, and the targets CI runs on its own.
NOT_RUN = {"make test", "make lint", "make fuzz", "make bench"}


def readme_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command and command not in NOT_RUN:
                commands.append(command)
    return commands


COMMANDS = readme_commands()


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A repository of contracts as a user has it: the project's files, git, a contract."""
    root = tmp_path_factory.mktemp("depot")
    for name in ("Makefile", "pyproject.toml", "csi_gen", "schema", "tools"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "contracts").mkdir()
    shutil.copy(TOULOUSE, root / "contracts" / "toulouse.json")
    shutil.copy(TOULOUSE.with_name("toulouse.suivi.json"), root / "contracts")
    git = ["git", "-C", str(root), "-c", "user.name=Préfecture", "-c", "user.email=p@example.fr"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "contracts", "templates"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Contrat de Toulouse"], check=True)
    return root


def test_the_readme_shows_the_whole_path_of_a_contract():
    shown = " | ".join(COMMANDS)
    for step in (
        "csi-gen nouveau",
        "csi-gen valider",
        "csi-gen couverture",
        "csi-gen generer",
        "--pdf",
        "make contract TERRITORY=toulouse",
        "csi-gen suivi",
        "csi-gen bilan",
        "csi-gen bilan --tous",
    ):
        assert step in shown


def test_the_commands_of_the_readme_run_in_its_order(repository):
    """One test, so that one worker runs them in order: each step uses what the previous
    ones wrote (« nouveau » writes the contract « valider » reads)."""
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for command in COMMANDS:
        if ("--pdf" in command or command.startswith("make pdf")) and not pdf.available():
            continue  # LibreOffice absent
        words = shlex.split(command)
        if words[0] == "csi-gen":
            words[0] = str(BIN / "csi-gen")
        elif words[0] == "make":
            words += [f"VENV={BIN.parent}", f"PYTHON={sys.executable}"]

        result = subprocess.run(
            words, cwd=repository, capture_output=True, text=True, env=environment, check=False
        )

        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
