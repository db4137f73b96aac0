"""Is the database consistent? Read with plain SQL, checked against docs/api.md, never with the
service's own code (only the transition table of workflow/statussen.py is asked, because the
issue says proposals must be consistent with *that* table).

`inconsistenties(engine)` returns a list of human-readable violations (empty: consistent):

- every event chain (document chains and the system chain) verifies: volgnummers 1..n, each
  `vorige_hash` is the previous `hash`, each hash recomputes, the stored head is the last event;
- versions of every section are 1..N without gaps, N is the section's `versie`, and the
  section's current heading and text are those of version N;
- a document's `revisie` rows are 1..revisie without gaps, its `inhoudshash` is that of its
  last revisie; every revisie after the first is exactly one section version (no partial and
  no double write), and every section version belongs to an existing revisie;
- events and changes agree one to one: every section version is named by exactly one event
  (gegevens `sectie`/`versie`, or the `secties` list of a creation/import), with the right
  `tekst_sha256` and `revisie`; no event names a version that is not there (no orphan event);
  the same for reacties, oordelen, rondes, parafen and besluiten;
- every proposal has one status of docs/api.md's list, and replaying its events through
  workflow.statussen.TEKSTVOORSTEL ends in exactly that status; a proposal is created by
  exactly one event; `verwerkt_in_versie` is set exactly for adopted/decided proposals and
  names an existing version; of two overlapping passages of the same base version at most
  one was adopted (`overgenomen`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from datetime import UTC, datetime

from sqlalchemy import Engine, inspect, text

from workflow.statussen import TEKSTVOORSTEL, VoorstelGebeurtenis

BEGIN_HASH = "sha256:" + "0" * 64
API_STATUSSEN = {
    "ingediend",
    "tegenvoorstel_gedaan",
    "overgenomen",
    "afgewezen",
    "ingetrokken",
    "vervallen",
    "geescaleerd",
    "besloten",
}
OPEN = {"ingediend", "tegenvoorstel_gedaan", "geescaleerd"}


# --- plain reading ---------------------------------------------------------------------------


def _json(waarde):
    return json.loads(waarde) if isinstance(waarde, str) else waarde


def rijen(engine: Engine, tabel: str, volgorde: str = "") -> list[dict]:
    with engine.connect() as c:
        sql = f'SELECT * FROM "{tabel}"' + (f" ORDER BY {volgorde}" if volgorde else "")
        return [dict(r._mapping) for r in c.execute(text(sql))]


def sha256(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def canoniek(waarde: object) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def utc_stempel(tijdstip) -> str:
    if isinstance(tijdstip, str):
        tijdstip = datetime.fromisoformat(tijdstip.replace("Z", "+00:00"))
    if tijdstip.tzinfo is None:  # SQLite hands back naive UTC
        tijdstip = tijdstip.replace(tzinfo=UTC)
    return tijdstip.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ketenhash(vorige: str, r: dict) -> str:
    inhoud = canoniek(
        {
            "keten": r["keten"],
            "volgnummer": r["volgnummer"],
            "tijdstip": utc_stempel(r["tijdstip"]),
            "actor": r["actor"],
            "soort": r["soort"],
            "gegevens": r["gegevens"],
        }
    )
    return "sha256:" + hashlib.sha256(f"{vorige}\n{inhoud}".encode()).hexdigest()


class Stand:
    """Every row that matters, read once."""

    def __init__(self, engine: Engine):
        self.documenten = {r["id"]: r for r in rijen(engine, "document")}
        self.secties = {r["id"]: r for r in rijen(engine, "sectie")}
        self.versies = rijen(engine, "sectieversie", "sectie_id, versie")
        self.revisies = rijen(engine, "documentrevisie", "document_id, revisie")
        self.gebeurtenissen = rijen(engine, "gebeurtenis", "keten, volgnummer")
        tabellen = set(inspect(engine).get_table_names())
        self.koppen = {r["keten"]: r for r in rijen(engine, "ketenkop")} if "ketenkop" in tabellen else {}
        self.voorstellen = {r["id"]: r for r in rijen(engine, "tekstvoorstel")}
        self.reacties = rijen(engine, "reactie", "id")
        self.rondes = {r["id"]: r for r in rijen(engine, "afstemmingsronde")}
        self.oordelen = rijen(engine, "rondeoordeel", "id")
        self.parafen = rijen(engine, "paraaf", "id")
        self.besluiten = rijen(engine, "besluit", "id")
        for g in self.gebeurtenissen:
            g["data"] = json.loads(g["gegevens"])

    def kop(self, keten: str) -> tuple[int, str] | None:
        """The stored head of a chain: a document's on its own row (keten_volgnummer,
        keten_hash) where the schema has those columns, else the `ketenkop` row."""
        if keten.startswith("document/"):
            doc = self.documenten.get(int(keten.removeprefix("document/")))
            if doc is not None and "keten_volgnummer" in doc:
                return doc["keten_volgnummer"], doc["keten_hash"]
        rij = self.koppen.get(keten)
        return (rij["volgnummer"], rij["hash"]) if rij else None

    def events(self, document_id: int) -> list[dict]:
        keten = f"document/{document_id}"
        return [g for g in self.gebeurtenissen if g["keten"] == keten]


# --- the checks ------------------------------------------------------------------------------


def _ketens(s: Stand, fout: list[str]) -> None:
    per_keten: dict[str, list[dict]] = defaultdict(list)
    for g in s.gebeurtenissen:
        per_keten[g["keten"]].append(g)
    ketens = set(per_keten) | set(s.koppen) | {f"document/{d}" for d in s.documenten}
    for keten in ketens:
        vorige, verwacht = BEGIN_HASH, 1
        for g in per_keten.get(keten, []):
            if g["volgnummer"] != verwacht:
                fout.append(f"keten {keten}: volgnummer {g['volgnummer']} waar {verwacht} verwacht")
                break
            if g["vorige_hash"] != vorige:
                fout.append(f"keten {keten}: gebeurtenis {verwacht} wijst niet naar de vorige")
                break
            if ketenhash(vorige, g) != g["hash"]:
                fout.append(f"keten {keten}: hash van gebeurtenis {verwacht} klopt niet")
                break
            vorige, verwacht = g["hash"], verwacht + 1
        kop = s.kop(keten)
        if kop is None:
            fout.append(f"keten {keten}: geen ketenkop")
        elif kop != (verwacht - 1, vorige):
            fout.append(f"keten {keten}: kop ({kop[0]}) is niet de laatste gebeurtenis ({verwacht - 1})")


def _secties(s: Stand, fout: list[str]) -> None:
    per_sectie: dict[int, list[dict]] = defaultdict(list)
    for v in s.versies:
        per_sectie[v["sectie_id"]].append(v)
    for sid, sectie in s.secties.items():
        versies = per_sectie.get(sid, [])
        nummers = [v["versie"] for v in versies]
        if nummers != list(range(1, len(nummers) + 1)):
            fout.append(f"sectie {sid}: versies {nummers} hebben gaten of dubbelen")
            continue
        if sectie["versie"] != len(nummers):
            fout.append(f"sectie {sid}: versie {sectie['versie']} maar {len(nummers)} versies bewaard")
            continue
        laatste = versies[-1]
        if (laatste["tekst"], laatste["kop"]) != (sectie["tekst"], sectie["kop"]):
            fout.append(f"sectie {sid}: actuele tekst/kop is niet die van versie {len(nummers)}")
    for sid in set(per_sectie) - set(s.secties):
        fout.append(f"versies van onbekende sectie {sid}")


def _revisies(s: Stand, fout: list[str]) -> None:
    per_doc: dict[int, list[dict]] = defaultdict(list)
    for r in s.revisies:
        per_doc[r["document_id"]].append(r)
    versies_per_revisie: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for v in s.versies:
        sectie = s.secties.get(v["sectie_id"])
        if sectie is not None:
            versies_per_revisie[(sectie["document_id"], v["revisie"])].append(v)
    for did, doc in s.documenten.items():
        nummers = [r["revisie"] for r in per_doc.get(did, [])]
        if nummers != list(range(1, doc["revisie"] + 1)):
            fout.append(f"document {did}: revisie {doc['revisie']} maar revisierijen {nummers[:5]}…{nummers[-5:]}")
            continue
        if per_doc[did][-1]["inhoudshash"] != doc["inhoudshash"]:
            fout.append(f"document {did}: inhoudshash is niet die van de laatste revisie")
        for r in range(2, doc["revisie"] + 1):
            aantal = len(versies_per_revisie.get((did, r), []))
            if aantal != 1:
                fout.append(f"document {did}: revisie {r} heeft {aantal} sectieversies (verwacht precies 1)")
        for d, r in versies_per_revisie:
            if d == did and not 1 <= r <= doc["revisie"]:
                fout.append(f"document {did}: sectieversies met revisie {r} buiten 1..{doc['revisie']}")


def _tekstgebeurtenissen(s: Stand, fout: list[str]) -> None:
    versie_van = {(v["sectie_id"], v["versie"]): v for v in s.versies}
    genoemd: Counter = Counter()
    for did in s.documenten:
        events = s.events(did)
        if not events or events[0]["soort"] not in ("document_aangemaakt", "document_geimporteerd"):
            fout.append(f"document {did}: keten begint niet met het aanmaken ({events[0]['soort'] if events else 'leeg'})")
        revisies_genoemd: Counter = Counter()
        for g in events:
            d = g["data"]
            items = []
            if isinstance(d.get("secties"), list):
                items = [{**x, "revisie": d.get("revisie", 1)} for x in d["secties"]]
            elif "sectie" in d and "versie" in d and "tekst_sha256" in d:
                items = [d]
                revisies_genoemd[d.get("revisie")] += 1
            for x in items:
                sleutel = (x["sectie"], x["versie"])
                genoemd[sleutel] += 1
                v = versie_van.get(sleutel)
                if v is None:
                    fout.append(
                        f"document {did}: gebeurtenis {g['volgnummer']} ({g['soort']}) noemt sectie {sleutel[0]} versie {sleutel[1]}, die niet bestaat"
                    )
                    continue
                if sha256(v["tekst"]) != x["tekst_sha256"]:
                    fout.append(
                        f"document {did}: gebeurtenis {g['volgnummer']}: tekst_sha256 klopt niet met sectie {sleutel[0]} versie {sleutel[1]}"
                    )
                if x.get("revisie") is not None and v["revisie"] != x["revisie"]:
                    fout.append(
                        f"document {did}: gebeurtenis {g['volgnummer']}: revisie {x['revisie']} maar de versie hoort bij revisie {v['revisie']}"
                    )
                if s.secties.get(x["sectie"], {}).get("document_id") != did:
                    fout.append(f"document {did}: gebeurtenis {g['volgnummer']} noemt een sectie van een ander document")
        doc = s.documenten[did]
        for r in range(2, doc["revisie"] + 1):
            if revisies_genoemd.get(r, 0) != 1:
                fout.append(
                    f"document {did}: revisie {r} wordt door {revisies_genoemd.get(r, 0)} tekstgebeurtenissen genoemd (verwacht 1)"
                )
    for sleutel in versie_van:
        if genoemd.get(sleutel, 0) != 1:
            fout.append(f"sectie {sleutel[0]} versie {sleutel[1]}: {genoemd.get(sleutel, 0)} gebeurtenissen (verwacht 1)")


def _multiset_gelijk(naam: str, rijen_: list[tuple], events: list[tuple], fout: list[str]) -> None:
    a, b = Counter(rijen_), Counter(events)
    if a != b:
        fout.append(
            f"{naam}: rijen zonder gebeurtenis {list((a - b).elements())[:5]}, gebeurtenissen zonder rij {list((b - a).elements())[:5]}"
        )


def _overige_gebeurtenissen(s: Stand, fout: list[str]) -> None:
    alle = [g for g in s.gebeurtenissen if g["keten"].startswith("document/")]
    per_soort = defaultdict(list)
    for g in alle:
        per_soort[g["soort"]].append(g)
    _multiset_gelijk(
        "reacties",
        [(r["tekstvoorstel_id"], r["departement"], r["oordeel"], r["tegenvoorstel_id"]) for r in s.reacties],
        [
            (g["data"]["tekstvoorstel"], g["data"]["departement"], g["data"]["oordeel"], g["data"].get("tegenvoorstel"))
            for g in per_soort["reactie_gegeven"]
        ],
        fout,
    )
    _multiset_gelijk(
        "oordelen",
        [(o["ronde_id"], o["departement"], o["oordeel"], o["revisie"]) for o in s.oordelen],
        [
            (g["data"]["ronde"], g["data"]["departement"], g["data"]["oordeel"], g["data"].get("revisie"))
            for g in per_soort["oordeel_gegeven"]
        ],
        fout,
    )
    _multiset_gelijk(
        "rondes",
        [(r["document_id"], r["id"]) for r in s.rondes.values()],
        [(g["document_id"], g["data"]["ronde"]) for g in per_soort["ronde_geopend"]],
        fout,
    )
    _multiset_gelijk(
        "parafen",
        [(p["document_id"], p["niveau"], p["revisie"]) for p in s.parafen],
        [(g["document_id"], g["data"]["niveau"], g["data"]["revisie"]) for g in per_soort["geparafeerd"]],
        fout,
    )
    _multiset_gelijk(
        "besluiten",
        [b["draad_id"] for b in s.besluiten],
        [g["data"]["draad"] for g in per_soort["besluit_genomen"]],
        fout,
    )
    actueel = Counter((r["tekstvoorstel_id"], r["departement"]) for r in s.reacties if r["actueel"] in (True, 1))
    fout.extend(f"reactie {k}: {n} actuele reacties van één departement" for k, n in actueel.items() if n > 1)
    actueel = Counter((o["ronde_id"], o["departement"]) for o in s.oordelen if o["actueel"] in (True, 1))
    fout.extend(f"oordeel {k}: {n} actuele oordelen van één departement" for k, n in actueel.items() if n > 1)


def _voorstellen(s: Stand, fout: list[str]) -> None:
    status: dict[int, str] = {}
    aangemaakt: Counter = Counter()
    leden: dict[int, list[int]] = defaultdict(list)
    for v in s.voorstellen.values():
        leden[v["draad_id"]].append(v["id"])

    def stap(vid: int, gebeurtenis: str, g: dict) -> None:
        if vid not in status:
            fout.append(f"gebeurtenis {g['keten']}#{g['volgnummer']} ({g['soort']}) noemt voorstel {vid} dat (nog) niet bestaat")
            return
        if not TEKSTVOORSTEL.mag(status[vid], gebeurtenis):
            fout.append(
                f"voorstel {vid}: '{gebeurtenis}' ({g['soort']} #{g['volgnummer']}) vanuit '{status[vid]}' staat niet in de tabel"
            )
            return
        status[vid] = TEKSTVOORSTEL.volgende(status[vid], gebeurtenis)

    for did in s.documenten:
        for g in s.events(did):
            d, soort = g["data"], g["soort"]
            if soort == "tekstvoorstel_ingediend":
                status[d["tekstvoorstel"]] = "ingediend"
                aangemaakt[d["tekstvoorstel"]] += 1
            elif soort == "reactie_gegeven":
                vid = d["tekstvoorstel"]
                tegen = d.get("tegenvoorstel")
                draad = s.voorstellen.get(vid, {}).get("draad_id")
                geescaleerd = any(status.get(lid) == "geescaleerd" for lid in leden.get(draad, []))
                stap(vid, d["oordeel"], g)
                if tegen is not None:
                    status[tegen] = "geescaleerd" if geescaleerd else "ingediend"
                    aangemaakt[tegen] += 1
            elif soort == "tekstvoorstel_overgenomen":
                stap(d["tekstvoorstel"], VoorstelGebeurtenis.OVERNEMEN, g)
            elif soort == "tekstvoorstel_afgewezen":
                stap(d["tekstvoorstel"], VoorstelGebeurtenis.AFWIJZEN, g)
            elif soort == "tekstvoorstel_ingetrokken":
                stap(d["tekstvoorstel"], VoorstelGebeurtenis.INTREKKEN, g)
            elif soort == "tekstvoorstel_vervallen":
                stap(d["tekstvoorstel"], VoorstelGebeurtenis.VERVALLEN, g)
            elif soort == "draad_geescaleerd":
                for vid in d.get("voorstellen", []):
                    stap(vid, VoorstelGebeurtenis.ESCALEREN, g)
            elif soort == "besluit_genomen":
                for vid in leden.get(d["draad"], []):
                    if vid in status and TEKSTVOORSTEL.mag(status[vid], VoorstelGebeurtenis.BESLUIT):
                        status[vid] = TEKSTVOORSTEL.volgende(status[vid], VoorstelGebeurtenis.BESLUIT)
    versie_van = {(v["sectie_id"], v["versie"]): v for v in s.versies}
    for vid, v in s.voorstellen.items():
        if v["status"] not in API_STATUSSEN:
            fout.append(f"voorstel {vid}: status '{v['status']}' staat niet in docs/api.md")
        if aangemaakt.get(vid, 0) != 1:
            fout.append(f"voorstel {vid}: {aangemaakt.get(vid, 0)} gebeurtenissen die het aanmaken (verwacht 1)")
        elif status.get(vid) != v["status"]:
            fout.append(f"voorstel {vid}: status '{v['status']}' maar de gebeurtenissen eindigen in '{status.get(vid)}'")
        verwerkt = v["verwerkt_in_versie"]
        if (verwerkt is not None) != (v["status"] in ("overgenomen", "besloten")):
            fout.append(f"voorstel {vid}: status '{v['status']}' met verwerkt_in_versie {verwerkt}")
        elif verwerkt is not None and (v["sectie_id"], verwerkt) not in versie_van:
            fout.append(f"voorstel {vid}: verwerkt in versie {verwerkt}, die niet bestaat")
        elif v["status"] == "overgenomen" and v["voorgesteld"].strip() not in versie_van[(v["sectie_id"], verwerkt)]["tekst"]:
            fout.append(f"voorstel {vid}: overgenomen, maar de formulering staat niet in versie {verwerkt}")
    for vid in set(status) - set(s.voorstellen):
        fout.append(f"gebeurtenissen over voorstel {vid}, dat niet bestaat")
    # Of overlapping passages of one base version, at most one is adopted.
    overgenomen = [v for v in s.voorstellen.values() if v["status"] == "overgenomen" and v["oorspronkelijk"]]
    for i, a in enumerate(overgenomen):
        for b in overgenomen[i + 1 :]:
            if (a["sectie_id"], a["basisversie"]) != (b["sectie_id"], b["basisversie"]):
                continue
            a0, a1 = a["positie"], a["positie"] + len(a["oorspronkelijk"])
            b0, b1 = b["positie"], b["positie"] + len(b["oorspronkelijk"])
            if a0 < b1 and b0 < a1:
                fout.append(
                    f"voorstellen {a['id']} en {b['id']} overlappen (basisversie {a['basisversie']}) en zijn allebei overgenomen"
                )


def inconsistenties(engine: Engine) -> list[str]:
    s = Stand(engine)
    fout: list[str] = []
    _ketens(s, fout)
    _secties(s, fout)
    _revisies(s, fout)
    _tekstgebeurtenissen(s, fout)
    _overige_gebeurtenissen(s, fout)
    _voorstellen(s, fout)
    return fout


def tellingen(engine: Engine) -> dict[str, int]:
    """Row counts of every table plus the event count per soort: 'nothing was written' means
    equal before and after."""
    uit: dict[str, int] = {}
    bestaand = set(inspect(engine).get_table_names())
    with engine.connect() as c:
        for tabel in (
            "gebruiker",
            "token",
            "document",
            "sectie",
            "sectieversie",
            "documentrevisie",
            "gebeurtenis",
            "ketenkop",
            "tekstvoorstel",
            "reactie",
            "besluit",
            "afstemmingsronde",
            "rondeoordeel",
            "paraaf",
            "afhankelijkheid",
            "beslispuntbesluit",
            "afwijking",
        ):
            if tabel in bestaand:
                uit[tabel] = c.execute(text(f'SELECT COUNT(*) FROM "{tabel}"')).scalar_one()
        uit["som_revisies"] = c.execute(text("SELECT COALESCE(SUM(revisie), 0) FROM document")).scalar_one()
        uit["som_versies"] = c.execute(text("SELECT COALESCE(SUM(versie), 0) FROM sectie")).scalar_one()
        if "afhankelijkheid" in bestaand:
            uit["afhankelijkheden_open"] = c.execute(
                text("SELECT COUNT(*) FROM afhankelijkheid WHERE status = 'open'")
            ).scalar_one()
        for soort, n in c.execute(text("SELECT soort, COUNT(*) FROM gebeurtenis GROUP BY soort")):
            uit[f"gebeurtenis:{soort}"] = n
    return uit


def gebeurtenissen_per_soort(engine: Engine, document_id: int) -> Counter:
    with engine.connect() as c:
        return Counter(
            dict(
                c.execute(
                    text("SELECT soort, COUNT(*) FROM gebeurtenis WHERE keten = :k GROUP BY soort"),
                    {"k": f"document/{document_id}"},
                ).all()
            )
        )
