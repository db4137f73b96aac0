"""Three-way merge and word diff of a 5,000-word section, against difflib on the same words.

    .venv/bin/python -m bench.merge [--snel]

The section is the seed Kamerbrief's paragraphs (footnotes, bullets and all) up to 5,000 words.
Two sides edit it at random, non-overlapping places (each side replaces, deletes and inserts
words; edits of the two sides are at least a few words apart). Timed, warm, interleaved, median
over many calls:

- workflow.diff.woord_diff(basis, mijn)           the word diff behind /verschil
- workflow.diff.drieweg(basis, actueel, mijn)     the merge behind a stale-basisversie PUT
- difflib.SequenceMatcher(None, a, b).get_opcodes() on the same token lists that woord_diff
  diffs (workflow.diff's tokeniser: words, whitespace runs, punctuation), with its default
  autojunk=True; and, for reference, with autojunk=False and on plain str.split() words.

Every merge result is checked against the text with both sides' edits applied.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gemeenschappelijk as g  # noqa: E402
from workflow import diff  # noqa: E402

WOORDEN = 5_000
_WOORD = diff._TOKEN  # the tokeniser woord_diff uses


def sectie_tekst(woorden: int = WOORDEN) -> str:
    tekst = g.tekst_van_woorden(woorden)
    # Cut at exactly `woorden` words (whitespace-separated), keeping the paragraph layout.
    delen = tekst.split(" ")
    uit, n = [], 0
    for deel in delen:
        n += len(deel.split())
        uit.append(deel)
        if n >= woorden:
            break
    return " ".join(uit)


def bewerkingen(tekst: str, rng: random.Random, per_zijde: int) -> tuple[str, str, str]:
    """(actueel, mijn, verwacht): two sides' random edits at separate places, and both applied."""
    # Word spans (letters only), as candidates for an edit.
    spans = [m.span() for m in re.finditer(r"[A-Za-zÀ-ÿ]{3,}", tekst)]
    gekozen = sorted(rng.sample(range(2, len(spans) - 2), 2 * per_zijde * 3))
    # Keep the picks at least 4 words apart, so the two sides never touch one another.
    plekken, vorige = [], -10
    for i in gekozen:
        if i - vorige >= 4:
            plekken.append(i)
            vorige = i
    plekken = plekken[: 2 * per_zijde]
    rng.shuffle(plekken)
    zijden = (sorted(plekken[:per_zijde]), sorted(plekken[per_zijde:]))
    soorten = ("vervang", "verwijder", "voeg_in")
    acties = {}
    for z, plek_lijst in enumerate(zijden):
        for i in plek_lijst:
            acties[i] = (z, rng.choice(soorten), f"{'ab'[z]}{i}nieuw")

    def pas_toe(welke: set[int]) -> str:
        uit, positie = [], 0
        for i in sorted(acties):
            z, soort, nieuw = acties[i]
            if z not in welke:
                continue
            start, eind = spans[i]
            uit.append(tekst[positie:start])
            if soort == "vervang":
                uit.append(nieuw)
                positie = eind
            elif soort == "verwijder":
                # The word and the space after it.
                positie = eind + 1 if tekst[eind : eind + 1] == " " else eind
            else:
                uit.append(nieuw + " ")
                positie = start
        uit.append(tekst[positie:])
        return "".join(uit)

    return pas_toe({0}), pas_toe({1}), pas_toe({0, 1})


def mediaan_ms(tijden: list[float]) -> float:
    return statistics.median(tijden) * 1000


