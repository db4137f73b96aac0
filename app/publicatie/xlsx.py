"""The inventarislijst as an Excel workbook.

openpyxl writes it: a maintained library that produces files Excel, LibreOffice and the
Woo-index's tooling open without complaint (the OOXML spreadsheet format is large, and a
hand-written one is exactly how subtly broken files arise). Its output carries the time of
writing; the workbook is re-packed with fixed times so that equal input gives equal bytes
(the package's checksums then only change when the content does).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from workflow.woo_pakket import KOLOMMEN, Inventarisregel

BREEDTES = (9, 48, 12, 12, 16, 16, 18, 48, 48)


def inventaris_xlsx(regels: list[Inventarisregel], *, titel: str, organisatie: str, moment: datetime) -> bytes:
    # Imported here: openpyxl is only needed when a package is made.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    boek = Workbook()
    blad = boek.active
    blad.title = "Inventarislijst"
    blad.append(list(KOLOMMEN))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for regel in regels:
        rij = regel.rij()
        blad.append([int(rij[0]), *rij[1:3], regel.datum, *rij[4:]])
        blad.cell(row=blad.max_row, column=4).number_format = "dd-mm-yyyy"
    for i, breedte in enumerate(BREEDTES, start=1):
        blad.column_dimensions[get_column_letter(i)].width = breedte
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            cel.alignment = Alignment(vertical="top", wrap_text=True)
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = blad.dimensions
    # Document properties name the organisation, never a person.
    boek.properties.title = titel
    boek.properties.creator = organisatie
    boek.properties.lastModifiedBy = organisatie
    boek.properties.language = "nl-NL"
    boek.properties.created = boek.properties.modified = moment.replace(tzinfo=None, microsecond=0)
    ruw = io.BytesIO()
    boek.save(ruw)
    return _vaste_tijden(ruw.getvalue(), moment)


def _vaste_tijden(inhoud: bytes, moment: datetime) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            deel = bron.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the moment of saving as 'modified'.
                tijd = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
                deel = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + tijd.encode() + rb"\g<2>", deel
                )
            doel.writestr(nieuw, deel)
    return uit.getvalue()
