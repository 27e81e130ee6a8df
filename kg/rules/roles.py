"""Groups of event roles that later stages treat alike: the one copy of each group.

Every role is one of `kg.rules.model.ROLES`, the roles a rule may give; a test checks that
each group here holds only those.
"""

from __future__ import annotations

# Who did it to whom: the merge pass and the evaluation compare these participants.
KEY_ROLES = ("agent", "patient")
# Roles whose filler is a place.
PLACE_ROLES = ("place", "origin", "destination")
# The place roles that refine sem:hasPlace in the ontology ("place" is sem:hasPlace itself).
PLACE_SUBROLES = ("origin", "destination")
