"""`ResultStore`: a sweep's append-only results in one directory, safe against SIGKILL.

`DIR/points.jsonl` holds one JSON line per finished point (`PointRecord`), each written in
one `write`, flushed and fsync'ed before the next; on opening, a torn last line (a crash in
the middle of a write) is cut off and every complete line is read, so a point is either
stored whole or not at all and a rerun computes only what is missing. `DIR/.lock` (flock)
keeps two sweeps from writing one store at once. At the end `results.parquet` and
`sweep.json` are written to temporary names and renamed into place (atomic).

Examples:
    >>> import shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> r = PointRecord(key="a" * 64, index=0, params={"modes": 2}, seed=5,
    ...                 metrics={"link.rate_hz": 12.5}, wall_s=0.01)
    >>> with ResultStore(d) as store:
    ...     store.append(r), store.append(r)  # a key is stored once
    (True, False)
    >>> with open(f"{d}/points.jsonl", "a") as f:  # a crash in the middle of the next line
    ...     _ = f.write('{"key": "bbbb')
    >>> with ResultStore(d) as store:
    ...     store.records == {r.key: r}, store.torn_bytes
    (True, 13)
    >>> shutil.rmtree(d)
"""

from __future__ import annotations

import fcntl
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from qonnect.core.errors import ConfigurationError

POINTS_FILE = "points.jsonl"
PARQUET_FILE = "results.parquet"
SUMMARY_FILE = "sweep.json"
LOCK_FILE = ".lock"

MetricValue = float | int | str | None


def _json_safe(v: Any) -> Any:
    # NOTE: JSON has no NaN/inf; a non-finite metric is stored as null (strict JSON readers
    # such as jq and DuckDB then read every line).
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item") and callable(v.item):  # numpy scalars
        return _json_safe(v.item())
    return v


