"""Benchmark: the Woo publication package of the seed set (issue 17) against one LibreOffice
conversion per document.

    .venv/bin/python bench/bench_woo_pakket.py [--rondes 3]

The seed set (the Kamerbrief and beslisnota of drafts/, and a bijlage) is built through the API
on a fresh SQLite database and vastgesteld. Then, alternating, `--rondes` times each:
- the reference: every published member's Word Woo variant converted alone, one soffice start
  per document (what a naive implementation does), the sum over the documents;
- the package: GET /documenten/{brief}/woo-pakket.zip end to end (rendering, redaction, one
  LibreOffice run for all documents, inventarislijst CSV and XLSX, DiWoo metadata, manifest).
The converter's cache is off, so every round converts. Prints both medians and
package / (documents x one conversion); the target is a ratio under 3. Exit 1 when missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import (  # noqa: E402
    database_nu,  # noqa: E402
    leessessie,
    maak_engine,
)
from app.documenten.models import Document  # noqa: E402
from app.main import maak_app  # noqa: E402
from app.publicatie.service import beoordeel, leden_van_set  # noqa: E402
from app.weergave import service as weergave  # noqa: E402
from app.weergave.docx import document_docx  # noqa: E402
from app.weergave.pdf import Omzetter, PdfInstellingen  # noqa: E402
from tests import conftest as cf  # noqa: E402
from tests.helpers_afstemming import Wereld  # noqa: E402
from tests.publicatie.set_hulp import bouw_set  # noqa: E402

DOEL = 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as map_:
        url = f"sqlite:///{map_}/paraaf.db"
        engine = maak_engine(url)
        cf.migreer(engine)
        settings = Settings(database_url=url, admin_token=cf.BEHEER_TOKEN, session_secret="bench", pdf_cache=0)
        with TestClient(maak_app(settings, engine=engine, klok=cf.TestKlok())) as client:
            w = Wereld(cf.Api(client))
            s = bouw_set(w)
            brief_id = s.brief["id"]
            with leessessie(engine) as sessie:
                brief = sessie.get(Document, brief_id)
                context = weergave.woo_context(sessie)
                bestanden = []
                for lid in leden_van_set(sessie, brief):
                    doc = weergave.document_weergave(sessie, lid, database_nu(sessie))
                    if not beoordeel(doc, context)[1]:  # what the package publishes (not 'niet openbaar')
                        bestanden.append(document_docx(doc, context))
            omzetter = Omzetter(PdfInstellingen(cache=0))
            omzetter.naar_pdf(bestanden[0])  # LibreOffice's profile is made once, before timing

            def pakket() -> tuple[float, int]:
                begin = time.perf_counter()
                r = w.als(w.opsteller).get(f"/documenten/{brief_id}/woo-pakket.zip")
                duur = time.perf_counter() - begin
                assert r.status_code == 200, r.text
                pdfs = [n for n in zipfile.ZipFile(BytesIO(r.content)).namelist() if n.endswith(".pdf")]
                return duur, len(pdfs)

            pakket()  # the app's own converter makes its profile once, before timing
            referenties, pakketten = [], []
            aantal = 0
            for _ in range(args.rondes):
                duur, aantal = pakket()
                pakketten.append(duur)
                assert aantal == len(bestanden)
                begin = time.perf_counter()
                for docx in bestanden:
                    omzetter.naar_pdf(docx)
                referenties.append(time.perf_counter() - begin)
    ref = statistics.median(referenties)
    pak = statistics.median(pakketten)
    per_document = ref / aantal
    verhouding = pak / (aantal * per_document)
    print(f"Woo-pakket van de seed-set ({aantal} gepubliceerde documenten, {args.rondes} rondes, mediaan):")
    print(f"  één LibreOffice-omzetting per document: {per_document:.2f} s per document, {ref:.2f} s samen")
    print(f"  het hele pakket via de API:             {pak:.2f} s")
    print(
        f"  verhouding pakket / ({aantal} x één omzetting): {verhouding:.2f}  (doel < {DOEL:g}: {'gehaald' if verhouding < DOEL else 'NIET gehaald'})"
    )
    return 0 if verhouding < DOEL else 1


if __name__ == "__main__":
    sys.exit(main())
