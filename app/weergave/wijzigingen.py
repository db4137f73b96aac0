"""wijzigingen.docx: the document at revision S with native Word tracked changes against R.

Each section's versions are laid out as blocks (paragraphs with their style and list position,
words with their formatting, footnotes), turned into a token sequence (a word, a space, a
punctuation mark, a whole footnote, a paragraph end with its properties) and diffed step by step
with workflow.diff.woord_diff. Every token remembers which step inserted or deleted it, so each
w:ins / w:del carries the author and time of the version that made that change. Text inserted
and removed again between R and S is in neither revision and is left out.

Accepting all changes gives exactly the rendering of revision S, rejecting all that of R:
paragraph ends are tokens too, so split, merged and restyled paragraphs come out right.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from app.weergave.docx import Schrijver, pakket
from app.weergave.model import SectieWeergave, WijzigingenWeergave
from app.weergave.ooxml import Wijziging
from app.weergave.opbouw import Blok, Noot, Par, Stuk, bouw, sectie_pars
from workflow.diff import GELIJK, INGEVOEGD, VERWIJDERD, woord_diff

_WOORD = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_EERSTE, _LAATSTE = 0xF0000, 0x10FFFD


@dataclass(frozen=True)
class _Token:
    sleutel: tuple  # what the diff compares
    waarde: Stuk | Noot | Par  # what is rendered (Par: a paragraph end with its properties)


@dataclass(frozen=True)
class _Deel:
    token: _Token
    wijziging: Wijziging | None  # None: in R and still there


def _stuk_sleutel(s: Stuk) -> tuple:
    return (s.tekst, s.vet, s.cursief, s.woo, s.link)


def tokens(pars: list[Par]) -> list[_Token]:
    uit: list[_Token] = []
    for par in pars:
        for deel in par.inhoud:
            if isinstance(deel, Noot):
                uit.append(_Token(("noot", tuple(_stuk_sleutel(s) for s in deel.inhoud)), deel))
                continue
            for woord in _WOORD.findall(deel.tekst):
                # Built directly (dataclasses.replace per word cost 17 µs: seconds per render).
                stuk = Stuk(woord, deel.vet, deel.cursief, deel.woo, deel.link, deel.wijziging)
                uit.append(_Token(("tekst", woord, deel.vet, deel.cursief, deel.woo, deel.link), stuk))
        lijst = par.lijst
        sleutel = ("einde", par.stijl, lijst.lijst_genummerd, lijst.genummerd, lijst.niveau) if lijst else ("einde", par.stijl)
        uit.append(_Token(sleutel, dataclasses.replace(par, inhoud=[])))
    return uit


def _diff(a: list[_Token], b: list[_Token]) -> list[tuple[int, int]]:
    """(operation, number of tokens) turning `a` into `b`."""
    codes: dict[tuple, str] = {}
    for t in (*a, *b):
        if t.sleutel not in codes:
            if len(codes) > _LAATSTE - _EERSTE:
                return [(VERWIJDERD, len(a)), (INGEVOEGD, len(b))]
            codes[t.sleutel] = chr(_EERSTE + len(codes))
    ca = "".join(codes[t.sleutel] for t in a)
    cb = "".join(codes[t.sleutel] for t in b)
    # Each private-use character is one token to woord_diff, so this diffs our tokens.
    return [(op, len(tekst)) for op, tekst in woord_diff(ca, cb)]


def _stap(delen: list[_Deel], nieuw: list[_Token], w_in: Wijziging, w_uit: Wijziging) -> list[_Deel]:
    zichtbaar = [d.token for d in delen if d.wijziging is None or d.wijziging.soort == "ins"]
    uit: list[_Deel] = []
    i = j = 0

    def sla_verwijderde_over() -> None:
        nonlocal i
        while i < len(delen) and delen[i].wijziging is not None and delen[i].wijziging.soort == "del":
            uit.append(delen[i])
            i += 1

    for op, aantal in _diff(zichtbaar, nieuw):
        for _ in range(aantal):
            if op == INGEVOEGD:
                uit.append(_Deel(nieuw[j], w_in))
                j += 1
                continue
            sla_verwijderde_over()
            oud = delen[i]
            i += 1
            if op == GELIJK:
                uit.append(_Deel(nieuw[j], oud.wijziging))  # S's values, the original attribution
                j += 1
            elif oud.wijziging is None:
                uit.append(_Deel(oud.token, w_uit))
            # else: inserted after R and removed again before S: in neither revision
    uit.extend(delen[i:])
    return uit


def _pars(delen: list[_Deel]) -> list[Par]:
    """Paragraphs from the tokens; neighbouring words with one formatting and one change mark
    become one run, its text joined once (appending word by word was quadratic in a run's length)."""
    pars: list[Par] = []
    inhoud: list[Stuk | Noot] = []
    huidig: Stuk | None = None  # the run being built; its words are in `woorden`
    woorden: list[str] = []

    def sluit_run() -> None:
        nonlocal huidig
        if huidig is not None:
            inhoud.append(dataclasses.replace(huidig, tekst="".join(woorden)))
            huidig = None
            woorden.clear()

    for deel in delen:
        waarde, w = deel.token.waarde, deel.wijziging
        if isinstance(waarde, Par):
            sluit_run()
            pars.append(dataclasses.replace(waarde, inhoud=inhoud, wijziging=w))
            inhoud = []
        elif isinstance(waarde, Noot):
            sluit_run()
            inhoud.append(dataclasses.replace(waarde, wijziging=w))
        else:
            if not (huidig is not None and _stuk_sleutel(huidig)[1:] == _stuk_sleutel(waarde)[1:] and huidig.wijziging == w):
                sluit_run()
                huidig = dataclasses.replace(waarde, wijziging=w)
            woorden.append(waarde.tekst)
    sluit_run()
    if inhoud:  # cannot happen: every paragraph ends with its end token
        pars.append(Par(inhoud))
    return pars


def sectie_met_wijzigingen(
    van: SectieWeergave | None, stappen: list[tuple[SectieWeergave | None, Wijziging, Wijziging]]
) -> list[Par]:
    """The paragraphs of one section with tracked changes, from its state at R through each
    (state, insertion mark, deletion mark) step."""
    delen = [_Deel(t, None) for t in tokens(sectie_pars(van) if van else [])]
    for sectie, w_in, w_uit in stappen:
        delen = _stap(delen, tokens(sectie_pars(sectie) if sectie else []), w_in, w_uit)
    return _pars(delen)


def wijzigingen_docx(w: WijzigingenWeergave) -> bytes:
    """The document at revision S with w:ins / w:del against revision R."""
    romp: list[Blok] = []
    eind_secties: list[SectieWeergave] = []
    for sectie in w.secties:
        stappen = [
            (s.sectie, Wijziging("ins", s.auteur, s.tijdstip), Wijziging("del", s.auteur, s.tijdstip)) for s in sectie.stappen
        ]
        if stappen:
            romp.extend(sectie_met_wijzigingen(sectie.van, stappen))
        elif sectie.van is not None:
            romp.extend(sectie_pars(sectie.van))  # unchanged: no need to diff
        laatste = sectie.stappen[-1].sectie if sectie.stappen else sectie.van
        if laatste is not None:
            eind_secties.append(laatste)
    doc = dataclasses.replace(w.document, secties=eind_secties, blokken=None)
    opbouw = bouw(doc)
    opbouw.romp = romp
    extra = [("WijzigingenVan", str(w.van_revisie)), ("WijzigingenTot", str(w.tot_revisie))]
    return pakket(opbouw, schrijver=Schrijver(), sporen=True, extra_eigenschappen=extra)
