"""Writing section text (the dialect of workflow.markdown) from content, in one canonical way.

The Word reader (import and retour) writes what it read with `schrijf`, and the retour compares
a returned file with the exported revisie in this canonical form on both sides (`canoniek`), so
two spellings of the same content (`• ` or `- `, a wrapped line, `1.` for every item) are never
taken for an edit. Literal text is escaped (`\\*`, `\\^[`, `\\[[woo:`, `\\- ` at a paragraph
start), so Word text is never read back as markup: `markdown.parse(schrijf(x))` gives x back
(tests/test_dialect.py checks that with generated content).

Every output character can carry a tag (`bron`): the retour tags each character with its place
in the Word file and so knows, for every position of the written text, which tracked change or
comment it came from. Markup characters carry None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workflow import markdown as md

_WIT = frozenset(" \t\n\r\u00a0")
_BIJZONDER = frozenset("\\*^[]")  # characters that may need a backslash


@dataclass(slots=True)
class Stuk:
    """A run of text with one formatting; `bron` tags its first character (the others follow)."""

    tekst: str
    vet: bool = False
    cursief: bool = False
    woo: str | None = None
    bron: int | None = None


@dataclass(slots=True)
class Noot:
    """A footnote at this place; `bron` tags its reference mark, `inhoud` its text."""

    inhoud: list[Stuk]
    bron: int | None = None
    woo: str | None = None  # the Woo passage it stands in (when not known: the one it follows)


@dataclass(slots=True)
class Blok:
    """A paragraph, or a list item (lijst=True) at `niveau` (0 = outermost)."""

    inhoud: list[Stuk | Noot] = field(default_factory=list)
    lijst: bool = False
    genummerd: bool = False
    niveau: int = 0
    nummer: int | None = None  # level-0 start of a numbered list (its first item)
    lijst_id: str | None = None  # Word's numId: outermost items of another list start a new one


class _Uit:
    """Output text with a tag per character."""

    __slots__ = ("tekens", "bronnen", "met_bron")

    def __init__(self, met_bron: bool):
        self.tekens: list[str] = []
        self.bronnen: list[int | None] = []
        self.met_bron = met_bron

    def markering(self, tekst: str) -> None:
        self.tekens.append(tekst)
        if self.met_bron:
            self.bronnen.extend([None] * len(tekst))

    def teken(self, teken: str, bron: int | None, escape: bool = False) -> None:
        if escape:
            self.tekens.append("\\")
            if self.met_bron:
                self.bronnen.append(None)
        self.tekens.append(teken)
        if self.met_bron:
            self.bronnen.append(bron)


# One flattened inline item: a character (teken, vet, cursief, woo, bron) or a footnote.
_Teken = tuple[str, bool, bool, "str | None", "int | None"]


def _plat(inhoud: Sequence[Stuk | Noot]) -> list[_Teken | Noot]:
    uit: list[_Teken | Noot] = []
    for deel in inhoud:
        if isinstance(deel, Noot):
            uit.append(deel)
            continue
        b = deel.bron
        for i, teken in enumerate(deel.tekst):
            if teken in "\n\t\r":
                teken = " "
            uit.append((teken, deel.vet, deel.cursief, deel.woo, None if b is None else b + i))
    return uit


def _strip(items: list[_Teken | Noot]) -> list[_Teken | Noot]:
    begin, eind = 0, len(items)
    while begin < eind and not isinstance(eerste := items[begin], Noot) and eerste[0] in _WIT:
        begin += 1
    while eind > begin and not isinstance(laatste := items[eind - 1], Noot) and laatste[0] in _WIT:
        eind -= 1
    return items[begin:eind]


def _markering(van: tuple[bool, bool], naar: tuple[bool, bool]) -> tuple[str, str]:
    """(closing, opening) delimiters between two emphasis states.

    The dialect's parser matches a closing run with the nearest opener, whatever its size, so
    delimiters never nest across runs: when anything opens, everything open closes first and
    the new state opens as one run. Then at most one opening run is pending at any time."""
    if (naar[0] and not van[0]) or (naar[1] and not van[1]):
        return "*" * (2 * van[0] + van[1]), "*" * (2 * naar[0] + naar[1])
    return "*" * (2 * (van[0] and not naar[0]) + (van[1] and not naar[1])), ""


def _nadruk_en_tekst(
    uit: _Uit, items: Sequence[_Teken | Noot], *, haken: bool, begin_escape: int | None = None, in_woo: bool = False
) -> None:
    """Emit characters with emphasis delimiters hugging non-blank text, escaping what would be
    markup. `haken`: escape every bracket (inside a footnote or Woo passage, where an unpaired
    one would end it)."""
    staat = (False, False)
    wachtend: list[_Teken] = []  # blanks not yet written: delimiters close before them
    tekens, bronnen, met_bron = uit.tekens, uit.bronnen, uit.met_bron
    laatste = len(items) - 1
    for index, item in enumerate(items):
        if isinstance(item, Noot):
            for w in wachtend:
                uit.teken(w[0], w[4])
            wachtend.clear()
            _noot(uit, item, in_woo=in_woo)
            continue
        teken = item[0]
        if teken in _WIT:
            wachtend.append(item)
            continue
        nieuw = (item[1], item[2])
        if nieuw != staat:
            sluit, open_ = _markering(staat, nieuw)
            uit.markering(sluit)
            for w in wachtend:
                uit.teken(w[0], w[4])
            uit.markering(open_)
            staat = nieuw
        elif wachtend:
            for w in wachtend:
                tekens.append(w[0])
                if met_bron:
                    bronnen.append(w[4])
        wachtend.clear()
        if teken in _BIJZONDER or index == begin_escape:
            volgende = items[index + 1] if index < laatste else None
            volgend_teken = volgende[0] if volgende is not None and not isinstance(volgende, Noot) else ""
            escape = (
                index == begin_escape
                or teken in "\\*"
                or (teken == "^" and volgend_teken == "[")
                or (teken == "[" and (haken or volgend_teken == "["))
                or (teken == "]" and haken)
            )
            uit.teken(teken, item[4], escape)
        else:
            tekens.append(teken)
            if met_bron:
                bronnen.append(item[4])
    uit.markering(_markering(staat, (False, False))[0])
    for w in wachtend:
        uit.teken(w[0], w[4])


def _woo_delen(items: Sequence[_Teken | Noot]) -> list[tuple[str | None, list[_Teken | Noot]]]:
    """Consecutive items with the same Woo ground; a footnote joins the part it follows."""
    delen: list[tuple[str | None, list[_Teken | Noot]]] = []
    for item in items:
        if isinstance(item, Noot):
            code = item.woo if item.woo is not None or not delen else delen[-1][0]
        else:
            code = item[3]
        if delen and delen[-1][0] == code:
            delen[-1][1].append(item)
        else:
            delen.append((code, [item]))
    return delen


def _inline(uit: _Uit, items: Sequence[_Teken | Noot], *, in_noot: bool = False, begin_escape: int | None = None) -> None:
    for nummer, (code, deel) in enumerate(_woo_delen(items)):
        if code is None:
            _nadruk_en_tekst(uit, deel, haken=in_noot, begin_escape=begin_escape if nummer == 0 else None)
        else:
            uit.markering(f"[[woo:{code}|")
            _nadruk_en_tekst(uit, deel, haken=True, in_woo=True)
            uit.markering("]]")


def _noot(uit: _Uit, noot: Noot, *, in_woo: bool = False) -> None:
    uit.markering("^")
    if uit.met_bron:
        uit.bronnen[-1] = noot.bron  # the reference mark stands for the whole footnote
    uit.markering("[")
    items = [i for i in _strip(_plat(noot.inhoud)) if not isinstance(i, Noot)]
    if in_woo:  # withheld with the passage it stands in; no Woo passage inside another
        items = [(t[0], t[1], t[2], None, t[4]) for t in items]
    _inline(uit, items, in_noot=True)
    uit.markering("]")


def _begin_escape(items: Sequence[_Teken | Noot]) -> int | None:
    """Index of the character to escape so a paragraph's start is not read as a list item."""
    tekens = []
    for item in items[:6]:
        if isinstance(item, Noot):
            break
        tekens.append(item[0])
    begin = "".join(tekens)
    if begin[:1] in ("-", "•", "#") and (len(begin) == 1 or begin[1] in " \t" or begin[0] == "#"):
        return 0
    cijfers = len(begin) - len(begin.lstrip("0123456789"))
    if 1 <= cijfers <= 3 and begin[cijfers : cijfers + 1] == ".":
        return cijfers
    return None


