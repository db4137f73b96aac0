"""PDF/A from our own Word files, made by LibreOffice headless.

LibreOffice is a separate program that takes a second to start and cannot run twice on one user
profile, so conversions are bounded and queued (docs/pdf.md):

- one conversion at a time per worker process (two soffice processes on two cores only slow
  each other down); every file of one request (a Woo package) goes through one soffice start;
- at most `pdf_wachtrij` requests wait for their turn, each at most `pdf_wachttijd_s` seconds;
  beyond that the answer is 503 with Retry-After, never a hung request;
- each run has a time limit (`pdf_tijdslimiet_s` per file); past it the whole process group is
  killed and the answer is 503;
- a private UserInstallation profile per worker process (removed at exit), so LibreOffice never
  touches a user's own profile and two workers never share one; every input and output file
  lives in a temporary directory that is removed after the run, whatever happens;
- the fonts come from our own fontconfig file (templates/lettertypen/fonts.conf): Verdana, which
  is not free, is mapped to DejaVu Sans on purpose (metrics measured in docs/pdf.md).

After LibreOffice, `archiveer` completes the metadata with pikepdf: the language (dc:language,
nl-NL) in the XMP packet, where PDF/A looks for it and LibreOffice does not write it, and the
title shown in the viewer. It refuses a file without a PDF/A-2 identification.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import logging
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from app.config import PROJECT_ROOT, Settings
from app.problemen import NietBeschikbaar

log = logging.getLogger("paraaf.pdf")

FONTCONFIG = PROJECT_ROOT / "templates" / "lettertypen" / "fonts.conf"
TAAL = "nl-NL"
# PDF/A-2 (SelectPdfVersion 2 = PDF/A-2b), tagged (structure tree, reading order, /Lang), the
# document title in the viewer's title bar, no form fields from Word content.
EXPORTFILTER = (
    "pdf:writer_pdf_Export:{"
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"},'
    '"ExportFormFields":{"type":"boolean","value":"false"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}'
    "}"
)


class PdfBezet(NietBeschikbaar):
    pass


class PdfMislukt(NietBeschikbaar):
    pass


@dataclass(frozen=True)
class PdfInstellingen:
    soffice: str = "soffice"
    tijdslimiet_s: float = 60.0  # per file
    wachttijd_s: float = 20.0
    wachtrij: int = 4
    profielmap: str | None = None
    cache: int = 16  # converted files kept in memory, by the SHA-256 of the Word file

    @classmethod
    def uit(cls, settings: Settings) -> PdfInstellingen:
        return cls(
            soffice=settings.soffice,
            tijdslimiet_s=settings.pdf_tijdslimiet_s,
            wachttijd_s=settings.pdf_wachttijd_s,
            wachtrij=settings.pdf_wachtrij,
            profielmap=settings.pdf_profielmap,
            cache=settings.pdf_cache,
        )


class Omzetter:
    """Word to PDF/A for one worker process. Thread-safe; see the module docstring."""

    def __init__(self, instellingen: PdfInstellingen | None = None):
        self.instellingen = instellingen or PdfInstellingen()
        self._beurt = threading.Lock()
        self._teller = threading.Lock()
        self._wachtend = 0
        self._duur_per_bestand = 2.0  # running estimate, seconds, for Retry-After
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._profiel: Path | None = None
        self.omzettingen = 0  # soffice runs, for tests and the benchmark

    # --- the queue ------------------------------------------------------------------------------

    def _retry_after(self, bestanden: int = 1) -> int:
        """Seconds until a retry may get its turn: the line ahead of it at the running average."""
        return max(1, math.ceil(self._duur_per_bestand * max(bestanden, 1) * max(self._wachtend, 1)))

    @contextlib.contextmanager
    def _aan_de_beurt(self, bestanden: int) -> Iterator[None]:
        # `_wachtend` counts the requests that want the converter: the one converting and the
        # ones in line. One may convert and `wachtrij` may wait; the next is refused at once.
        with self._teller:
            if self._wachtend > self.instellingen.wachtrij:
                raise PdfBezet(
                    f"Er wachten al {self._wachtend - 1} PDF-omzettingen; probeer het over enkele seconden opnieuw.",
                    retry_after=self._retry_after(bestanden),
                )
            self._wachtend += 1
        gekregen = False
        try:
            gekregen = self._beurt.acquire(timeout=self.instellingen.wachttijd_s)
            if not gekregen:
                raise PdfBezet(
                    "De PDF-omzetting is bezet; probeer het over enkele seconden opnieuw.",
                    retry_after=self._retry_after(bestanden),
                )
            yield
        finally:
            if gekregen:
                self._beurt.release()
            with self._teller:
                self._wachtend -= 1

    # --- conversion -----------------------------------------------------------------------------

    def naar_pdf(self, docx: bytes) -> bytes:
        return self.naar_pdfs([docx])[0]

    def naar_pdfs(self, bestanden: list[bytes]) -> list[bytes]:
        """Each Word file as PDF/A, in order; the ones not in the cache in one soffice run."""
        sleutels = [hashlib.sha256(b).hexdigest() for b in bestanden]
        uit: dict[str, bytes] = {}
        with self._teller:
            for s in sleutels:
                if s in self._cache:
                    self._cache.move_to_end(s)
                    uit[s] = self._cache[s]
        te_doen = {s: b for s, b in zip(sleutels, bestanden, strict=True) if s not in uit}
        if te_doen:
            with self._aan_de_beurt(len(te_doen)):
                gemaakt = self._draai(list(te_doen.values()))
            with self._teller:
                for s, pdf in zip(te_doen, gemaakt, strict=True):
                    uit[s] = pdf
                    if self.instellingen.cache > 0:
                        self._cache[s] = pdf
                        while len(self._cache) > self.instellingen.cache:
                            self._cache.popitem(last=False)
        return [uit[s] for s in sleutels]

    def _profielmap(self) -> Path:
        if self._profiel is None:
            basis = Path(self.instellingen.profielmap or Path(tempfile.gettempdir()) / f"paraaf-libreoffice-{os.getuid()}")
            basis.mkdir(parents=True, exist_ok=True, mode=0o700)
            profiel = basis / f"profiel-{os.getpid()}-{id(self):x}"
            shutil.rmtree(profiel, ignore_errors=True)  # a left-over of a crashed process with this pid
            atexit.register(shutil.rmtree, profiel, True)
            self._profiel = profiel
        return self._profiel

    def _draai(self, bestanden: list[bytes]) -> list[bytes]:
        limiet = self.instellingen.tijdslimiet_s * len(bestanden)
        begin = time.monotonic()
        # TMPDIR as it is now, not as tempfile cached it at the first call: a test (or an
        # operator) that points it elsewhere gets the work directory there.
        with tempfile.TemporaryDirectory(prefix="paraaf-pdf-", dir=os.environ.get("TMPDIR") or None) as map_:
            werk = Path(map_)
            invoer = []
            for i, inhoud in enumerate(bestanden, start=1):
                pad = werk / f"document-{i}.docx"
                pad.write_bytes(inhoud)
                invoer.append(pad)
            uitmap = werk / "uit"
            opdracht = [
                self.instellingen.soffice,
                f"-env:UserInstallation={self._profielmap().as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                "--convert-to",
                EXPORTFILTER,
                "--outdir",
                str(uitmap),
                *map(str, invoer),
            ]
            omgeving = {
                **os.environ,
                "FONTCONFIG_FILE": str(FONTCONFIG),
                "HOME": str(werk),  # anything LibreOffice writes outside the profile stays in here
                "TMPDIR": str(werk),
                "LC_ALL": "C.UTF-8",
            }
            try:
                proces = subprocess.Popen(
                    opdracht, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=omgeving, start_new_session=True
                )
            except OSError as e:
                raise PdfMislukt(f"LibreOffice kan niet worden gestart ({e.strerror}).", retry_after=60) from None
            try:
                _, fout = proces.communicate(timeout=limiet)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proces.pid, signal.SIGKILL)
                proces.communicate()
                log.error("LibreOffice stopte niet binnen %.1f s; afgebroken", limiet)
                raise PdfMislukt(
                    f"De omzetting naar PDF duurde langer dan {limiet:g} seconden en is afgebroken.",
                    retry_after=self._retry_after(len(bestanden)),
                ) from None
            finally:
                self.omzettingen += 1
            resultaat = []
            for pad in invoer:
                pdf = uitmap / (pad.stem + ".pdf")
                if proces.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
                    log.error("LibreOffice: code %s, %s", proces.returncode, fout.decode(errors="replace")[-500:])
                    raise PdfMislukt("LibreOffice kon de PDF niet maken.", retry_after=self._retry_after(len(bestanden)))
                resultaat.append(archiveer(pdf.read_bytes()))
        duur = (time.monotonic() - begin) / len(bestanden)
        self._duur_per_bestand = 0.7 * self._duur_per_bestand + 0.3 * duur
        return resultaat


def archiveer(pdf: bytes, taal: str = TAAL) -> bytes:
    """Complete LibreOffice's PDF/A metadata: the language in the XMP packet and the catalog, the
    title in the viewer. Raises PdfMislukt when the file is not PDF/A-2."""
    with pikepdf.open(io.BytesIO(pdf)) as p:
        with p.open_metadata(set_pikepdf_as_editor=False) as meta:
            if not meta.pdfa_status.startswith("2"):
                raise PdfMislukt("LibreOffice maakte geen PDF/A-2-bestand.", retry_after=60)
            meta["dc:language"] = [taal]
        p.Root.Lang = pikepdf.String(taal)
        voorkeuren = p.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
        voorkeuren.DisplayDocTitle = True
        p.Root.ViewerPreferences = voorkeuren
        uit = io.BytesIO()
        # Deterministic output for equal input: no fresh /ID, so the cache and checksums agree.
        p.save(uit, deterministic_id=True)
    return uit.getvalue()


_omzetters: dict[PdfInstellingen, Omzetter] = {}
_omzetters_slot = threading.Lock()


def omzetter(settings: Settings) -> Omzetter:
    """The worker's converter for these settings (one queue per process)."""
    instellingen = PdfInstellingen.uit(settings)
    with _omzetters_slot:
        if instellingen not in _omzetters:
            _omzetters[instellingen] = Omzetter(instellingen)
        return _omzetters[instellingen]
