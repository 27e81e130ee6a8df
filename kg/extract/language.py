"""spaCy blank pipelines per language: tokens, sentences and lookup lemmas, all offline.

No trained model is available (by design): the rules carry the knowledge, spaCy only
tokenises and splits sentences; lemmas come from its lookup tables (`lemma_table`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.rules.model import LANGS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc


# Hyphens between letters split a word ("EU-buurlanden" -> EU - buurlanden) so that a name
# inside a compound is its own token; the compound is rebuilt by the extraction rules.
_HYPHEN_INFIX = r"(?<=[\w])[-‐‑](?=[\w])"
# Footnote markers as in Wikipedia text: "Lukashenko.[3]".
_FOOTNOTE_SUFFIX = r"\[(?:\d{1,3}|[a-z])\]"  # "[12]", and the notes "[a]", "[b]"
# Footnote digits glued to closing punctuation, as in parliamentary text: "jl?1", "»?1".
_FOOTNOTE_AFTER_PUNCT = r"(?<=[?!»”])\d{1,2}"
_FOOTNOTE_INFIX = r"(?<=[\w.,;:])\[(?:\d{1,3}|[a-z])\]"


_CLOSING_ABBREVIATIONS = frozenset({"jl.", "j.l.", "ll.", "l.l.", "etc.", "enz.", "e.a.", "e.d."})

# Dutch writes a number as one word ("driehonderd", "vijfentwintig", "tweeduizend"); spaCy's
# like_num knows only the parts. A numeral is parts joined, "en"/"ën" only between them
# (so "achten" and "vieren", verbs, are not numbers).
_DUTCH_NUMBER_PART = (
    "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|"
    "zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|"
    "tachtig|negentig|honderd|duizend"
)
_DUTCH_NUMERAL = re.compile(rf"(?:(?:{_DUTCH_NUMBER_PART})(?:en|ën)?)*(?:{_DUTCH_NUMBER_PART})")


@cache
def pipeline(lang: str) -> Language:
    """The blank pipeline for `lang`: tokenizer and sentencizer (built once)."""
    if lang not in LANGS:
        raise KgError(f"unsupported language {lang!r}; kg reads {', '.join(LANGS)}")
    import spacy
    from spacy.util import compile_infix_regex, compile_suffix_regex

    _register_components()

    nlp = spacy.blank(lang)
    if lang == "nl":
        _count_dutch_numerals(nlp)
    tokenizer = nlp.tokenizer
    # each setter below reloads every special case (thousands): detach them meanwhile
    special_cases, tokenizer.rules = tokenizer.rules, {}
    infixes = [*nlp.Defaults.infixes, _HYPHEN_INFIX, _FOOTNOTE_INFIX]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [_FOOTNOTE_SUFFIX, _FOOTNOTE_AFTER_PUNCT, *nlp.Defaults.suffixes]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.rules = special_cases
    # Lemmas are looked up by the extraction itself (`lemma_table`), once per word form.
    nlp.add_pipe("kg_sentences")
    nlp.initialize()
    return nlp


def _count_dutch_numerals(nlp: Language) -> None:
    """Make one-word Dutch numerals ("driehonderd") like_num, as their parts are."""
    from spacy.attrs import LIKE_NUM

    like_num = nlp.vocab.lex_attr_getters[LIKE_NUM]

    def dutch_like_num(text: str) -> bool:
        return like_num(text) or _DUTCH_NUMERAL.fullmatch(text.lower()) is not None

    nlp.vocab.lex_attr_getters[LIKE_NUM] = dutch_like_num


def _register_components() -> None:
    from spacy.language import Language

    if "kg_sentences" in Language.factories:
        return
    from spacy.pipeline import Sentencizer

    ends = word_ids(frozenset(Sentencizer.default_punct_chars))  # ". ! ?" and their kin
    # abbreviations that close a phrase ("op 23 oktober jl.", "etc."): before a capital,
    # their period ends the sentence too; a title's ("dr.", "Gen.") never does
    closing = word_ids(_CLOSING_ABBREVIATIONS)

    @Language.component("kg_sentences")
    def sentences(doc: Doc) -> Doc:
        """spaCy's sentencizer, read from the tokens' arrays instead of token by token: a
        sentence ends after ". ! ?" and their kin (closing punctuation included). And a
        line break ends a sentence: headings and questions ("Vraag 1") stand alone."""
        import numpy
        from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist()
        starts = [-1] * len(rows)
        starts[0] = 1
        seen_end = False
        for i, (orth, punct, _) in enumerate(rows):
            if orth in ends:
                seen_end = True
            elif orth in closing and i + 1 < len(rows) and doc[i + 1].text[:1].isupper():
                starts[i + 1] = 1
            elif seen_end and not punct:
                starts[i] = 1
                seen_end = False
        for i in range(len(rows) - 1):
            if rows[i][2] and not rows[i + 1][2] and "\n" in doc[i].text:
                starts[i + 1] = 1
        values = numpy.array(starts, dtype="int64").astype("uint64")  # -1 as spaCy stores it
        doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc


def analyse(text: str, lang: str) -> Doc:
    """Tokens and sentences of one passage of text (lemmas: `lemma_table`)."""
    return pipeline(lang)(text)


@cache
def word_ids(words: frozenset[str]) -> frozenset[int]:
    """The ids spaCy gives these strings: what a token's LOWER or ORTH attribute holds."""
    from spacy.strings import hash_string

    return frozenset(hash_string(word) for word in words)


