"""`ModuleLayout`: which module each qubit of a code patch lives in (vertical cuts).

The rotated surface code of distance d (stim's coordinates) has data qubits at odd (x, y) in
[1, 2d - 1] and measurement qubits at even coordinates. A layout is a sorted tuple of cut
positions x_c; a qubit at x belongs to module k = #{cuts < x}. `ModuleLayout.even` puts each
cut between the last ancilla column of one module and the next data column, splitting the d
data columns as evenly as possible. Each such cut is crossed by 2d - 1 CNOTs per round: d - 1
weight-4 stabilisers with two data qubits on the far side, plus one weight-2 boundary one.

Examples:
    >>> lay = ModuleLayout.even(distance=5, modules=2)
    >>> lay.cuts_x
    (6.5,)
    >>> lay.module_of(5.0), lay.module_of(6.0), lay.module_of(7.0)
    (0, 0, 1)
    >>> ModuleLayout.even(distance=7, modules=3).cuts_x
    (6.5, 10.5)
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from qonnect.core.errors import ConfigurationError
from qonnect.core.validate import check_positive_int


@dataclass(frozen=True, slots=True)
class ModuleLayout:
    """Vertical cuts x = c splitting a code patch into len(cuts_x) + 1 modules.

    Args:
        cuts_x: strictly increasing cut positions in stim's x coordinate; empty = one module.

    Raises:
        ConfigurationError: if the cuts are not strictly increasing finite numbers.
    """

    cuts_x: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        cuts = tuple(float(c) for c in self.cuts_x)
        if any(b <= a for a, b in itertools.pairwise(cuts)):
            raise ConfigurationError(f"ModuleLayout.cuts_x: not strictly increasing: {cuts!r}")
        object.__setattr__(self, "cuts_x", cuts)

    @classmethod
    def single(cls) -> ModuleLayout:
        """One module: no seam."""
        return cls(())

    @classmethod
    def even(cls, distance: int, modules: int) -> ModuleLayout:
        """Split the d data columns into `modules` contiguous groups of near-equal width.

        Args:
            distance: code distance d (>= 1).
            modules: number of modules M, 1 <= M <= d.

        Raises:
            ConfigurationError: if M > d (a module would hold no data column).
        """
        check_positive_int("distance", distance)
        check_positive_int("modules", modules)
        if modules > distance:
            raise ConfigurationError(
                f"modules: {modules} modules need distance >= {modules}, got distance={distance}"
            )
        cuts: list[float] = []
        last_column = -1
        for k in range(modules - 1):
            width = distance // modules + (1 if k < distance % modules else 0)
            last_column += width
            # data column j sits at x = 2j + 1; its right-hand ancilla column at 2j + 2.
            cuts.append(2.0 * last_column + 2.5)
        return cls(tuple(cuts))

    @property
    def modules(self) -> int:
        """Number of modules."""
        return len(self.cuts_x) + 1

    def module_of(self, x: float) -> int:
        """The module holding a qubit at horizontal coordinate `x`."""
        return bisect.bisect_left(self.cuts_x, x)
