from typing import Any

from app.schemas import Model, Tijdstip


class GebeurtenisUit(Model):
    volgnummer: int
    tijdstip: Tijdstip
    actor: str
    soort: str
    gegevens: dict[str, Any]
    hash: str
    vorige_hash: str


class VerificatieUit(Model):
    geldig: bool
    aantal: int
    eerste_fout: int | None = None
    reden: str | None = None
