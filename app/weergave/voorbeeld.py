"""A DocumentWeergave straight from an import file (front matter + Markdown), without the
database: for previews, the benchmark and tests of the rendering."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.weergave.model import BeslisnotaBlokken, DocumentWeergave, SectieWeergave
from workflow.departementen import DEPARTEMENTEN, MINISTER_VAN
from workflow.importeren import lees_front_matter, lijst_veld, splits_in_secties


def document_uit_markdown(
    tekst: str, *, blokken: BeslisnotaBlokken | None = None, document_id: int = 1, revisie: int = 1
) -> DocumentWeergave:
    velden, rest = lees_front_matter(tekst)
    penvoerder = velden.get("penvoerder", "VRO")
    mede_namens = lijst_veld(velden.get("mede_namens"))
    datum = date.fromisoformat(velden["datum"]) if velden.get("datum") else date.today()
    functie = velden.get("ondertekenaar_functie") or f"De minister van {MINISTER_VAN.get(penvoerder, penvoerder)}"
    return DocumentWeergave(
        id=document_id,
        soort=velden.get("soort", "kamerbrief"),
        titel=velden.get("titel", ""),
        kenmerk=velden.get("kenmerk") or None,
        datum=datum,
        revisie=revisie,
        penvoerder=penvoerder,
        penvoerder_naam=DEPARTEMENTEN.get(penvoerder, penvoerder),
        ondertekenaar=velden.get("ondertekenaar") or None,
        ondertekenaar_functie=functie,
        mede_namens=mede_namens,
        mede_namens_namen=[DEPARTEMENTEN.get(c, c) for c in mede_namens],
        bijlagen=lijst_veld(velden.get("bijlagen")),
        secties=[SectieWeergave(s.kop, s.niveau, s.tekst) for s in splits_in_secties(rest)],
        status=velden.get("status", "concept"),
        blokken=blokken,
    )


def document_uit_bestand(pad: Path | str, **kw) -> DocumentWeergave:
    return document_uit_markdown(Path(pad).read_text(encoding="utf-8"), **kw)
