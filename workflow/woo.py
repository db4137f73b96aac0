"""Woo (Wet open overheid): the grounds, the check of `[[woo:CODE|text]]` markers on write, and
the redaction of the publication version.

Withheld in the publication version: passages the author marked `[[woo:CODE|text]]` (replaced
by CODE), and under 5.1.2e (personal privacy) the names, e-mail addresses and phone numbers of
the service's own civil servants, plus any e-mail address and any Dutch phone number in the
text. Names of ministers and members of parliament are public: only names on the
civil-servant list are touched.

Redaction works on text as a reader sees it, never on the source string: the caller (the
renderer) hands over the runs of one paragraph as they will be printed, with footnote
references and already-withheld passages as markers between them (`redigeer_delen`). The
runs are joined, invisible characters (soft hyphens, zero-width characters, combining marks)
are left out, matches are found in that text and mapped back onto the runs: a match that
spans several runs (a name half in bold, a phone number across a footnote reference) is
replaced as a whole by the ground, in the run where it starts.

Every regular expression here runs in time linear in its input: bounded repetitions, no
nested unbounded quantifiers over overlapping classes (tests/weergave/test_woo_lineair.py
measures them on 2 MiB of hostile input with CPU time).

Pure functions and plain classes; the context is any object with the list attributes of
app.weergave.model.WooContext (workflow/ does not import app/).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from workflow import markdown as md

PERSOONLIJKE_LEVENSSFEER = "5.1.2e"

# Art. 5.1 lid 1 (absolute), lid 2 (relative), lid 5 and art. 5.2 Woo, in the law's words.
GRONDEN: dict[str, str] = {
    "5.1.1a": "de eenheid van de Kroon",
    "5.1.1b": "de veiligheid van de Staat",
    "5.1.1c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "identificatienummers van personen",
    "5.1.2a": "de betrekkingen van Nederland met andere landen en staten en met internationale organisaties",
    "5.1.2b": "de economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "de inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "de bescherming van concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "de bescherming van het milieu waarop deze informatie betrekking heeft",
    "5.1.2h": "de beveiliging van personen en bedrijven en het voorkomen van sabotage",
    "5.1.2i": "het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
    "5.1.5": "het voorkomen van onevenredige benadeling",
    "5.2": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
}

# What the publication shows for a marker whose ground cannot be read (only reachable for text
# stored before markers were checked on write): visible, so the reviewer fixes the source.
ONLEESBARE_MARKERING = "[onleesbare Woo-markering]"


def grond_omschrijving(code: str) -> str:
    return GRONDEN.get(code, "overige weigeringsgrond")


def sorteer_gronden(codes: Iterable[str]) -> list[str]:
    """Codes in the law's order (5.1.1a ... 5.1.2i, 5.1.5, 5.2), unknown codes last."""
    volgorde = {code: i for i, code in enumerate(GRONDEN)}
    return sorted(set(codes), key=lambda c: (volgorde.get(c, len(volgorde)), c))


# --- markers: the check on write -----------------------------------------------------------------
#
# A marker the parser does not take stays literal text, and its "withheld" words would be
# published. So every write of section text (API, web forms, CLI, import) refuses text in which
# anything that looks like the start of a marker is not taken by the parser as a marker with a
# known ground. The check parses the text exactly as the renderer does (workflow.markdown), so
# the two cannot disagree: "accepted" means "every marker is withheld".

# Anything that looks like a marker's start: two adjacent opening brackets and "woo" (any case,
# blanks and at most one line break after the brackets, as the parser joins the lines of a
# paragraph; the second bracket may be escaped). A single "[woo" or "[ [woo" is ordinary text.
# A backslash before either bracket (the dialect's escape, which the Word reader writes for
# literal Word text: workflow.dialect escapes every "[" before another) makes it intended
# literal text: accepted, and shown as written.
_NA_HAKEN = r"[ \t]*(?:\n[ \t]*)?woo\b"
_KANDIDAAT_BRON = re.compile(r"\[\\?\[" + _NA_HAKEN, re.IGNORECASE)
_KANDIDAAT = re.compile(r"\[\[[ \t]*woo\b", re.IGNORECASE)  # in parsed (literal) text
# A footnote whose source starts like that ("^[[woo:..": the marker's first bracket was read as
# the footnote's): the same kind of spot.
NOOT_BEGINT_ALS_MARKERING = re.compile(r"\\?\[" + _NA_HAKEN, re.IGNORECASE)
NOOT_TEKST_ALS_MARKERING = re.compile(r"\[[ \t]*woo\b", re.IGNORECASE)  # its text as shown


@dataclass(frozen=True)
class MarkeringFout:
    positie: int  # 0-based offset of the marker's first bracket in the text checked
    regel: int  # 1-based line of that position
    reden: str  # Dutch, what is wrong

    def __str__(self) -> str:
        return f"Woo-markering op positie {self.positie} (regel {self.regel}): {self.reden}"


def markeringsfout(tekst: str, *, kop: bool = False) -> MarkeringFout | None:
    """The first malformed Woo marker of `tekst` (section text; a heading with `kop`), or None."""
    fouten = markeringsfouten(tekst, kop=kop)
    return fouten[0] if fouten else None


def nieuwe_markeringsfout(oud: str, nieuw: str) -> MarkeringFout | None:
    """The first malformed marker of section text `nieuw` when `oud` had none. For writes
    derived from earlier input (an adopted proposal, a merge, a wording written into a passage):
    they must not break a marker, but text stored broken before the check existed is not held
    against them (its author fixes it with a direct edit, which is checked in full)."""
    if "woo" not in nieuw.lower():
        return None
    fout = markeringsfout(nieuw)
    return fout if fout is not None and markeringsfout(oud) is None else None


