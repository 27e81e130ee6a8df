"""Factuality: whether the text asserts an event, and how it maps onto NewsReader's GRaSP.

Every event mention has one factuality value. Only `asserted` is a fact the text states;
the others are kept in the graph, marked, and left out of queries, the page and exports
unless asked for. Each value is a GRaSP attribution: certainty, polarity and tense
(graspf:CERTAIN … UNDERSPECIFIED, POSITIVE/NEGATIVE, FUTURE/NON_FUTURE).
"""

from __future__ import annotations

ASSERTED = "asserted"

# value -> (certainty, polarity, tense) as the local names of GRaSP's factuality values
GRASP_VALUES: dict[str, tuple[str, str, str]] = {
    ASSERTED: ("CERTAIN", "POSITIVE", "NON_FUTURE"),
    "negated": ("CERTAIN", "NEGATIVE", "NON_FUTURE"),  # "did not attack", "geen sancties"
    "denied": ("CERTAIN", "NEGATIVE", "NON_FUTURE"),  # "denied that …": a source says no
    "possible": ("POSSIBLE", "POSITIVE", "NON_FUTURE"),  # "allegedly", "may have", "zou"
    "question": ("UNDERSPECIFIED", "POSITIVE", "NON_FUTURE"),  # "Wanneer worden … ?"
    "conditional": ("POSSIBLE", "POSITIVE", "FUTURE"),  # "if the EU sanctions …", "als"
    "future": ("PROBABLE", "POSITIVE", "FUTURE"),  # "will", "plans to", "dreigt te"
}
FACTUALITIES = tuple(GRASP_VALUES)

# what a lexicon's modality phrase makes of an event ("attempt": it happened, as a try)
MODALITY_FACTUALITY: dict[str, str] = {
    "attempt": ASSERTED,
    "intent": "future",
    "threat": "future",
    "future": "future",
    "possible": "possible",
    "conditional": "conditional",
    "denied": "denied",
}
MODALITIES = tuple(MODALITY_FACTUALITY)

# when two cues meet on one event, the one that asserts least wins
PRECEDENCE = ("question", "denied", "negated", "conditional", "possible", "future", ASSERTED)


def weakest(a: str, b: str) -> str:
    """Of two factuality values, the one that asserts least."""
    return min(a, b, key=PRECEDENCE.index)
