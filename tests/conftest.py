"""Shared fixtures: the real contracts of the repository, and copies to break."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOULOUSE = CONTRACTS / "toulouse.json"
METROPOLE = FIXTURES / "contrats" / "metropole-exemple.json"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True, scope="session")
def private_template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' compiled templates go to a folder of their own, not the user's cache."""
    os.environ["CSI_GEN_CACHE"] = str(tmp_path_factory.mktemp("cache-modeles"))


@pytest.fixture(scope="session")
def libreoffice() -> None:
    """Skip a test without LibreOffice and python3-uno, unless CI demands them."""
    from csi_gen.document import pdf

    if not pdf.available():
        if os.environ.get("CSI_GEN_EXIGER_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice et python3-uno sont exigés ici (CSI_GEN_EXIGER_LIBREOFFICE=1)")
        pytest.skip("LibreOffice ou python3-uno absent")


@pytest.fixture(scope="session")
def toulouse_data() -> dict[str, Any]:
    return read_json(TOULOUSE)


@pytest.fixture(scope="session")
def metropole_data() -> dict[str, Any]:
    return read_json(METROPOLE)


Writer = Callable[..., Path]


@pytest.fixture
def write_contract(tmp_path: Path) -> Writer:
    """Write a contract (data, or raw text) as tmp_path/contracts/<name>.json."""

    def write(content: Any, name: str = "essai") -> Path:
        folder = tmp_path / "contracts"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            text = json.dumps(content, ensure_ascii=False, indent=2)
            try:
                path.write_text(text, encoding="utf-8")
            except UnicodeEncodeError:  # a lone surrogate: JSON can only escape it
                path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out like a repository of contracts, as the current directory."""
    (tmp_path / "contracts").mkdir()
    (tmp_path / "schema").symlink_to(ROOT / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def toulouse_copy(toulouse_data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(toulouse_data)


@pytest.fixture(scope="session")
def built_toulouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/toulouse.docx, built once for the session from a copy of the real contract."""
    from csi_gen.document.build import build_contract

    folder = tmp_path_factory.mktemp("toulouse")
    source = folder / "contracts" / "toulouse.json"
    source.parent.mkdir()
    shutil.copy(TOULOUSE, source)
    return build_contract(source, folder / "build").docx


@pytest.fixture(scope="session")
def built_metropole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from csi_gen.document.build import build_contract

    folder = tmp_path_factory.mktemp("metropole")
    return build_contract(METROPOLE, folder / "build").docx


# --- Property-based tests: a modest run by default, a long one with « make fuzz » ----------------

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "csi-gen",
    max_examples=20,
    deadline=None,  # a build takes a fraction of a second, more on a loaded machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,  # a failure prints the line that replays it: @reproduce_failure(…)
    derandomize=True,  # the same examples on every run: make test and CI are reproducible
)
FUZZ_EXAMPLES = os.environ.get("CSI_GEN_FUZZ", "")  # « make fuzz » sets it: examples per test
if FUZZ_EXAMPLES:
    settings.register_profile(
        "fuzz",
        parent=settings.get_profile("csi-gen"),
        max_examples=int(FUZZ_EXAMPLES),
        derandomize=False,  # long runs explore new examples each time
    )
settings.load_profile("fuzz" if FUZZ_EXAMPLES else "csi-gen")
