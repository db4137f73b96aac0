"""Benchmark: rendering the seed letter to .docx, warm and in-process, against pandoc converting
the same Markdown to .docx as a subprocess (PyPI pypandoc-binary, a benchmark-only dependency).

    .venv/bin/python bench/bench_weergave.py [--rondes 15]

Prints the medians of both in one run and the ratio; the target is a ratio of at most 0.5.
Exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.weergave.docx import document_docx  # noqa: E402
from app.weergave.voorbeeld import document_uit_bestand  # noqa: E402
from workflow.importeren import lees_front_matter  # noqa: E402

BRIEF = ROOT / "drafts" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md"
DOEL = 0.5


def pandoc_pad() -> str:
    try:
        import pypandoc
    except ImportError:
        print("pypandoc-binary ontbreekt; installeren (alleen voor de benchmark) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pypandoc-binary"], check=True)
        import pypandoc
    return pypandoc.get_pandoc_path()


def mediaan_ms(functie, rondes: int) -> tuple[float, list[float]]:
    tijden = []
    for _ in range(rondes):
        begin = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden), tijden


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=15)
    args = parser.parse_args()

    doc = document_uit_bestand(BRIEF)
    _, markdown = lees_front_matter(BRIEF.read_text(encoding="utf-8"))
    woorden = sum(len(s.tekst.split()) for s in doc.secties)
    noten = sum(s.tekst.count("^[") for s in doc.secties)
    pandoc = pandoc_pad()

    with tempfile.TemporaryDirectory() as map_:
        invoer, uitvoer = Path(map_) / "brief.md", Path(map_) / "brief.docx"
        invoer.write_text(markdown, encoding="utf-8")
        opdracht = [pandoc, str(invoer), "-f", "markdown", "-t", "docx", "-o", str(uitvoer)]

        def met_pandoc() -> None:
            subprocess.run(opdracht, check=True, capture_output=True)

        def met_paraaf() -> None:
            document_docx(doc)

        met_paraaf()  # warm: template loaded, modules imported
        met_pandoc()
        # Interleaved rounds, so both see the same machine load.
        paraaf_tijden, pandoc_tijden = [], []
        for _ in range(args.rondes):
            paraaf_tijden.append(mediaan_ms(met_paraaf, 1)[0])
            pandoc_tijden.append(mediaan_ms(met_pandoc, 1)[0])
        versie = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    paraaf, pandoc_ms = statistics.median(paraaf_tijden), statistics.median(pandoc_tijden)
    verhouding = paraaf / pandoc_ms
    print(f"seed letter: {woorden} woorden, {noten} voetnoten, {args.rondes} rondes")
    print(f"paraaf document_docx (warm, in-process): mediaan {paraaf:7.1f} ms  (min {min(paraaf_tijden):.1f})")
    print(f"{versie} (subprocess):      mediaan {pandoc_ms:7.1f} ms  (min {min(pandoc_tijden):.1f})")
    print(f"verhouding paraaf / pandoc: {verhouding:.3f}  (doel <= {DOEL})  {'OK' if verhouding <= DOEL else 'TE TRAAG'}")
    return 0 if verhouding <= DOEL else 1


if __name__ == "__main__":
    sys.exit(main())
