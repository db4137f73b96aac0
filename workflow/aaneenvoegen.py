"""Joining a wording into a text at a passage boundary: words and sentences get the separator
they need, so an own wording inserted after "uit te werken." reads "uit te werken. Het Rijk…"
and not "uit te werken.Het Rijk…", whether or not the writer typed the leading space.

One rule, used wherever a wording goes into a section at a place: a tekstvoorstel and a
tegenvoorstel when filed, and the bewindspersoon's own wording in a besluit (API and web UI
alike), and the web form's preview of the resulting sentence.

The rule, per boundary (before and after the wording):
- nothing is added when either side is empty or already whitespace at the boundary;
- nothing is added inside a token: when the text had no whitespace across the passage
  boundary (part of a word or of a number changes: "natuur" -> "natuurlijk", "1.000"), the
  writer means to glue;
- nothing is added before closing punctuation (",", ".", ")", "”", a footnote "^[" …), after
  opening punctuation ("(", "“", …), nor next to a straight quote (which may open or close);
- otherwise one space is added.
Only spaces are added, never anything removed: the wording stays the writer's own.
"""

from __future__ import annotations

# Characters that attach to what precedes them (no space before) and to what follows (no space after).
SLUITEND = set(".,;:!?)]}”’»…%") | {"^"}
OPENEND = set("([{“‘«/-–—") | {"\u00ad"}
RECHT = set("\"'")


def _scheiding_nodig(links: str, rechts: str, *, in_token: bool) -> bool:
    """Whether one space must go between the last character `links` and the first `rechts`."""
    if in_token or not links or not rechts or links.isspace() or rechts.isspace():
        return False
    if rechts in SLUITEND or links in OPENEND or links in RECHT or rechts in RECHT:
        return False
    return True


def _in_token(links: str, rechts: str) -> bool:
    return bool(links) and bool(rechts) and not links.isspace() and not rechts.isspace()


def passend(voor: str, oorspronkelijk: str, formulering: str, na: str) -> str:
    """`formulering` with the spaces it needs to replace `oorspronkelijk` between `voor` and
    `na` (the text before and after the passage). An empty wording (a deletion) is left as is."""
    if formulering == "":
        return formulering
    links, rechts = voor[-1:], na[:1]
    # The text's own characters on both sides of each boundary, before the change.
    begin_in_token = _in_token(links, (oorspronkelijk or na)[:1])
    eind_in_token = _in_token((oorspronkelijk or voor)[-1:], rechts)
    voorvoegsel = " " if _scheiding_nodig(links, formulering[0], in_token=begin_in_token) else ""
    achtervoegsel = " " if _scheiding_nodig(formulering[-1], rechts, in_token=eind_in_token) else ""
    return voorvoegsel + formulering + achtervoegsel


def in_tekst(tekst: str, start: int, oorspronkelijk: str, formulering: str) -> str:
    """`formulering` made to fit at `start` of `tekst`, replacing `oorspronkelijk` there."""
    return passend(tekst[:start], oorspronkelijk, formulering, tekst[start + len(oorspronkelijk) :])


def resultaat(tekst: str, start: int, oorspronkelijk: str, formulering: str) -> str:
    """The whole text after the wording went in (what the preview shows)."""
    passende = in_tekst(tekst, start, oorspronkelijk, formulering)
    return tekst[:start] + passende + tekst[start + len(oorspronkelijk) :]
