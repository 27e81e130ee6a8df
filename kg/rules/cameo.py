"""CAMEO codes and GDELT's QuadClass: the one place that knows how codes group.

A CAMEO code is two to four digits whose first two name one of 20 root categories. GDELT
groups the roots into four quad classes (verbal or material, cooperation or conflict);
analysts filter and colour by them. CAMEO lacks some events news is full of (elections,
indictments, deaths); kg gives those a code of capital letters and its quad class here.
"""

from __future__ import annotations

import re

QUAD_CLASSES = (
    "verbal-cooperation",
    "material-cooperation",
    "verbal-conflict",
    "material-conflict",
)

# kg's codes for news events CAMEO has no code for, with the quad class each belongs to
KG_CODES: dict[str, str] = {
    "ELECT": "verbal-cooperation",  # an election is held, someone is elected
    "INDICT": "verbal-conflict",  # charged or indicted by a prosecutor or court
    "SENTENCE": "material-conflict",  # sentenced by a court
    "DIE": "material-conflict",  # deaths and casualties
    "MIGRATE": "material-cooperation",  # flight, displacement and migration
    "SABOTAGE": "material-conflict",  # sabotage and explosions of infrastructure
    "COUP": "material-conflict",  # a coup d'état or attempt
    "INVADE": "material-conflict",  # an invasion of a country
}

_NUMERIC = re.compile(r"^[0-9]{2,4}$")


def valid_code(code: object) -> bool:
    """A numeric CAMEO code of a root 01–20, or one of kg's own codes."""
    if not isinstance(code, str):
        return False
    if code in KG_CODES:
        return True
    return bool(_NUMERIC.match(code)) and "01" <= code[:2] <= "20"


def quad_class(code: str | None) -> str | None:
    """GDELT's QuadClass of a code: roots 01–05, 06–08, 09–13 and 14–20."""
    if not code:
        return None
    if code in KG_CODES:
        return KG_CODES[code]
    root = int(code[:2])
    if root <= 5:
        return QUAD_CLASSES[0]
    if root <= 8:
        return QUAD_CLASSES[1]
    if root <= 13:
        return QUAD_CLASSES[2]
    return QUAD_CLASSES[3]
