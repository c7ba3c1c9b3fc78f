"""Shared output helpers for the CLI: JSON or rich tables, one-line errors."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from qonnect.core.format import format_number

# NOTE: rich wraps at 80 columns when stdout is not a terminal (CI logs, pipes); tables of
# results read better unwrapped there.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, soft_wrap=True)


def _clean(value: Any) -> Any:
    """Make a value JSON-safe: numpy scalars to Python, NaN/inf to None."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if hasattr(value, "tolist"):
        return _clean(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit_json(data: Mapping[str, Any]) -> None:
    """Print `data` as indented JSON on stdout."""
    print(json.dumps(_clean(data), indent=2, sort_keys=False))


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    """A rich table with string-formatted cells."""
    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*(fmt(v) for v in r))
    return t


def fmt(v: Any) -> str:
    """Format a number compactly for a table cell."""
    return format_number(v)
