"""LibreOffice headless helpers for the slow tests: .docx -> PDF, and accept-all / reject-all
of tracked changes followed by a plain-text export.

Accepting and rejecting use a StarBasic macro (installed into a private user profile) that
dispatches .uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges, so no Python-UNO bridge
is needed. One soffice start handles a whole list of files.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Paraaf" script:language="StarBasic">
Sub Verwerk(lijst As String)
  Dim bestand As Integer, regel As String, delen As Variant, doc As Object, helper As Object
  Dim laden(0) As New com.sun.star.beans.PropertyValue
  Dim opslaan(1) As New com.sun.star.beans.PropertyValue
  laden(0).Name = &quot;Hidden&quot; : laden(0).Value = True
  opslaan(0).Name = &quot;FilterName&quot; : opslaan(0).Value = &quot;Text (encoded)&quot;
  opslaan(1).Name = &quot;FilterOptions&quot; : opslaan(1).Value = &quot;UTF8,LF&quot;
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  bestand = FreeFile
  Open lijst For Input As #bestand
  Do While Not EOF(bestand)
    Line Input #bestand, regel
    If Len(regel) &gt; 0 Then
      delen = Split(regel, &quot;|&quot;)
      doc = StarDesktop.loadComponentFromURL(ConvertToURL(delen(1)), &quot;_blank&quot;, 0, laden())
      If delen(0) = &quot;accepteer&quot; Then
        helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
      ElseIf delen(0) = &quot;verwerp&quot; Then
        helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
      End If
      doc.storeToURL(ConvertToURL(delen(2)), opslaan())
      doc.close(True)
    End If
  Loop
  Close #bestand
End Sub
</script:module>
"""

BIBLIOTHEEK = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
{elementen}
</library:library>
"""


def _profiel(map_: Path) -> str:
    """A private LibreOffice user profile with the macro installed; returns its URL."""
    profiel = map_ / "lo-profiel"
    url = profiel.as_uri()
    standaard = profiel / "user" / "basic" / "Standard"
    if not (standaard / "Paraaf.xba").exists():
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation={url}", "--terminate_after_init"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        standaard.mkdir(parents=True, exist_ok=True)
        (standaard / "Paraaf.xba").write_text(MACRO, encoding="utf-8")
        modules = sorted({p.stem for p in standaard.glob("*.xba")})
        elementen = "\n".join(f' <library:element library:name="{m}"/>' for m in modules)
        (standaard / "script.xlb").write_text(BIBLIOTHEEK.format(elementen=elementen), encoding="utf-8")
    return url


def naar_pdf(bestanden: list[Path], map_: Path) -> list[Path]:
    """Convert .docx files to PDF with one soffice run; returns the PDF paths."""
    url = _profiel(map_)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={url}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(map_),
            *map(str, bestanden),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdfs = [map_ / (b.stem + ".pdf") for b in bestanden]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice maakte geen {pdf.name}"
    return pdfs


def pdf_tekst(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def als_tekst(opdrachten: list[tuple[str, Path]], map_: Path) -> list[str]:
    """For each (accepteer | verwerp | geen, docx): the document's text after that action."""
    url = _profiel(map_)
    lijst = map_ / "opdrachten.txt"
    uitvoer = [map_ / f"{i}-{actie}-{pad.stem}.txt" for i, (actie, pad) in enumerate(opdrachten)]
    lijst.write_text(
        "".join(f"{actie}|{pad}|{uit}\n" for (actie, pad), uit in zip(opdrachten, uitvoer, strict=True)),
        encoding="utf-8",
    )
    macro = f'macro:///Standard.Paraaf.Verwerk("{lijst}")'
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={url}", macro], check=True, capture_output=True, timeout=300)
    teksten = []
    for pad in uitvoer:
        assert pad.is_file(), f"LibreOffice schreef {pad.name} niet (macro niet uitgevoerd?)"
        teksten.append(pad.read_text(encoding="utf-8-sig"))
    return teksten
