"""Writing a document where a user will find it: atomically, never over a link or a folder."""

from __future__ import annotations

import errno
import fcntl
import glob
import os
import tempfile
from pathlib import Path

from csi_gen.errors import OutputError, os_reason


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The temporary file, ``.<name>.<random>.tmp``, is hidden and locked until it has been
    renamed. A build killed while writing leaves the previous document intact and, at worst,
    that hidden file: the next build of the same document removes it, once no build holds
    its lock (a concurrent build's temporary file is left alone).
    """
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        refuse_unsafe_output(path)
        remove_abandoned_temporaries(path)
        descriptor, temporary = _locked_temporary(path)
    except OSError as error:
        raise OutputError(f"impossible d'écrire dans {directory} ({os_reason(error)}).") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            Path(temporary).chmod(0o644)
            Path(temporary).replace(path)  # still locked: never taken for an abandoned file
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(
            f"impossible d'écrire {path} ({os_reason(error)}) ; le document précédent est intact."
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_unsafe_output(path: Path) -> None:
    """A symbolic link or a folder where a document is to be written is never replaced."""
    if path.is_symlink():
        raise OutputError(
            f"{path} est un lien symbolique ; csi-gen ne l'écrase pas. "
            "Supprimez-le ou choisissez un autre dossier de sortie."
        )
    if path.is_dir():
        raise OutputError(
            f"{path} est un dossier ; csi-gen ne le remplace pas par le document. "
            "Déplacez-le ou choisissez un autre dossier de sortie."
        )


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new hidden temporary file next to ``path``, open and locked."""
    for _ in range(8):
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        # Between its creation and the lock, another build may have taken the new file for
        # an abandoned one and removed it: then take another.
        try:
            if Path(temporary).stat().st_ino == os.fstat(descriptor).st_ino:
                return descriptor, temporary
        except FileNotFoundError:
            pass
        os.close(descriptor)
    raise OSError(errno.EAGAIN, "fichiers temporaires supprimés à mesure")


def remove_abandoned_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that killed builds left; return them."""
    removed = []
    for candidate in sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp")):
        try:
            descriptor = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if candidate.lstat().st_ino == os.fstat(descriptor).st_ino:
                candidate.unlink()
                removed.append(candidate)
        except OSError:  # locked: a build is writing it
            continue
        finally:
            os.close(descriptor)
    return removed