def schrijf(blokken: list[Blok], *, met_bron: bool = False) -> tuple[str, list[int | None]]:
    """The section text of `blokken`, and (met_bron) a tag per character."""
    uit = _Uit(met_bron)
    vorige: Blok | None = None
    tellers: list[int] = []
    niveau_vorige = -1
    eerste_soort = False  # numbering kind of the current list's first item
    lijst_id: str | None = None  # the current list's numId (Word), if known
    for blok in blokken:
        items = _strip(_plat(blok.inhoud))
        if not items:
            continue
        if vorige is not None:
            zelfde_lijst = (
                vorige.lijst
                and blok.lijst
                and not (blok.niveau == 0 and blok.genummerd != eerste_soort)
                and not (blok.niveau == 0 and None not in (blok.lijst_id, lijst_id) and blok.lijst_id != lijst_id)
            )
            uit.markering("\n" if zelfde_lijst else "\n\n")
            if not zelfde_lijst:
                niveau_vorige = -1
        if blok.lijst:
            if niveau_vorige < 0:
                eerste_soort = blok.genummerd
                lijst_id = blok.lijst_id
                tellers = []
                niveau = 0
            else:
                niveau = min(blok.niveau, niveau_vorige + 1)
            del tellers[niveau + 1 :]
            while len(tellers) <= niveau:
                tellers.append(0)
            if tellers[niveau] == 0 and niveau == 0 and blok.genummerd and blok.nummer:
                tellers[niveau] = blok.nummer - 1
            tellers[niveau] += 1
            niveau_vorige = niveau
            uit.markering("  " * niveau + (f"{tellers[niveau]}. " if blok.genummerd else "- "))
            _inline(uit, items)
        else:
            _inline(uit, items, begin_escape=_begin_escape(items))
        vorige = blok
    return "".join(uit.tekens), uit.bronnen


