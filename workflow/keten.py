"""The hash chain of the event log: each hash covers the previous hash and the event's
canonical JSON, so changing, removing or reordering a stored event breaks every later link."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from workflow.tekst import canonieke_json

BEGIN_HASH = "sha256:" + "0" * 64


def tijdstempel(tijdstip: datetime) -> str:
    return tijdstip.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Schakel:
    keten: str
    volgnummer: int
    tijdstip: datetime
    actor: str
    soort: str
    gegevens: str  # canonical JSON text
    vorige_hash: str
    hash: str


def bereken_hash(
    vorige_hash: str, *, keten: str, volgnummer: int, tijdstip: datetime, actor: str, soort: str, gegevens: str
) -> str:
    inhoud = canonieke_json(
        {
            "keten": keten,
            "volgnummer": volgnummer,
            "tijdstip": tijdstempel(tijdstip),
            "actor": actor,
            "soort": soort,
            "gegevens": gegevens,
        }
    )
    return "sha256:" + hashlib.sha256(f"{vorige_hash}\n{inhoud}".encode()).hexdigest()


@dataclass(frozen=True)
class Verificatie:
    geldig: bool
    aantal: int
    eerste_fout: int | None = None
    reden: str | None = None


def verifieer(schakels: Iterable[Schakel], kop: tuple[int, str] | None) -> Verificatie:
    """Check a chain in volgnummer order against its stored head (last volgnummer, hash)."""
    vorige, verwacht, aantal = BEGIN_HASH, 1, 0
    for s in schakels:
        aantal += 1
        if s.volgnummer != verwacht:
            return Verificatie(False, aantal, verwacht, f"gebeurtenis {verwacht} ontbreekt")
        if s.vorige_hash != vorige:
            return Verificatie(False, aantal, s.volgnummer, "de verwijzing naar de vorige gebeurtenis klopt niet")
        herberekend = bereken_hash(
            vorige,
            keten=s.keten,
            volgnummer=s.volgnummer,
            tijdstip=s.tijdstip,
            actor=s.actor,
            soort=s.soort,
            gegevens=s.gegevens,
        )
        if herberekend != s.hash:
            return Verificatie(False, aantal, s.volgnummer, "de inhoud van de gebeurtenis is gewijzigd")
        vorige, verwacht = s.hash, verwacht + 1
    if kop is not None and (kop[0] != verwacht - 1 or kop[1] != vorige):
        return Verificatie(False, aantal, verwacht, "gebeurtenissen aan het eind van de keten ontbreken")
    return Verificatie(True, aantal)
