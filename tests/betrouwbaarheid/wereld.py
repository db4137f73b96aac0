"""A small world for the reliability tests, built through the public API only.

VRO holds the pen of a kamerbrief; DEF is mede namens; IenW is invited to the ronde; DEF has
filed a proposal and IenW countered it. EZ has nothing to do with it (and has a document of
its own). Every text of the VRO document carries GEHEIM so a leak is easy to spot.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

PROBLEM_JSON = "application/problem+json"
ROLLEN = ("opsteller", "afstemmer", "parafeerder", "bewindspersoon", "beheerder")


def probleem(antwoord, *statussen: int) -> dict:
    """Assert an RFC 9457 problem with one of `statussen`; return its body."""
    assert antwoord.status_code in statussen, f"verwacht {statussen}, kreeg {antwoord.status_code}: {antwoord.text[:500]}"
    soort = antwoord.headers.get("content-type", "").split(";")[0].strip()
    assert soort == PROBLEM_JSON, f"content-type {soort!r}: {antwoord.text[:300]}"
    body = antwoord.json()
    for sleutel, type_ in (("type", str), ("title", str), ("status", int), ("detail", str)):
        assert isinstance(body.get(sleutel), type_), f"problem mist {sleutel!r}: {body}"
    assert body["status"] == antwoord.status_code, body
    assert "Traceback" not in antwoord.text, antwoord.text
    if antwoord.status_code in (400, 422):
        assert isinstance(body.get("invalid_params"), list) and body["invalid_params"], body
    return body


def ok(antwoord, status: int = 200) -> dict:
    assert antwoord.status_code == status, f"verwacht {status}, kreeg {antwoord.status_code}: {antwoord.text[:800]}"
    return antwoord.json()


def over(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


@dataclass
class Wereld:
    geheim: str
    doc: dict
    sectie: dict
    voorstel: dict
    tegenvoorstel: dict
    ronde: dict
    mensen: dict = field(default_factory=dict)  # name -> conftest.Gebruiker
    vreemd: dict = field(default_factory=dict)  # role -> EZ Gebruiker
    eigen_doc: dict | None = None  # EZ's own document
    wegwerp: object | None = None  # a VRO user whose token may be revoked
    afhankelijkheid: dict | None = None  # a free afhankelijkheid of the VRO letter

    @property
    def tokens(self) -> list[str]:
        return [g.token for g in (*self.mensen.values(), *self.vreemd.values())]


def bouw(api) -> Wereld:
    geheim = f"GEHEIM{uuid.uuid4().hex[:12]}"
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller"),
        "minister": api.gebruiker("VRO", "bewindspersoon"),
        "afdelingshoofd": api.gebruiker("VRO", "parafeerder", paraafniveau="afdelingshoofd"),
        "DEF": api.gebruiker("DEF", "afstemmer"),
        "IenW": api.gebruiker("IenW", "afstemmer"),
    }
    tekst = f"De minister {geheim} neemt maatregelen. Gemeenten werken samen aan de uitvoering."
    markdown = f"# Kop {geheim}\n\n{tekst}\n"
    doc = ok(
        api.als(m["opsteller"]).post(
            "/documenten/import",
            files={"bestand": ("brief.md", markdown.encode(), "text/markdown")},
            data={
                "soort": "kamerbrief",
                "titel": f"Brief {geheim}",
                "penvoerder": "VRO",
                "mede_namens": "DEF",
                "parafenlijn": "afdelingshoofd",
            },
        ),
        201,
    )
    sectie = doc["secties"][0]
    ronde = ok(
        api.als(m["opsteller"]).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["IenW", "DEF"], "termijn": over(days=3)}
        ),
        201,
    )
    voorstel = ok(
        api.als(m["DEF"]).post(
            f"/documenten/{doc['id']}/secties/{sectie['id']}/tekstvoorstellen",
            json={"basisversie": sectie["versie"], "oorspronkelijk": "werken samen", "voorgesteld": f"werken {geheim} samen"},
        ),
        201,
    )
    tegen = ok(
        api.als(m["IenW"]).post(
            f"/tekstvoorstellen/{voorstel['id']}/reacties",
            json={"oordeel": "tegenvoorstel", "voorgesteld": f"werken nauw {geheim} samen"},
        ),
        201,
    )
    vreemd = {}
    for rol in ROLLEN:
        vreemd[rol] = api.gebruiker("EZ", rol, **({"paraafniveau": "afdelingshoofd"} if rol == "parafeerder" else {}))
    eigen = ok(
        api.als(vreemd["opsteller"]).post("/documenten", json={"soort": "kamerbrief", "titel": "Van EZ", "penvoerder": "EZ"}),
        201,
    )
    afhankelijkheid = ok(
        api.als(m["opsteller"]).post(f"/documenten/{doc['id']}/afhankelijkheden", json={"omschrijving": f"Eerst {geheim}."}),
        201,
    )
    return Wereld(
        afhankelijkheid=afhankelijkheid,
        geheim=geheim,
        doc=api.als(m["opsteller"]).get(f"/documenten/{doc['id']}").json(),
        sectie=sectie,
        voorstel=voorstel,
        tegenvoorstel=tegen,
        ronde=ronde,
        mensen=m,
        vreemd=vreemd,
        eigen_doc=eigen,
        wegwerp=api.gebruiker("VRO", "afstemmer"),
    )
