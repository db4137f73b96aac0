"""Fixtures of the rendering tests; the helpers live in weergave_hulp (a uniquely named module,
so `import conftest` ambiguity between test directories cannot bite)."""

from tests.weergave.weergave_hulp import brief, nota  # noqa: F401  (pytest fixtures)
