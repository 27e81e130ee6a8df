"""The seed article's graph answers every point of the issue, from a real build."""

from __future__ import annotations

import pytest

from tests.seed_graph import seed_data, select

KGR = "https://w3id.org/kg/resource/"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return seed_data(str(tmp_path_factory.mktemp("seed")))


ACTORS = [
    ("alexander-lukashenko", "Person", "Alexander Lukashenko", "Aleksandr Loekasjenka"),
    ("vladimir-putin", "Person", "Vladimir Putin", "Vladimir Poetin"),
    ("roman-protasevich", "Person", "Roman Protasevich", "Roman Protasevitsj"),
    ("evan-neumann", "Person", "Evan Neumann", "Evan Neumann"),
    ("donald-trump", "Person", "Donald Trump", "Donald Trump"),
    ("poland", "Country", "Poland", "Polen"),
    ("belarus", "Country", "Belarus", "Belarus"),
    ("russia", "Country", "Russia", "Rusland"),
    ("germany", "Country", "Germany", "Duitsland"),
    ("lithuania", "Country", "Lithuania", "Litouwen"),
    ("syria", "Country", "Syria", "Syrië"),
    ("iraq", "Country", "Iraq", "Irak"),
    ("afghanistan", "Country", "Afghanistan", "Afghanistan"),
    ("greece", "Country", "Greece", "Griekenland"),
    ("european-union", "Organization", "European Union", "Europese Unie"),
    ("ryanair", "Organization", "Ryanair", "Ryanair"),
    ("fbi", "GovernmentOrganization", "FBI", "FBI"),
    ("minsk", "City", "Minsk", "Minsk"),
    ("poland-government", "GovernmentOrganization", "Polish government", "Poolse regering"),
    ("poland-authorities", "GovernmentOrganization", "Polish authorities", "Poolse autoriteiten"),
    (
        "belarus-authorities",
        "GovernmentOrganization",
        "Belarusian authorities",
        "Belarussische autoriteiten",
    ),
    (
        "belarus-military",
        "GovernmentOrganization",
        "Belarusian military",
        "Belarussische militairen",
    ),
    (
        "belarus-border-guards",
        "GovernmentOrganization",
        "Belarusian border guards",
        "Belarussische grenswachten",
    ),
    ("refugees-and-migrants", "Group", "refugees and migrants", "vluchtelingen en migranten"),
    ("hanna-liubakova", "Person", "Hanna Liubakova", "Hanna Liubakova"),
    (
        "vluchtelingenwerk-nederland",
        "Organization",
        "VluchtelingenWerk Nederland",
        "VluchtelingenWerk Nederland",
    ),
    ("voices-from-belarus", "Organization", "Voices from Belarus", "Voices from Belarus"),
    ("galina-aksakova", "Person", "Galina Aksakova", "Galina Aksakova"),
]


@pytest.mark.parametrize(("entity", "kind", "en", "nl"), ACTORS, ids=[a[0] for a in ACTORS])
def test_actor_is_typed_labelled_and_grounded(data, entity, kind, en, nl):
    rows = select(
        data,
        """SELECT ?type ?en ?nl (COUNT(?m) AS ?mentions) WHERE {
             ?a a ?type ; rdfs:label ?en , ?nl ; gaf:denotedBy ?m .
             FILTER(lang(?en) = "en" && lang(?nl) = "nl")
           } GROUP BY ?type ?en ?nl""",
        a=f"kgr:{entity}",
    )
    types = {r["type"].rsplit("/", 1)[-1].rsplit("#", 1)[-1] for r in rows}
    assert kind in types
    assert {(r["en"], r["nl"]) for r in rows} == {(en, nl)}
    assert all(int(r["mentions"]) >= 1 for r in rows)


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        ("poland-government", "poland"),
        ("poland-authorities", "poland"),
        ("belarus-authorities", "belarus"),
        ("belarus-military", "belarus"),
        ("belarus-border-guards", "belarus"),
    ],
)
def test_institutions_are_part_of_their_country(data, part, whole):
    assert select(data, "SELECT ?w WHERE { ?p kgo:partOf ?w }", p=f"kgr:{part}") == [
        {"w": KGR + whole}
    ]


def test_person_facts_come_from_titles_and_gazetteer(data):
    facts = select(
        data,
        """SELECT ?p ?rel ?o WHERE {
             VALUES ?rel { kgo:leaderOf schema:nationality }
             ?p ?rel ?o }""",
    )
    pairs = {
        (f["p"][len(KGR) :], f["rel"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], f["o"][len(KGR) :])
        for f in facts
    }
    assert ("alexander-lukashenko", "leaderOf", "belarus") in pairs
    assert ("vladimir-putin", "leaderOf", "russia") in pairs
    assert ("roman-protasevich", "nationality", "belarus") in pairs
    assert ("evan-neumann", "nationality", "united-states") in pairs
    titles = select(data, "SELECT ?t WHERE { kgr:roman-protasevich schema:jobTitle ?t }")
    assert {t["t"] for t in titles} == {"journalist", "opposition activist"}


