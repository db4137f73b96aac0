"""Termijnen in werkdagen: "binnen 3 werkdagen" as a moment.

A civil servant who says "3 werkdagen" on a Thursday means: Friday, Monday and Tuesday, and
the termijn ends Tuesday at the end of the working day. So: counted from the next working day
(today does not count, whatever the hour), weekends and Dutch public holidays skipped, ending
at 17:00 Europe/Amsterdam. Public holidays come from the `holidays` package (which follows
the Dutch rules, Bevrijdingsdag only in lustrum years included), so no list of ours to keep.

Pure functions, no clock of their own: the caller passes 'now' (the database clock).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EINDE_WERKDAG = time(17, 0)
# Bounds the search: far beyond any termijn the API accepts (see app.schemas.Werkdagen).
MAX_WERKDAGEN = 400


@functools.lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def feestdag(dag: date) -> bool:
    return dag in _feestdagen(dag.year)


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and not feestdag(dag)


def volgende_werkdag(dag: date) -> date:
    """The first working day after `dag`."""
    dag += timedelta(days=1)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def vorige_werkdag(dag: date) -> date:
    """The last working day before `dag`."""
    dag -= timedelta(days=1)
    while not is_werkdag(dag):
        dag -= timedelta(days=1)
    return dag


def _om(dag: date, tijd: time) -> datetime:
    # fold=0: on the autumn night the earlier of two equal wall times; 17:00 never is one.
    return datetime.combine(dag, tijd, tzinfo=AMSTERDAM).astimezone(UTC)


def termijn_in_werkdagen(werkdagen: int, nu: datetime, *, einde: time = EINDE_WERKDAG) -> datetime:
    """The moment (UTC) that ends a termijn of `werkdagen` working days given at `nu`."""
    if not 1 <= werkdagen <= MAX_WERKDAGEN:
        raise ValueError(f"aantal werkdagen moet tussen 1 en {MAX_WERKDAGEN} liggen, niet {werkdagen}")
    if nu.tzinfo is None:
        raise ValueError("naive datetime")
    dag = nu.astimezone(AMSTERDAM).date()
    for _ in range(werkdagen):
        dag = volgende_werkdag(dag)
    return _om(dag, einde)


def werkdag_voor(termijn: datetime) -> datetime:
    """One working day before `termijn`: the same Dutch wall-clock time on the working day
    before the termijn's day (the moment a reminder is due)."""
    lokaal = termijn.astimezone(AMSTERDAM)
    return _om(vorige_werkdag(lokaal.date()), lokaal.timetz().replace(tzinfo=None))


def werkdagen_tussen(van: date, tot: date) -> int:
    """Working days d with van < d <= tot (how termijn_in_werkdagen counts)."""
    aantal, dag = 0, van
    while dag < tot:
        dag += timedelta(days=1)
        aantal += is_werkdag(dag)
    return aantal
