"""Benchmark csi-gen against the import floor and a peer (pandoc), as ratios in one run.

Run by ``make bench`` (never by ``make test``). Every figure is the median of at least
five runs, with min and max, and the peak resident memory of the process. The results
go to bench/results/latest.json and latest.md; the README's « Performances » section is
rewritten from them.

Usage: python bench/run.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CSI_GEN = str(BIN / "csi-gen")
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
PDF_BATCHES = (10, 30)
BILAN_BATCH = 200
FOLLOW_UP = ROOT / "contracts" / "toulouse.suivi.json"
FLOOR_IMPORTS = (
    "import docxtpl, docxcompose.composer, jsonschema, markdown_it, babel.dates, num2words, "
    "xlsxwriter"
)


@dataclass
class Measure:
    name: str
    runs: int
    median: float
    minimum: float
    maximum: float
    peak_rss_mb: float

    def row(self) -> str:
        return (
            f"| {self.name} | {self.median:.3f} | {self.minimum:.3f} | {self.maximum:.3f} "
            f"| {self.peak_rss_mb:.0f} |"
        )


def run_once(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one run of ``command``; fails loudly."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"échec de {' '.join(command)} :\n{error}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    name: str,
    command: Sequence[str],
    cwd: Path,
    runs: int,
    before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> Measure:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, peak = run_once(command, cwd, env)
        times.append(elapsed)
        peaks.append(peak)
    result = Measure(name, runs, statistics.median(times), min(times), max(times), max(peaks))
    print(
        f"{name:<55} {result.median:8.3f} s  ({result.minimum:.3f}–{result.maximum:.3f})"
        f"  {result.peak_rss_mb:6.0f} Mo",
        flush=True,
    )
    return result


def measure_interleaved(
    commands: Sequence[tuple[str, Sequence[str]] | tuple[str, Sequence[str], Path]],
    cwd: Path,
    runs: int,
) -> list[Measure]:
    """Measures taken in turns (a, b, c, a, b, c…): the ratios between them do not depend
    on the machine getting busier or quieter during the run. A command may name its own
    working folder."""
    samples: dict[str, list[tuple[float, float]]] = {entry[0]: [] for entry in commands}
    for _ in range(runs):
        for entry in commands:
            name, command = entry[0], entry[1]
            folder = entry[2] if len(entry) == 3 else cwd  # type: ignore[misc]
            samples[name].append(run_once(command, folder))
    results = []
    for name in samples:
        times = [t for t, _ in samples[name]]
        result = Measure(
            name,
            runs,
            statistics.median(times),
            min(times),
            max(times),
            max(p for _, p in samples[name]),
        )
        print(
            f"{name:<55} {result.median:8.3f} s  ({result.minimum:.3f}–{result.maximum:.3f})"
            f"  {result.peak_rss_mb:6.0f} Mo",
            flush=True,
        )
        results.append(result)
    return results


# --- Synthetic contracts ------------------------------------------------------------------


def load_toulouse() -> dict:
    return json.loads((ROOT / "contracts" / "toulouse.json").read_text(encoding="utf-8"))


def with_engagements(base: dict, total: int) -> dict:
    """Toulouse with ``total`` engagements: its own, then custom measures spread over volets."""
    data = copy.deepcopy(base)
    volets = list(data["volets"])
    existing = sum(len(v["engagements"]) for v in data["volets"].values())
    template = data["volets"]["mineurs"]["engagements"][0]
    for index in range(max(0, total - existing)):
        engagement = copy.deepcopy(template)
        engagement["id"] = f"synthetique-{index}"
        engagement["intitule"] = f"Action synthétique n° {index}"
        engagement.pop("note_de_redaction", None)  # 5 000 of them stay under 10 Mo
        data["volets"][volets[index % len(volets)]]["engagements"].append(engagement)
    if total < existing:  # keep the socle, drop custom measures first
        for volet in data["volets"].values():
            volet["engagements"] = [e for e in volet["engagements"] if e.get("mesure")]
    return data


# The members of the Métropole européenne de Lille (95 communes), from the official geography:
# a synthetic contract must pass the geography's rules like any other.
LILLE_METROPOLE = "200093201"


def with_communes(base: dict, count: int) -> dict:
    """A contract over the first ``count`` communes of the Métropole européenne de Lille,
    each with its signing mayor empowered by a deliberation."""
    from csi_gen import geography, grammar

    data = copy.deepcopy(base)
    members = sorted(geography.epci_members(LILLE_METROPOLE), key=lambda c: -(c.population or 0))
    chosen = members[:count]
    communes = [{"nom": c.nom, "code_insee": c.code} for c in chosen]
    data["territoire"].update(
        type="intercommunalite" if count > 1 else "commune",
        nom="Métropole européenne de Lille" if count > 1 else chosen[0].nom,
        departement={"code": "59", "nom": "Nord"},
        communes=communes,
        quartiers=[],
    )
    if count > 1:
        data["territoire"]["epci"] = {
            "nom": "Métropole européenne de Lille",
            "siren": LILLE_METROPOLE,
            "nature": "metropole",
        }
    mayors = [
        {
            "id": f"maire-{i}",
            "fonction": "maire",
            "civilite": "Mme",
            "prenom": "Claire",
            "nom": f"Maire{i}",
            "qualite": "maire " + grammar.de_lieu(grammar.Lieu(c.nom, c.tncc), insecable=False),
            "signataire": True,
            "commune": c.code,
        }
        for i, c in enumerate(chosen, start=1)
    ]
    president = {
        "id": "president",
        "fonction": "president_epci",
        "civilite": "M.",
        "prenom": "Paul",
        "nom": "Président",
        "qualite": "président de la Métropole européenne de Lille",
        "signataire": True,
    }
    signing = mayors + ([president] if count > 1 else [])
    data["parties"]["collectivites"] = signing
    data["deliberations"] = [
        {
            "organe": "conseil de la métropole" if r["id"] == "president" else "conseil municipal",
            "representant": r["id"],
            "numero": f"2020-{i}",
            "date": "2020-10-01",
        }
        for i, r in enumerate(signing, start=1)
    ]
    data["signature"]["lieu"] = "Lille"
    for volet in data["volets"].values():
        for engagement in volet["engagements"]:
            engagement["porteurs"] = [p for p in engagement.get("porteurs", []) if p != "maire"]
    return data


def write(data: dict, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def contract_length(base: dict) -> int:
    """Characters of text in the Toulouse contract: the size of the peer's Markdown."""
    total = 0
    stack = [base]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return total


