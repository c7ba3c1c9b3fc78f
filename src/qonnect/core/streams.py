"""Seeded random streams: one `SeedSequence` per run, one named child stream per consumer.

A child stream is derived from the run's seed and a *name*, never from the order in which
streams were requested, so adding a consumer does not change the numbers another one draws,
and a sweep point gets the same numbers on any worker.

Examples:
    >>> s = RandomStreams(7)
    >>> a = s.generator("link:A-B").random()
    >>> b = RandomStreams(7).generator("link:A-B").random()
    >>> a == b
    True
    >>> a == RandomStreams(7).generator("link:B-C").random()
    False
"""

from __future__ import annotations

import hashlib

import numpy as np


def _name_words(name: str) -> list[int]:
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    return [int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4)]


class RandomStreams:
    """Named, reproducible random generators derived from one seed.

    Args:
        seed: the run's seed (any non-negative int), or None for fresh OS entropy.
    """

    __slots__ = ("_root",)

    def __init__(self, seed: int | None) -> None:
        if seed is not None and seed < 0:
            raise ValueError(f"seed must be >= 0, got seed={seed!r}")
        self._root = np.random.SeedSequence(seed)

    @property
    def seed(self) -> int:
        """The entropy of the root sequence (the seed, or the drawn entropy)."""
        entropy = self._root.entropy
        assert isinstance(entropy, int)  # NOTE: SeedSequence(int) keeps an int
        return entropy

    def seed_sequence(self, name: str) -> np.random.SeedSequence:
        """The child `SeedSequence` for a stream name."""
        return np.random.SeedSequence(
            self._root.entropy, spawn_key=(*self._root.spawn_key, *_name_words(name))
        )

    def generator(self, name: str) -> np.random.Generator:
        """A fresh `numpy.random.Generator` for the stream `name` (PCG64)."""
        return np.random.Generator(np.random.PCG64(self.seed_sequence(name)))

    def child(self, name: str) -> RandomStreams:
        """A nested family of streams (for a sub-run, such as one point of a sweep)."""
        out = RandomStreams.__new__(RandomStreams)
        out._root = self.seed_sequence(name)
        return out