def kop(inhoud: list[Stuk]) -> str:
    """A heading as stored (`kop`): its text, escaped, without emphasis."""
    items = [(t[0], False, False, None, None) for t in _strip(_plat(inhoud)) if not isinstance(t, Noot)]
    uit = _Uit(False)
    _nadruk_en_tekst(uit, items, haken=False)
    return "".join(uit.tekens)


# --- from parsed section text -------------------------------------------------------------------


def _stukken(inhoud: tuple[md.Inline, ...], woo: str | None = None) -> list[Stuk | Noot]:
    uit: list[Stuk | Noot] = []
    for deel in inhoud:
        if isinstance(deel, md.Tekst):
            uit.append(Stuk(deel.tekst, deel.vet, deel.cursief, woo))
        elif isinstance(deel, md.Woo):
            uit.extend(_stukken(deel.inhoud, deel.code))
        else:
            uit.append(Noot([s for s in _stukken(deel.inhoud) if isinstance(s, Stuk)], woo=woo))
    return uit


def blokken(tekst: str) -> list[Blok]:
    """Section text as blocks (what `schrijf` writes back canonically)."""
    uit: list[Blok] = []
    for blok in md.parse(tekst):
        if isinstance(blok, md.Alinea):
            uit.append(Blok(_stukken(blok.inhoud)))
        else:
            for item in blok.items:
                uit.append(Blok(_stukken(item.inhoud), True, item.genummerd, item.niveau, item.nummer))
    return uit


def canoniek(tekst: str) -> str:
    """The canonical spelling of a section text (same content, one way of writing it)."""
    return schrijf(blokken(tekst))[0]
