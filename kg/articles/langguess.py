"""Tell Dutch from English by counting function words.

Articles mix languages (a Dutch article quotes English tweets), and the pipeline needs a
language per document and per post without loading a model. Function words are frequent,
short and nearly disjoint between the two languages, so counting them is fast,
deterministic and good enough for two candidates.
"""

from __future__ import annotations

import re
import unicodedata


def _words(block: str) -> frozenset[str]:
    """A word list written as a wrapped block, so the lists stay readable."""
    return frozenset(block.split())


# Words shared by both languages (in, is, was, had, me, we, over, of, door, ten, want, men)
# are left out on purpose: they would only add noise to both counts.
_DUTCH = _words(
    """
    de het een en van op te dat die aan met voor bij uit naar tot als dit deze zich ze zij
    hij wij jij je u uw ik mijn ons onze hun hen hem haar er ook nog niet geen wel maar om
    dan toen nu al zo daar hier waar wat wie hoe welke waarin omdat nadat sinds tussen
    tegen onder zoals dus alle veel meer zeer heel heeft hebben hebt werd werden wordt
    worden zijn kan kunnen zal zullen moet moeten zou zouden kent dient gaat gaan komen
    naast zonder binnen buiten vanuit volgens na toe daarmee daarom echter alleen ja nee
    één eén wanneer waarom iets niets iemand niemand
    """
)
_ENGLISH = _words(
    """
    the a an and or but to on at by for from with about into through towards toward after
    before between against during without under this that these those it its they them
    their he she his her you your i my our us who which what when where why how there here
    than then also as if so very just not no are were be been being has have do does did
    will would can could should may might must shall some any all only such other off out
    up more most while because since until both each every many much whom whose
    """
)

# Hashtags, @handles and links are names, not language: "#poland" says nothing about
# the sentence around it.
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs with a scheme or www.
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*"  # bare domain/path links such as pic.twitter.com/abc
    r"|[#@][\w-]+"  # hashtags and handles
)
_WORD = re.compile(r"[^\W\d_]+")

# Letter sequences typical of each language, used only to break a tie between the
# function-word counts (e.g. a headline with no function words at all).
_DUTCH_CUES = ("ij", "oe", "aa", "uu", "ee", "sch", "cht", "lijk")
_ENGLISH_CUES = ("th", "wh", "sh", "ing", "ough", "ck")


def guess_language(text: str, default: str = "en") -> str:
    """Return "nl" or "en" for `text`; `default` when the evidence is even."""
    words = _WORD.findall(_NOISE.sub(" ", unicodedata.normalize("NFC", text)).lower())
    dutch = sum(word in _DUTCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    if dutch == english:
        joined = " ".join(words)
        dutch = sum(joined.count(cue) for cue in _DUTCH_CUES)
        english = sum(joined.count(cue) for cue in _ENGLISH_CUES)
    if dutch > english:
        return "nl"
    if english > dutch:
        return "en"
    return default