def test_de_dictator_refers_to_lukashenko(data):
    rows = select(
        data, "SELECT ?m WHERE { kgr:alexander-lukashenko gaf:denotedBy/nif:anchorOf ?m }"
    )
    assert "de dictator" in {r["m"] for r in rows}


def test_trump_is_found_inside_a_compound(data):
    rows = select(data, "SELECT ?m WHERE { kgr:donald-trump gaf:denotedBy/nif:anchorOf ?m }")
    assert [r["m"] for r in rows] == ["Trump"]


def test_refugees_countries_of_origin(data):
    rows = select(data, "SELECT ?c WHERE { kgr:refugees-and-migrants kgo:countryOfOrigin ?c }")
    assert {r["c"][len(KGR) :] for r in rows} == {"syria", "iraq", "afghanistan"}


# (class, {role: {entity ids}}, time or None, words that must be in the evidence sentence)
PUB = "2021-11 (publication)"  # the month the seed article was published
EVENTS = [
    (
        "SendToBorder",
        {
            "agent": {"alexander-lukashenko"},
            "patient": {"refugees-and-migrants"},
            "destination": {"poland-border"},
        },
        "2021-11 (publication)",
        "stuurt grote groepen",
    ),
    (
        "BringInMigrants",
        {"agent": {"belarus"}, "patient": {"refugees-and-migrants"}, "supporter": {"russia"}},
        "2021-11 (publication)",
        "ingevlogen",
    ),
    (
        "Destabilise",
        {"agent": {"alexander-lukashenko"}, "patient": {"european-union-member-states", "germany"}},
        "2021-11 (publication)",
        "ontwrichten",
    ),
    (
        "ImposeSanctions",
        {"agent": {"european-union"}, "patient": {"belarus"}},
        "2021-11 (publication)",
        "sancties",
    ),
    (
        "SendToBorder",
        {"agent": {"belarus-military"}, "destination": {"poland-border"}},
        "2021-11 (publication)",
        "gedreven",
    ),
    ("HoldMeeting", {"agent": {"poland-government"}}, "2021-11-08", "crisisberaad"),
    ("StateOfEmergency", {}, "2021-11-08", "noodtoestand"),
    (
        "BringInMigrants",
        {
            "agent": {"belarus"},
            "patient": {"refugees-and-migrants"},
            "supporter": {"vladimir-putin"},
        },
        "2021-11 (publication)",
        "binnen te halen",
    ),
    (
        "LureMigrants",
        {
            "patient": {"refugees-and-migrants"},
            "destination": {"poland-border", "lithuania-border"},
        },
        "2021-11 (publication)",
        "richting de grenzen met Polen en Litouwen gelokt",
    ),
    (
        "LureMigrants",
        {
            "agent": {"people-smugglers"},
            "patient": {"refugees-and-migrants"},
            "destination": {"germany"},
        },
        "2021-11 (publication)",
        "door mensensmokkelaars gelokt",
    ),
    (
        "CrossBorder",
        {"agent": {"refugees-and-migrants"}, "supporter": {"belarus-authorities"}},
        "2021-11 (publication)",
        "grens overgaan",
    ),
    (
        "Detain",
        {"agent": {"poland-authorities"}, "patient": {"refugees-and-migrants"}},
        "2021-11 (publication)",
        "aangehouden",
    ),
    ("ElectionFraud", {"agent": {"alexander-lukashenko"}}, None, "verkiezingen stal"),
    # background the article tells without a date: the month of publication, marked so
    ("Repress", {"agent": {"alexander-lukashenko"}}, PUB, "met harde hand neergeslagen"),
    ("Imprison", {"patient": {"opposition"}}, PUB, "gevangenis"),
    ("Disappear", {"patient": {"opposition"}}, PUB, "verdwenen spoorloos"),
    (
        "ForcedLanding",
        {
            "agent": {"belarus"},
            "patient": {"ryanair"},
            "origin": {"greece"},
            "destination": {"lithuania"},
        },
        "2021-05",
        "te landen in Minsk",
    ),
    ("Abduct", {"patient": {"roman-protasevich"}}, "2021-05", "van boord gehaald"),
    (
        "PushAcrossBorder",
        {"agent": {"belarus-border-guards"}, "destination": {"poland-border"}},
        "2021-11-07",
        "push women and children",
    ),
    (
        "MoveTowardsBorder",
        {"agent": {"refugees-and-migrants"}, "destination": {"poland-border"}},
        "2021-11-08",
        "walking towards the Polish border",
    ),
    ("ApplyForAsylum", {"agent": {"evan-neumann"}}, "2021-11 (publication)", "asiel aangevraagd"),
    ("Investigate", {"agent": {"fbi"}, "patient": {"evan-neumann"}}, PUB, "door de FBI gezocht"),
]