def markdown_of_length(characters: int) -> str:
    paragraph = (
        "L'État s'engage à **renforcer les effectifs** de police nationale et à *coordonner* "
        "son action avec la police municipale, dans le respect des compétences de chacun.\n\n"
    )
    parts = ["# Contrat de sécurité intégrée\n\n"]
    index = 0
    while sum(len(p) for p in parts) < characters:
        if index % 8 == 0:
            parts.append(f"## Article {index // 8 + 1}\n\n")
        parts.append(paragraph if index % 3 else f"- point {index} ;\n- point {index + 1}.\n\n")
        index += 1
    return "".join(parts)


# --- The benchmark ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the largest cases")
    arguments = parser.parse_args()
    runs = max(5, arguments.runs)
    work = Path(tempfile.mkdtemp(prefix="csi-gen-bench-"))
    (work / "schema").symlink_to(ROOT / "schema")
    base = load_toulouse()
    shutil.copy(ROOT / "contracts" / "toulouse.json", write(base, work / "contracts", "toulouse"))
    shutil.copy(FOLLOW_UP, work / "contracts" / "toulouse.suivi.json")
    python = sys.executable
    results: dict[str, Measure] = {}

    def add(result: Measure) -> None:
        results[result.name] = result

    print(f"csi-gen bench — {runs} exécutions par mesure, dossier {work}\n", flush=True)
    peer = work / "pair.md"
    peer.write_text(markdown_of_length(contract_length(base)), encoding="utf-8")
    group = [
        ("python -c pass", [python, "-c", "pass"]),
        ("plancher : import des bibliothèques", [python, "-c", FLOOR_IMPORTS]),
        ("csi-gen --help", [CSI_GEN, "--help"]),
        ("csi-gen valider toulouse", [CSI_GEN, "valider", "toulouse"]),
        ("csi-gen generer toulouse", [CSI_GEN, "generer", "toulouse"]),
        ("csi-gen bilan toulouse --annee 2022", [CSI_GEN, "bilan", "toulouse", "--annee", "2022"]),
    ]
    if shutil.which("pandoc"):
        group.append(
            (
                "pair : pandoc, Markdown de même longueur → .docx",
                ["pandoc", str(peer), "-o", str(work / "pair.docx")],
            )
        )
    else:
        print("pandoc absent : comparaison avec le pair omise (apt install pandoc)")
    for result in measure_interleaved(group, work, runs):
        add(result)

    pdf = shutil.which("soffice") is not None
    if pdf:
        add(
            measure(
                "csi-gen generer toulouse --pdf",
                [CSI_GEN, "generer", "toulouse", "--pdf"],
                work,
                runs,
            )
        )

    sizes = [10, 100, 1000] + ([] if arguments.quick else [5000])
    synthetic = [
        (f"generer, {size} engagements", f"engagements-{size}", with_engagements(base, size))
        for size in sizes
    ] + [
        (f"generer, {count} commune(s)", f"communes-{count}", with_communes(base, count))
        for count in (1, 10, 50)
    ]
    for name, stem, data in synthetic:
        path = write(data, work / "synthetiques", stem)
        command = [CSI_GEN, "generer", str(path), "--sortie", str(work / "build-synth")]
        add(measure(name, command, work, runs))

    batch = work / "lot"
    for index in range(1, 51):
        write(base, batch / "contracts", f"contrat-{index:02d}")
    (batch / "schema").symlink_to(ROOT / "schema")
    for result in measure_interleaved(
        [
            (
                f"50 contrats, {w} travailleur(s)",
                [CSI_GEN, "generer", "--tous", "--travailleurs", str(w)],
            )
            for w in (1, 2)
        ],
        batch,
        runs,
    ):
        add(result)
    if pdf:
        # A batch pays LibreOffice's start-ups once; what each more document costs is the
        # difference between a batch of 30 and one of 10, divided by 20.
        commands: list[tuple[str, Sequence[str], Path]] = []
        for count in PDF_BATCHES:
            folder = work / f"lot-pdf-{count}"
            for index in range(1, count + 1):
                write(base, folder / "contracts", f"contrat-{index:02d}")
            (folder / "schema").symlink_to(ROOT / "schema")
            tous = [CSI_GEN, "generer", "--tous", "-j", "2"]
            commands += [
                (f"{count} contrats, 2 travailleurs", tous, folder),
                (f"{count} contrats, 2 travailleurs, --pdf", [*tous, "--pdf"], folder),
            ]
        commands.append(
            (
                "soffice --convert-to pdf (un démarrage)",
                [
                    "soffice",
                    "--headless",
                    f"-env:UserInstallation=file://{work / 'profil'}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work / "soffice"),
                    str(work / "build" / "toulouse.docx"),
                ],
                work,
            )
        )
        for result in measure_interleaved(commands, work, runs):
            add(result)

    # The bilans of 200 contracts with their follow-up: each one validated twice (contract,
    # follow-up), then a workbook and a one-page synthesis.
    bilans = work / "lot-bilans"
    for index in range(1, BILAN_BATCH + 1):
        write(base, bilans / "contracts", f"contrat-{index:03d}")
        shutil.copy(FOLLOW_UP, bilans / "contracts" / f"contrat-{index:03d}.suivi.json")
    (bilans / "schema").symlink_to(ROOT / "schema")
    tous = [CSI_GEN, "bilan", "--tous", "--annee", "2022"]
    for result in measure_interleaved(
        [
            (f"bilan --tous, {BILAN_BATCH} contrats, 2 travailleurs", [*tous, "-j", "2"]),
            (f"bilan --tous, {BILAN_BATCH} contrats, 1 travailleur", [*tous, "-j", "1"]),
        ],
        bilans,
        runs,
    ):
        add(result)

    subprocess.run(["make", "-s", "contracts"], cwd=ROOT, check=True, capture_output=True)
    add(measure("make contracts sans changement", ["make", "-s", "contracts"], ROOT, runs))

    report(results, runs)
    shutil.rmtree(work, ignore_errors=True)


