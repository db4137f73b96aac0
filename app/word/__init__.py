"""The one Word reader (lxml over the package XML), used by the import and the retour."""

from app.word.lezer import Lezing, lees, weergave
from app.word.pakket import WordFout

__all__ = ["Lezing", "WordFout", "lees", "weergave"]