def _finite_json(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _finite_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite_json(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


@dataclass(frozen=True, slots=True)
class PointRecord:
    """One finished sweep point as stored.

    Args:
        key: the point's content hash (`sweep_point.content_key`).
        index: its position in the grid (as stored: in the grid of the run that computed
            it; `run_sweep` returns records with this run's index and parameters).
        params: the grid values it set (path -> value).
        seed: the seed it ran with.
        metrics: flat metrics (`experiment.evaluate`); empty when it failed.
        wall_s: evaluation wall time (s).
        error: "ErrorType: message" when the evaluation rejected the point, else None.
    """

    key: str
    index: int
    params: Mapping[str, Any]
    seed: int
    metrics: Mapping[str, MetricValue]
    wall_s: float
    error: str | None = None

    def __post_init__(self) -> None:
        if len(self.key) != 64:
            raise ValueError(f"PointRecord.key must be a sha256 hex digest, got {self.key!r}")
        if self.wall_s < 0:
            raise ValueError(f"PointRecord.wall_s must be >= 0, got {self.wall_s}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON line's content."""
        return {
            "key": self.key,
            "index": self.index,
            "params": {k: _json_safe(v) for k, v in self.params.items()},
            "seed": self.seed,
            "metrics": {k: _json_safe(v) for k, v in self.metrics.items()},
            "wall_s": self.wall_s,
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PointRecord:
        """Inverse of `to_dict` (KeyError/TypeError/ValueError on a malformed dict)."""
        return cls(
            key=str(d["key"]),
            index=int(d["index"]),
            params=dict(d["params"]),
            seed=int(d["seed"]),
            metrics=dict(d["metrics"]),
            wall_s=float(d["wall_s"]),
            error=d.get("error"),
        )


class ResultStore:
    """The results directory of a sweep; use as a context manager (it holds the lock).

    Attributes:
        records: stored points by key (first occurrence wins).
        torn_bytes: bytes of a torn last line cut off when the store was opened.
        duplicate_lines: complete lines whose key was already stored (ignored).
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.records: dict[str, PointRecord] = {}
        self.torn_bytes = 0
        self.duplicate_lines = 0
        self._lock_fd: int | None = None
        self._fh: Any = None

    @property
    def points_path(self) -> Path:
        """`DIR/points.jsonl`."""
        return self.directory / POINTS_FILE

    # ------------------------------------------------------------------ open / close
    def __enter__(self) -> ResultStore:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigurationError(f"--out {str(self.directory)!r}: {e.strerror}") from None
        fd = os.open(self.directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ConfigurationError(
                f"--out {str(self.directory)!r}: another sweep is writing this store"
            ) from None
        self._lock_fd = fd
        try:
            self._load()
            self._fh = open(self.points_path, "ab")  # closed in __exit__
            _fsync_dir(self.directory)
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release()

    def _release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _load(self) -> None:
        p = self.points_path
        if not p.exists():
            return
        data = p.read_bytes()
        good_end = data.rfind(b"\n") + 1  # everything after the last newline is torn
        lines = data[:good_end].split(b"\n")[:-1]
        for n, line in enumerate(lines, start=1):
            try:
                rec = PointRecord.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as e:
                if n == len(lines) and good_end == len(data):
                    # NOTE: a last line cut exactly before its newline cannot happen with one
                    # write per line, but a damaged tail is still a tail: drop it too.
                    good_end -= len(line) + 1
                    break
                raise ConfigurationError(
                    f"{p}: line {n} is not a point record ({type(e).__name__}: {e}); "
                    "the store is damaged in the middle, not just torn at the end"
                ) from None
            if rec.key in self.records:
                self.duplicate_lines += 1
            else:
                self.records[rec.key] = rec
        if good_end < len(data):
            self.torn_bytes = len(data) - good_end
            with open(p, "r+b") as fh:
                fh.truncate(good_end)
                fh.flush()
                os.fsync(fh.fileno())

    # ------------------------------------------------------------------ writing
    def append(self, record: PointRecord) -> bool:
        """Store `record` durably (write, flush, fsync); False if its key is already stored."""
        if self._fh is None:
            raise RuntimeError("ResultStore.append outside `with ResultStore(...)`")
        if record.key in self.records:
            return False
        line = (json.dumps(record.to_dict(), allow_nan=False) + "\n").encode()
        self._fh.write(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.records[record.key] = record
        return True

    def write_summary(self, summary: Mapping[str, Any]) -> Path:
        """Write `sweep.json` atomically (non-finite numbers as the strings "inf", "-inf",
        "nan", which pydantic reads back as floats)."""
        path = self.directory / SUMMARY_FILE
        text = json.dumps(_finite_json(dict(summary)), indent=2, allow_nan=False)
        _atomic_write(path, (text + "\n").encode())
        return path

    def write_parquet(self, records: Sequence[PointRecord]) -> Path:
        """Write `results.parquet` (one row per record, in the given order) atomically."""
        import pyarrow.parquet as pq

        path = self.directory / PARQUET_FILE
        tmp = path.with_suffix(".parquet.tmp")
        pq.write_table(records_table(records), tmp)
        _fsync_file(tmp)
        os.replace(tmp, path)
        _fsync_dir(self.directory)
        return path


def records_table(records: Sequence[PointRecord]) -> Any:
    """A pyarrow Table: key, index, seed, `param.<path>` columns, metric columns, wall_s,
    error. A column whose values mix numbers and strings is stored as strings.

    Examples:
        >>> r = PointRecord(key="a" * 64, index=0, params={"modes": 2}, seed=5,
        ...                 metrics={"link.rate_hz": 12.5}, wall_s=0.01)
        >>> records_table([r]).column_names
        ['key', 'index', 'seed', 'param.modes', 'link.rate_hz', 'wall_s', 'error']
    """
    import pyarrow as pa

    params = _ordered_keys(r.params for r in records)
    metrics = _ordered_keys(r.metrics for r in records)
    cols: dict[str, list[Any]] = {
        "key": [r.key for r in records],
        "index": [r.index for r in records],
        "seed": [r.seed for r in records],
    }
    for k in params:
        cols[f"param.{k}"] = [_json_safe(r.params.get(k)) for r in records]
    for k in metrics:
        cols[k] = [_json_safe(r.metrics.get(k)) for r in records]
    cols["wall_s"] = [r.wall_s for r in records]
    cols["error"] = [r.error for r in records]
    arrays = {}
    for name, values in cols.items():
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[name] = pa.array([None if v is None else str(v) for v in values])
    return pa.table(arrays)


def _ordered_keys(maps: Iterable[Mapping[str, Any]]) -> list[str]:
    out: dict[str, None] = {}
    for m in maps:
        for k in m:
            out.setdefault(k, None)
    return list(out)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)
