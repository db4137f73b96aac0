"""mypy for `make check`, held to a baseline that only shrinks.

Runs mypy with the configuration in pyproject.toml (strict on workflow/, the ordinary checks on
app/), counts the errors per file and compares them with mypy-basislijn.txt ("<count> <file>"
per line). Fails when a file has more errors than its line allows (or has errors and no line),
and when a file has fewer: then the baseline is to be lowered in the same commit
(`--bijwerken` writes the current counts, and refuses to raise any).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASISLIJN = ROOT / "mypy-basislijn.txt"
_FOUT = re.compile(r"^(?P<bestand>[\w./-]+\.py):\d+: error:")


def tellingen(uitvoer: str) -> Counter[str]:
    return Counter(m["bestand"] for regel in uitvoer.splitlines() if (m := _FOUT.match(regel)))


def lees_basislijn(pad: Path = BASISLIJN) -> dict[str, int]:
    uit: dict[str, int] = {}
    for regel in pad.read_text().splitlines():
        regel = regel.split("#", 1)[0].strip()
        if regel:
            aantal, bestand = regel.split(maxsplit=1)
            uit[bestand] = int(aantal)
    return uit


def vergelijk(nu: Counter[str], basis: dict[str, int]) -> tuple[list[str], list[str]]:
    """(more errors than allowed, fewer errors than listed)."""
    meer = [f"{b}: {n} fouten, basislijn {basis.get(b, 0)}" for b, n in sorted(nu.items()) if n > basis.get(b, 0)]
    minder = [f"{b}: {nu.get(b, 0)} fouten, basislijn {n}" for b, n in sorted(basis.items()) if nu.get(b, 0) < n]
    return meer, minder


def schrijf(nu: Counter[str], pad: Path = BASISLIJN) -> None:
    kop = "# mypy errors per file that may remain (scripts/mypy_basislijn.py); only ever lower these.\n"
    pad.write_text(kop + "".join(f"{n} {b}\n" for b, n in sorted(nu.items()) if n))


def main(argv: list[str]) -> int:
    proces = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    if proces.returncode not in (0, 1) or (proces.returncode == 1 and "error:" not in proces.stdout):
        sys.stderr.write(proces.stdout + proces.stderr)
        return 2
    nu = tellingen(proces.stdout)
    meer, minder = vergelijk(nu, lees_basislijn())
    if "--bijwerken" in argv:
        if meer:
            print("De basislijn gaat niet omhoog:\n  " + "\n  ".join(meer))
            return 1
        schrijf(nu)
        print(f"mypy-basislijn.txt bijgewerkt: {sum(nu.values())} fouten in {len(nu)} bestanden.")
        return 0
    if meer:
        print(proces.stdout)
        print("mypy: meer fouten dan de basislijn toestaat:\n  " + "\n  ".join(meer))
        return 1
    if minder:
        print("mypy: minder fouten dan de basislijn; verlaag mypy-basislijn.txt (scripts/mypy_basislijn.py --bijwerken):")
        print("  " + "\n  ".join(minder))
        return 1
    print(f"mypy: {sum(nu.values())} fouten, alle binnen de basislijn (mypy-basislijn.txt).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
