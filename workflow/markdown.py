r"""Parser for the section-text dialect of docs/api.md into a small syntax tree.

The dialect: paragraphs separated by a blank line; `- ` and `• ` bullets; `1. ` numbered items;
nested items indented by two spaces per level; `**bold**`, `*italic*`; inline footnotes
`^[text]` (brackets inside must balance; no footnote inside a footnote); Woo passages
`[[woo:CODE|text]]`. Headings are not part of section text (they come from the section's kop).

A backslash before ASCII punctuation or "•" makes that character literal (as in CommonMark):
`\*`, `\^[`, `\[[woo:`, `\- ` and `1\. ` at a line start. Text that came from a Word file is
written with these escapes (workflow.dialect), so literal text is never read as markup.

Malformed markup never raises: an `^[` that never closes, a lone `**` or a `[[woo:` without its
`]]` stays literal text. Everything is linear in the input size, so hostile input is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

MAX_NIVEAU = 8  # Word has nine list levels (0-8)


@dataclass(frozen=True, slots=True)
class Tekst:
    tekst: str
    vet: bool = False
    cursief: bool = False


@dataclass(frozen=True, slots=True)
class Voetnoot:
    inhoud: tuple[Inline, ...]
    bron: str  # the footnote's source text between ^[ and ]


@dataclass(frozen=True, slots=True)
class Woo:
    code: str  # e.g. "5.1.2e"
    inhoud: tuple[Inline, ...]


Inline = Tekst | Voetnoot | Woo


@dataclass(frozen=True, slots=True)
class Alinea:
    inhoud: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Lijstitem:
    niveau: int  # 0 = outermost
    genummerd: bool
    inhoud: tuple[Inline, ...]
    nummer: int | None = None  # the number written before a numbered item


@dataclass(frozen=True, slots=True)
class Lijst:
    genummerd: bool  # the kind of its outermost items
    items: tuple[Lijstitem, ...]


Blok = Alinea | Lijst

# The shape of a Woo ground's code (5.1.2e, 5.1.5, 5.2, ...); workflow.woo knows which exist.
# Lenient on purpose: a passage the author marked is withheld even under a mistyped code.
WOO_CODE = re.compile(r"\d+(?:\.\d+)*[a-zA-Z]?")

_ITEM = re.compile(r"^([ \t]*)(?:([-•])|(\d{1,3})\.)[ \t]+(?=\S)")
# Characters a backslash makes literal: ASCII punctuation and the bullet.
ESCAPEERBAAR = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~•")
_SPECIAAL = re.compile(r"\\[!-/:-@\[-`{-~•]|\^\[|\[\[woo:|\*+")


# --- blocks -----------------------------------------------------------------------------------


@dataclass
class _ItemBouw:
    niveau: int
    genummerd: bool
    nummer: int | None
    regels: list[str]


def parse(tekst: str) -> list[Blok]:
    """The blocks of one section's text."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    blokken: list[Blok] = []
    alinea: list[str] = []
    lijst: list[_ItemBouw] = []
    leeg_gezien = False

    def sluit_alinea() -> None:
        if alinea:
            blokken.append(Alinea(parse_inline(" ".join(alinea))))
            alinea.clear()

    def sluit_lijst() -> None:
        if lijst:
            items = tuple(Lijstitem(i.niveau, i.genummerd, parse_inline(" ".join(i.regels)), i.nummer) for i in lijst)
            blokken.append(Lijst(lijst[0].genummerd, items))
            lijst.clear()

    for regel in tekst.split("\n"):
        if not regel.strip():
            sluit_alinea()
            leeg_gezien = True
            continue
        m = _ITEM.match(regel)
        if m:
            sluit_alinea()
            inspringing = len(m.group(1).replace("\t", "  "))
            genummerd = m.group(3) is not None
            niveau = min(inspringing // 2, MAX_NIVEAU)
            if lijst and niveau == 0 and genummerd != lijst[0].genummerd:
                sluit_lijst()  # another kind of list starts
            if lijst:
                niveau = min(niveau, lijst[-1].niveau + 1)  # no jumping two levels deeper
            else:
                niveau = 0
            nummer = int(m.group(3)) if genummerd else None
            lijst.append(_ItemBouw(niveau, genummerd, nummer, [regel[m.end() :].strip()]))
            leeg_gezien = False
            continue
        if lijst and (not leeg_gezien or regel[:1] in (" ", "\t")):
            # A wrapped line, or an indented paragraph that belongs to the item.
            lijst[-1].regels.append(regel.strip())
            leeg_gezien = False
            continue
        sluit_lijst()
        alinea.append(regel.strip())
        leeg_gezien = False
    sluit_alinea()
    sluit_lijst()
    return blokken


# --- inlines ----------------------------------------------------------------------------------


def _partners(tekst: str) -> dict[int, int]:
    """Matching bracket positions, both ways; unmatched brackets are absent."""
    partner: dict[int, int] = {}
    stapel: list[int] = []
    for m in re.finditer(r"\\[!-/:-@\[-`{-~•]|[\[\]]", tekst):
        if len(m.group()) == 2:
            continue  # an escaped character (an escaped bracket does not pair)
        if m.group() == "[":
            stapel.append(m.start())
        elif stapel:
            open_ = stapel.pop()
            partner[open_] = m.start()
            partner[m.start()] = open_
    return partner


@dataclass
class _Scheiding:
    """A run of asterisks that may open or close emphasis."""

    aantal: int
    kan_openen: bool
    kan_sluiten: bool


def woo_passages(tekst: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of every outermost well-formed `[[woo:CODE|text]]` in `tekst`."""
    partner = _partners(tekst)
    uit: list[tuple[int, int, str]] = []
    positie = 0
    while True:
        i = tekst.find("[[woo:", positie)
        if i < 0:
            return uit
        eind = _woo_eind(tekst, i, partner)
        if eind is None:
            positie = i + 2
            continue
        code = tekst[i + 6 : eind - 2].partition("|")[0].strip().lower()
        uit.append((i, eind, code))
        positie = eind


def _woo_eind(tekst: str, i: int, partner: dict[int, int]) -> int | None:
    binnen = partner.get(i + 1)
    if binnen is None or partner.get(i) != binnen + 1:
        return None
    code, scheiding, _ = tekst[i + 6 : binnen].partition("|")
    if not scheiding or not WOO_CODE.fullmatch(code.strip()):
        return None
    return binnen + 2


def parse_inline(tekst: str, *, in_voetnoot: bool = False, in_woo: bool = False) -> tuple[Inline, ...]:
    """The inline content of one paragraph or list item."""
    partner = _partners(tekst)
    delen: list[str | _Scheiding | Voetnoot | Woo] = []
    positie = begin = 0
    while True:
        m = _SPECIAAL.search(tekst, positie)
        if m is None:
            break
        i, teken = m.start(), m.group()
        if teken[0] == "\\":
            if begin < i:
                delen.append(tekst[begin:i])
            delen.append(teken[1])
            positie = begin = m.end()
            continue
        if teken == "^[":
            sluit = partner.get(i + 1)
            if sluit is not None and not in_voetnoot:
                if begin < i:
                    delen.append(tekst[begin:i])
                bron = tekst[i + 2 : sluit]
                delen.append(Voetnoot(parse_inline(bron, in_voetnoot=True, in_woo=in_woo), bron))
                positie = begin = sluit + 1
            else:
                positie = i + 2
            continue
        if teken == "[[woo:":
            eind = None if in_woo else _woo_eind(tekst, i, partner)
            if eind is not None:
                if begin < i:
                    delen.append(tekst[begin:i])
                code, _, inhoud = tekst[i + 6 : eind - 2].partition("|")
                delen.append(Woo(code.strip().lower(), parse_inline(inhoud, in_voetnoot=in_voetnoot, in_woo=True)))
                positie = begin = eind
            else:
                positie = i + 2
            continue
        if begin < i:
            delen.append(tekst[begin:i])
        voor = tekst[i - 1] if i > 0 else " "
        na = tekst[m.end()] if m.end() < len(tekst) else " "
        delen.append(_Scheiding(len(teken), not na.isspace(), not voor.isspace()))
        positie = begin = m.end()
    if begin < len(tekst):
        delen.append(tekst[begin:])
    return _nadruk(delen)


def _nadruk(delen: list[str | _Scheiding | Voetnoot | Woo]) -> tuple[Inline, ...]:
    """Resolve asterisk runs into bold/italic (a simplified CommonMark delimiter algorithm:
    the nearest opener always matches, so it stays linear) and flatten to inlines."""
    n = len(delen)
    vet = [0] * (n + 1)
    cursief = [0] * (n + 1)
    stapel: list[int] = []
    for index, deel in enumerate(delen):
        if not isinstance(deel, _Scheiding):
            continue
        if deel.kan_sluiten:
            while deel.aantal and stapel:
                o = stapel[-1]
                opener = delen[o]
                assert isinstance(opener, _Scheiding)
                gebruik = 2 if opener.aantal >= 2 and deel.aantal >= 2 else 1
                opener.aantal -= gebruik
                deel.aantal -= gebruik
                teller = vet if gebruik == 2 else cursief
                teller[o + 1] += 1
                teller[index] -= 1
                if not opener.aantal:
                    stapel.pop()
        if deel.kan_openen and deel.aantal:
            stapel.append(index)
    uit: list[Inline] = []
    stukken: list[str] = []  # text of the run being built (joined once: no quadratic +=)
    opmaak: tuple[bool, bool] | None = None
    v = c = 0

    def tekst(deel: str, nieuw: tuple[bool, bool]) -> None:
        nonlocal opmaak
        if not deel:
            return
        if nieuw != opmaak:
            sluit()
            opmaak = nieuw
        stukken.append(deel)

    def sluit() -> None:
        nonlocal opmaak
        if stukken and opmaak is not None:
            uit.append(Tekst("".join(stukken), *opmaak))
        stukken.clear()
        opmaak = None

    for index, deel in enumerate(delen):
        v += vet[index]
        c += cursief[index]
        if isinstance(deel, _Scheiding):
            tekst("*" * deel.aantal, (v > 0, c > 0))
        elif isinstance(deel, str):
            tekst(deel, (v > 0, c > 0))
        else:
            sluit()
            if isinstance(deel, Woo) and (v or c):
                deel = replace(deel, inhoud=_met_nadruk(deel.inhoud, v > 0, c > 0))
            uit.append(deel)
    sluit()
    return tuple(uit)


def _met_nadruk(inhoud: tuple[Inline, ...], vet: bool, cursief: bool) -> tuple[Inline, ...]:
    uit: list[Inline] = []
    for deel in inhoud:
        if isinstance(deel, Tekst):
            uit.append(Tekst(deel.tekst, deel.vet or vet, deel.cursief or cursief))
        elif isinstance(deel, Woo):
            uit.append(replace(deel, inhoud=_met_nadruk(deel.inhoud, vet, cursief)))
        else:
            uit.append(deel)
    return tuple(uit)


# --- helpers ----------------------------------------------------------------------------------


def platte_tekst(inhoud: Iterable[Inline], *, voetnoten: bool = False) -> str:
    """The visible text of inlines (footnotes left out unless asked for, then in brackets)."""
    delen: list[str] = []
    for deel in inhoud:
        if isinstance(deel, Tekst):
            delen.append(deel.tekst)
        elif isinstance(deel, Woo):
            delen.append(platte_tekst(deel.inhoud, voetnoten=voetnoten))
        elif voetnoten:
            delen.append("[" + platte_tekst(deel.inhoud) + "]")
    return "".join(delen)


def voetnoten(blokken: Iterable[Blok]) -> Iterator[Voetnoot]:
    """Every footnote of the blocks, in reading order."""
    for blok in blokken:
        reeksen = [blok.inhoud] if isinstance(blok, Alinea) else [i.inhoud for i in blok.items]
        for inhoud in reeksen:
            yield from _voetnoten_in(inhoud)


def _voetnoten_in(inhoud: tuple[Inline, ...]) -> Iterator[Voetnoot]:
    for deel in inhoud:
        if isinstance(deel, Voetnoot):
            yield deel
        elif isinstance(deel, Woo):
            yield from _voetnoten_in(deel.inhoud)
