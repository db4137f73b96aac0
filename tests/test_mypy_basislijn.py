"""scripts/mypy_basislijn.py: the mypy baseline of `make check` only shrinks."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from app.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import mypy_basislijn as basislijn  # noqa: E402

UITVOER = """app/a.py:3: error: Incompatible types  [assignment]
app/a.py:9: note: See https://mypy.readthedocs.io
app/a.py:12: error: Missing return  [return]
workflow/b.py:1: error: Missing type arguments  [type-arg]
Found 3 errors in 2 files (checked 2 source files)
"""


def test_tellingen_per_bestand_alleen_fouten():
    assert basislijn.tellingen(UITVOER) == Counter({"app/a.py": 2, "workflow/b.py": 1})


@pytest.mark.parametrize(
    ("nu", "basis", "meer", "minder"),
    [
        ({"app/a.py": 2}, {"app/a.py": 2}, 0, 0),  # at the baseline: passes
        ({"app/a.py": 3}, {"app/a.py": 2}, 1, 0),  # one more: fails
        ({"app/c.py": 1}, {}, 1, 0),  # a file that had none: fails
        ({"app/a.py": 1}, {"app/a.py": 2}, 0, 1),  # fewer: fails until the baseline is lowered
        ({}, {"workflow/b.py": 1}, 0, 1),
    ],
)
def test_de_basislijn_gaat_alleen_omlaag(nu, basis, meer, minder):
    te_veel, te_weinig = basislijn.vergelijk(Counter(nu), basis)
    assert (len(te_veel), len(te_weinig)) == (meer, minder)


def test_basislijn_schrijven_en_lezen(tmp_path):
    pad = tmp_path / "basislijn.txt"
    basislijn.schrijf(Counter({"app/a.py": 2, "workflow/b.py": 0}), pad)
    assert basislijn.lees_basislijn(pad) == {"app/a.py": 2}


def test_de_basislijn_van_het_project_is_gelezen():
    regels = basislijn.lees_basislijn()
    assert regels and all(n > 0 and (b.startswith("app/") or b.startswith("workflow/")) for b, n in regels.items())
