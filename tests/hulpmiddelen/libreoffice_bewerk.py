"""Edit a .docx in a real editor: headless LibreOffice driven through UNO (Debian python3-uno).

Run with the system /usr/bin/python3 (the venv has no `uno`):
    /usr/bin/python3 libreoffice_bewerk.py IN.docx UIT.docx PORT PROFIELMAP

Switches on change recording, then: replaces "100.000" by "90.000", deletes "Gemeenten krijgen
meer ruimte. ", inserts " Het Rijk betaalt mee." after "De provincie stuurt bij.", moves the
sentence "Derde zin over reizen." to the front of its paragraph (cut and paste), and stores the result with the "MS Word 2007 XML" filter. The author of the
changes and the comment is the profile's user, "Ingrid IenW".
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


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
        # The author of recorded changes and comments is the profile's user.
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        toegang = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
        )
        toegang.setPropertyValue("givenname", "Ingrid")
        toegang.setPropertyValue("sn", "IenW")
        toegang.commitChanges()
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(bron)), "_blank", 0, (prop("Hidden", True),))

        def vind(tekst):
            zoek = doc.createSearchDescriptor()
            zoek.SearchString = tekst
            gevonden = doc.findFirst(zoek)
            if gevonden is None:
                raise SystemExit(f"niet gevonden: {tekst}")
            return gevonden

        # No comment: LibreOffice 7.4 headless dies (the UNO bridge is disposed) on storing or
        # recording after an Annotation field is inserted through UNO, in every variant tried
        # (ranged, collapsed, before or after recording, in a fresh session). Comments are
        # covered with files written the way Word writes them (tests/test_retour.py).
        doc.setPropertyValue("RecordChanges", True)
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
