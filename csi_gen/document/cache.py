"""Compiled Jinja code of the templates, kept in memory and in the user's cache folder.

Compiling the contract's templates costs more than rendering them; the code depends only
on the templates' bytes, the environment and the versions of Python, Jinja and docxtpl,
all of which are in the key.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen.document.environment import environment
from csi_gen.document.parts import MASTER, template_path

if TYPE_CHECKING:
    from jinja2 import Environment, Template


class CompiledTemplates:
    """Compiled Jinja code, in memory and in the user's cache folder, by key.

    Compiling the contract's templates costs more than rendering them; the code depends
    only on the templates' text, the environment and the versions of Python, Jinja and
    docxtpl, all of which are in the key. ``CSI_GEN_CACHE=0`` turns the folder off;
    ``CSI_GEN_CACHE=<dossier>`` moves it. A cache that cannot be read or written is
    simply not used.
    """

    def __init__(self) -> None:
        self._templates: dict[str, Template] = {}

    def folder(self) -> Path | None:
        setting = os.environ.get("CSI_GEN_CACHE")
        if setting in ("0", ""):
            return None
        if setting:
            return Path(setting)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "csi-gen" / "modeles"

    def get(self, env: Environment, key: str, source: Callable[[], str]) -> Template:
        template = self._templates.get(key)
        if template is not None:
            return template
        code = self._load(key)
        if code is None:
            code = env.compile(source())
            self._store(key, code)
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        if len(self._templates) > 64:
            self._templates.clear()
        self._templates[key] = template
        return template

    def _path(self, key: str) -> Path | None:
        folder = self.folder()
        return folder / f"{key}.code" if folder is not None else None

    def _load(self, key: str) -> Any:
        path = self._path(key)
        if path is None:
            return None
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def _store(self, key: str, code: Any) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(marshal.dumps(code))
            Path(temporary).replace(path)
            self._prune(path.parent)
        except OSError:
            return

    def _prune(self, folder: Path) -> None:
        """Keep the most recent ``CACHE_ENTRIES`` compiled templates; drop the others."""
        entries = sorted(folder.glob("*.code"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[CACHE_ENTRIES:]:
            stale.unlink(missing_ok=True)


@cache
def _versions() -> list[str]:
    import docxtpl
    import jinja2

    from csi_gen import __version__

    env = environment()
    # The code that builds the body's source: a change there changes the compiled code.
    here = Path(__file__).resolve().parent
    code = [hashlib.sha256((here / n).read_bytes()).hexdigest() for n in ("parts.py", "adapter.py")]
    return [
        *code,
        sys.implementation.cache_tag or "",
        sys.version,
        jinja2.__version__,
        str(getattr(docxtpl, "__version__", "")),
        __version__,
        type(env).__name__,
        str(env.autoescape),
        env.undefined.__name__,
    ]


def key(*pieces: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in [*_versions(), *pieces]:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def body_key(names: list[str], directory: Path) -> str:
    """The identity of an assembled body: the master's and each part's bytes, in order."""
    pieces: list[str | bytes] = [template_path(MASTER, directory).read_bytes()]
    for name in names:
        try:
            content = template_path(name, directory).read_bytes()
        except OSError:
            content = b""  # reported in French when the part is read
        pieces += [name, content]
    return key(*pieces)


COMPILED = CompiledTemplates()
CACHE_ENTRIES = 64  # a set of templates and its variants; more only fills the disk
