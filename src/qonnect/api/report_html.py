"""A self-contained HTML report: title, tables and PNG plots embedded as data URIs.

Examples:
    >>> html = render_report("t", [Section("s", "<p>x</p>")])
    >>> html.startswith("<!doctype html>") and "<h2>s</h2>" in html
    True
"""

from __future__ import annotations

import base64
import dataclasses
import html as html_lib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qonnect.core.format import format_number


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    """One titled block of a report (its body is trusted HTML made by qonnect)."""

    title: str
    body_html: str


def fmt_cell(v: Any) -> str:
    """A report cell: the terminal's number format, escaped, empty for None."""
    return "" if v is None else html_lib.escape(format_number(v))


def table_html(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """An HTML table with escaped headers and formatted cells."""
    head = "".join(f"<th>{html_lib.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{fmt_cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def image_html(png: Path, alt: str) -> str:
    """An <img> with the PNG embedded, so the report is one file."""
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return f'<img alt="{html_lib.escape(alt)}" src="data:image/png;base64,{data}">'


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3} td:first-child,th:first-child{text-align:left}
img{max-width:100%;border:1px solid #eee}
"""


def render_report(title: str, sections: Sequence[Section]) -> str:
    """The whole report as one HTML string."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html_lib.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html_lib.escape(title)}</h1>",
    ]
    for s in sections:
        parts.append(f"<section><h2>{html_lib.escape(s.title)}</h2>{s.body_html}</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
