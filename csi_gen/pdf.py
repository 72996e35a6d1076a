"""PDF through LibreOffice headless, with the table of contents and its page numbers filled.

LibreOffice's Python bridge (``uno``) lives in the system Python (Debian's python3-uno),
so the conversion runs ``uno_convert.py`` under that interpreter. Each run takes one of a
few LibreOffice user profiles kept in the user's cache, locked while in use: two
conversions never share a profile, and a profile is reused from one run to the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from csi_gen.errors import ConversionError

UNO_SCRIPT = Path(__file__).resolve().parent / "uno_convert.py"
PROFILE_SLOTS = 16
INSTALL_HINT = (
    "installez LibreOffice et son pont Python "
    "(sudo apt install libreoffice-writer-nogui python3-uno fonts-liberation)"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def uno_python() -> str | None:
    """A Python interpreter that can ``import uno``, or None."""
    candidates = [os.environ.get("CSI_GEN_UNO_PYTHON", ""), "/usr/bin/python3", "python3"]
    for candidate in candidates:
        if not candidate:
            continue
        path = shutil.which(candidate) or candidate
        try:
            result = subprocess.run(
                [path, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return path
    return None


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csi-gen" / "libreoffice"


SETTINGS_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)
FRENCH_LOCALE = (
    '<item oor:path="/org.openoffice.Setup/L10N">'
    '<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>'
)
_LOCALE_ITEM = re.compile(
    r'<item oor:path="/org\.openoffice\.Setup/L10N">'
    r'<prop oor:name="ooSetupSystemLocale"[^>]*>.*?</prop></item>',
    re.DOTALL,
)


def use_french_locale(directory: Path) -> None:
    """Set the profile's locale to fr-FR, LibreOffice keeping its other settings.

    Number formats follow the locale, not the document's language: without it the chart
    labels of the diagnostic read « 6,820 » instead of « 6 820 ».
    """
    settings = directory / "user" / "registrymodifications.xcu"
    try:
        text = settings.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        text = ""
    if "</oor:items>" not in text:  # absent or damaged: LibreOffice starts afresh
        text = SETTINGS_HEADER + "</oor:items>\n"
    if FRENCH_LOCALE in text:
        return
    text, replaced = _LOCALE_ITEM.subn(FRENCH_LOCALE, text)
    if not replaced:
        end = text.rindex("</oor:items>")
        text = f"{text[:end]}{FRENCH_LOCALE}\n{text[end:]}"
    settings.parent.mkdir(parents=True, exist_ok=True)
    temporary = settings.with_name(f".{settings.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(settings)


@contextlib.contextmanager
def profile() -> Iterator[Path]:
    """A LibreOffice user profile, in French, that no other conversion is using."""
    directory = _cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for slot in range(PROFILE_SLOTS):
        lock_path = directory / f"profil-{slot}.lock"
        handle = lock_path.open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        try:
            use_french_locale(directory / f"profil-{slot}")
            yield directory / f"profil-{slot}"
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    raise ConversionError(
        f"Erreur : {PROFILE_SLOTS} conversions PDF sont déjà en cours ; réessayez plus tard."
    )


STALE_SECONDS = 15 * 60


def remove_stale_temporaries(target: Path) -> None:
    """Remove the hidden temporary PDFs a killed conversion of ``target`` left behind.

    LibreOffice writes ``.<nom>.pdf.<aléa>.tmp`` next to the PDF, then renames it; one
    older than a quarter of an hour belongs to no running conversion.
    """
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()


def run_under_libreoffice(
    script: Path, arguments: Sequence[str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` under LibreOffice's Python, with a profile of its own.

    The script receives the profile folder, then ``arguments``. A missing LibreOffice or
    ``uno`` module is a French ``ConversionError`` saying what to install.
    """
    if soffice() is None:
        raise ConversionError(f"Erreur : LibreOffice est introuvable ; {INSTALL_HINT}.")
    python = uno_python()
    if python is None:
        raise ConversionError(
            f"Erreur : le module Python « uno » de LibreOffice est introuvable ; {INSTALL_HINT}."
        )
    with profile() as directory:
        return subprocess.run(
            [python, str(script), str(directory), *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "PYTHONPATH": ""},
        )


def convert_many(pairs: Sequence[tuple[Path, Path]]) -> list[Path]:
    """Convert each (docx, pdf) pair with one LibreOffice process; return the PDFs written."""
    arguments: list[str] = []
    for source, target in pairs:
        remove_stale_temporaries(target)
        arguments += [str(source.resolve()), str(target.resolve())]
    result = run_under_libreoffice(UNO_SCRIPT, arguments, timeout=600)
    if result.returncode != 0:
        detail = result.stderr.strip() or f"code de sortie {result.returncode}"
        raise ConversionError(f"Erreur : la conversion PDF par LibreOffice a échoué.\n{detail}")
    return [target for _, target in pairs]


def convert_to_pdf(source: Path, target: Path) -> Path:
    return convert_many([(source, target)])[0]


def available() -> bool:
    return soffice() is not None and uno_python() is not None