def _events(data):
    rows = select(
        data,
        """SELECT ?e ?class ?role ?who ?time ?basis ?sentence WHERE {
             ?e a sem:Event , ?class ; gaf:denotedBy/nif:anchorOf ?sentence .
             ?class rdfs:subClassOf sem:Event .
             OPTIONAL { ?e ?role ?who . ?role rdfs:subPropertyOf ?super .
                        FILTER(?super IN (sem:hasActor, sem:hasPlace)) }
             OPTIONAL { ?e sem:hasTimeStamp ?time }
             OPTIONAL { ?e kgo:timeBasis ?basis }
           }""",
    )
    events: dict[str, dict] = {}
    for r in rows:
        e = events.setdefault(
            r["e"],
            {
                "class": r["class"].rsplit("#", 1)[-1],
                "roles": {},
                # no date in the text: the month of publication, marked as such
                "time": r.get("time") and r["time"] + (" (publication)" if "basis" in r else ""),
                "sentences": set(),
            },
        )
        e["sentences"].add(r["sentence"])
        if "role" in r:
            e["roles"].setdefault(r["role"].rsplit("#", 1)[-1], set()).add(r["who"][len(KGR) :])
    return events


@pytest.mark.parametrize(("cls", "roles", "time", "words"), EVENTS, ids=[e[3] for e in EVENTS])
def test_event_with_roles_time_and_evidence(data, cls, roles, time, words):
    candidates = [
        e
        for e in _events(data).values()
        if e["class"] == cls and any(words in s for s in e["sentences"])
    ]
    assert candidates, f"no {cls} event stated in a sentence with {words!r}"
    event = candidates[0]
    for role, wanted in roles.items():
        assert wanted <= event["roles"].get(role, set()), (role, event["roles"])
    assert event["time"] == time


def test_sanctions_are_one_event_with_two_mentions(data):
    rows = select(
        data,
        "SELECT ?e (COUNT(?m) AS ?n) "
        "WHERE { ?e a kgo:ImposeSanctions ; gaf:denotedBy ?m } GROUP BY ?e",
    )
    assert [int(r["n"]) for r in rows] == [2]


def test_destabilising_has_revenge_for_sanctions_as_motive(data):
    rows = select(
        data,
        "SELECT ?m WHERE { ?e a kgo:Destabilise ; kgo:modality 'attempt' ; kgo:motive ?s . "
        "?s a kgo:ImposeSanctions }",
    )
    assert len(rows) == 1


def test_observers_claim_the_support_of_putin(data):
    rows = select(
        data,
        "SELECT ?e WHERE { ?e kgo:supporter kgr:vladimir-putin ; sem:accordingTo kgr:observers }",
    )
    assert len(rows) == 1


def test_post_events_are_attributed_to_their_post(data):
    rows = select(
        data,
        """SELECT ?author ?date WHERE { ?e a kgo:PushAcrossBorder ; sem:accordingTo ?post .
             ?post a schema:SocialMediaPosting ; schema:author/schema:name ?author ;
                   schema:datePublished ?date }""",
    )
    assert rows == [{"author": "Voices from Belarus", "date": "2021-11-07"}]


def test_crowd_walks_at_the_bruzgi_kuznica_crossing(data):
    rows = select(data, "SELECT ?p WHERE { ?e a kgo:MoveTowardsBorder ; sem:hasPlace ?p }")
    assert {"bruzgi", "kuznica"} <= {r["p"][len(KGR) :] for r in rows}


def test_protasevich_is_seized_in_minsk(data):
    rows = select(data, "SELECT ?p WHERE { ?e a kgo:Abduct ; sem:hasPlace ?p }")
    assert {r["p"][len(KGR) :] for r in rows} == {"minsk"}


def test_event_classes_carry_cameo_codes(data):
    rows = select(
        data, "SELECT ?c ?code WHERE { ?c rdfs:subClassOf sem:Event ; skos:notation ?code }"
    )
    codes = {r["c"].rsplit("#", 1)[-1]: r["code"] for r in rows}
    assert codes["ImposeSanctions"] == "163"
    assert codes["HoldMeeting"] == "040"
    assert codes["StateOfEmergency"] == "1724"
    assert codes["Detain"] == "173"
    assert codes["Repress"] == "175"
    assert codes["ForcedLanding"] == "181"
    assert codes["PushAcrossBorder"] == "174"
    assert codes["ApplyForAsylum"] == "0233"


def test_every_event_names_its_rule(data):
    rows = select(
        data,
        "SELECT ?e ?rule WHERE { ?e a sem:Event . OPTIONAL { ?e kgo:rule/rdfs:label ?rule } }",
    )
    assert rows and all(r.get("rule") for r in rows)


def test_posts_have_author_handle_date_link_and_language(data):
    rows = select(
        data,
        """SELECT ?handle ?date ?lang ?url WHERE { ?p a schema:SocialMediaPosting ;
             schema:author/schema:alternateName ?handle ; schema:datePublished ?date ;
             schema:inLanguage ?lang ; schema:url ?url } ORDER BY ?handle""",
    )
    assert [(r["handle"], r["date"], r["lang"]) for r in rows] == [
        ("@GalinaAksakova", "2021-11-08", "en"),
        ("@HannaLiubakova", "2021-11-08", "en"),
        ("@VluchtelingWerk", "2021-11-08", "nl"),
        ("@VoicesBelarus", "2021-11-07", "en"),
    ]
    assert all(r["url"].startswith(("https://pic.twitter.com/", "https://t.co/")) for r in rows)
