"""Each network of one case measured once: its graph and headline summary on a day.

The figures' evidence and the cohort row of a case both measure the network today and the
baseline snapshot's network on the day it was taken. Where one pass works out both from the same
read (the first report after an import), they share a ``Measured``, and each graph is built and
each summary worked out once.

Networks are told apart by identity, not content: only the very object measured before is found
again. A ``Measured`` holds every network it measured, so no identity in it can pass to another
object while it lives. Use one per case and per read, and drop it after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from netmap.graph.analytics.graph import build_graph
from netmap.graph.analytics.summary import Measures, Summary, measure, summarize
from netmap.models import Network

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Measured"]

V = TypeVar("V")


class Measured:
    """Graphs and summaries of networks already measured, by network object and day.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> net, memo = tiny_network(), Measured()
    >>> memo.summary(net, date(2026, 1, 15)) is memo.summary(net, date(2026, 1, 15))
    True
    >>> memo.summary(net, date(2026, 1, 15)) == summarize(measure(build_graph(net, on=date(2026, 1, 15))))
    True
    """

    def __init__(self) -> None:
        self._graphs: dict[tuple[int, date], tuple[Network, nx.Graph]] = {}
        self._measures: dict[tuple[int, date], Measures] = {}
        self._summaries: dict[tuple[int, date], Summary] = {}

    def graph(self, network: Network, on: date) -> nx.Graph:
        """``build_graph(network, on=on)``, built once."""
        return _once(self._graphs, (id(network), on), lambda: (network, build_graph(network, on=on)))[1]

    def measures(self, network: Network, on: date) -> Measures:
        """Every measure of ``network`` on ``on``, worked out once."""
        return _once(self._measures, (id(network), on), lambda: measure(self.graph(network, on)))

    def summary(self, network: Network, on: date) -> Summary:
        """The headline numbers of ``network`` on ``on``, worked out once."""
        return _once(self._summaries, (id(network), on), lambda: summarize(self.measures(network, on)))


def _once(kept: dict[tuple[int, date], V], key: tuple[int, date], make: Callable[[], V]) -> V:
    found = kept.get(key)
    if found is None:
        found = kept[key] = make()
    return found