def draai(*, snel: bool, log=print) -> dict:
    herhalingen = 15 if snel else 41
    per_zijde = 20
    basis = sectie_tekst()
    rng = random.Random(20250612)
    gevallen = [bewerkingen(basis, rng, per_zijde) for _ in range(3 if snel else 5)]
    tokens_basis = _WOORD.findall(basis)
    split_basis = basis.split()

    metingen = {k: [] for k in ("woord_diff", "drieweg", "difflib", "difflib_geen_autojunk", "difflib_split")}
    correct = True
    # Warm up every function once (regex compilation, imports).
    a0, m0, _ = gevallen[0]
    diff.woord_diff(basis, m0)
    diff.drieweg(basis, a0, m0)
    difflib.SequenceMatcher(None, tokens_basis, _WOORD.findall(m0)).get_opcodes()
    for r in range(herhalingen):
        actueel, mijn, verwacht = gevallen[r % len(gevallen)]
        tokens_mijn = _WOORD.findall(mijn)
        split_mijn = mijn.split()
        # Interleaved: each function timed once per round, so all see the same machine load.
        t = time.perf_counter()
        diff.woord_diff(basis, mijn, onthouden=False)
        metingen["woord_diff"].append(time.perf_counter() - t)
        t = time.perf_counter()
        samengevoegd = diff.drieweg(basis, actueel, mijn, budget=diff.BUDGET)  # uncached, like a first merge
        metingen["drieweg"].append(time.perf_counter() - t)
        correct &= samengevoegd == verwacht
        t = time.perf_counter()
        difflib.SequenceMatcher(None, tokens_basis, tokens_mijn).get_opcodes()
        metingen["difflib"].append(time.perf_counter() - t)
        if r < (1 if snel else 3):  # seconds per call: a few rounds are enough for a reference
            t = time.perf_counter()
            difflib.SequenceMatcher(None, tokens_basis, tokens_mijn, autojunk=False).get_opcodes()
            metingen["difflib_geen_autojunk"].append(time.perf_counter() - t)
        t = time.perf_counter()
        difflib.SequenceMatcher(None, split_basis, split_mijn).get_opcodes()
        metingen["difflib_split"].append(time.perf_counter() - t)

    medianen = {k: mediaan_ms(v) for k, v in metingen.items()}
    uit = {
        "woorden": len(basis.split()),
        "tokens": len(tokens_basis),
        "bewerkingen_per_zijde": per_zijde,
        "herhalingen": herhalingen,
        "mediaan_ms": {k: round(v, 3) for k, v in medianen.items()},
        "verhouding": {
            "woord_diff / difflib": round(medianen["woord_diff"] / medianen["difflib"], 3),
            "drieweg / difflib": round(medianen["drieweg"] / medianen["difflib"], 3),
            "drieweg / (2 x difflib)": round(medianen["drieweg"] / (2 * medianen["difflib"]), 3),
            "woord_diff / difflib_geen_autojunk": round(medianen["woord_diff"] / medianen["difflib_geen_autojunk"], 3),
            "woord_diff / difflib_split": round(medianen["woord_diff"] / medianen["difflib_split"], 3),
        },
        "samenvoegingen_correct": correct,
    }
    return uit


def druk_af(r: dict, log=print) -> None:
    m, v = r["mediaan_ms"], r["verhouding"]
    log(f"sectie van {r['woorden']} woorden ({r['tokens']} tokens), {r['bewerkingen_per_zijde']} bewerkingen per zijde, "
        f"{r['herhalingen']} herhalingen, medianen:")  # fmt: skip
    log(f"  woord_diff                      {m['woord_diff']:8.2f} ms")
    log(f"  drieweg                         {m['drieweg']:8.2f} ms   (samenvoegingen correct: {r['samenvoegingen_correct']})")
    log(f"  difflib (zelfde tokens)         {m['difflib']:8.2f} ms")
    log(f"  difflib (autojunk=False)        {m['difflib_geen_autojunk']:8.2f} ms")
    log(f"  difflib (str.split-woorden)     {m['difflib_split']:8.2f} ms")
    for k, x in v.items():
        log(f"  {k:<36} {x:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Drieweg-samenvoeging en woorddiff tegen difflib")
    parser.add_argument("--snel", action="store_true")
    args = parser.parse_args()
    r = draai(snel=args.snel)
    druk_af(r)
    return 0 if r["samenvoegingen_correct"] else 1


if __name__ == "__main__":
    sys.exit(main())
