"""Termijnen in werkdagen (workflow.werkdagen): properties over generated moments, and the
calendar facts a civil servant would check by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.werkdagen import (
    AMSTERDAM,
    MAX_WERKDAGEN,
    is_werkdag,
    termijn_in_werkdagen,
    volgende_werkdag,
    vorige_werkdag,
    werkdag_voor,
    werkdagen_tussen,
)

momenten = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC))
aantallen = st.integers(min_value=1, max_value=60)


def _nl(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


@settings(max_examples=300, deadline=None)
@given(nu=momenten, n=aantallen)
def test_eindigt_om_vijf_uur_op_een_werkdag_na_vandaag(nu, n):
    einde = _nl(termijn_in_werkdagen(n, nu))
    assert einde.time() == time(17, 0)
    assert is_werkdag(einde.date())
    assert einde.date() > _nl(nu).date()  # today never counts, also before 17:00
    assert einde > nu


@settings(max_examples=300, deadline=None)
@given(nu=momenten, n=aantallen)
def test_telt_precies_n_werkdagen(nu, n):
    einde = termijn_in_werkdagen(n, nu)
    assert werkdagen_tussen(_nl(nu).date(), _nl(einde).date()) == n


@settings(max_examples=200, deadline=None)
@given(nu=momenten, n=aantallen)
def test_een_werkdag_meer_is_de_volgende_werkdag(nu, n):
    een = _nl(termijn_in_werkdagen(n, nu)).date()
    meer = _nl(termijn_in_werkdagen(n + 1, nu)).date()
    assert meer == volgende_werkdag(een)


@settings(max_examples=200, deadline=None)
@given(nu=momenten, n=aantallen)
def test_het_uur_van_vandaag_doet_er_niet_toe(nu, n):
    dag = _nl(nu).date()
    vroeg = datetime.combine(dag, time(0, 1), tzinfo=AMSTERDAM)
    laat = datetime.combine(dag, time(23, 59), tzinfo=AMSTERDAM)
    assert termijn_in_werkdagen(n, vroeg) == termijn_in_werkdagen(n, laat) == termijn_in_werkdagen(n, nu)


@settings(max_examples=200, deadline=None)
@given(termijn=momenten)
def test_werkdag_voor_ligt_een_werkdag_eerder_op_dezelfde_klok(termijn):
    herinnering = werkdag_voor(termijn)
    assert herinnering < termijn
    assert is_werkdag(_nl(herinnering).date())
    assert werkdagen_tussen(_nl(herinnering).date(), _nl(termijn).date()) == (1 if is_werkdag(_nl(termijn).date()) else 0)
    assert _nl(herinnering).date() == vorige_werkdag(_nl(termijn).date())


def test_weekend_en_feestdagen_tellen_niet():
    # Thursday 2025-06-05, 3 werkdagen: Friday 6, Monday 9 is Tweede Pinksterdag, so Tuesday 10, Wednesday 11.
    nu = datetime(2025, 6, 5, 10, 0, tzinfo=AMSTERDAM)
    assert _nl(termijn_in_werkdagen(3, nu)) == datetime(2025, 6, 11, 17, 0, tzinfo=AMSTERDAM)
    # Around Christmas and New Year: 23 December 2025 (Tuesday) + 3 = 24, 29, 30 December.
    nu = datetime(2025, 12, 23, 16, 0, tzinfo=AMSTERDAM)
    assert _nl(termijn_in_werkdagen(3, nu)) == datetime(2025, 12, 30, 17, 0, tzinfo=AMSTERDAM)
    # Koningsdag 2026 is Monday 27 April; Bevrijdingsdag counts only in lustrum years (2025).
    assert not is_werkdag(date(2026, 4, 27))
    assert not is_werkdag(date(2025, 5, 5))
    assert is_werkdag(date(2026, 5, 5))
    # Given on a Saturday: Monday is the first working day.
    nu = datetime(2025, 6, 14, 9, 0, tzinfo=AMSTERDAM)
    assert _nl(termijn_in_werkdagen(1, nu)) == datetime(2025, 6, 16, 17, 0, tzinfo=AMSTERDAM)


def test_zomertijd_en_wintertijd():
    # Across the switch to winter time (26 October 2025) 17:00 stays 17:00 Dutch time.
    nu = datetime(2025, 10, 24, 12, 0, tzinfo=AMSTERDAM)
    einde = termijn_in_werkdagen(1, nu)
    assert einde == datetime(2025, 10, 27, 16, 0, tzinfo=UTC)
    assert termijn_in_werkdagen(1, datetime(2025, 7, 1, 12, 0, tzinfo=AMSTERDAM)) == datetime(2025, 7, 2, 15, 0, tzinfo=UTC)


def test_grenzen():
    nu = datetime(2025, 6, 5, tzinfo=UTC)
    for fout in (0, -1, MAX_WERKDAGEN + 1):
        with pytest.raises(ValueError):
            termijn_in_werkdagen(fout, nu)
    with pytest.raises(ValueError):
        termijn_in_werkdagen(1, datetime(2025, 6, 5))
    # The largest accepted count stays within the 730 days a termijn may lie ahead (docs/api.md).
    assert termijn_in_werkdagen(MAX_WERKDAGEN, nu) - nu < timedelta(days=730)
