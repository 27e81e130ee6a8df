"""Colours, shapes and names the drawing and its legend share.

Kept in one table so the legend on the page can never disagree with what is drawn.
Entity shapes are ones vis-network sizes by value and labels underneath (dot, square,
diamond, …); events are boxes with their label inside, so they read as sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NodeStyle:
    shape: str
    color: str
    names: dict[str, str]  # language → name shown in the legend and details


TYPE_STYLES: dict[str, NodeStyle] = {
    "person": NodeStyle("dot", "#4e79a7", {"en": "person", "nl": "persoon"}),
    "organisation": NodeStyle("square", "#f28e2b", {"en": "organisation", "nl": "organisatie"}),
    "government": NodeStyle(
        "diamond", "#b07aa1", {"en": "government body", "nl": "overheidsorgaan"}
    ),
    "country": NodeStyle("hexagon", "#59a14f", {"en": "country", "nl": "land"}),
    "place": NodeStyle("triangleDown", "#9c755f", {"en": "city / place", "nl": "stad / plaats"}),
    "group": NodeStyle("triangle", "#e9b949", {"en": "group", "nl": "groep"}),
    "other": NodeStyle("dot", "#a0a0a0", {"en": "other", "nl": "overig"}),
}

EVENT_SHAPE = "box"

# CAMEO root classes. Colours follow the four "quad classes": verbal cooperation
# (01-05, greens), material cooperation (06-08, blues), verbal conflict (09-13, ambers),
# material conflict (14-20, reds and purples), so the colour alone says friend or foe.
CAMEO_ROOTS: dict[str, tuple[str, dict[str, str]]] = {
    "01": ("#8cc084", {"en": "make public statement", "nl": "publieke verklaring"}),
    "02": ("#6fb36a", {"en": "appeal", "nl": "oproep"}),
    "03": ("#4e9f50", {"en": "express intent to cooperate", "nl": "samenwerking aankondigen"}),
    "04": ("#3a8a40", {"en": "consult", "nl": "overleg"}),
    "05": ("#2a7030", {"en": "diplomatic cooperation", "nl": "diplomatieke samenwerking"}),
    "06": ("#6baed6", {"en": "material cooperation", "nl": "materiële samenwerking"}),
    "07": ("#3d8dc4", {"en": "provide aid", "nl": "hulp bieden"}),
    "08": ("#2166ac", {"en": "yield", "nl": "toegeven"}),
    "09": ("#f2c14e", {"en": "investigate", "nl": "onderzoeken"}),
    "10": ("#f0a33a", {"en": "demand", "nl": "eisen"}),
    "11": ("#e8862a", {"en": "disapprove", "nl": "afkeuren"}),
    "12": ("#d96c1e", {"en": "reject", "nl": "afwijzen"}),
    "13": ("#c65316", {"en": "threaten", "nl": "dreigen"}),
    "14": ("#e06666", {"en": "protest", "nl": "protesteren"}),
    "15": ("#d64545", {"en": "exhibit force posture", "nl": "machtsvertoon"}),
    "16": ("#c62828", {"en": "reduce relations", "nl": "betrekkingen verminderen"}),
    "17": ("#a51d2d", {"en": "coerce", "nl": "dwingen"}),
    "18": ("#8e244d", {"en": "assault", "nl": "aanvallen"}),
    "19": ("#6d1f5c", {"en": "fight", "nl": "vechten"}),
    "20": ("#4a1548", {"en": "unconventional mass violence", "nl": "massaal geweld"}),
    "--": ("#7f7f7f", {"en": "no CAMEO code", "nl": "geen CAMEO-code"}),
}

RELATION_COLOR = "#9a9a9a"

ROLE_NAMES: dict[str, dict[str, str]] = {
    "agent": {"en": "agent", "nl": "uitvoerder"},
    "patient": {"en": "patient", "nl": "ondergaat"},
    "supporter": {"en": "supporter", "nl": "steunt"},
    "origin": {"en": "origin", "nl": "herkomst"},
    "destination": {"en": "destination", "nl": "bestemming"},
    "recipient": {"en": "recipient", "nl": "ontvanger"},
    "place": {"en": "place", "nl": "plaats"},
    "participant": {"en": "participant", "nl": "deelnemer"},
}

RELATION_NAMES: dict[str, dict[str, str]] = {
    "partOf": {"en": "part of", "nl": "deel van"},
    "leaderOf": {"en": "leader of", "nl": "leider van"},
    "nationality": {"en": "nationality", "nl": "nationaliteit"},
    "countryOfOrigin": {"en": "from", "nl": "afkomstig uit"},
}


def role_name(role: str, lang: str) -> str:
    return ROLE_NAMES.get(role, {}).get(lang, role)


def relation_name(prop: str, lang: str) -> str:
    return RELATION_NAMES.get(prop, {}).get(lang, prop)


def cameo_color(root: str) -> str:
    return CAMEO_ROOTS.get(root, CAMEO_ROOTS["--"])[0]
