"""`PairLedger`: where every heralded pair went. Nothing is lost silently.

Counts are in elementary (link-level) pairs: a delivered end-to-end pair accounts for every
link pair swapped or purified into it. At any time,
generated = delivered + sum(discarded by reason) + stored.

Examples:
    >>> led = PairLedger()
    >>> led.generated += 5
    >>> led.deliver(3); led.discard(DiscardReason.CUTOFF, 1)
    >>> led.balance(stored=1)
    0
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum


class DiscardReason(StrEnum):
    """Why stored pairs were thrown away."""

    SWAP_FAILED = "swap_failed"
    CUTOFF = "cutoff"
    PURIFICATION_FAILED = "purification_failed"
    BELOW_FIDELITY = "below_fidelity"
    NODE_DOWN = "node_down"
    REROUTED = "rerouted"
    REQUEST_ENDED = "request_ended"


class PairLedger:
    """Counters of elementary pairs by fate."""

    __slots__ = ("delivered", "discarded", "generated")

    def __init__(self) -> None:
        self.generated = 0
        self.delivered = 0
        self.discarded: Counter[DiscardReason] = Counter()

    def deliver(self, elementary: int) -> None:
        """Count `elementary` link pairs as delivered (inside an end-to-end pair)."""
        self.delivered += elementary

    def discard(self, reason: DiscardReason, elementary: int) -> None:
        """Count `elementary` link pairs as discarded for `reason`."""
        self.discarded[reason] += elementary

    def balance(self, stored: int) -> int:
        """generated - delivered - discarded - stored; 0 when every pair is accounted for."""
        return self.generated - self.delivered - sum(self.discarded.values()) - stored

    def as_dict(self, stored: int) -> dict[str, object]:
        """The counts, with the reasons by name."""
        return {
            "generated": self.generated,
            "delivered": self.delivered,
            "discarded": {r.value: self.discarded.get(r, 0) for r in DiscardReason},
            "stored": stored,
        }