def markeringsfouten(tekst: str, *, kop: bool = False, maximaal: int = 20) -> list[MarkeringFout]:
    """The marker-like spots of `tekst` the parser does not take as a marker with a known
    ground (at most `maximaal`, in order)."""
    bron = list(_KANDIDAAT_BRON.finditer(tekst))
    if not bron:
        return []
    voorvallen: list[tuple[str, str | None, bool]] = []  # (kind, code, inside a marker)
    if kop:
        _voorvallen(md.parse_inline(tekst), False, voorvallen)
    else:
        for blok in md.parse(tekst):
            reeksen = [blok.inhoud] if isinstance(blok, md.Alinea) else [i.inhoud for i in blok.items]
            for inhoud in reeksen:
                _voorvallen(inhoud, False, voorvallen)
    regels = _Regels(tekst)
    if len(voorvallen) != len(bron):
        # Cannot happen for the dialect as parsed today (the tests generate texts to show it);
        # should the parser change, refuse rather than guess which spot is which.
        begin = bron[0].start()
        return [MarkeringFout(begin, regels.regel(begin), "wordt niet als Woo-markering herkend")]
    fouten: list[MarkeringFout] = []
    partner: dict[int, int] | None = None
    for m, (soort, code, binnen) in zip(bron, voorvallen, strict=True):
        if len(fouten) >= maximaal:
            break
        begin = m.start()
        if soort != "woo" and (_ontsnapt(tekst, begin) or _ontsnapt(tekst, tekst.index("[", begin + 1))):
            continue  # written literally on purpose
        if soort == "woo":
            if code in GRONDEN:
                continue
            reden = f"onbekende Woo-grond '{code}'; bekend zijn {', '.join(GRONDEN)}"
        elif binnen:
            reden = "staat binnen een andere Woo-markering; markeringen kunnen niet genest worden"
        else:
            partner = partner if partner is not None else _partners(tekst)
            reden = _waarom_letterlijk(tekst, begin, partner)
        fouten.append(MarkeringFout(begin, regels.regel(begin), reden))
    return fouten


class _Regels:
    """Line numbers of positions asked in increasing order, counted once."""

    def __init__(self, tekst: str):
        self._tekst, self._positie, self._regel = tekst, 0, 1

    def regel(self, positie: int) -> int:
        if positie < self._positie:
            self._positie, self._regel = 0, 1
        self._regel += self._tekst.count("\n", self._positie, positie)
        self._positie = positie
        return self._regel


def _voorvallen(inhoud: Iterable[md.Inline], binnen: bool, uit: list[tuple[str, str | None, bool]]) -> None:
    """Markers and literal marker-like spots in reading order (the order of the source)."""
    for deel in inhoud:
        if isinstance(deel, md.Tekst):
            uit.extend(("letterlijk", None, binnen) for _ in _KANDIDAAT.finditer(deel.tekst))
        elif isinstance(deel, md.Woo):
            uit.append(("woo", deel.code, binnen))
            _voorvallen(deel.inhoud, True, uit)
        else:
            if NOOT_BEGINT_ALS_MARKERING.match(deel.bron):
                uit.append(("letterlijk", None, binnen))
            _voorvallen(deel.inhoud, binnen, uit)


def _ontsnapt(tekst: str, i: int) -> bool:
    """Whether the character at `i` is escaped (an odd number of backslashes before it)."""
    j = i
    while j > 0 and tekst[j - 1] == "\\":
        j -= 1
    return (i - j) % 2 == 1


def _partners(tekst: str) -> dict[int, int]:
    """Matching bracket positions, both ways: the parser's own rule (escaped brackets do not pair)."""
    return md._partners(tekst)


def _waarom_letterlijk(tekst: str, i: int, partner: dict[int, int]) -> str:
    """Why the marker-like spot at `i` is not a marker, in the author's terms."""
    if i > 0 and tekst[i - 1] == "^":
        return "direct na '^' wordt '[' als begin van een voetnoot gelezen; zet een spatie tussen '^' en de markering"
    if not tekst.startswith("[[woo:", i):
        return "een Woo-markering begint met precies '[[woo:' (twee blokhaken, kleine letters, geen spaties)"
    binnen = partner.get(i + 1)
    if binnen is None or partner.get(i) != binnen + 1:
        return "wordt niet afgesloten met ']]' (of de blokhaken erbinnen zijn niet in evenwicht)"
    code, scheiding, _ = tekst[i + 6 : binnen].partition("|")
    if not scheiding:
        return "mist '|' tussen de Woo-grond en de tekst: schrijf [[woo:5.1.2e|tekst]]"
    if not md.WOO_CODE.fullmatch(code.strip()):
        return f"onbekende Woo-grond '{code.strip()[:20]}'; bekend zijn {', '.join(GRONDEN)}"
    # The parser reads paragraphs and list items one by one (md._ITEM starts an item).
    if re.search(r"\n[ \t]*\n", tekst[i:binnen]) or any(
        md._ITEM.match(regel) for regel in tekst[i:binnen].split("\n")[1:]
    ):  # (at most `maximaal` markers are looked at this closely: bounded work)
        return "loopt over een alinea- of lijstgrens; sluit de markering af binnen dezelfde alinea"
    return "wordt niet als Woo-markering gelezen"


# --- the text as a reader sees it -------------------------------------------------------------------

VOETNOOT_TEKEN = "\ue000"  # a footnote reference in a joined paragraph: a boundary names may cross
VAST_TEKEN = "\ue001"  # a piece that is already withheld (a ground): a hard boundary
ONZICHTBAAR_TEKEN = "\ue002"  # an invisible character read as a possible break between words


