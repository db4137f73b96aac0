"""Reading a returned Word file: Paraaf's reader and retour alignment against pandoc.

A 30-page returned letter (about 15,000 words in 30 sections) with 200 tracked changes and 50
comments, built the way Word writes them. One run each, same file: Paraaf reads the package
and aligns every section with its exported text (app.word + workflow.retour); pandoc
(pypandoc-binary, the `bench` extra) converts it with --track-changes=all. Prints both times
and the ratio (target: at most 1.0, i.e. not slower than pandoc).

    .venv/bin/python -m bench.retour
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from app.word import lees
from app.word.lezer import weergave
from tests import word_bouw as wb
from workflow import dialect
from workflow.retour import lijn_uit

WOORDEN = "het kabinet bouwt woningen gemeenten provincie ruimte rijk betaalt mee defensie oefent terrein overleg".split()


def bouw(
    secties: int = 30, alineas: int = 5, zinnen: int = 10, wijzigingen: int = 200, opmerkingen: int = 50
) -> tuple[bytes, list[str]]:
    kans = random.Random(7)
    teksten, body = [], []
    plekken = [(s, a, z) for s in range(secties) for a in range(alineas) for z in range(zinnen)]
    gewijzigd = set(kans.sample(plekken, wijzigingen))
    becommentarieerd = set(kans.sample(sorted(set(plekken) - gewijzigd), opmerkingen))
    cid = 0
    items = []
    for s in range(secties):
        body.append(wb.p(wb.r(f"Sectie {s + 1}"), "Kop1"))
        sectie_alineas = []
        for a in range(alineas):
            runs, bron = [], []
            for z in range(zinnen):
                zin = " ".join(kans.choice(WOORDEN) for _ in range(10)).capitalize() + ". "
                bron.append(zin)
                if (s, a, z) in gewijzigd:
                    woord = zin.split()[3]
                    voor, _, na = zin.partition(" " + woord + " ")
                    runs.append(wb.r(voor + " ") + wb.dele(woord) + wb.ins("nieuw" + woord) + wb.r(" " + na))
                elif (s, a, z) in becommentarieerd:
                    runs.append(wb.commentaar_begin(cid) + wb.r(zin) + wb.commentaar_eind(cid))
                    items.append((cid, "Ingrid IenW", "Kan dit zachter?", None))
                    cid += 1
                else:
                    runs.append(wb.r(zin))
            body.append(wb.p("".join(runs)))
            sectie_alineas.append("".join(bron).strip())
        teksten.append("\n\n".join(sectie_alineas))
    return wb.docx("".join(body), opmerkingen=items), teksten


def paraaf(bestand: bytes, teksten: list[str]) -> int:
    lezing = lees(bestand, max_uitgepakt=50_000_000)
    secties, huidig = [], None
    for alinea in lezing.alineas:
        if alinea.kopniveau:
            huidig = []
            secties.append(huidig)
        elif huidig is not None:
            huidig.append(alinea)
    aantal = 0
    for tekst, alineas in zip(teksten, secties, strict=True):
        o, ob = dialect.schrijf([b for _, b in weergave(lezing, "oud", alineas)], met_bron=True)
        n, nb = dialect.schrijf([b for _, b in weergave(lezing, "nieuw", alineas)], met_bron=True)
        aantal += len(lijn_uit(tekst, o, ob, n, nb, lezing.staat).gebieden)
    return aantal


def main() -> None:
    import pypandoc

    bestand, teksten = bouw()
    woorden = sum(len(t.split()) for t in teksten)
    begin = time.perf_counter()
    gebieden = paraaf(bestand, teksten)
    eigen = time.perf_counter() - begin
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "retour.docx"
        pad.write_bytes(bestand)
        begin = time.perf_counter()
        pypandoc.convert_file(str(pad), "markdown", extra_args=["--track-changes=all"])
        pandoc = time.perf_counter() - begin
    print(f"retour: {woorden} woorden, {len(bestand)} bytes, 200 wijzigingen, 50 opmerkingen; {gebieden} gebieden gevonden")
    print(f"Paraaf (lezen + uitlijnen): {eigen * 1000:.0f} ms; pandoc --track-changes=all: {pandoc * 1000:.0f} ms")
    print(f"verhouding Paraaf/pandoc: {eigen / pandoc:.2f} (doel: hoogstens 1.00)")


if __name__ == "__main__":
    main()
