"""Edit a .docx in a real editor: headless LibreOffice driven through UNO (Debian python3-uno).

Run with the system /usr/bin/python3 (the venv has no `uno`):
    /usr/bin/python3 libreoffice_bewerk.py IN.docx UIT.docx PORT PROFIELMAP

Switches on change recording, then: adds the comment "Kan dit zachter?" on "Gemeenten krijgen
meer ruimte. " and deletes that sentence (the comment is the deletion's toelichting), adds the
comment "Waarom gezamenlijk?" on the unchanged word "gezamenlijke" (an opmerking), replaces
"100.000" by "90.000", inserts " Het Rijk betaalt mee." after "De provincie stuurt bij.", moves
the sentence "Derde zin over reizen." to the front of its paragraph (cut and paste), and stores the
result with the "MS Word 2007 XML" filter. The author of the changes and the comments is the
profile's user, "Ingrid IenW"; the comments are dated 2025-06-11 09:30 UTC.

The document is loaded into a model without a view (XLoadable.load on a bare TextDocument), not
with Desktop.loadComponentFromURL: Debian's libreoffice-writer-nogui ships none of Writer's .ui
files, and a document with a view builds a comment window from modules/swriter/ui/annotation.ui as
soon as an Annotation field exists; the missing file aborts soffice (NoSuchElementException, the
UNO bridge is disposed). Without a view there is no comment window; Writer's search (findFirst)
then finds nothing, so passages are found by walking the body's paragraphs.
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

VOORNAAM, ACHTERNAAM = "Ingrid", "IenW"


def prop(naam, waarde):
    p = PropertyValue()
    p.Name, p.Value = naam, waarde
    return p


def main(bron, doel, poort, profiel):
    proces = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation=file://{profiel}",
            f"--accept=socket,host=127.0.0.1,port={poort};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        lokaal = uno.getComponentContext()
        resolver = lokaal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokaal)
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={poort};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        if ctx is None:
            raise SystemExit("LibreOffice start niet")
        smgr = ctx.ServiceManager
        # The author of recorded changes is the profile's user.
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        toegang = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
        )
        toegang.setPropertyValue("givenname", VOORNAAM)
        toegang.setPropertyValue("sn", ACHTERNAAM)
        toegang.commitChanges()
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # A model without a view (see the module docstring).
        doc = smgr.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
        doc.load((prop("URL", uno.systemPathToFileUrl(os.path.abspath(bron))), prop("FilterName", "MS Word 2007 XML")))

        def vind(tekst):
            """A cursor selecting the first occurrence of `tekst` within one body paragraph."""
            alineas = doc.getText().createEnumeration()
            while alineas.hasMoreElements():
                alinea = alineas.nextElement()
                if not alinea.supportsService("com.sun.star.text.Paragraph"):
                    continue
                i = alinea.getString().find(tekst)
                if i < 0:
                    continue
                # Step character by character: a comment's anchor is a character of the paragraph
                # that its string leaves out, so string offsets and cursor steps differ.
                cursor = alinea.getText().createTextCursorByRange(alinea.getStart())
                while len(cursor.getString()) < i and cursor.goRight(1, True):
                    pass
                cursor.collapseToEnd()
                while len(cursor.getString()) < len(tekst) and cursor.goRight(1, True):
                    pass
                if cursor.getString() != tekst:
                    raise SystemExit(f"verkeerd geselecteerd: {cursor.getString()!r} in plaats van {tekst!r}")
                return cursor
            raise SystemExit(f"niet gevonden: {tekst}")

        def commentaar(tekst, inhoud):
            veld = doc.createInstance("com.sun.star.text.textfield.Annotation")
            veld.Author = f"{VOORNAAM} {ACHTERNAAM}"
            veld.Initials = VOORNAAM[0] + ACHTERNAAM[0]
            datum = uno.createUnoStruct("com.sun.star.util.DateTime")
            datum.Year, datum.Month, datum.Day, datum.Hours, datum.Minutes = 2025, 6, 11, 9, 30
            veld.DateTimeValue = datum
            veld.Content = inhoud
            bereik = vind(tekst)
            bereik.getText().insertTextContent(bereik, veld, True)  # anchored on the passage

        doc.setPropertyValue("RecordChanges", True)
        commentaar("Gemeenten krijgen meer ruimte. ", "Kan dit zachter?")
        commentaar("gezamenlijke", "Waarom gezamenlijk?")
        vind("100.000").setString("90.000")
        vind("Gemeenten krijgen meer ruimte. ").setString("")
        r = vind("De provincie stuurt bij.")
        r.getText().insertString(r.getEnd(), " Het Rijk betaalt mee.", False)
        vind(" Derde zin over reizen.").setString("")
        r = vind("Eerste zin over wonen.")
        r.getText().insertString(r.getStart(), "Derde zin over reizen. ", False)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(doel)), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        proces.terminate()
        try:
            proces.wait(20)
        except subprocess.TimeoutExpired:
            proces.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
