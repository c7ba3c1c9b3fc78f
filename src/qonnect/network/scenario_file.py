r"""Reading a network scenario from YAML (yaml.safe_load) into a `NetworkSpec`.

Validation errors become one `ConfigurationError` line naming the field path and the value.

Examples:
    >>> try:
    ...     parse_scenario("nodes: [{id: a}, {id: b}]\nedges: [{a: a, b: b, length_km: -5}]")
    ... except ConfigurationError as e:
    ...     print(e)
    edges[0].length_km: Input should be greater than or equal to 0 (got -5)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from qonnect.core.errors import ConfigurationError
from qonnect.network.spec import NetworkSpec


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "scenario"


def spec_from_data(data: Any) -> NetworkSpec:
    """Validate parsed data; the first error becomes a one-line `ConfigurationError`."""
    if not isinstance(data, dict):
        raise ConfigurationError(
            f"scenario: expected a mapping at the top, got {type(data).__name__}"
        )
    try:
        return NetworkSpec.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        msg = err["msg"].replace("Value error, ", "")
        got = f" (got {err['input']!r})" if err["type"] != "missing" and "input" in err else ""
        if isinstance(err.get("input"), dict):
            got = ""
        raise ConfigurationError(f"{_where(tuple(err['loc']))}: {msg}{got}") from None


def parse_scenario(text: str) -> NetworkSpec:
    """Parse scenario YAML text."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigurationError(f"scenario: not valid YAML: {str(e).splitlines()[0]}") from None
    return spec_from_data(data)


def load_scenario(path: str | Path) -> NetworkSpec:
    """Read a scenario file.

    Raises:
        ConfigurationError: if the file is missing, not YAML, or invalid (naming the field).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigurationError(f"scenario {p}: cannot read: {e.strerror}") from None
    return parse_scenario(text)