def ratios(results: dict[str, Measure]) -> list[tuple[str, str, float, str, bool]]:
    """(target, measured, value, limit, met) for each of the issue's targets."""
    r = {name: m.median for name, m in results.items()}
    rows = []

    def check(
        label: str, value: float, limit: float, text: str, lower_is_better: bool = True
    ) -> None:
        met = value <= limit if lower_is_better else value >= limit
        rows.append((label, f"{value:.2f}", value, text, met))

    floor = r["plancher : import des bibliothèques"]
    check("génération de Toulouse / plancher", r["csi-gen generer toulouse"] / floor, 2.0, "≤ 2")
    peer = "pair : pandoc, Markdown de même longueur → .docx"
    if peer in r:
        check(
            "génération de Toulouse / pandoc", r["csi-gen generer toulouse"] / r[peer], 1.0, "< 1"
        )
    check(
        "bilan de Toulouse / génération de Toulouse",
        r["csi-gen bilan toulouse --annee 2022"] / r["csi-gen generer toulouse"],
        2.0,
        "≤ 2",
    )
    check("--help − python -c pass (s)", r["csi-gen --help"] - r["python -c pass"], 0.1, "≤ 0,1 s")
    check(
        "1 000 / 100 engagements",
        r["generer, 1000 engagements"] / r["generer, 100 engagements"],
        10.0,
        "≤ 10",
    )
    if "generer, 5000 engagements" in results:
        check(
            "mémoire, 5 000 engagements (Mo)",
            results["generer, 5000 engagements"].peak_rss_mb,
            500.0,
            "< 500 Mo",
        )
    check(
        "débit à 2 travailleurs / 1",
        r["50 contrats, 1 travailleur(s)"] / r["50 contrats, 2 travailleur(s)"],
        1.7,
        "≥ 1,7",
        lower_is_better=False,
    )
    small, large = PDF_BATCHES
    if f"{large} contrats, 2 travailleurs, --pdf" in r:
        start = r["soffice --convert-to pdf (un démarrage)"]

        def pdf_time(count: int) -> float:
            return (
                r[f"{count} contrats, 2 travailleurs, --pdf"]
                - r[f"{count} contrats, 2 travailleurs"]
            )

        each = (pdf_time(large) - pdf_time(small)) / (large - small)
        check(
            f"PDF par document en lot (de {small} à {large} contrats) / un démarrage de soffice",
            each / start,
            0.2,
            "≤ 1/5",
        )
        check(
            f"pour mémoire : PDF par document, lot de {small}, démarrages compris / un démarrage",
            pdf_time(small) / small / start,
            float("inf"),
            "—",
        )
    check(
        f"bilan --tous, {BILAN_BATCH} contrats, 2 travailleurs (s)",
        r[f"bilan --tous, {BILAN_BATCH} contrats, 2 travailleurs"],
        10.0,
        "< 10 s",
    )
    check("make contracts sans changement (s)", r["make contracts sans changement"], 1.0, "< 1 s")
    return rows


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {len(os.sched_getaffinity(0))} cœurs, {memory:.0f} Gio, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _verdict(limit: str, met: bool) -> str:
    """« — » for a figure given for information, without a target."""
    return "—" if limit == "—" else ("oui" if met else "NON")


