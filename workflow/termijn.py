"""The range a termijn (a ronde's termijn, a proposal's reactietermijn) may lie in.

docs/api.md: between one hour and 730 days after now, inclusive; anything else is 422. One rule for
every entry point (API, web forms, CLI, demo): the services ask it with the database clock.
Beyond the contract's purpose (a termijn someone can meet), it keeps every stored moment far
from the ends of the calendar, where converting to Dutch time or formatting a date overflows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

MIN_TERMIJN = timedelta(hours=1)
MAX_TERMIJN = timedelta(days=730)
# A client that asks for "now + 1 hour" computed its now before the request reached us.
SPELING = timedelta(minutes=1)


def termijn_fout(termijn: datetime, nu: datetime) -> str | None:
    """Why `termijn` is not acceptable at `nu`, in Dutch, or None."""
    if termijn < nu + MIN_TERMIJN - SPELING:
        if termijn <= nu:
            return "de termijn ligt in het verleden; hij moet tussen een uur en 730 dagen na nu liggen"
        return "de termijn ligt minder dan een uur na nu; hij moet tussen een uur en 730 dagen na nu liggen"
    if termijn > nu + MAX_TERMIJN:
        return "de termijn ligt meer dan 730 dagen (twee jaar) na nu; hij moet tussen een uur en 730 dagen na nu liggen"
    return None
