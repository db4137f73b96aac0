"""Paraaf without its SQLite write queue (app.db.Schrijfrij), for a side-by-side comparison in
bench/load.py (`--zonder-schrijfrij`): writers then meet in SQLite's busy handler, as before
issue 16. Benchmark only; the service itself has no such switch."""

import app.db


def _nooit(self, timeout: float) -> bool:
    return False


app.db.Schrijfrij.neem = _nooit

from app.main import app  # noqa: E402,F401
