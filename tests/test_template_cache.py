"""Compiled templates are cached on disk; a missing, corrupt or disabled cache changes nothing."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from csi_gen.document import cache as compiled
from csi_gen.document.build import build_contract
from csi_gen.document.pdf import STALE_SECONDS, remove_stale_temporaries
from tests.conftest import TOULOUSE


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CSI_GEN_CACHE", str(folder))
    compiled.COMPILED._templates.clear()
    yield folder
    compiled.COMPILED._templates.clear()


def build(tmp_path, name):
    source = tmp_path / "toulouse.json"
    shutil.copy(TOULOUSE, source)
    return build_contract(source, tmp_path / name).docx.read_bytes()


def test_the_compiled_body_is_cached_and_gives_the_same_document(cache, tmp_path):
    first = build(tmp_path, "a")
    cached = sorted(cache.glob("*.code"))
    compiled.COMPILED._templates.clear()

    second = build(tmp_path, "b")

    assert cached and first == second
    assert sorted(cache.glob("*.code")) == cached


def test_a_corrupt_cache_is_ignored(cache, tmp_path):
    first = build(tmp_path, "a")
    for path in cache.glob("*.code"):
        path.write_bytes(b"pas du code")
    compiled.COMPILED._templates.clear()

    assert build(tmp_path, "b") == first


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CSI_GEN_CACHE", "0")
    compiled.COMPILED._templates.clear()

    build(tmp_path, "a")

    assert compiled.COMPILED.folder() is None


def test_a_temporary_pdf_left_by_a_killed_conversion_is_removed(tmp_path):
    target = tmp_path / "toulouse.pdf"
    old = tmp_path / ".toulouse.pdf.abc123.tmp"
    fresh = tmp_path / ".toulouse.pdf.def456.tmp"
    other = tmp_path / ".autre.pdf.abc123.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"%PDF")
    past = time.time() - STALE_SECONDS - 60
    os.utime(old, (past, past))
    os.utime(other, (past, past))

    remove_stale_temporaries(target)

    assert not old.exists()
    assert fresh.exists() and other.exists()
