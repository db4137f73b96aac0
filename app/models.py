"""Every table, imported in one place for Alembic and for metadata checks."""

from sqlmodel import SQLModel

from app.afstemming.models import Afstemmingsronde, Paraaf, RondeOordeel
from app.documenten.models import Document, DocumentRevisie, Sectie, SectieVersie
from app.gebeurtenissen.models import Gebeurtenis, Ketenkop
from app.gebruikers.models import Gebruiker, Token
from app.meldingen.models import Melding
from app.retour.models import Opmerking, Retour
from app.stukken.models import Afhankelijkheid, Afwijking, BeslispuntBesluit
from app.tekstvoorstellen.models import Besluit, Reactie, Tekstvoorstel
from app.web.models import Instelling
from app.zegel.models import Ontwikkelzegel, Verzegeling

metadata = SQLModel.metadata

__all__ = [
    "Afhankelijkheid",
    "Afwijking",
    "BeslispuntBesluit",
    "Afstemmingsronde",
    "Besluit",
    "Paraaf",
    "Reactie",
    "RondeOordeel",
    "Tekstvoorstel",
    "Document",
    "DocumentRevisie",
    "Gebeurtenis",
    "Gebruiker",
    "Instelling",
    "Opmerking",
    "Retour",
    "Ketenkop",
    "Melding",
    "Sectie",
    "SectieVersie",
    "Token",
    "Ontwikkelzegel",
    "Verzegeling",
    "metadata",
]