@functools.cache
def _tekentabellen() -> tuple[re.Pattern[str], re.Pattern[str], dict[int, str], str, dict[int, str]]:
    """Built once per process from the Unicode database (about 0.3 s): the characters a reader
    does not see as text — format characters (soft hyphen, zero-width space and joiners, word
    joiner, bidi controls, BOM) and combining marks (a decomposed accent) — as a pattern for
    the Basic Multilingual Plane (the engine checks it with a bitmap) and one for all planes;
    every decimal digit of any script as its ASCII digit ("０６" is "06"); and the spacing
    combining marks (category Mc, part of words in Indic scripts: an IDN top-level domain);
    and a table that turns each invisible character into ONZICHTBAAR_TEKEN."""
    reeksen: list[tuple[int, int]] = []
    breekpunten: dict[int, str] = {}
    cijfers: dict[int, str] = {}
    mc: list[str] = []
    begin: int | None = None
    vorige = 0
    for c in range(sys.maxunicode + 1):
        teken = chr(c)
        categorie = unicodedata.category(teken)
        if categorie == "Mc":
            mc.append(re.escape(teken))
        if categorie in ("Cf", "Mn", "Me"):
            breekpunten[c] = ONZICHTBAAR_TEKEN
            if begin is None:
                begin = c
            vorige = c
            continue
        if begin is not None:
            reeksen.append((begin, vorige))
            begin = None
        if c > 0x7F and categorie == "Nd":
            cijfers[c] = str(unicodedata.decimal(teken))

    def klasse(bereik: list[tuple[int, int]]) -> str:
        return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in bereik)

    bmp = [(a, min(b, 0xFFFF)) for a, b in reeksen if a <= 0xFFFF]
    return re.compile(f"[{klasse(bmp)}]+"), re.compile(f"[{klasse(reeksen)}]+"), cijfers, "".join(mc), breekpunten


_ASTRAAL = re.compile("[\U00010000-\U0010ffff]")
_ANDER_CIJFER = re.compile(r"(?![0-9])\d")


def _onzichtbaar(tekst: str = "") -> re.Pattern[str]:
    """The invisible characters' pattern fit for `tekst` (the fast one without astral characters)."""
    bmp, alles = _tekentabellen()[:2]
    return alles if _ASTRAAL.search(tekst) else bmp


# A footnote reference inside a word ("Ve¹en", "Veen¹s"): a reader reads through it.
_NOOT_IN_WOORD = re.compile(rf"(?<=[^\W_]){VOETNOOT_TEKEN}(?=[^\W_])")


@dataclass
class Beeld:
    """`tekst` as a reader reads it — invisible characters left out, then footnote references
    inside a word, every digit as an ASCII digit — and the way back to the original."""

    tekst: str
    _beeld_begin: list[int]  # start of each kept chunk in this view
    _bron_begin: list[int]  # ... and in the text it was made from
    _ouder: Beeld | None = None  # that text's own view, when it was one

    @classmethod
    def van(cls, bron: str) -> Beeld:
        if bron.isascii():
            return cls(bron, [0], [0])
        beeld = cls._zonder(bron, _onzichtbaar(bron), None)
        if VOETNOOT_TEKEN in beeld.tekst:
            beeld = cls._zonder(beeld.tekst, _NOOT_IN_WOORD, beeld)
        tekst = beeld.tekst.translate(_tekentabellen()[2]) if _ANDER_CIJFER.search(beeld.tekst) else beeld.tekst
        return beeld if tekst == beeld.tekst else dataclasses.replace(beeld, tekst=tekst)

    @classmethod
    def _zonder(cls, bron: str, weg: re.Pattern[str], ouder: Beeld | None) -> Beeld:
        if not weg.search(bron):
            return ouder if ouder is not None else cls(bron, [0], [0])
        delen, beeld_begin, bron_begin = [], [], []
        positie = lengte = 0
        for m in weg.finditer(bron):
            if m.start() > positie:
                beeld_begin.append(lengte)
                bron_begin.append(positie)
                delen.append(bron[positie : m.start()])
                lengte += m.start() - positie
            positie = m.end()
        if positie < len(bron) or not delen:
            beeld_begin.append(lengte)
            bron_begin.append(positie)
            delen.append(bron[positie:])
        return cls("".join(delen), beeld_begin, bron_begin, ouder)

    def bron(self, i: int) -> int:
        """Position in the original of position `i` of the view."""
        k = bisect_right(self._beeld_begin, i) - 1
        j = self._bron_begin[k] + (i - self._beeld_begin[k])
        return self._ouder.bron(j) if self._ouder is not None else j

    def bron_bereik(self, start: int, eind: int) -> tuple[int, int]:
        return self.bron(start), self.bron(eind - 1) + 1


def met_breekpunten(bron: str) -> str:
    """`bron` with every invisible character as a possible word break, same length: a soft
    hyphen or zero-width space may stand where the author meant a space ("Van der\u00adVeen")."""
    return bron.translate(_tekentabellen()[4])


# --- e-mail addresses and phone numbers -------------------------------------------------------------

# E-mail: a local part (RFC 5322 atext and dots; plus-addressing included), an at sign (also
# written "[at]" / "(at)", or as a full-width or small at), a domain of labels and a top-level
# domain of letters (any length, any script, with combining marks) or an IDN in punycode
# (xn--...). The local part is unbounded but starts only where a run of local-part characters
# starts (the lookbehind), so each run is tried once: however long the run, a reader sees the
# address at its end and so does the pattern. The domain has bounded repetitions.
_LOKAAL_TEKENS = r"\w.!#$%&'*+=?^`{|}~\-"


