"""Statistical disclosure control for counts of children published to the public (design §4).

A count of abused children, of children who died, of children in special circumstances or
of those helped can identify a child when it is small. Before such a count leaves the
administration:

* **Threshold rule (primary suppression).** Every count from 1 to k − 1 is withheld
  (k = 5 by default). A zero is published: it says no child is concerned, which identifies
  nobody. Totals are counts too.
* **Protection intervals (complementary suppression).** A reader who computes — sums,
  differences, a year minus its half, a rate times the number of children, a share of a
  known total, linear programming over every published number — can narrow a withheld
  count down to an interval. The rule: **every withheld count, and every small count a
  reader could work out as a difference (children of a group who were not helped), keeps
  an interval at least k wide** (upper minus lower bound, as a linear program finds them
  from every published number of the publication and from what the markers say: a
  withheld count is not zero). As a withheld count is at least 1, its interval always
  reaches above k: a reader can neither pin it down to fewer than k + 1 values nor even
  tell that it is below the threshold. This is τ-ARGUS's protection interval with the
  upper and lower protection levels summing to k and free to slide around the value
  (Hundepool et al. 2012, ch. 4 and 5).
* **One marker.** Every withheld count is shown with the same marker: a marker for "1 to
  k − 1" would tell the reader the count is small (with k = 2, it would print the count).

Why k for the width: the threshold promises that a count below k is never shown; an
interval less than k wide would let a reader tell, for a count of 1, that it is below k.
With the width at least k the promise holds against computation, not only against
reading.

:mod:`.cubes` holds the engine (linked tables as boxes of records, and the search for
hypercubes that keep a withheld count movable); :mod:`.tables` two-way tables
(:func:`suppress`); :mod:`.figures` the published figures of a plan's area (indicators by
unit, period and breakdown, with the ratios and targets computed from them).

References:
    * Law on Children 102/2016/QH13, Art. 6.11 (disclosing a child's private life without
      consent is prohibited) and Art. 21 (the child's right to privacy).
    * Hundepool, A. et al., *Statistical Disclosure Control*, Wiley, 2012, ch. 4 and 5
      (threshold rule, protection levels, secondary suppression and its audit by linear
      programming, the hypercube method).
    * Cox, L. H., "Suppression methodology and statistical disclosure control", *JASA* 75
      (1980) 377–385.
    * Gusfield, D., "A graph theoretic approach to statistical data security", *SIAM J.
      Computing* 17 (1988) 552–571: in a two-way table with totals, a withheld count on no
      cycle of withheld counts is worked out exactly (a narrower check than the one here).
"""

from __future__ import annotations

from child_welfare_plan.rules.disclosure.cubes import (
    Axis,
    Box,
    LinkedTable,
    Protection,
    Suppression,
    protect,
)
from child_welfare_plan.rules.disclosure.tables import (
    DEFAULT_K,
    CountTable,
    Position,
    SuppressedTable,
    count_cell,
    suppress,
)

__all__ = [
    "DEFAULT_K",
    "Axis",
    "Box",
    "CountTable",
    "LinkedTable",
    "Position",
    "Protection",
    "SuppressedTable",
    "Suppression",
    "count_cell",
    "protect",
    "suppress",
]
