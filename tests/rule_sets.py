"""A valid set of rule files of every kind, for tests that change one value at a time."""

VALID = {
    "types.yaml": {
        "event_types": [
            {
                "id": "ExpelDiplomat",
                "labels": {"en": "expel a diplomat", "nl": "een diplomaat uitzetten"},
                "cameo": "161",
                "roles": {"agent": ["country", "government"], "patient": ["person"]},
                "subject": "agent",
                "standalone": False,
                "requires": ["agent", "patient"],
            }
        ]
    },
    "patterns.yaml": {
        "patterns": [
            {
                "id": "en.expel",
                "lang": "en",
                "event": "ExpelDiplomat",
                "match": [
                    {"LEMMA": "expel"},
                    {"OP": "{0,4}"},
                    {"LEMMA": {"IN": ["diplomat", "ambassador"]}},
                ],
                "subject": "agent",
                "form": "verb",
                "examples": [
                    {
                        "text": "Poland expelled two Belarusian diplomats.",
                        "roles": {"agent": "poland"},
                    }
                ],
                "counterexamples": ["Poland did nothing."],
            },
            {
                "id": "nl.expel",
                "lang": "nl",
                "event": "ExpelDiplomat",
                "match": [
                    {"LEMMA": {"IN": ["diplomaat"]}},
                    {"OP": "{0,3}"},
                    {"LOWER": {"REGEX": "^uitgezet$"}},
                ],
                "examples": [
                    {
                        "text": "Litouwen heeft twee diplomaten uitgezet.",
                        "roles": {"agent": ["lithuania"]},
                    }
                ],
            },
        ]
    },
    "entities.yaml": {
        "entities": [
            {
                "id": "freedonia",
                "type": "country",
                "labels": {"en": "Freedonia", "nl": "Freedonië"},
                "aliases": ["Freedonia"],
                "adjectives": {"en": ["Freedonian"], "nl": ["Freedonische"]},
                "demonyms": {"en": ["Freedonians"], "nl": ["Freedoniërs"]},
                "relations": {"partOf": "poland"},
                "wikidata": "Q1",
                "description": {"en": "a land"},
            }
        ]
    },
    "institutions.yaml": {
        "institutions": [
            {
                "id": "navy",
                "type": "government",
                "labels": {"en": "navy", "nl": "marine"},
                "nouns": {"en": ["navy"], "nl": ["marine"]},
            }
        ]
    },
    "lexicon.yaml": {
        "lexicon": {
            "lang": "en",
            "cues": {"thanks to": "supporter"},
            "attribution": ["as said by"],
            "titles": {"admiral": {"label": "admiral", "relation": "leaderOf"}},
            "lemmas": {"expelled": "expel"},
            "months": {"janvier": 1},
            "weekdays": {"lundi": 0},
            "modality": {"tried to": "attempt"},
        }
    },
}