@functools.cache
def _email() -> re.Pattern[str]:
    mc = _tekentabellen()[3]
    return re.compile(
        rf"(?=[{_LOKAAL_TEKENS}])(?<![{_LOKAAL_TEKENS}@])[{_LOKAAL_TEKENS}]+"
        r"(?:[@\uff20\ufe6b]|[ \t]?[\[(]at[\])][ \t]?)"
        rf"(?:[\w{mc}-]{{1,63}}\.){{1,20}}(?:xn--[\w-]{{1,59}}|(?:[^\W\d_]|[{mc}]){{2,63}})(?![\w{mc}-])",
        re.IGNORECASE,
    )


def _emails(tekst: str, geregistreerd: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Every e-mail address, and every registered one (lowercase) also where its form is unusual."""
    uit = [m.span() for m in _email().finditer(tekst)]
    if geregistreerd and "@" in tekst:
        laag = tekst.lower()
        if len(laag) == len(tekst):
            for adres in geregistreerd:
                i = laag.find(adres)
                while i >= 0:
                    uit.append((i, i + len(adres)))
                    i = laag.find(adres, i + len(adres))
    return uit


# What Dutch text and Word's autocorrect put between the digits of a phone number: blanks
# (also non-breaking and narrow), hyphens and every dash Word makes of them, dots, slashes,
# brackets. At most four in a row ("06 – 12", "(070) 1").
_STREEP = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SEP = rf"[\s{_STREEP}./()]{{0,4}}"
# A number does not start inside another number or word ("2025-0612345678", "VRO-0612...").
# (Each pattern below begins with a lookahead on its first character: the engine then skips
# positions that cannot start a match without evaluating these lookbehinds, 8x faster.)
_NIET_NA = rf"(?<![\w+])(?<!\d[{_STREEP}./])(?<![^\W\d_][{_STREEP}])"
# National: 0, an area code or 6 not starting with 0, ten digits in all: 06-12345678,
# 06 - 12 34 56 78, 070 – 123 45 67, (070) 123 4567, 070/1234567, 0701234567. An opening
# bracket belongs to the number only when it encloses the area code ("(070)", not "(06 ...").
_TEL_NATIONAAL = re.compile(rf"(?=[(0]){_NIET_NA}(?:\((?=0\d{{1,3}}\)))?0{_SEP}[1-9](?:{_SEP}\d){{8}}(?!\d)")
# International: +31 / 0031, an optional "(0)" or "0", then nine digits: +31 6 12345678,
# +31 (0)70 123 45 67, 0031 6 1234 5678, +31(0)6-12345678.
_TEL_NL_INTERNATIONAAL = re.compile(
    rf"(?=[+0]){_NIET_NA}(?:\+|00){_SEP}31{_SEP}(?:\(0\){_SEP}|0{_SEP})?[1-9](?:{_SEP}\d){{8}}(?!\d)"
)
# Any other number with a country code: "+" and 9 to 15 digits, grouped by blanks, dashes,
# slashes or brackets (not dots: "+5.000.000" is an amount).
_SEP_INT = rf"[\s{_STREEP}/()]{{0,4}}"
_TEL_INTERNATIONAAL = re.compile(rf"(?=\+)(?<![\w+])\+[1-9](?:{_SEP_INT}\d){{8,14}}(?!\d)")

_TELEFOONS = (_TEL_NL_INTERNATIONAAL, _TEL_NATIONAAL, _TEL_INTERNATIONAAL)
# Anything shaped like a phone number, for the registered numbers (compared by their digits).
_TEL_RUW = re.compile(rf"(?=[+\d])(?<![\w+])(?:\+{_SEP})?\d(?:{_SEP}\d){{4,19}}(?!\d)")


def telefoon_varianten(telefoon: str) -> set[str]:
    """The digit strings a registered phone number can be written as: national (0...),
    with country code (31..., 0031..., 310... for "+31 (0)...")."""
    cijfers = re.sub(r"\D", "", telefoon or "")
    if len(cijfers) < 5:
        return set()
    varianten = {cijfers, "00" + cijfers}
    land, nummer = None, None
    if cijfers.startswith("0031"):
        land, nummer = "31", cijfers[4:].lstrip("0")
    elif cijfers.startswith("31") and (telefoon or "").lstrip().startswith("+"):
        land, nummer = "31", cijfers[2:].lstrip("0")
    elif cijfers.startswith("0") and not cijfers.startswith("00"):
        land, nummer = "31", cijfers[1:]
    if land and nummer:
        varianten |= {"0" + nummer, land + nummer, "00" + land + nummer, land + "0" + nummer, "00" + land + "0" + nummer}
    return varianten


# --- names ----------------------------------------------------------------------------------------------
#
# The rule (docs/reliability.md, "Woo: names"): a registered civil servant's name is withheld
#  - in full or with one of the given names ("Gert van der Veen", "gert VAN DER veen"), any case;
#  - as initials plus surname ("G. van der Veen", "G.J. van der Veen"; the first initial is the
#    first given name's), any case;
#  - after a title ("de heer Van der Veen", "mevrouw Jansen", "mw. Jansen", "dhr. Jansen"), any
#    case; the title itself stays;
#  - as the surname alone, when it is written with a capital as a name is ("Van der Veen",
#    "De Boer", "Jansen"; "de boer" and "een groot deel" are ordinary words), unless
#      - a word of public office precedes it ("het lid Mooiman", "minister Keijzer"),
#      - another capitalised word precedes it inside a sentence (another person's given name,
#        "zegt Peter de Boer", "EA Den Haag"); at the start of a sentence that word may be any
#        word ("Reactie van Jansen", "Volgens De Boer"), so there the surname is withheld, also
#        in "Peter de Boer zei ..." (over-withholding another person rather than leaking one),
#      - it is a public person's surname (a bewindspersoon registered in the service),
#      - it reads as a place ("Den Haag", "De Bilt", "Ter Apel": PLAATSEN), or
#      - it is a one-word surname that is an ordinary Dutch word at the start of a sentence
#        ("Groot is de kans", "Meer dan ...") or as a plural ("De Vissers van het Wad");
#  - each form also in the possessive ("Van der Veens", "Veens", "Jansen's", "Kees'"), across
#    runs, markup and footnote references, soft hyphens and zero-width characters ignored,
#    accents and look-alike letters of other scripts folded.

TUSSENVOEGSELS = frozenset(
    "van de der den het t ter ten te in op onder over aan bij uit voor vd la le du des da dos das di del della "
    "von zu vom zum am auf l d o el al ben bin ibn abu ait".split()
)
TITELS = frozenset("heer mevrouw mevr mw mej mejuffrouw juffrouw dhr hr mr dr drs ir ing prof ds".split())
PUBLIEK = frozenset(
    "lid leden kamerlid kamerleden minister ministers staatssecretaris staatssecretarissen premier president "
    "senator senatoren gedeputeerde burgemeester wethouder commissaris koning koningin prins prinses".split()
)
# One-word surnames that are also ordinary Dutch words: at the start of a sentence, where
# every word has a capital, they are read as the word.
GEWONE_WOORDEN = frozenset(
    """groot klein lang kort jong oud nieuw wit zwart rood groen bruin blauw grijs geel goud zilver
    bakker bakkers visser vissers smit smeden mol vos haan kok koster post bos berg dijk meer veen hoek
    brink beek laan water wal plas weg hof kamp boer boers schipper timmerman schilder hout steen stam
    heuvel broek leeuw poel steeg mark zee duin dam wijk straat plein markt kerk school molen boom
    brug poort toren haas kraai valk zwaan vink wolf beer lam bok duif kuiper brouwer kramer
    winkel klerk koning prins graaf hertog keizer bisschop vrij blom bloem roos eik linde riet gras akker
    veld land zand klei rots kuil gracht sloot vaart schaap vogel visch dekker wever jager ruiter knol
    been hart hoofd hand voet kop arm vinger baas held vriend zoet zuur bitter scherp stil snel vlug
    wijn brood melk kaas boter zout peper mosterd""".split()
)
# Places whose name has the shape of a tussenvoegsel and a surname: written alone, "Den Haag"
# is the city, not Sanne den Haag (written with her given name, initials or a title, it is her).
PLAATSEN = frozenset(
    tuple(p.split())
    for p in """den haag|den helder|den bosch|den burg|den ham|den hoorn|den oever|den dungen|den dolder|den ilp|
    de bilt|de lier|de meern|de wolden|de ronde venen|de fryske marren|de koog|de cocksdorp|de kwakel|de rijp|
    de steeg|de waal|de wijk|de zilk|de glind|de krim|de lutte|de hoef|ter apel|ter aar|ter heijde|ter idzard|
    ten boer|ten post|van ewijcksluis""".replace("\n", "").split("|")
)
_ZINSEINDE = ".!?:…•"
_OVERSLAAN = " \t\n\r\u00a0\u202f\u2009\u2007\"'“”„‘’‚«»([{" + VOETNOOT_TEKEN + ONZICHTBAAR_TEKEN
_WOORD = re.compile(r"[^\W_]+")
_LICHT = re.compile(rf"[\s{_STREEP}'’\u02bc{VOETNOOT_TEKEN}{ONZICHTBAAR_TEKEN}]*")  # between name parts
_SPATIE = re.compile(rf"[\s{VOETNOOT_TEKEN}{ONZICHTBAAR_TEKEN}]*")

# Latin look-alikes in Cyrillic and Greek, folded so that "Vееn" (Cyrillic е) is "Veen".
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅԌԜαβεικμνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwhlABEKMHOPCTXIJSGWabeikmvoptuxABEZHIKMNOPTYX",
)


@functools.lru_cache(maxsize=65536)
def sleutel(woord: str) -> str:
    """A word as compared: accents and look-alike letters folded, case folded."""
    if woord.isascii():
        return woord.lower()
    woord = unicodedata.normalize("NFKD", woord.translate(_LOOKALIKES))
    return "".join(c for c in woord if not unicodedata.combining(c)).casefold()


_ZONDER_LIJM = {ord(c): None for c in (VOETNOOT_TEKEN, ONZICHTBAAR_TEKEN, VAST_TEKEN)}


def _gevouwen(tekst: str) -> str:
    """The whole text folded as `sleutel` folds a word (glue characters left out), in C-level
    steps: every word's key is a substring of it."""
    if tekst.isascii():
        return tekst.lower()
    tekst = unicodedata.normalize("NFKD", tekst.translate(_LOOKALIKES).translate(_ZONDER_LIJM))
    return _onzichtbaar(tekst).sub("", tekst).casefold()


def _woorden(tekst: str) -> list[str]:
    return [sleutel(m.group()) for m in _WOORD.finditer(tekst)]


@dataclass(frozen=True)
class Naam:
    """A registered name, split the Dutch way: given names, tussenvoegsel, surname."""

    voornamen: tuple[str, ...]
    tussen: tuple[str, ...]
    kern: tuple[str, ...]  # the surname proper (last word last)

    @classmethod
    def uit(cls, naam: str) -> Naam | None:
        delen = naam.split()
        woorden = [_woorden(d) for d in delen]
        if not any(woorden):
            return None
        # The surname begins at the first tussenvoegsel after the first part, or at a
        # hyphenated part after the first ("Anne Jansen-de Vries"), else at the last part.
        begin = len(delen) - 1
        for i in range(1, len(delen)):
            if "-" in delen[i] or (woorden[i] and woorden[i][0] in TUSSENVOEGSELS):
                begin = i
                break
        voornamen = tuple(w for d in woorden[:begin] for w in d)
        achternaam = [w for d in woorden[begin:] for w in d]
        tussen: list[str] = []
        while len(achternaam) > 1 and achternaam[0] in TUSSENVOEGSELS and "-" not in delen[begin]:
            tussen.append(achternaam.pop(0))
        return cls(voornamen, tuple(tussen), tuple(achternaam))


class _Woord(NamedTuple):
    start: int
    eind: int
    tekst: str
    sleutel: str


_LIJM = frozenset(ONZICHTBAAR_TEKEN + VOETNOOT_TEKEN)  # may stand inside a word
_LIJMGAT = re.compile(rf"(?<=[^\W_])[{ONZICHTBAAR_TEKEN}{VOETNOOT_TEKEN}]+(?=[^\W_])")


class _Namen:
    """Finds registered names in a text by their last word, then checks the words before.

    Works on the text with invisible characters as ONZICHTBAAR_TEKEN (same positions as the
    source). A name's word may be written as several tokens glued by invisible characters or
    a footnote reference ("Ve\u00aden", "Ve¹en"); between the words of a name stand blanks,
    dashes, apostrophes, or those same characters ("Van der\u00adVeen")."""

    def __init__(self, namen: Iterable[str], publiek: Iterable[str]):
        self._per_anker: dict[str, list[Naam]] = {}
        for tekst in {n.strip() for n in namen if n and n.strip()}:
            naam = Naam.uit(tekst)
            if naam is not None:
                self._per_anker.setdefault(naam.kern[-1], []).append(naam)
        self._max_anker = max((len(k) for k in self._per_anker), default=0) + 1
        self._publiek: list[Naam] = [n for n in (Naam.uit(t or "") for t in publiek) if n is not None]

    def __bool__(self) -> bool:
        return bool(self._per_anker)

    def _is_anker(self, woord: str) -> bool:
        return woord in self._per_anker or (woord.endswith("s") and woord[:-1] in self._per_anker)

    def vind(self, tekst: str) -> list[tuple[int, int]]:
        if not self._per_anker:
            return []
        gevouwen = _gevouwen(tekst)
        if not any(anker in gevouwen for anker in self._per_anker):
            return []  # no registered surname anywhere in the text: the common case, cheaply
        lijm = any(c in tekst for c in _LIJM)
        w = [_Woord(m.start(), m.end(), m.group(), sleutel(m.group())) for m in _WOORD.finditer(tekst)]
        gelijmd = [False] * len(w)
        if lijm:
            lijmplekken = {m.end() for m in _LIJMGAT.finditer(tekst)}
            gelijmd = [k > 0 and woord.start in lijmplekken for k, woord in enumerate(w)]
        bereiken = []
        for i in range(len(w)):
            # The glued runs ending at token i that spell a registered surname's last word.
            samen, a = "", i
            while True:
                samen = w[a].sleutel + samen
                if len(samen) > self._max_anker:
                    break
                for anker, bezittelijk in ((samen, False), (samen[:-1], True)):
                    if bezittelijk and not (samen.endswith("s") and len(samen) > 2):
                        continue
                    for naam in self._per_anker.get(anker, ()):
                        bereik = self._probeer(tekst, w, gelijmd, a, i, naam, bezittelijk)
                        if bereik is not None:
                            bereiken.append(bereik)
                            break
                if not gelijmd[a]:
                    break
                a -= 1
        return bereiken

    @staticmethod
    def _eet(w: list[_Woord], gelijmd: list[bool], j: int, doel: str) -> int | None:
        """The first token of the glued run ending at token `j` that spells `doel`, or None."""
        samen = ""
        while j >= 0:
            samen = w[j].sleutel + samen
            if samen == doel:
                return j
            if len(samen) >= len(doel) or not doel.endswith(samen) or not gelijmd[j]:
                return None
            j -= 1
        return None

    def _reeks(self, tekst: str, w: list[_Woord], gelijmd: list[bool], begin: int, woorden: tuple[str, ...]) -> int | None:
        """Where the words `woorden` begin when they stand right before token `begin`."""
        for woord in reversed(woorden):
            if begin == 0 or not _licht(tekst, w[begin - 1].eind, w[begin].start):
                return None
            b = self._eet(w, gelijmd, begin - 1, woord)
            if b is None:
                return None
            begin = b
        return begin

    def _probeer(
        self, tekst: str, w: list[_Woord], gelijmd: list[bool], a: int, i: int, naam: Naam, bezittelijk: bool
    ) -> tuple[int, int] | None:
        """The range of `naam` whose surname's last word is tokens a..i, if this form counts."""
        begin = self._reeks(tekst, w, gelijmd, a, naam.kern[:-1])
        if begin is None:
            return None
        k = len(naam.kern)
        achternaam_begin = begin
        tussen = False
        if naam.tussen and (b := self._reeks(tekst, w, gelijmd, begin, naam.tussen)) is not None:
            begin = achternaam_begin = b
            tussen = True
        # Given names (any of them, any order), or initials; then a title.
        voornamen: list[str] = []
        while begin > 0 and _licht(tekst, w[begin - 1].eind, w[begin].start):
            b = next((x for v in naam.voornamen if (x := self._eet(w, gelijmd, begin - 1, v)) is not None), None)
            if b is None:
                break
            voornamen.append("".join(x.sleutel for x in w[b:begin]))
            begin = b
        initiaal = None
        if not voornamen:
            j = begin
            while j > 0 and _is_initiaal(tekst, w[j - 1], w[j]):
                j -= 1
            if j < begin and (not naam.voornamen or w[j].sleutel[:1] == naam.voornamen[0][:1]):
                begin, initiaal = j, w[j].sleutel[:1]
        titel = begin > 0 and w[begin - 1].sleutel in TITELS and _titel_gat(tekst, w[begin - 1].eind, w[begin].start)
        eind = _met_bezit(tekst, w[i], naam.kern[-1], bezittelijk)
        if voornamen or initiaal or titel:
            if (voornamen or initiaal) and self._is_publiek(naam, voornamen, initiaal):
                return None
            return w[begin].start, eind
        # The surname alone.
        if not w[a].tekst[:1].isupper() or any(p.kern == naam.kern for p in self._publiek):
            return None
        eerste = w[achternaam_begin]
        zin_begin = _zinsbegin(tekst, eerste.start)
        if achternaam_begin > 0 and _licht(tekst, w[achternaam_begin - 1].eind, eerste.start):
            vorige = w[achternaam_begin - 1]
            if vorige.sleutel in PUBLIEK:
                return None
            if vorige.tekst[:1].isupper() and not zin_begin and not _zinsbegin(tekst, vorige.start):
                return None
        if (naam.tussen if tussen else ()) + naam.kern in PLAATSEN:
            return None
        if tussen or k > 1:
            return eerste.start, eind
        if len(naam.kern[-1]) < 2 or naam.kern[-1] in TUSSENVOEGSELS:
            return None  # a registered name that is no real surname ("Jan de", "X 1")
        geschreven = naam.kern[-1] + ("s" if bezittelijk else "")
        if geschreven in GEWONE_WOORDEN and (zin_begin or bezittelijk):
            return None  # "Groot is de kans", "De Vissers van het Wad": the word, not the name
        return eerste.start, eind

    def _is_publiek(self, naam: Naam, voornamen: list[str], initiaal: str | None) -> bool:
        """A public person (a bewindspersoon) of the same name: written with a given name or
        initial of theirs, it is them ("Mona Keijzer", "M. Keijzer")."""
        for p in self._publiek:
            if p.kern == naam.kern and p.voornamen:
                if voornamen and set(voornamen) <= set(p.voornamen):
                    return True
                if initiaal and p.voornamen[0][:1] == initiaal:
                    return True
        return False


def _licht(tekst: str, van: int, tot: int) -> bool:
    """Only blanks, dashes, apostrophes or a footnote reference between two parts of a name."""
    return _LICHT.fullmatch(tekst, van, tot) is not None


def _is_initiaal(tekst: str, woord: _Woord, volgende: _Woord) -> bool:
    """`woord` is an initial ("G.", "Th.", "G" before "J.") directly before `volgende`."""
    if not (1 <= len(woord.tekst) <= 2 and woord.tekst[:1].isupper()):
        return False
    gat = tekst[woord.eind : volgende.start]
    return _SPATIE.fullmatch(gat.replace(".", " ", 1)) is not None


def _titel_gat(tekst: str, van: int, tot: int) -> bool:
    """Between a title and the name: blanks, after an optional abbreviation dot ("mw. Jansen")."""
    if tekst.startswith(".", van):
        van += 1
    return _SPATIE.fullmatch(tekst, van, tot) is not None


def _met_bezit(tekst: str, woord: _Woord, kern: str, bezittelijk: bool) -> int:
    """End of a name's last word with a possessive ending written after it ("'s", "’s", "'",
    or "s" after a footnote reference); `bezittelijk`: the "s" is already part of the word."""
    eind = woord.eind
    if bezittelijk:
        return eind
    j = eind + 1 if tekst.startswith(VOETNOOT_TEKEN, eind) else eind
    for achter in ("'s", "’s", "\u02bcs"):
        if tekst.startswith(achter, j) and not _woordteken(tekst, j + len(achter)):
            return j + len(achter)
    if kern[-1:] in ("s", "x", "z") and tekst[j : j + 1] in ("'", "’") and not _woordteken(tekst, j + 1):
        return j + 1
    return eind


def _woordteken(tekst: str, i: int) -> bool:
    return i < len(tekst) and (tekst[i].isalnum() or tekst[i] == "_")


def _zinsbegin(tekst: str, i: int) -> bool:
    """Whether position `i` begins a sentence: only blanks, quotes or opening brackets between
    it and the start of the text or the end of the previous sentence."""
    j = i - 1
    while j >= 0 and tekst[j] in _OVERSLAAN:
        j -= 1
    return j < 0 or tekst[j] in _ZINSEINDE


# --- the redactor ----------------------------------------------------------------------------------


class WooInvoer(Protocol):
    ambtenaren_namen: list[str]
    ambtenaren_emails: list[str]
    ambtenaren_telefoons: list[str]


class _Voetnootverwijzing:
    """A footnote reference among the runs of a paragraph (the singleton VOETNOOT)."""

    def __repr__(self) -> str:
        return "VOETNOOT"


VOETNOOT = _Voetnootverwijzing()


@dataclass(frozen=True)
class Vast:
    """A piece of a paragraph that redaction must leave as it is (a ground already shown)."""

    tekst: str


Deel = str | Vast | _Voetnootverwijzing


@dataclass
class Redacteur:
    """Redacts the text of one publication; `gebruikt` collects the grounds applied."""

    namen: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    telefoons: list[str] = field(default_factory=list)
    publieke_namen: list[str] = field(default_factory=list)
    gebruikt: set[str] = field(default_factory=set)
    # Withhold from a literal marker-like spot on (fail closed). Off for a document whose marked
    # text is all well-formed: a literal "[[woo:" there was escaped on purpose (Word text).
    dicht_bij_markering: bool = True

    def __post_init__(self) -> None:
        self._namen = _Namen(self.namen, self.publieke_namen)
        self._emails = frozenset(e.strip().lower() for e in self.emails if e and "@" in e and len(e.strip()) > 2)
        self._telefoons = frozenset(v for t in self.telefoons for v in telefoon_varianten(t))
        self._cache: dict[tuple[Deel, ...], tuple[list[Deel], set[str]]] = {}

    @classmethod
    def voor(cls, context: WooInvoer) -> Redacteur:
        return cls(
            list(context.ambtenaren_namen),
            list(context.ambtenaren_emails),
            list(context.ambtenaren_telefoons),
            list(getattr(context, "publieke_namen", []) or []),
        )

    # finding

    def vind(self, tekst: str) -> list[tuple[int, int, str]]:
        """(start, end, ground) of everything to withhold in `tekst` (one paragraph as joined
        runs, VOETNOOT_TEKEN / VAST_TEKEN where a footnote reference / a withheld piece is),
        merged where they overlap or touch, in order."""
        beeld = Beeld.van(tekst)
        zicht = beeld.tekst
        bereiken = _emails(zicht, self._emails)
        for patroon in _TELEFOONS:
            bereiken.extend(m.span() for m in patroon.finditer(zicht))
        if self._telefoons:
            bereiken.extend(m.span() for m in _TEL_RUW.finditer(zicht) if re.sub(r"\D", "", m.group()) in self._telefoons)
        uit = [(*beeld.bron_bereik(s, e), PERSOONLIJKE_LEVENSSFEER) for s, e in bereiken if e > s]
        # Names on the source with invisible characters marked (same positions as the source).
        namen_tekst = tekst if zicht is tekst else met_breekpunten(tekst)
        uit.extend((s, e, PERSOONLIJKE_LEVENSSFEER) for s, e in self._namen.vind(namen_tekst))
        # A marker the parser did not take (text stored before markers were checked): withhold
        # from there to the end of the paragraph, under the ground it names if it names one.
        m = _KANDIDAAT.search(tekst) if self.dicht_bij_markering else None
        if m is not None:
            uit.append((m.start(), len(tekst), markering_grond(tekst[m.start() :])))
        return _samenvoegen(uit)

    # replacing

    def redigeer_delen(self, delen: Sequence[Deel]) -> list[Deel]:
        """The runs of one paragraph with everything withheld replaced by its ground: a match
        is replaced as a whole in the run where it starts; footnote references and Vast pieces
        stay where they are. Runs may come back empty (the caller drops them)."""
        sleutel_ = tuple(delen)
        if sleutel_ in self._cache:
            bewaard, bewaarde_gronden = self._cache[sleutel_]
            self.gebruikt.update(bewaarde_gronden)
            return list(bewaard)
        stukken = [d if isinstance(d, str) else VAST_TEKEN if isinstance(d, Vast) else VOETNOOT_TEKEN for d in delen]
        tekst = "".join(stukken)
        bereiken = self.vind(tekst) if tekst.strip() else []
        gronden = {code for _, _, code in bereiken if code in GRONDEN}
        uit: list[Deel] = list(delen)
        if bereiken:
            # One sweep over runs and matches together (both in order): linear in their number.
            geplaatst = [False] * len(bereiken)
            k = 0
            begin = 0
            for i, (deel, stuk) in enumerate(zip(delen, stukken, strict=True)):
                eind = begin + len(stuk)
                if isinstance(deel, str):
                    while k < len(bereiken) and bereiken[k][1] <= begin:
                        k += 1
                    nieuw, cursor, j = [], begin, k
                    while j < len(bereiken) and bereiken[j][0] < eind:
                        s, e, code = bereiken[j]
                        if s > cursor:
                            nieuw.append(tekst[cursor:s])
                        if not geplaatst[j]:
                            # The ground goes into the first text run the match touches.
                            nieuw.append(code)
                            geplaatst[j] = True
                        cursor = max(cursor, min(e, eind))
                        j += 1
                    nieuw.append(tekst[cursor:eind])
                    uit[i] = "".join(nieuw)
                begin = eind
        self._cache[sleutel_] = (uit, gronden)
        self.gebruikt.update(gronden)
        return list(uit)

    def redigeer(self, tekst: str | None) -> str:
        """One plain string (a title, a kenmerk, a name in a table): well-formed markers
        become their ground, then everything else withheld is replaced."""
        if not tekst:
            return tekst or ""
        delen: list[Deel] = []
        positie = 0
        if "[[woo:" in tekst:
            for start, eind, code in md.woo_passages(tekst):
                delen.append(tekst[positie:start])
                delen.append(Vast(code))
                self.gebruikt.add(code)
                positie = eind
        delen.append(tekst[positie:])
        return "".join(d.tekst if isinstance(d, Vast) else d for d in self.redigeer_delen(delen) if isinstance(d, str | Vast))


def markering_grond(tekst: str) -> str:
    """The ground a literal marker-like text names ("[[woo:5.2|..", "[woo:5.2|.."), if known."""
    code = tekst.lstrip(" \t[").partition(":")[2].partition("|")[0].strip().lower()
    return code if code in GRONDEN else ONLEESBARE_MARKERING


def _samenvoegen(bereiken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping or touching ranges as one (the first range's ground)."""
    uit: list[tuple[int, int, str]] = []
    for s, e, code in sorted(bereiken):
        if uit and s <= uit[-1][1]:
            vs, ve, vcode = uit[-1]
            uit[-1] = (vs, max(ve, e), vcode if vcode in GRONDEN or code not in GRONDEN else code)
        else:
            uit.append((s, e, code))
    return uit


def redigeer(tekst: str, context: WooInvoer) -> tuple[str, set[str]]:
    """`tekst` (one plain string) as published, and the set of Woo grounds used for it."""
    redacteur = Redacteur.voor(context)
    return redacteur.redigeer(tekst), redacteur.gebruikt
