"""Access to the shared reference values in ../shared/validation (next to the repository)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VALIDATION_DIR = Path(__file__).resolve().parents[2] / "shared" / "validation"


def case(case_id: str) -> dict[str, Any]:
    """The case `case_id` of physics_public.json; fails loudly if the file is missing."""
    data = json.loads((VALIDATION_DIR / "physics_public.json").read_text())
    for c in data["cases"]:
        if c["id"] == case_id:
            return dict(c)
    raise KeyError(f"no validation case {case_id!r}")
