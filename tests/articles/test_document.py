"""Reading article files: header, paragraphs, quoted posts and exact offsets."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles.read import parse_document, read_document
from kg.errors import InputError
from kg.records import Document, Span

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "2021-11-belarus-poland-border.txt"
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parents[1] / "data" / "documents"


def cut(doc: Document, span: Span) -> str:
    return doc.text[span.begin : span.end]


# -- the seed article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_document(SEED)


def test_seed_header_and_text(seed: Document) -> None:
    assert seed.text == SEED.read_text(encoding="utf-8")
    assert seed.path == str(SEED)
    assert seed.slug == "2021-11-belarus-poland-border"
    assert seed.date == "2021-11"
    assert seed.lang == "nl"  # no lang header: guessed from the body
    assert seed.title is None and seed.url is None
    assert seed.body_start == 14
    assert seed.text[: seed.body_start] == " date 2021-11 "


def test_seed_paragraphs(seed: Document) -> None:
    texts = [cut(seed, p.span) for p in seed.paragraphs]
    assert len(texts) == 9
    assert texts[0].startswith("De Belarussische dictator Aleksandr Loekasjenka stuurt")
    assert texts[0].endswith("als reactie op zijn dictatuur.")
    assert texts[1].startswith("Op sociale media zijn beelden te zien")
    assert texts[3].endswith("Roman Protosevich van boord gehaald.")
    assert texts[8] == (
        "Ten minste één vluchteling is vanuit het westen juist de andere kant opgereisd. "
        "De Amerikaan Evan Neumann, door de FBI gezocht vanwege zijn deelname aan de "
        "bestorming van het Capitool door uitzinnige Trump-extremisten, heeft asiel "
        "aangevraagd in Belarus."
    )
    assert [p.post for p in seed.paragraphs] == [None, None, None, None, 1, 2, 3, 4, None]


SEED_POSTS = [
    (
        "Hanna Liubakova",
        "HannaLiubakova",
        "2021-11-08",
        "https://pic.twitter.com/XVroOj9eGQ",
        "en",
        "#Belarus Look at what is happening on the border. A huge crowd of migrants is "
        "walking towards the Polish border. Bruzgi-Kuznica border crossing",
    ),
    (
        "VluchtelingenWerk Nederland",
        "VluchtelingWerk",
        "2021-11-08",
        "https://t.co/05Sf0xKZ9u",
        "nl",
        "Afschuwelijke beelden uit Wit-Rusland. De wanhoop van vluchtelingen wordt uitgebuit "
        "voor politieke doeleinden. Dit is ook het gevolg van een gebrek aan samenwerking en "
        "solidariteit onder EU-lidstaten. De EU maakt zich zo chantabel voor landen aan onze "
        "gezamenlijke buitengrenzen.",
    ),
    (
        "Voices from Belarus",
        "VoicesBelarus",
        "2021-11-07",
        "https://pic.twitter.com/QzX3T44ed9",
        "en",
        "❗️Armed Belarusian border guards push women and children through the Polish border "
        "fence. #belarus #poland #migrants",
    ),
    (
        "Galina Aksakova",
        "GalinaAksakova",
        "2021-11-08",
        "https://pic.twitter.com/XohX9LNA24",
        "en",
        "Armed guards form poor, tired, hungry people as troops for forcing the border. It's "
        "hard to believe that this is really happening in the 21st century.",
    ),
]


@pytest.mark.parametrize("index", range(1, 5))
def test_seed_posts(seed: Document, index: int) -> None:
    author, handle, date, url, lang, words = SEED_POSTS[index - 1]
    post = seed.posts[index - 1]
    assert (post.index, post.author, post.handle, post.date, post.url, post.lang) == (
        index,
        author,
        handle,
        date,
        url,
        lang,
    )
    assert cut(seed, post.text_span) == words
    paragraph = seed.paragraphs[3 + index]
    assert post.span == paragraph.span
    whole = cut(seed, post.span)
    assert whole.startswith(words)
    assert whole.endswith(f"— {author} (@{handle}) {'November ' + str(int(date[-2:]))}, 2021")


# -- the development corpus -------------------------------------------------------------

CORPUS_FILES = {
    "02_en_belarus-eu-border-crisis-wikipedia-older-revision.txt": (
        "en",
        None,
        "2021–2022 Belarus–European Union border crisis",
        "http://artandpopularculture.com/2021_Belarus%E2%80%93European_Union_border_crisis",
        168,
        3,
        "The 2021 Belarus–European Union border crisis is a migrant crisis",
        "and called on Brussels to intervene.",
    ),
    "04_en_ryanair-flight-4978-simple-wikipedia.txt": (
        "en",
        None,
        "Ryanair Flight 4978",
        "https://simple.wikipedia.org/wiki/Ryanair_Flight_4978",
        113,
        3,
        "Ryanair Flight 4978 was an international scheduled passenger flight",
        "who made it possible to land the flight there.[7]",
    ),
    "05_en_2020-belarusian-presidential-election-wikipedia.txt": (
        "en",
        None,
        "2020 Belarusian presidential election",
        "https://en.wikipedia.org/wiki/2020_Belarusian_presidential_election",
        145,
        4,
        "Presidential elections were held in Belarus on Sunday, 9 August 2020.",
        "The election was marred by claims of widespread electoral fraud.",
    ),
    "09_nl_kamervraag-vluchtelingen-grens-polen-wit-rusland.txt": (
        "nl",
        "2021-10-26",
        "Vluchtelingen die vastzitten aan de grens tussen Polen en Wit-Rusland",
        "https://www.openkamer.org/kamervraag/2021Z16180/",
        161,
        4,
        "Vraag 1\nWat is uw reactie op het bericht",
        "lastig is toegang te krijgen.",
    ),
    "10_nl_kamervraag-eu-sancties-vrijlating-protasevitsj.txt": (
        "nl",
        "2021-07-06",
        "Het bericht ‘EU-leiders willen sancties tegen Wit-Rusland en eisen vrijlating "
        "Protasevitsj’",
        "https://www.openkamer.org/kamervraag/2021Z08965/",
        183,
        4,
        "Vraag 1\nBent u bekend met het bericht «EU-leiders",
        "De Europese Raad heeft daartoe ook besloten.",
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_corpus_file(name: str) -> None:
    lang, date, title, url, body_start, n_paragraphs, first, last = CORPUS_FILES[name]
    path = CORPUS / name
    doc = read_document(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert (doc.lang, doc.date, doc.title, doc.url) == (lang, date, title, url)
    assert doc.body_start == body_start
    assert doc.text[body_start - 2 : body_start] == "\n\n"
    assert len(doc.paragraphs) == n_paragraphs
    assert doc.posts == []
    assert cut(doc, doc.paragraphs[0].span).startswith(first)
    assert cut(doc, doc.paragraphs[-1].span).endswith(last)
    assert all(p.span.begin >= body_start for p in doc.paragraphs)


# -- other header and post forms --------------------------------------------------------


def test_post_variants() -> None:
    doc = read_document(DATA / "posts-variants.txt")
    assert (doc.lang, doc.date, doc.title, doc.url) == (
        "nl",
        "2021-11-09",
        "Reacties op de grens",
        "https://example.org/nieuws/grens",
    )
    assert len(doc.paragraphs) == 5
    assert [p.post for p in doc.paragraphs] == [None, 1, 2, 3, None]
    dutch, english, picture = doc.posts
    assert (dutch.author, dutch.handle, dutch.date, dutch.url, dutch.lang) == (
        "Jan de Vries",
        "jdevries",
        "2021-11-09",
        "https://t.co/AbC123xyz",
        "nl",
    )
    assert cut(doc, dutch.text_span) == "Dit is een schande. De EU moet nu ingrijpen."
    assert (english.author, english.handle, english.date, english.url, english.lang) == (
        "Anna Smith",
        "anna_smith",
        "2021-11-10",
        None,
        "en",
    )
    assert cut(doc, english.text_span) == "The border is closed tonight.\nSoldiers everywhere."
    # A post that is only a picture, dated a day that does not exist.
    assert (picture.author, picture.date, picture.url, picture.lang) == (
        "Foto Bureau",
        None,
        "https://t.co/OnlyAPicture",
        "nl",
    )
    assert picture.text_span == Span(picture.span.begin, picture.span.begin)
    # An attribution with nothing quoted is prose, as is an em dash in a sentence.
    assert cut(doc, doc.paragraphs[-1].span) == "— Niemand (@niemand) 8 november 2021"


def test_inline_header_bom_and_crlf() -> None:
    doc = read_document(DATA / "inline-header-crlf.txt")
    assert not doc.text.startswith("\ufeff")
    assert (doc.date, doc.lang) == ("2021-11-08", "en")
    assert doc.text[doc.body_start :].startswith("The guards pushed people\r\n")
    assert [cut(doc, p.span) for p in doc.paragraphs] == [
        "The guards pushed people\r\nacross the fence.",
        "Second paragraph.",
    ]


def test_no_header() -> None:
    doc = parse_document("\n  Loekasjenka stuurt vluchtelingen naar de grens.\n", path="a/b.txt")
    assert (doc.date, doc.lang, doc.title, doc.url, doc.slug) == (None, "nl", None, None, "b")
    assert doc.body_start == 3
    assert len(doc.paragraphs) == 1


@pytest.mark.parametrize(
    ("text", "date", "title", "body"),
    [
        ("date: unknown\n\nBody.", None, None, "Body."),
        ("DATE: 2020\nTitle: A title: with colon\n\nBody.", "2020", "A title: with colon", "Body."),
        ("date: 2020-02-29\nBody without blank line.", "2020-02-29", None, "Body without"),
        ("\n\ndate: 2021-05\n\n\n\nBody.", "2021-05", None, "Body."),
        ("date 2021-11\n\nBody on its own.", "2021-11", None, "Body on its own."),
        (" date 2021 title Kort Body here.", "2021", "Kort", "Body here."),
        ("date palms grow in the desert.", None, None, "date palms grow"),
        ("Date 12 March was cold.", None, None, "Date 12 March"),
    ],
)
def test_header_forms(text: str, date: str | None, title: str | None, body: str) -> None:
    doc = parse_document(text)
    assert (doc.date, doc.title) == (date, title)
    assert doc.text[doc.body_start :].startswith(body)
    assert cut(doc, doc.paragraphs[0].span).startswith(body)


def test_text_is_nfc_and_offsets_count_code_points() -> None:
    decomposed = unicodedata.normalize("NFD", "Syrië en één vluchteling.\n\nTweede.")
    doc = parse_document(decomposed)
    assert doc.text == "Syrië en één vluchteling.\n\nTweede."
    assert cut(doc, doc.paragraphs[1].span) == "Tweede."
    assert doc.paragraphs[1].span == Span(27, 34)


def test_odd_characters_in_dates_and_handles() -> None:
    # Unicode IGNORECASE would match the long s and dotless i to s and i: not here.
    assert parse_document("Tekst — A (@b) ſept 8, 2021").posts == []
    assert parse_document("Tekst — A (@b) 8 aprıl 2021").posts == []
    assert parse_document("ſource: x\ntıtle: y\n\nT.").url is None
    assert parse_document("Tekst — A (@\u0131) Sept 8, 2021").posts == []  # dotless i
    with pytest.raises(InputError, match="unparseable date"):
        parse_document("date: \u0662\u0660\u0662\u0661\n\nT.")  # Arabic-Indic digits


def test_slug() -> None:
    assert parse_document("Tekst.").slug == "text"
    assert parse_document("Tekst.", path="x/Één Bestand.txt").slug == "een-bestand"
    assert parse_document("Tekst.", slug="given").slug == "given"


def test_url_and_source_are_one_key() -> None:
    assert parse_document("url: https://a.example/\n\nText.").url == "https://a.example/"
    assert parse_document("source https://a.example/ Text.").url == "https://a.example/"


# -- bad input: one line, starting with the path ----------------------------------------

BAD_BYTES = [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "only whitespace"),
    (b"Goed begin\nmaar dan \xff kapot", "byte offset 20, line 2"),
    (b"caf\xc3", "byte offset 3"),
    (b"tekst\x00met nul", "NUL byte at byte offset 5"),
    ("UTF-16 tekst".encode("utf-16"), "UTF-16"),
    (bytes(range(1, 9)) * 20 + b"some text", "binary"),
    (b"date: 2021-13-01\n\nText.", "line 1: unparseable date '2021-13-01'"),
    (b"date: 2021-02-30\n\nText.", "unparseable date"),
    (b"date: yesterday\n\nText.", "unparseable date 'yesterday'"),
    (b"title: T\ndate: 8 november 2021\n\nText.", "line 2: unparseable date"),
    (b" date 2021-13 De tekst.", "unparseable date '2021-13'"),
    (b"lang: fr\n\nTexte.", "lang 'fr' is not nl or en"),
    (b"lang de Der Text.", "lang 'de' is not nl or en"),
    (b"date: 2021\ndate: 2022\n\nText.", "line 2: header key 'date' repeated (first on line 1)"),
    (b"url: https://a.nl/\nsource: https://b.nl/\n\nText.", "'source' repeats 'url'"),
    (b"title:\n\nText.", "header 'title' has no value"),
]


@pytest.mark.parametrize(("data", "problem"), BAD_BYTES)
def test_bad_file(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("name", "problem"), [("missing.txt", "no such file"), (".", "is a directory")]
)
def test_unreadable_path(tmp_path: Path, name: str, problem: str) -> None:
    path = tmp_path / name
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message == f"{path}: {problem}" or message.startswith(f"{path}: {problem}")
    assert "\n" not in message


def test_message_stays_one_line_for_odd_paths() -> None:
    with pytest.raises(InputError) as caught:
        parse_document("lang: xx\n\nT.", path="two\nlines.txt")
    assert str(caught.value).startswith("two\\nlines.txt: line 1: lang 'xx'")


# -- properties -------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "date: 2021-11-08",
        " date 2021-11 ",
        "lang: nl",
        "lang en ",
        "title: Titel",
        "source: https://x.nl/",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\ufeff",
        "— ",
        "-- ",
        "pic.twitter.com/XVroOj9eGQ ",
        "https://t.co/05Sf0xKZ9u ",
        "Hanna Liubakova (@HannaLiubakova) November 8, 2021",
        "(@x) 8 november 2021",
        "De vluchtelingen worden gelokt.",
        "Armed guards push people.",
        "e\u0301",
        "\u2028",
        "\x0c",
    ]
)
# Quoted posts built from random parts, so the post path is exercised too.
POSTS = st.builds(
    "{}{}{} {} (@{}) {}".format,
    st.text(max_size=20),
    st.sampled_from(["", " pic.twitter.com/Ab1", " https://t.co/Xy9 ", " t.co/Q"]),
    st.sampled_from([" — ", "–", " -- "]),
    st.text(min_size=1, max_size=10),
    st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    st.sampled_from(["November 8, 2021", "Feb 30 2020", "8 november 2021", "1 mei 2020"]),
)
TEXTS = st.one_of(
    st.text(),
    st.lists(FRAGMENTS | POSTS | st.text(max_size=5)).map("".join),
    st.lists(POSTS | FRAGMENTS, min_size=1).map("\n\n".join),
)


def check_invariants(doc: Document) -> None:
    """What every consumer of a Document relies on."""
    n = len(doc.text)
    assert 0 <= doc.body_start <= n
    assert doc.lang in ("nl", "en")
    previous_end = doc.body_start
    for paragraph in doc.paragraphs:
        span = paragraph.span
        assert previous_end <= span.begin < span.end <= n
        words = cut(doc, span)
        assert words == words.strip()
        previous_end = span.end
    spans = {p.span: p.post for p in doc.paragraphs}
    for index, post in enumerate(doc.posts, start=1):
        assert post.index == index
        assert spans[post.span] == index
        assert post.span.begin <= post.text_span.begin <= post.text_span.end <= post.span.end
        assert cut(doc, post.text_span) == cut(doc, post.text_span).strip()
        assert post.lang in ("nl", "en")
        assert post.handle and post.author == post.author.strip()


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_parse_never_fails_unexpectedly(text: str) -> None:
    try:
        doc = parse_document(text)
    except InputError as error:
        assert str(error).startswith("<text>: ")
        assert "\n" not in str(error)
        return
    assert doc.text == unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    check_invariants(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_never_fails_unexpectedly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as error:
            assert str(error).startswith(f"{path}: ")
            assert "\n" not in str(error)
            return
    check_invariants(doc)


def test_a_line_break_ends_a_sentence():
    """Headings and numbered questions stand alone, though no full stop ends them."""
    from kg.extract.language import analyse

    doc = analyse("Vraag 1\nKent u het bericht over Polen?\n\nAntwoord 1\nJa, dat ken ik.", "nl")
    assert [s.text.strip() for s in doc.sents if not s.text.isspace()] == [
        "Vraag 1",
        "Kent u het bericht over Polen?",
        "Antwoord 1",
        "Ja, dat ken ik.",
    ]
