"""The output is written atomically: a killed or concurrent build never leaves a broken
document where a user looks for it.

The document is written to a hidden temporary file next to it, ``.<name>.<random>.tmp``,
locked while it is written, then renamed over the previous document. A build killed with
SIGKILL leaves the previous document intact and, at worst, that hidden file; the next
build of the same document removes it. Real processes, real files, real signals.
"""

from __future__ import annotations

import fcntl
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from csi_gen.document.build import build_contract
from csi_gen.files import remove_abandoned_temporaries
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "contrats" / "minimal.json"
BUILT = ["essai-note.docx", "essai.docx"]  # the contract and its note de présentation
COMMAND = [sys.executable, "-m", "csi_gen", "generer", "contracts/essai.json", "--sortie", "build"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """contracts/essai.json, and build/essai.docx from an earlier version of the contract."""
    (tmp_path / "contracts").mkdir()
    earlier = tmp_path / "contracts" / "essai.json"
    text = MINIMAL.read_text("utf-8")
    earlier.write_text(
        text.replace('"statut": "projet"', '"titre": "Version précédente",\n  "statut": "projet"')
    )
    build_contract(earlier, tmp_path / "build")
    earlier.write_text(text, encoding="utf-8")
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def visible(folder: Path) -> list[str]:
    return [name for name in names(folder) if not name.startswith(".")]


def hidden(folder: Path) -> list[str]:
    return [name for name in names(folder) if name.startswith(".")]


def new_document(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """What a complete build of the current contract writes."""
    return build_contract(
        workspace / "contracts" / "essai.json", tmp_path_factory.mktemp("n")
    ).docx.read_bytes()


WRITER = """
import sys
from pathlib import Path
from csi_gen.files import write_atomic
write_atomic(Path(sys.argv[1]), b"PK" + b"\\0" * int(sys.argv[2]))
"""


def kill_while_writing(target: Path, size: int) -> bool:
    """Start writing ``size`` bytes to ``target`` in another process; SIGKILL it as soon as
    its temporary file exists. Whether the kill came before the rename."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(size)])
    try:
        deadline = time.monotonic() + 30
        while not hidden(target.parent) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    return process.returncode == -signal.SIGKILL and bool(hidden(target.parent))


def test_a_build_killed_while_writing_leaves_the_previous_document_and_the_next_build_cleans_up(
    workspace, tmp_path_factory
):
    document = workspace / "build" / "essai.docx"
    previous = document.read_bytes()

    for megabytes in (64, 128, 256):  # if the write ends before the kill, write more
        if kill_while_writing(document, megabytes * 1024 * 1024):
            break
        document.write_bytes(previous)
    else:
        pytest.fail("the writer always finished before SIGKILL")

    assert document.read_bytes() == previous
    assert visible(workspace / "build") == BUILT
    assert len(hidden(workspace / "build")) == 1  # the hidden, half-written temporary file
    built = build_contract(workspace / "contracts" / "essai.json", workspace / "build")
    assert built.docx.read_bytes() == new_document(workspace, tmp_path_factory)
    assert names(workspace / "build") == BUILT


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_document_never_a_part(
    workspace, tmp_path_factory
):
    build = workspace / "build"
    previous = (build / "essai.docx").read_bytes()
    new = new_document(workspace, tmp_path_factory)
    started = time.monotonic()
    subprocess.run(COMMAND, cwd=workspace, check=True, capture_output=True)
    duration = time.monotonic() - started
    (build / "essai.docx").write_bytes(previous)

    for fraction in (0.2, 0.4, 0.6, 0.75, 0.85, 0.9, 0.95, 1.0):
        process = subprocess.Popen(COMMAND, cwd=workspace, stdout=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()

        assert visible(build) in (["essai.docx"], BUILT)  # the note is written second
        assert (build / "essai.docx").read_bytes() in (previous, new)

    subprocess.run(COMMAND, cwd=workspace, check=True, capture_output=True)
    assert names(build) == BUILT
    assert (build / "essai.docx").read_bytes() == new


@pytest.mark.parametrize("builds", [2, 4])
def test_concurrent_builds_of_the_same_contract_all_end_with_a_valid_document(
    builds, workspace, tmp_path_factory
):
    processes = [
        subprocess.Popen(COMMAND, cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(builds)
    ]
    results = [(*process.communicate(), process.returncode) for process in processes]

    assert [code for _, _, code in results] == [0] * builds, [err for _, err, _ in results]
    document = workspace / "build" / "essai.docx"
    assert names(workspace / "build") == BUILT
    assert document.read_bytes() == new_document(workspace, tmp_path_factory)
    docx.Document(str(document))


def test_the_temporary_file_of_a_build_in_progress_is_left_alone(tmp_path):
    document = tmp_path / "essai.docx"
    temporary = tmp_path / ".essai.docx.encours.tmp"
    temporary.write_bytes(b"en cours")
    with temporary.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a running build holds it

        assert remove_abandoned_temporaries(document) == []
        assert temporary.exists()

    assert remove_abandoned_temporaries(document) == [temporary]
    assert not temporary.exists()


def test_only_the_temporary_files_of_that_document_are_removed(tmp_path):
    for name in (".essai.docx.a.tmp", ".autre.docx.b.tmp", "essai.docx.c.tmp", ".essai.docx.d"):
        (tmp_path / name).write_bytes(b"")
    shutil.copy(MINIMAL, tmp_path / ".essai.docx.lien.tmp.cible")
    (tmp_path / ".essai.docx.lien.tmp").symlink_to(tmp_path / ".essai.docx.lien.tmp.cible")

    removed = remove_abandoned_temporaries(tmp_path / "essai.docx")

    assert [p.name for p in removed] == [".essai.docx.a.tmp"]
    assert (tmp_path / ".essai.docx.lien.tmp.cible").exists()