def report(results: dict[str, Measure], runs: int) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    checks = ratios(results)
    data = {
        "date": now,
        "machine": machine(),
        "runs": runs,
        "mesures": [asdict(m) for m in results.values()],
        "objectifs": [
            {
                "objectif": label,
                "mesure": value,
                "limite": limit,
                "atteint": None if limit == "—" else met,
            }
            for label, value, _, limit, met in checks
        ],
    }
    (RESULTS / "latest.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        f"Mesuré le {now} sur : {data['machine']} ; médiane de {runs} exécutions.",
        "",
        "| Mesure | médiane (s) | min (s) | max (s) | mémoire max (Mo) |",
        "|---|---:|---:|---:|---:|",
        *(m.row() for m in results.values()),
        "",
        "| Objectif | mesuré | limite | atteint |",
        "|---|---:|---:|:---:|",
        *(
            f"| {label} | {value} | {limit} | {_verdict(limit, met)} |"
            for label, value, _, limit, met in checks
        ),
    ]
    table = "\n".join(lines) + "\n"
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- bench:debut -->", "<!-- bench:fin -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        README.write_text(f"{before}{start}\n{table}{end}{after}", encoding="utf-8")
    print("\n" + table)
    missed = [label for label, _, _, limit, met in checks if _verdict(limit, met) == "NON"]
    if missed:
        print("Objectifs non atteints : " + " ; ".join(missed))


if __name__ == "__main__":
    main()
