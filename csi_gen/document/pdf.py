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
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

from csi_gen.errors import ConversionError, error_line

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
        f"{PROFILE_SLOTS} conversions PDF sont déjà en cours ; réessayez plus tard."
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


def _libreoffice_python() -> str:
    """LibreOffice's Python, or a French ``ConversionError`` saying what to install."""
    if soffice() is None:
        raise ConversionError(f"LibreOffice est introuvable ; {INSTALL_HINT}.")
    python = uno_python()
    if python is None:
        raise ConversionError(
            f"le module Python « uno » de LibreOffice est introuvable ; {INSTALL_HINT}."
        )
    return python


def run_under_libreoffice(
    script: Path, arguments: Sequence[str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` under LibreOffice's Python, with a profile of its own.

    The script receives the profile folder, then ``arguments``. A missing LibreOffice or
    ``uno`` module is a French ``ConversionError`` saying what to install.
    """
    python = _libreoffice_python()
    with profile() as directory:
        return subprocess.run(
            [python, str(script), str(directory), *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "PYTHONPATH": ""},
        )


class Converter:
    """One LibreOffice, started at once, converting documents as they are handed to it.

    LibreOffice takes about a second to start: a build starts it first, then renders its
    documents, and ``submit``s each one when it is written. ``results`` waits for them
    all. Use it as a context manager: leaving it stops LibreOffice and frees the profile.
    """

    BASE_SECONDS, SECONDS_PER_DOCUMENT = 600.0, 60.0  # then LibreOffice is stopped

    def __init__(self, on_converted: Callable[[], None] = lambda: None) -> None:
        """``on_converted`` is called, from another thread, as each document is done."""
        self._on_converted = on_converted
        python = _libreoffice_python()
        self._stack = contextlib.ExitStack()
        directory = self._stack.enter_context(profile())
        try:
            self._process = subprocess.Popen(
                [python, str(UNO_SCRIPT), str(directory)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env={**os.environ, "PYTHONPATH": ""},
                start_new_session=True,  # its LibreOffice can be stopped with it
            )
        except OSError as error:
            self._stack.close()
            raise ConversionError(f"LibreOffice n'a pas pu être lancé ({error}).") from None
        self._submitted: list[Path] = []
        self._outcomes: dict[str, str | None] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def pending(self) -> int:
        """Documents handed over and not converted yet."""
        return len(self._submitted) - len(self._outcomes)

    def submit(self, source: Path, target: Path) -> None:
        """Queue ``source`` (a written .docx) for conversion into ``target``."""
        remove_stale_temporaries(target)
        source = source.resolve()
        self._submitted.append(source)
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # LibreOffice did not start: see results
            self._process.stdin.write(json.dumps([str(source), str(target.resolve())]) + "\n")
            self._process.stdin.flush()

    def results(self) -> dict[Path, str | None]:
        """Wait for every document; each source maps to None, or to why it failed."""
        self._finish_input()
        timeout = self.BASE_SECONDS + self.SECONDS_PER_DOCUMENT * len(self._submitted)
        try:
            self._process.wait(timeout=timeout)
            stopped = None
        except subprocess.TimeoutExpired:
            self._kill()
            stopped = error_line(
                f"LibreOffice n'avait pas fini au bout de {timeout:.0f} s ; arrêté."
            )
        self._reader.join()
        assert self._process.stderr is not None
        detail = self._process.stderr.read().strip()
        failure = (
            stopped
            or detail
            or error_line(
                "LibreOffice s'est arrêté avant la fin "
                f"(code de sortie {self._process.returncode})."
            )
        )
        outcomes: dict[Path, str | None] = {}
        for source in self._submitted:
            if str(source) in self._outcomes:
                error = self._outcomes[str(source)]
                outcomes[source] = None if error is None else error_line(f"{source.name} : {error}")
            else:
                outcomes[source] = failure
        return outcomes

    def close(self) -> None:
        if self._process.poll() is None:
            self._finish_input()
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._kill()
        self._reader.join()
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()
        self._stack.close()

    def _kill(self) -> None:
        """Stop the script and the LibreOffice it started."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()

    def _finish_input(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError, ValueError):  # already closed, or gone
            self._process.stdin.close()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            try:
                outcome = json.loads(line)
                self._outcomes[outcome["source"]] = outcome.get("erreur")
            except (ValueError, KeyError, TypeError):
                continue
            self._on_converted()


def convert_many(pairs: Sequence[tuple[Path, Path]]) -> list[Path]:
    """Convert each (docx, pdf) pair with one LibreOffice process; return the PDFs written."""
    with Converter() as converter:
        for source, target in pairs:
            converter.submit(source, target)
        errors = [e for e in converter.results().values() if e is not None]
    if errors:
        detail = "\n".join(dict.fromkeys(errors))
        raise ConversionError(f"la conversion PDF par LibreOffice a échoué.\n{detail}")
    return [target for _, target in pairs]


def convert_to_pdf(source: Path, target: Path) -> Path:
    return convert_many([(source, target)])[0]


def available() -> bool:
    return soffice() is not None and uno_python() is not None
