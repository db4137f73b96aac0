from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from app.documenten.schemas import Persoon, _zonder_dubbelen
from app.schemas import Departementcode, Invoer, InvoerTijdstip, Model, Tekst, Tijdstip, Werkdagen, termijn_uit


class RondeNieuw(Invoer):
    departementen: Annotated[list[Departementcode], Field(min_length=1, max_length=15), AfterValidator(_zonder_dubbelen)]
    termijn: InvoerTijdstip | None = None
    termijn_werkdagen: Werkdagen | None = None
    stilzwijgend_akkoord: bool = False

    def termijn_op(self, nu):
        """The termijn as a moment (`termijn`, or `termijn_werkdagen` counted from `nu`)."""
        return termijn_uit(self.termijn, self.termijn_werkdagen, nu, veld="termijn", verplicht=True)


class OordeelNieuw(Invoer):
    oordeel: Literal["akkoord", "akkoord_met_opmerkingen", "niet_akkoord"]
    opmerkingen: Annotated[Tekst, Field(max_length=10000)] | None = None


class DepartementOordeel(Model):
    code: str
    oordeel: str | None
    tijdstip: Tijdstip | None
    geldig: bool
    opmerkingen: str | None = None
    gebruiker: Persoon | None = None
    inhoudshash: str | None = None


class RondeUit(Model):
    id: int
    document: int
    status: str
    termijn: Tijdstip
    stilzwijgend_akkoord: bool
    geopend_op: Tijdstip
    laatste: bool = Field(description="Is dit de ronde die telt (de laatste van het document)?")
    departementen: list[DepartementOordeel]


class ParaafUit(Model):
    document: int = Field(description="De Kamerbrief (het hoofd van de stukken) waarop de paraaf staat.")
    niveau: str
    gebruiker: Persoon | None
    tijdstip: Tijdstip
    inhoudshash: str
    revisie: int
    sethash: str = Field(description="De stukken (brief, beslisnota, bijlagen) waarop de paraaf is gezet.")
    geldig: bool


class VaststellenStatus(Model):
    """Whether the document can be signed now, and if not, why (for the UI's disabled button)."""

    kan: bool
    bezwaren: list[str]
    volgend_paraafniveau: str | None


Oordeelwaarde = Literal["akkoord", "akkoord_met_opmerkingen", "niet_akkoord"]
