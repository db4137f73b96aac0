"""Field types shared by the request and response schemas."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic import BaseModel as _BaseModel

from workflow.departementen import DEPARTEMENTEN
from workflow.tekst import normaliseer, xml_fout
from workflow.werkdagen import MAX_WERKDAGEN, termijn_in_werkdagen
from workflow.woo import markeringsfout

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Ids, versions and revisies are INTEGER columns: anything larger names nothing and must be
# refused at the door (PostgreSQL would otherwise fail on "integer out of range").
MAX_INT = 2**31 - 1


class Model(_BaseModel):
    model_config = ConfigDict(extra="ignore")


class Invoer(_BaseModel):
    # Unknown fields are refused: a typo ("basis_versie") must not silently do nothing.
    model_config = ConfigDict(extra="forbid")


def _xml_veilig(waarde: object) -> object:
    # Before pydantic's own str check: unpaired surrogates must be named with their position,
    # not rejected as "not valid unicode".
    if isinstance(waarde, str):
        fout = xml_fout(waarde)
        if fout:
            raise ValueError(fout)
    return waarde


def _departement(code: str) -> str:
    if code not in DEPARTEMENTEN:
        raise ValueError(f"onbekend departement '{code}'; bekend zijn: {', '.join(DEPARTEMENTEN)}")
    return code


def _email(waarde: str) -> str:
    """local@domain.tld without white space (checked without a regex, which backtracked
    quadratically over a domain of many dots)."""
    waarde = waarde.strip()
    lokaal, apenstaart, domein = waarde.partition("@")
    if not (apenstaart and lokaal and "@" not in domein and "." in domein[1:-1]) or any(c.isspace() for c in waarde):
        raise ValueError("geen geldig e-mailadres")
    return waarde


def _niet_leeg(waarde: str) -> str:
    if not waarde:
        raise ValueError("mag niet leeg zijn")
    return waarde


# Free text (section text, explanations): XML-safe, normalised (NFC, trimmed, \n line ends).
Tekst = Annotated[str, BeforeValidator(_xml_veilig), AfterValidator(normaliseer)]


def _nfc(waarde: str) -> str:
    return unicodedata.normalize("NFC", waarde.replace("\r\n", "\n").replace("\r", "\n"))


# Passages and wordings: XML-safe and NFC like stored text, but not trimmed (a proposed
# insertion may rightly begin with a space).
Passage = Annotated[str, BeforeValidator(_xml_veilig), AfterValidator(_nfc)]
Kop = Annotated[str, BeforeValidator(_xml_veilig), AfterValidator(normaliseer), Field(max_length=500)]


def _woo_markeringen(waarde: str) -> str:
    # A [[woo:..]] marker the parser would not take stays literal text, and what it should
    # withhold would be published: refused at the door (positions in the text as stored).
    fout = markeringsfout(waarde)
    if fout is not None:
        raise ValueError(str(fout))
    return waarde


def _woo_markeringen_kop(waarde: str) -> str:
    fout = markeringsfout(waarde, kop=True)
    if fout is not None:
        raise ValueError(str(fout))
    return waarde


# Text in the Markdown dialect that is rendered (section text and heading, proposed and
# decided wordings): as above, and every [[woo:..]] marker well-formed with a known ground.
SectieTekst = Annotated[Tekst, AfterValidator(_woo_markeringen)]
SectieKop = Annotated[Kop, AfterValidator(_woo_markeringen_kop)]
Formulering = Annotated[Passage, AfterValidator(_woo_markeringen)]
Regel = Annotated[
    str, BeforeValidator(_xml_veilig), Field(max_length=500), AfterValidator(normaliseer), AfterValidator(_niet_leeg)
]
# A person's name: it reaches Word as w:author, which Word limits to 255 characters.
MAX_NAAM = 255
Naam = Annotated[
    str, BeforeValidator(_xml_veilig), Field(max_length=MAX_NAAM), AfterValidator(normaliseer), AfterValidator(_niet_leeg)
]
Departementcode = Annotated[str, AfterValidator(_departement)]
Email = Annotated[str, BeforeValidator(_xml_veilig), Field(max_length=320), AfterValidator(_email)]
Tijdstip = Annotated[datetime, PlainSerializer(lambda d: d.astimezone(AMSTERDAM).isoformat(), return_type=str, when_used="json")]
InvoerTijdstip = AwareDatetime
Nummer = Annotated[int, Field(ge=1, le=MAX_INT)]
Positie = Annotated[int, Field(ge=0, le=MAX_INT)]

# A termijn in working days (docs/api.md "werkdagen"): counted from the next working day, ending 17:00.
Werkdagen = Annotated[
    int, Field(ge=1, le=MAX_WERKDAGEN, description="Aantal werkdagen, te tellen vanaf de volgende werkdag; eindigt om 17.00 uur.")
]


def termijn_uit(tijdstip: datetime | None, werkdagen: int | None, nu: datetime, *, veld: str, verplicht: bool) -> datetime | None:
    """The termijn a body gives, either as a moment (`veld`) or as working days
    (`veld`_werkdagen, computed from `nu`, the database clock); never both."""
    from app.problemen import OngeldigeInvoer

    if tijdstip is not None and werkdagen is not None:
        raise OngeldigeInvoer(f"Geef '{veld}' of '{veld}_werkdagen', niet allebei.", veld=f"{veld}_werkdagen")
    if werkdagen is not None:
        return termijn_in_werkdagen(werkdagen, nu)
    if tijdstip is None and verplicht:
        raise OngeldigeInvoer(
            f"Geef '{veld}' (een tijdstip) of '{veld}_werkdagen' (een aantal werkdagen).",
            veld=veld,
            reden="verplicht veld ontbreekt",
        )
    return tijdstip
