"""Web UI: the afstemmingsversie download and the retour upload with its preview (no JavaScript
needed: plain forms with the session's CSRF token)."""

from __future__ import annotations

import re

from tests import word_bouw as wb
from tests.conftest import nieuw_document
from tests.test_retour import SECTIES, afstemmingsversie, document_xml, met_document, run_met


def _inloggen(client, token):
    pagina = client.get("/inloggen")
    csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text).group(1)
    r = client.post("/inloggen", data={"token": token, "csrf": csrf, "volgende": "/werk"}, follow_redirects=False)
    assert r.status_code == 303, r.text


def test_download_en_retour_met_voorbeeld(api, client, opsteller):
    doc = nieuw_document(api, opsteller, *SECTIES)
    _inloggen(client, opsteller.token)
    pagina = client.get(f"/documenten/{doc['id']}")
    assert f"/documenten/{doc['id']}/download/afstemmingsversie" in pagina.text
    assert f'action="/documenten/{doc["id"]}/retour"' in pagina.text
    r = client.get(f"/documenten/{doc['id']}/download/afstemmingsversie")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    bestand = afstemmingsversie(api, opsteller, doc["id"])
    xml = run_met(document_xml(bestand), "100.000", wb.dele("100.000") + wb.ins("90.000"))
    csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text).group(1)
    voorbeeld = client.post(
        f"/documenten/{doc['id']}/retour",
        data={"csrf": csrf},
        files={"bestand": ("terug.docx", met_document(bestand, xml), "application/octet-stream")},
    )
    assert voorbeeld.status_code == 200, voorbeeld.text
    assert "90.000" in voorbeeld.text and "Verwerken" in voorbeeld.text
    assert api.als(opsteller).get(f"/tekstvoorstellen?document={doc['id']}").json() == []  # preview writes nothing
    inhoud = re.search(r'name="inhoud" value="([^"]+)"', voorbeeld.text).group(1)
    r = client.post(
        f"/documenten/{doc['id']}/retour",
        data={"csrf": csrf, "inhoud": inhoud, "naam": "terug.docx", "bevestigen": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    voorstellen = api.als(opsteller).get(f"/tekstvoorstellen?document={doc['id']}").json()
    assert [(v["oorspronkelijk"], v["voorgesteld"]) for v in voorstellen] == [("100.000", "90.000")]
    # Without the CSRF token nothing happens.
    r = client.post(f"/documenten/{doc['id']}/retour", data={"inhoud": inhoud, "bevestigen": "1"}, follow_redirects=False)
    assert r.status_code == 403
    # The same file again: the page says so, nothing new.
    r = client.post(
        f"/documenten/{doc['id']}/retour", data={"csrf": csrf, "inhoud": inhoud, "naam": "terug.docx", "bevestigen": "1"}
    )
    assert r.status_code == 409 and "al eerder verwerkt" in r.text
