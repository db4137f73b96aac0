"""Adversarial input: 2 MiB of hostile text fed to every parser, diff, merge and render.

    .venv/bin/python -m bench --alleen adversarieel      # as part of the benchmarks
    .venv/bin/python bench/adversarieel.py [--kib 2048]  # on its own

Every target gets every input (texts built to make backtracking regexes, quadratic scans and
Myers' O(N·D) bisection blow up: runs of spaces after "Kamerstuk", headings followed by spaces,
nested brackets, thousands of list levels, unrelated texts, ...) and the worst CPU time per
target is printed (this thread's CPU time, so a busy machine does not inflate it). A target
is bounded when its worst time stays under GRENS seconds; tests/test_adversarieel.py runs the
same inputs at a smaller size in the suite, with the same kind of (generous) CPU-time bound.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.documenten import importeren  # noqa: E402
from app.weergave.docx import document_docx  # noqa: E402
from app.weergave.html import document_html, tekst_html  # noqa: E402
from app.weergave.model import (  # noqa: E402
    BeslisnotaBlokken,
    DocumentWeergave,
    NbPunt,
    NbVoorstel,
    SectieStap,
    SectieWeergave,
    SectieWijzigingen,
    WijzigingenWeergave,
    WooContext,
)
from app.weergave.wijzigingen import wijzigingen_docx  # noqa: E402
from workflow import diff  # noqa: E402
from workflow import markdown as md  # noqa: E402
from workflow.importeren import ImportFout, lees_front_matter, splits_in_secties  # noqa: E402
from workflow.kamerstuk import vind_kamerstukken  # noqa: E402
from workflow.voorstellen import in_actuele_tekst  # noqa: E402

MIB = 1024 * 1024
GRENS = 30.0  # seconds of CPU time for 2 MiB: "bounded" here means linear-ish, not fast


def _herhaal(stuk: str, grootte: int) -> str:
    return (stuk * (grootte // max(1, len(stuk)) + 1))[:grootte]


def _woorden(rnd: random.Random, grootte: int) -> str:
    uit, n = [], 0
    while n < grootte:
        w = "".join(rnd.choice("abcdefghij") for _ in range(rnd.randint(1, 9)))
        uit.append(w)
        n += len(w) + 1
    return " ".join(uit)[:grootte]


def invoer(grootte: int = 2 * MIB) -> dict[str, str]:
    """Hostile texts of `grootte` characters (roughly), by name."""
    rnd = random.Random(20261201)
    h = grootte
    uit = {
        "kamerstuk_spaties": "Kamerstuk" + " " * (h - 10) + "x",
        "kamerstuk_herhaald": _herhaal("Kamerstuk ", h),
        "kamerstukken_ii_jaar": _herhaal("Kamerstukken II 2024 - ", h),
        "tweede_kamer": "Tweede Kamer, vergaderjaar 2024 -" + " " * (h - 40) + "x",
        "dossier_spaties": "Kamerstuk 36 600" + " " * (h - 30) + "x",
        "kop_spaties": "# a" + " " * (h - 5) + "b",
        "kop_hekjes": "# a " + "#" * (h - 6) + " b",
        "koppen": _herhaal("# k\n", h),
        "alleen_hekjes": "#" * h,
        "voetnoot_open": _herhaal("^[", h),
        "voetnoot_genest": "^[" * (h // 4) + "]" * (h // 4),
        "voetnoot_open_dan_sluit": _herhaal("^[", h - 2) + "]x",
        "sluit_dan_open": "]" + _herhaal("[", h - 1),
        "haken": _herhaal("[", h // 2) + _herhaal("]", h // 2),
        "woo_open": _herhaal("[[woo:", h),
        "woo_genest": "[[woo:1|" * (h // 16) + "]]" * (h // 16),
        "woo_code_lang": "[[woo:" + "1." * (h // 4) + "x|t]]",
        "sterren": "*" * h,
        "sterren_woorden": _herhaal("**a *b ", h),
        "lijst_op_een_regel": _herhaal("- ", h),
        "lijstitems": _herhaal("- a\n", h),
        "diepe_lijst": "".join("  " * min(i, 500) + "- a\n" for i in range(h // 600)),
        "genummerd": _herhaal("123. ", h),
        "spaties": " " * h,
        "regeleinden": "\n" * h,
        "tabs": "\t" * h,
        "een_woord": "a" * h,
        "woorden": _woorden(rnd, h),
        "punten": _herhaal(". ", h),
        "zinnen_zonder_spatie": _herhaal("a.", h),
        "fences": _herhaal("```\n", h),
        "front_matter_velden": "---\n" + _herhaal("veld: waarde\n", h - 10) + "---\n",
        "front_matter_open": "---\n" + "a" * (h - 4),
        "front_matter_spaties": "---" + " " * (h - 8) + "\nx",
        "alineas": _herhaal("a\n\n", h),
        "emoji": _herhaal("😀 ", h // 2),
        "e_mail_punten": "a@" + _herhaal("a.", h - 4) + "@",
        "kop_sluitende_hekjes": "# a" + _herhaal(" #", h - 5) + "b",
    }
    return uit


# --- targets: each takes one hostile text ----------------------------------------------------------


def _doc(tekst: str, *, kop: str = "Kop", soort: str = "kamerbrief", blokken=None) -> DocumentWeergave:
    return DocumentWeergave(
        id=1, soort=soort, titel="Titel", kenmerk="K", datum=date(2025, 6, 12), revisie=2, penvoerder="VRO",
        penvoerder_naam="Ministerie van Volkshuisvesting en Ruimtelijke Ordening", ondertekenaar="M. Keijzer",
        ondertekenaar_functie="De minister van Volkshuisvesting en Ruimtelijke Ordening", mede_namens=[],
        mede_namens_namen=[], bijlagen=[], secties=[SectieWeergave(kop, 1, tekst)], status="concept", blokken=blokken,
    )  # fmt: skip


def _nota(tekst: str) -> DocumentWeergave:
    nu = datetime(2025, 6, 12, 9, tzinfo=UTC)
    punt = NbPunt(
        sectie_kop="Kop", context_voor=tekst[: len(tekst) // 2], passage=tekst[:100], context_na=tekst[len(tekst) // 2 :],
        voorstellen=[NbVoorstel("DEF", "Ministerie van Defensie", tekst, "ingediend", nu)], status="open",
        reactietermijn=nu, samenvatting="DEF heeft een tekstvoorstel gedaan.",
    )  # fmt: skip
    blokken = BeslisnotaBlokken("Brief", [punt], [], None, None, [])
    return _doc(tekst, soort="beslisnota", blokken=blokken)


def _wijzigingen(tekst: str) -> bytes:
    doc = _doc(tekst)
    nu = datetime(2025, 6, 12, 9, tzinfo=UTC)
    ander = tekst[::-1]
    sectie = SectieWijzigingen(
        van=SectieWeergave("Kop", 1, tekst),
        stappen=[SectieStap(SectieWeergave("Kop", 1, ander), "Auteur", nu), SectieStap(SectieWeergave("Kop", 1, tekst), "Auteur", nu)],
    )  # fmt: skip
    return wijzigingen_docx(WijzigingenWeergave(doc, 1, 3, [sectie]))


def _docx_bestand(tekst: str) -> bytes:
    """A Word file whose paragraphs hold the hostile text (with a heading and a footnote-like
    run), as a department might send it; within the body limit."""
    from docx import Document

    d = Document()
    d.add_heading("Kop", level=1)
    for deel in [tekst[i : i + 200_000] for i in range(0, len(tekst), 200_000)] or [""]:
        d.add_paragraph(deel)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _lees(naam: str, inhoud: bytes):
    try:
        return importeren.lees(naam, inhoud, max_uitgepakt=50 * MIB)
    except ImportFout:
        return None  # a clear refusal is a bounded answer too


def _samenvoegen(tekst: str) -> None:
    helft = len(tekst) // 2
    actueel = tekst[:helft] + "ACTUEEL" + tekst[helft:]
    mijn = "MIJN" + tekst[::-1]
    try:
        diff.drieweg(tekst, actueel, mijn, budget=diff.BUDGET)
    except diff.Conflict:
        pass


@dataclass(frozen=True)
class Doel:
    naam: str
    functie: Callable[[str], object]


DOELEN = [
    Doel("markdown.parse", md.parse),
    Doel("markdown.parse_inline", md.parse_inline),
    Doel("markdown.woo_passages", md.woo_passages),
    Doel("kamerstuk", vind_kamerstukken),
    Doel("front_matter", lees_front_matter),
    Doel("splits_in_secties", splits_in_secties),
    Doel("import .md", lambda t: _lees("x.md", t.encode("utf-8"))),
    Doel("import .txt", lambda t: _lees("x.txt", t.encode("utf-8"))),
    Doel("import .docx", lambda t: _lees("x.docx", _docx_bestand(t))),
    Doel("woord_diff", lambda t: diff.woord_diff(t, t[::-1], budget=diff.BUDGET)),
    Doel("woord_diff tegen woorden", lambda t: diff.woord_diff(t, _woorden(random.Random(1), len(t)), budget=diff.BUDGET)),
    Doel("wijzigingen", lambda t: diff.wijzigingen(t, "x" + t[: len(t) // 2] + "y", budget=diff.BUDGET)),
    Doel("drieweg", _samenvoegen),
    Doel("verplaats", lambda t: in_actuele_tekst(t, t[::-1], diff.Wijziging(len(t) // 3, len(t) // 2, "z"))),
    Doel("docx", lambda t: document_docx(_doc(t, kop=t[:500]))),
    Doel("docx woo", lambda t: document_docx(_doc(t), WooContext(["Jan Jansen"], ["j@x.nl"], ["0612345678"]))),
    Doel("docx beslisnota", lambda t: document_docx(_nota(t))),
    Doel("html", lambda t: document_html(_doc(t))),
    Doel("html woo", lambda t: document_html(_doc(t), WooContext(["Jan Jansen"], ["j@x.nl"], ["0612345678"]))),
    Doel("tekst_html (webpagina's)", tekst_html),
    Doel("wijzigingen.docx", _wijzigingen),
]


def meet(functie: Callable[[str], object], tekst: str) -> float:
    begin = time.thread_time()
    functie(tekst)
    return time.thread_time() - begin


def draai(*, grootte: int = 2 * MIB, doelen: list[Doel] | None = None, log=print) -> dict:
    """Worst CPU time per target over all hostile inputs."""
    teksten = invoer(grootte)
    uit = {}
    for doel in doelen or DOELEN:
        slechtst, welke = 0.0, None
        for naam, tekst in teksten.items():
            diff.GEHEUGEN.leeg()
            t = meet(doel.functie, tekst)
            if t > slechtst:
                slechtst, welke = t, naam
        uit[doel.naam] = {"slechtste_s": round(slechtst, 3), "invoer": welke, "begrensd": slechtst < GRENS * grootte / (2 * MIB)}
        log(f"  {doel.naam:<28} slechtste {slechtst:7.3f} s CPU  ({welke})")
    return uit


def druk_af(resultaat: dict, log=print) -> None:
    slecht = [n for n, r in resultaat.items() if not r["begrensd"]]
    log(
        f"  {len(resultaat)} doelen, {len(resultaat) - len(slecht)} begrensd" + (f"; NIET: {', '.join(slecht)}" if slecht else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kib", type=int, default=2048, help="grootte van elke invoer in KiB (standaard 2048)")
    parser.add_argument("--doel", action="append", help="alleen deze doelen (herhaalbaar)")
    args = parser.parse_args(argv)
    doelen = [d for d in DOELEN if not args.doel or d.naam in args.doel]
    print(f"Vijandige invoer van {args.kib} KiB voor {len(doelen)} doelen (CPU-tijd van deze thread):")
    resultaat = draai(grootte=args.kib * 1024, doelen=doelen)
    druk_af(resultaat)
    return 0 if all(r["begrensd"] for r in resultaat.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
