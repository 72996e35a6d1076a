"""Would Microsoft Word open a .docx without repairing it? The shared checker's verdict."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKER = Path(__file__).resolve().parent / "docx_check" / "check_docx.py"


def refused_by_word(*documents: Path) -> list[str]:
    """The class (a) findings (Word refuses or repairs the file), one line each."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(
            [sys.executable, str(CHECKER), *map(str, documents), "--json", str(report), "--quiet"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode not in (0, 1):
            raise RuntimeError(result.stderr or result.stdout)
        reports = json.loads(report.read_text(encoding="utf-8"))
    return [
        f"{r['document']}: {f['part']} {f['message']}"
        for r in reports
        for f in r["findings"]
        if f["cls"] == "a"
    ]
