"""Enums that carry their Dutch label: one list of values per concept, used by the input
schemas (API, web forms, CLI) and by the pages, instead of a Literal list in one place and a
label table in another."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Gelabeld(StrEnum):
    """A StrEnum whose members carry a Dutch label: `NAAM = "waarde", "Label"` (without a
    label, the value is its own label)."""

    label: str

    def __new__(cls, waarde: str, label: str = "") -> Self:
        lid = str.__new__(cls, waarde)
        lid._value_ = waarde
        lid.label = label or waarde
        return lid


def labels(soort: type[Gelabeld]) -> dict[str, str]:
    """Value -> label, for the pages' filters."""
    return {lid.value: lid.label for lid in soort}
