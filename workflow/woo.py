"""Woo (Wet open overheid) redaction of text for the publication version.

Withheld: passages the author marked `[[woo:CODE|text]]` (replaced by CODE), and under 5.1.2e
(personal privacy) the names, e-mail addresses and phone numbers of the service's own civil
servants, plus any e-mail address and any Dutch phone number in the text. Names of ministers
and members of parliament are public: only names on the civil-servant list are touched.

Pure functions; the input is any object with the three list attributes of
app.weergave.model.WooContext (workflow/ does not import app/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from workflow.markdown import woo_passages

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


def grond_omschrijving(code: str) -> str:
    return GRONDEN.get(code, "overige weigeringsgrond")


def sorteer_gronden(codes: Iterable[str]) -> list[str]:
    """Codes in the law's order (5.1.1a ... 5.1.2i, 5.1.5, 5.2), unknown codes last."""
    volgorde = {code: i for i, code in enumerate(GRONDEN)}
    return sorted(set(codes), key=lambda c: (volgorde.get(c, len(volgorde)), c))


class WooInvoer(Protocol):
    ambtenaren_namen: list[str]
    ambtenaren_emails: list[str]
    ambtenaren_telefoons: list[str]


_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# A separator between the digits of a phone number: space, dash, dot, parentheses.
_SEP = r"[\s\-.()]{0,3}"
# International: +31 / 0031, an optional "(0)", then nine digits.
_TEL_INTERNATIONAAL = re.compile(
    rf"(?<![\w+])(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}(?!\d)"
)
# National: 0, an area code or 6 not starting with 0, ten digits in all: 06-12345678,
# 06 1234 5678, 070-1234567, (070) 123 45 67, 0701234567.
_TEL_NATIONAAL = re.compile(rf"(?<![\w+\-/.])\(?0{_SEP}[1-9](?:{_SEP}\d){{8}}(?!\d)")


@dataclass
class Redacteur:
    """Redacts strings for one publication; `gebruikt` collects the grounds applied."""

    namen: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    telefoons: list[str] = field(default_factory=list)
    gebruikt: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        namen = sorted({n.strip() for n in self.namen if n and n.strip()}, key=len, reverse=True)
        # Whole words, any case, any run of whitespace between the parts of a name.
        delen = [r"\s+".join(map(re.escape, naam.split())) for naam in namen]
        self._namen = re.compile(r"(?<!\w)(?:" + "|".join(delen) + r")(?!\w)", re.IGNORECASE) if delen else None
        letterlijk = [re.escape(e.strip()) for e in self.emails if e and e.strip()]
        for telefoon in self.telefoons:
            cijfers = re.sub(r"\D", "", telefoon or "")
            if len(cijfers) >= 5:
                letterlijk.append(r"\+?" + r"[\s\-.()]*".join(cijfers))
        self._letterlijk = (
            re.compile(r"(?<![\w@])(?:" + "|".join(letterlijk) + r")(?![\w@])", re.IGNORECASE)
            if letterlijk
            else None
        )

    @classmethod
    def voor(cls, context: WooInvoer) -> Redacteur:
        return cls(
            list(context.ambtenaren_namen),
            list(context.ambtenaren_emails),
            list(context.ambtenaren_telefoons),
        )

    def redigeer(self, tekst: str | None) -> str:
        if not tekst:
            return tekst or ""
        tekst = self._woo_passages(tekst)
        for patroon in (self._letterlijk, _EMAIL, _TEL_INTERNATIONAAL, _TEL_NATIONAAL, self._namen):
            if patroon is not None:
                tekst = patroon.sub(self._privacy, tekst)
        return tekst

    def _privacy(self, _: re.Match[str]) -> str:
        self.gebruikt.add(PERSOONLIJKE_LEVENSSFEER)
        return PERSOONLIJKE_LEVENSSFEER

    def _woo_passages(self, tekst: str) -> str:
        if "[[woo:" not in tekst:
            return tekst
        delen, positie = [], 0
        for start, eind, code in woo_passages(tekst):
            delen.append(tekst[positie:start])
            delen.append(code)
            self.gebruikt.add(code)
            positie = eind
        delen.append(tekst[positie:])
        return "".join(delen)


def redigeer(tekst: str, context: WooInvoer) -> tuple[str, set[str]]:
    """`tekst` as published, and the set of Woo grounds used for it."""
    redacteur = Redacteur.voor(context)
    return redacteur.redigeer(tekst), redacteur.gebruikt
