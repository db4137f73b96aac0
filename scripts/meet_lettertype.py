"""Measures how close an open font's advance widths are to Verdana's, over the seed letter and
nota (docs/pdf.md, "Lettertype"). Verdana itself is not installed here; its widths come from the
npm package anafanafo (MIT; Verdana 11px advance widths measured in a browser):

    cd /tmp && npm pack anafanafo@2.0.0 && tar xzf anafanafo-2.0.0.tgz
    .venv/bin/python -m pip install fonttools
    .venv/bin/python scripts/meet_lettertype.py /tmp/package/data/verdana-11px-normal.json \\
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf [more .ttf files]

Prints, per font, the width of the seed texts relative to Verdana (1.0000 = the same line
length) and the median per-glyph deviation over letters, digits and common punctuation.
"""

from __future__ import annotations

import json
import statistics
import string
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
TEKSTEN = [
    ROOT / "drafts" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md",
    ROOT / "drafts" / "beslisnota-kamerbrief-bo-leefomgeving-2025.md",
]


def main(tabel_pad: str, *fonts: str) -> None:
    tabel = json.loads(Path(tabel_pad).read_text())

    def verdana(c: str) -> float | None:
        for van, tot, breedte in tabel:
            if van <= ord(c) <= tot:
                return breedte / 11.0  # em
        return None

    tekst = "".join(c for t in TEKSTEN for c in t.read_text(encoding="utf-8") if c not in "\n#*^[]|")
    for pad in fonts:
        f = TTFont(pad)
        em, cmap, hmtx = f["head"].unitsPerEm, f.getBestCmap(), f["hmtx"]

        def breedte(c: str, cmap=cmap, hmtx=hmtx, em=em) -> float:
            return hmtx[cmap[ord(c)]][0] / em

        tellen = [(verdana(c), breedte(c)) for c in tekst if verdana(c) is not None and ord(c) in cmap]
        totaal = sum(b for _, b in tellen) / sum(v for v, _ in tellen)
        glyphs = [abs(breedte(c) / verdana(c) - 1) for c in string.ascii_letters + string.digits + " .,;:-()" if ord(c) in cmap]
        print(
            f"{totaal:.4f} van Verdana over de seed-teksten; mediane afwijking per teken {statistics.median(glyphs):.2%}  {pad}"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