def positions(doc: Doc, attr: str, ids: frozenset[int]) -> list[int]:
    """Indices of the tokens whose `attr` (LOWER, ORTH, …) is one of `ids` (`word_ids`).

    Reads one array of the doc: no spaCy Token object is made for the words skipped,
    which is most of them. The array is read once per doc and attribute.
    """
    return [i for i, value in enumerate(token_values(doc, attr)) if value in ids]


def token_values(doc: Doc, attr: str) -> list[int]:
    """The `attr` value of every token of `doc`, read once and kept with the doc."""
    cached = doc.user_data.get(("kg.values", attr))
    if cached is None:
        cached = doc.user_data[("kg.values", attr)] = doc.to_array(attr).tolist()
    return cached


@cache
def lemma_table(lang: str) -> Table:
    """spaCy's lookup lemmas for `lang` (spacy-lookups-data, offline): word form -> lemma.

    The lemmatizer component would look every token up in Python; the extraction looks
    each distinct word form up once and keeps the answer (`normalise_lemmas`).
    """
    from spacy.lookups import load_lookups

    return load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")


def _dutch_stems(word: str) -> list[str]:
    """Possible stems of an inflected Dutch verb: stuurt → stuur, duwde → duw, geduwd → duw."""
    stems = []
    for suffix in ("den", "ten", "de", "te", "t", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[: -len(suffix)])
    if word.startswith("ge") and len(word) > 5:
        stems.extend(_dutch_stems(word[2:]) or [word[2:]])
    return stems


def dutch_infinitives(stem: str) -> list[str]:
    out = [stem + "en"]
    if len(stem) >= 2 and stem[-1] not in "aeiou":
        out.append(stem + stem[-1] + "en")  # onderdruk → onderdrukken
        if stem[-3:-1] in {"aa", "ee", "oo", "uu"}:
            out.append(stem[:-2] + stem[-1] + "en")  # haal → halen
    if stem.endswith("f"):
        out.append(stem[:-1] + "ven")
    if stem.endswith("s"):
        out.append(stem[:-1] + "zen")
    return out


def _english_bases(word: str) -> list[str]:
    out = []
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return out


def guess_lemma(word: str, lang: str, wanted: frozenset[str]) -> str | None:
    """A lemma from `wanted` (the rules' trigger lemmas) that `word` inflects, if any.

    The lookup tables miss many verb forms ("onderdrukt", "gelokt"); the rules only care
    about their own trigger lemmas, so only those are guessed, never arbitrary words.
    """
    if lang == "nl":
        candidates = [inf for stem in _dutch_stems(word) for inf in dutch_infinitives(stem)]
    else:
        candidates = _english_bases(word)
    return next((c for c in candidates if c in wanted), None)
