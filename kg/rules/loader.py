"""Load and validate rule files: every problem is reported as file:line › id › field: reason."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from kg.errors import RuleError
from kg.rules import schema
from kg.rules.cameo import KG_CODES, valid_code
from kg.rules.factuality import FACTUALITIES, MODALITIES
from kg.rules.model import (
    CONTEXT_KEY,
    CUE_ROLES,
    ENTITY_TYPES,
    LANGS,
    RELATION_PROPERTIES,
    ROLES,
    TENSES,
    EntityRule,
    EventTypeRule,
    Example,
    InstitutionRule,
    Lexicon,
    PatternRule,
    Rules,
)
from kg.rules.names import example_problems
from kg.rules.regex_check import regex_problem
from kg.rules.yaml_lines import line_of, load_yaml

BUILTIN_DIR = Path(__file__).parent
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TYPE_ID = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
KINDS = tuple(schema.KINDS)


class _Problems:
    """Collects problems so that one run reports all of them, not just the first."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, rule_id: str, field: str, reason: str) -> None:
        rule_id, field, reason = (_printable(text) for text in (rule_id or "?", field, reason))
        self.items.append(f"{where} › {rule_id} › {field}: {reason}")


def _printable(text: str) -> str:
    """A value from a rule file as it may appear in a one-line message: a newline or other
    control character in an id or key is written as its escape (\\n), not as a line break."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def rule_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(f"{directory}: rules folder not found")
        files.extend(sorted(directory.rglob("*.yaml")))
    return files


def load_rules(extra_dirs: Iterable[Path] = ()) -> Rules:
    """The built-in rules plus any user folders, validated; raises RuleError listing problems."""
    dirs = [BUILTIN_DIR, *extra_dirs]
    files = rule_files(dirs)
    problems = _Problems()
    # name lists (*.txt) that a names file reads count too: a changed list is a changed rule
    lists = [path for directory in dirs for path in sorted(directory.rglob("*.txt"))]
    rules = Rules({}, {}, {}, [], {}, _digest(files + lists), [str(f) for f in files])
    for path in files:
        _load_file(path, rules, problems)
    _expand_word_classes(rules, problems)
    _cross_check(rules, problems)
    if problems.items:
        raise RuleError(f"{len(problems.items)} problem(s) in rules:\n" + "\n".join(problems.items))
    return rules


def _digest(files: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.name.encode())
        with contextlib.suppress(OSError):  # reported by _load_file
            sha.update(path.read_bytes())
    return sha.hexdigest()


def _load_file(path: Path, rules: Rules, problems: _Problems) -> None:
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.add(f"{path}:{line}", "", "yaml", str(getattr(exc, "problem", exc)))
        return
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(f"{path}:1", "", "file", str(exc))
        return
    except RecursionError:
        problems.add(f"{path}:1", "", "yaml", "nested too deeply")
        return
    if not isinstance(data, dict) or len(data) != 1 or next(iter(data)) not in KINDS:
        reason = f"a rule file has one top-level key of {KINDS}"
        if isinstance(data, dict) and len(data) == 1:
            reason = schema.unknown("kind of rules", next(iter(data)), KINDS)
        problems.add(f"{path}:1", "", "kind", reason)
        return
    kind, body = next(iter(data.items()))
    parse = {
        "entities": _entity,
        "institutions": _institution,
        "event_types": _event_type,
        "patterns": _pattern,
    }.get(kind)
    if kind == "lexicon":
        _lexicon(body, path, rules, problems)
        return
    if kind == "names":
        _names(body, path, rules, problems)
        return
    if not isinstance(body, list):
        problems.add(f"{path}:{line_of(body)}", "", kind, "must be a list")
        return
    for item in body:
        where = f"{path}:{line_of(item)}"
        if not isinstance(item, dict):
            problems.add(where, "", kind, "each entry must be a mapping")
            continue
        parse(item, where, rules, problems)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _per_lang(value: Any, where: str, rid: str, field: str, problems: _Problems) -> dict:
    """A mapping lang -> list of strings (or a string, for labels)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(where, rid, field, f"must map languages {LANGS} to values")
        return {}
    return {
        lang: words
        for lang, words in value.items()
        if _choice(lang, LANGS, "language", (where, rid, f"{field}.{lang}"), problems)
    }


def _check_id(item: dict, where: str, pattern: re.Pattern, problems: _Problems) -> str:
    rid = item.get("id")
    if not isinstance(rid, str) or not pattern.match(rid):
        problems.add(where, str(rid), "id", f"must match {pattern.pattern}")
        return str(rid)
    return rid


def _unknown_keys(
    item: dict, declared: tuple[schema.Field, ...], where: str, rid: str, problems: _Problems
) -> None:
    allowed = schema.names(declared)
    for key in sorted(set(item) - set(allowed), key=str):
        problems.add(where, rid, str(key), schema.unknown("field", key, allowed))


def _choice(
    value: Any, expected: tuple[str, ...], what: str, at: tuple[str, str, str], problems: _Problems
) -> bool:
    """Whether `value` is one of `expected`; if not, a problem at (where, id, field)."""
    if isinstance(value, str) and value in expected:
        return True
    problems.add(*at, schema.unknown(what, value, expected))
    return False


def _all_choices(
    values: list,
    expected: tuple[str, ...],
    what: str,
    at: tuple[str, str, str],
    problems: _Problems,
) -> bool:
    """Whether every value is one of `expected`; a problem for each that is not."""
    unknown = [v for v in values if not _choice(v, expected, what, at, problems)]
    return not unknown


def _labels(item: dict, where: str, rid: str, problems: _Problems) -> dict[str, str]:
    labels = _per_lang(item.get("labels"), where, rid, "labels", problems)
    for lang in LANGS:
        if not isinstance(labels.get(lang), str) or not labels[lang].strip():
            problems.add(where, rid, "labels", f"needs a label in {lang!r}")
    return labels


def _entity(item: dict, where: str, rules: Rules, problems: _Problems) -> None:
    _unknown_keys(item, schema.ENTITY, where, str(item.get("id")), problems)
    rid = _check_id(item, where, _ID, problems)
    _choice(item.get("type"), ENTITY_TYPES, "entity type", (where, rid, "type"), problems)
    aliases = item.get("aliases", [])
    if not _strings(aliases):
        problems.add(where, rid, "aliases", "must be a list of non-empty strings")
        aliases = []
    wikidata = item.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID.match(wikidata)):
        problems.add(where, rid, "wikidata", "must be a QID like Q184, or absent if unverified")
    relations = item.get("relations") or {}
    if not isinstance(relations, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in relations.items()
    ):
        problems.add(where, rid, "relations", "must map a property to an entity id")
        relations = {}
    relations = {
        prop: target
        for prop, target in relations.items()
        if _choice(
            prop,
            RELATION_PROPERTIES,
            "relation property",
            (where, rid, f"relations.{prop}"),
            problems,
        )
    }
    forms = {}
    for field in ("adjectives", "demonyms"):
        forms[field] = _per_lang(item.get(field), where, rid, field, problems)
        for lang, words in forms[field].items():
            if not _strings(words):
                problems.add(where, rid, f"{field}.{lang}", "must be a list of words")
    if rid in rules.entities:
        problems.add(where, rid, "id", f"already defined at {rules.entities[rid].source}")
    rules.entities[rid] = EntityRule(
        id=rid,
        type=str(item.get("type")),
        labels=_labels(item, where, rid, problems),
        aliases=list(aliases),
        adjectives=forms["adjectives"],
        demonyms=forms["demonyms"],
        relations={str(k): str(v) for k, v in relations.items()},
        wikidata=wikidata,
        description=_descriptions(item.get("description"), where, rid, problems),
        source=where,
    )


def _descriptions(value: Any, where: str, rid: str, problems: _Problems) -> dict[str, str]:
    descriptions = _per_lang(value, where, rid, "description", problems)
    for lang, text in descriptions.items():
        if not isinstance(text, str):
            problems.add(where, rid, f"description.{lang}", "must be a text")
    return descriptions


def _institution(item: dict, where: str, rules: Rules, problems: _Problems) -> None:
    _unknown_keys(item, schema.INSTITUTION, where, str(item.get("id")), problems)
    rid = _check_id(item, where, _ID, problems)
    _choice(item.get("type"), ENTITY_TYPES, "entity type", (where, rid, "type"), problems)
    nouns = _per_lang(item.get("nouns"), where, rid, "nouns", problems)
    for lang in LANGS:
        if not _strings(nouns.get(lang)):
            problems.add(where, rid, f"nouns.{lang}", "needs a list of nouns")
    acts_for_whole = item.get("acts_for_whole", False)
    if not isinstance(acts_for_whole, bool):
        problems.add(where, rid, "acts_for_whole", "must be true or false")
        acts_for_whole = False
    rules.institutions[rid] = InstitutionRule(
        rid,
        str(item.get("type")),
        _labels(item, where, rid, problems),
        nouns,
        where,
        acts_for_whole,
    )


def _event_type(item: dict, where: str, rules: Rules, problems: _Problems) -> None:
    _unknown_keys(item, schema.EVENT_TYPE, where, str(item.get("id")), problems)
    rid = _check_id(item, where, _TYPE_ID, problems)
    cameo = item.get("cameo")
    if cameo is not None and not valid_code(cameo):
        problems.add(
            where,
            rid,
            "cameo",
            "must be a quoted CAMEO code of root 01–20 like '0233', or one of "
            + ", ".join(KG_CODES)
            + " (or absent)",
        )
    roles: dict[str, tuple[str, ...]] = {}
    role_types = item.get("roles") or {}
    if not isinstance(role_types, dict):
        problems.add(where, rid, "roles", f"must map roles of {ROLES} to entity types")
        role_types = {}
    for role, types in role_types.items():
        at = (where, rid, f"roles.{role}")
        if not _choice(role, ROLES, "role", at, problems):
            continue
        if not _strings(types):
            problems.add(*at, f"must list entity types of {ENTITY_TYPES}")
        elif _all_choices(types, ENTITY_TYPES, "entity type", at, problems):
            roles[role] = tuple(types)
    subject = item.get("subject", "agent")
    _choice(subject, ROLES, "role", (where, rid, "subject"), problems)
    genitive = item.get("genitive", "patient")
    _choice(genitive, ROLES, "role", (where, rid, "genitive"), problems)
    direct_object = item.get("object", "patient")
    _choice(direct_object, ROLES, "role", (where, rid, "object"), problems)
    destination = item.get("destination", "destination")
    _choice(destination, ROLES, "role", (where, rid, "destination"), problems)
    requires = item.get("requires", ["agent", "patient"])
    if not _strings(requires):
        problems.add(where, rid, "requires", f"must list roles of {ROLES}")
        requires = ["agent", "patient"]
    elif not _all_choices(requires, ROLES, "role", (where, rid, "requires"), problems):
        requires = ["agent", "patient"]
    _descriptions(item.get("description"), where, rid, problems)
    crowd = item.get("crowd")
    if crowd is not None and not isinstance(crowd, str):
        problems.add(where, rid, "crowd", "must be an entity id")
        crowd = None
    counted = item.get("counted")
    if counted is not None and not _choice(
        counted, ROLES, "role", (where, rid, "counted"), problems
    ):
        counted = None
    covers = item.get("covers", [])
    if not _strings(covers):
        problems.add(where, rid, "covers", "must list event type ids")
        covers = []
    rules.event_types[rid] = EventTypeRule(
        id=rid,
        labels=_labels(item, where, rid, problems),
        cameo=cameo,
        roles=roles,
        subject=subject,
        standalone=_flag(item, "standalone", where, rid, problems),
        origin_acts=_flag(item, "origin_acts", where, rid, problems),
        destination_receives=_flag(item, "destination_receives", where, rid, problems),
        crowd=crowd,
        counted=counted,
        covers=tuple(covers),
        source=where,
        requires=tuple(requires),
        genitive=genitive,
        object=direct_object,
        destination=destination,
    )


def _flag(item: dict, field: str, where: str, rid: str, problems: _Problems) -> bool:
    value = item.get(field, False)
    if not isinstance(value, bool):
        problems.add(where, rid, field, "must be true or false")
        return False
    return value


def _examples(value: Any, where: str, rid: str, field: str, problems: _Problems) -> list[Example]:
    examples: list[Example] = []
    if value is not None and not isinstance(value, list):
        problems.add(where, rid, field, "must be a list of example sentences")
        return examples
    for raw in value or []:
        at = f"{where.rsplit(':', 1)[0]}:{line_of(raw, int(where.rsplit(':', 1)[1]))}"
        if isinstance(raw, str):
            examples.append(Example(raw, {}, at))
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            problems.add(at, rid, field, "each example is a string or {text, roles}")
            continue
        _unknown_keys(raw, schema.EXAMPLE, at, rid, problems)
        roles = {}
        wanted = raw.get("roles") or {}
        if not isinstance(wanted, dict):
            problems.add(at, rid, f"{field}.roles", "must map roles to entity ids")
            wanted = {}
        for role, ids in wanted.items():
            if not _choice(role, ROLES, "role", (at, rid, f"{field}.roles.{role}"), problems):
                continue
            ids = [ids] if isinstance(ids, str) else ids
            if not _strings(ids):
                problems.add(at, rid, f"{field}.roles.{role}", "must be an entity id or a list")
                continue
            roles[role] = tuple(ids)
        examples.append(Example(raw["text"], roles, at))
    return examples


def _pattern(item: dict, where: str, rules: Rules, problems: _Problems) -> None:
    _unknown_keys(item, schema.PATTERN, where, str(item.get("id")), problems)
    rid = _check_id(item, where, _ID, problems)
    _choice(item.get("lang"), LANGS, "language", (where, rid, "lang"), problems)
    match = item.get("match")
    if not isinstance(match, list) or not match or not all(isinstance(t, dict) for t in match):
        problems.add(where, rid, "match", "must be a non-empty list of spaCy token patterns")
        match = []
    context = frozenset(i for i, t in enumerate(match) if t.get(CONTEXT_KEY) is True)
    for index, token in enumerate(match):
        if token.get(CONTEXT_KEY, True) is not True:
            problems.add(where, rid, f"match[{index}].{CONTEXT_KEY}", "must be true when given")
        for attr, value in token.items():
            if isinstance(value, dict) and "REGEX" in value:
                reason = regex_problem(value["REGEX"])
                if reason:
                    problems.add(where, rid, f"match[{index}].{attr}.REGEX", reason)
    subject = item.get("subject")
    if subject is not None:
        _choice(subject, ROLES, "role", (where, rid, "subject"), problems)
    form = item.get("form")
    if form is not None:
        form_field = schema.field_of(schema.PATTERN, "form")
        _choice(form, form_field.choices, "form", (where, rid, "form"), problems)
    examples = _examples(item.get("examples"), where, rid, "examples", problems)
    if not examples:
        problems.add(where, rid, "examples", "every pattern needs at least one example sentence")
    if any(p.id == rid for p in rules.patterns):
        problems.add(where, rid, "id", "duplicate pattern id")
    rules.patterns.append(
        PatternRule(
            id=rid,
            lang=str(item.get("lang")),
            event=str(item.get("event")),
            match=[{k: v for k, v in t.items() if k != CONTEXT_KEY} for t in match],
            subject=subject,
            examples=examples,
            counterexamples=_examples(
                item.get("counterexamples"), where, rid, "counterexamples", problems
            ),
            source=where,
            form=form,
            context=context,
        )
    )


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(low: int, high: int):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _title_problems(value: Any) -> list[str]:
    """Why a title's value is wrong (nothing when it is right)."""
    if not isinstance(value, dict) or not _text(value.get("label")):
        return ["must be {label: …, relation: …, body: …}"]
    allowed = schema.names(schema.TITLE)
    reasons = [f"{k}: " + schema.unknown("field", k, allowed) for k in value if k not in allowed]
    body = value.get("body")
    if body is not None and not _text(body):
        reasons.append("body: must be an institution id (kg/rules/institutions.yaml)")
    relation = value.get("relation")
    if relation is not None and relation not in RELATION_PROPERTIES:
        reasons.append(
            "relation: " + schema.unknown("relation property", relation, RELATION_PROPERTIES)
        )
    return reasons


def _one_of(expected: tuple[str, ...], what: str):
    return lambda v: [] if v in expected else [schema.unknown(what, v, expected)]


def _valid(test, reason: str):
    return lambda v: [] if test(v) else [reason]


def _phrase_problems(phrase: Any) -> list[str]:
    """A lexicon's phrase is a non-empty string: YAML reads an unquoted on, no, yes, null or
    12 as something else, and an empty phrase would match nothing or everything."""
    if isinstance(phrase, str) and phrase.strip():
        return []
    if isinstance(phrase, str):
        return ["the phrase is empty"]
    return [f"YAML reads this phrase as {phrase!r}: put it in quotes"]


# why a value of a lexicon's mapping is wrong (nothing when it is right), by key
_LEXICON_VALUES = {
    "cues": _one_of(CUE_ROLES, "role"),
    "modality": _one_of(MODALITIES, "modality"),
    "noun_modality": _one_of(MODALITIES, "modality"),
    "stance": _one_of(FACTUALITIES, "factuality"),
    "pair_anaphora": _one_of(schema.PAIR_KINDS, "kind"),
    "class_nouns": _one_of(ENTITY_TYPES, "entity type"),
    "tense_auxiliaries": _one_of(TENSES, "tense"),
    "answering_bylines": _valid(_text, "must be an entity id"),
    "body_adjectives": _valid(_text, "must be an institution id (kg/rules/institutions.yaml)"),
    "answering_headings": _valid(_text, "must be an entity id"),
    "compass_parts": _valid(_text, "must be an English compass adjective ('eastern')"),
    "titles": _title_problems,
    "lemmas": _valid(_text, "must be a lemma (a word)"),
    "months": _valid(_number(1, 12), "must be a month number, 1 to 12"),
    "word_classes": _valid(
        lambda v: _strings(v) and bool(v) and all(w.strip() for w in v),
        "must be a non-empty list of words",
    ),
    "weekdays": _valid(_number(0, 6), "must be a weekday number, 0 (Monday) to 6"),
    "relative_days": _valid(_number(-7, 0), "must be days from the text's date, -7 to 0"),
    "days_later": _valid(
        _number(-31, 31), "must be days after (or, below 0, before) the date before it, -31 to 31"
    ),
    "relative_months": _valid(_number(-12, 12), "must be months from the text's date, -12 to 12"),
}


def _lexicon(body: Any, path: Path, rules: Rules, problems: _Problems) -> None:
    where = f"{path}:{line_of(body)}"
    if not isinstance(body, dict) or body.get("lang") not in LANGS:
        reason = f"a lexicon names its language, one of {LANGS}"
        if isinstance(body, dict) and "lang" in body:
            reason = schema.unknown("language", body["lang"], LANGS)
        problems.add(where, "lexicon", "lang", reason)
        return
    lang = body["lang"]
    lexicon = rules.lexicons.setdefault(lang, Lexicon(lang=lang, source=where))
    known = schema.names(schema.LEXICON)
    for key, value in body.items():
        if key == "lang":
            continue
        if key not in known:
            problems.add(where, f"lexicon.{lang}", str(key), schema.unknown("field", key, known))
            continue
        current = getattr(lexicon, key)
        if isinstance(current, list):
            if not _strings(value):
                problems.add(where, f"lexicon.{lang}", key, "must be a list of strings")
                continue
            current.extend(v.lower() for v in value)
        elif isinstance(value, dict):
            at = f"{path}:{line_of(value, line_of(body))}"
            wrong = {k: _phrase_problems(k) + _LEXICON_VALUES[key](v) for k, v in value.items()}
            for phrase, reasons in wrong.items():
                for reason in reasons:
                    problems.add(at, f"lexicon.{lang}", f"{key}.{phrase}", reason)
            if not any(wrong.values()):
                if key == "word_classes":  # a class is only added to, like a list
                    for name, words in value.items():
                        current.setdefault(str(name), []).extend(w.lower() for w in words)
                    continue
                current.update({str(k).lower(): v for k, v in value.items()})
        else:
            problems.add(where, f"lexicon.{lang}", key, "must be a mapping")


def _names(body: Any, path: Path, rules: Rules, problems: _Problems) -> None:
    """A `names:` file: given names (from a text file next to it) and spelling rewrites."""
    where = f"{path}:{line_of(body)}"
    if not isinstance(body, dict):
        problems.add(where, "names", "names", "must be a mapping")
        return
    _unknown_keys(body, schema.NAMES, where, "names", problems)
    names = rules.names
    names.sources.append(where)
    listed = body.get("given_names")
    if listed is not None:
        names.given_names |= _given_names(path, listed, where, problems)
    for rewrite in body.get("transliteration") or []:
        at = f"{path}:{line_of(rewrite, line_of(body))}"
        if not isinstance(rewrite, dict):
            problems.add(at, "names", "transliteration", "each entry is {match, replace}")
            continue
        _unknown_keys(rewrite, schema.REWRITE, at, "names", problems)
        match, replace = rewrite.get("match"), rewrite.get("replace")
        if not (isinstance(match, str) and match and isinstance(replace, str)):
            problems.add(at, "names", "transliteration", "needs a regex `match` and a `replace`")
            continue
        problem = regex_problem(match)
        if problem is None:
            try:
                re.compile(match).sub(replace, "test")
            except (re.error, IndexError) as exc:
                problem = str(exc)
        if problem:
            problems.add(at, "names", f"transliteration {match!r}", problem)
            continue
        names.transliteration.append((match, replace))
    for key in ("same", "different"):
        groups = body.get(key) or []
        if not isinstance(groups, list) or not all(_strings(g) for g in groups):
            problems.add(where, "names", key, "must be a list of lists of names")
            continue
        getattr(names, key).extend(list(g) for g in groups)


def _given_names(path: Path, listed: Any, where: str, problems: _Problems) -> set[str]:
    """The names of the list file `listed` (next to the YAML file), lowercase."""
    if not isinstance(listed, str) or "/" in listed or "\\" in listed or listed.startswith("."):
        problems.add(where, "names", "given_names", "must be a file name next to this file")
        return set()
    try:
        text = (path.parent / listed).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(where, "names", "given_names", f"{listed}: {exc.__class__.__name__}: {exc}")
        return set()
    return {
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }


def _expand_word_classes(rules: Rules, problems: _Problems) -> None:
    """ "@weapons" in a pattern's IN or NOT_IN list stands for the words of that class in
    the pattern's language (the lexicon's `word_classes`): one list serves every pattern."""
    for pattern in rules.patterns:
        lexicon = rules.lexicons.get(pattern.lang)
        classes = lexicon.word_classes if lexicon is not None else {}
        for index, token in enumerate(pattern.match):
            for attr, value in token.items():
                for op in ("IN", "NOT_IN"):
                    if isinstance(value, dict) and isinstance(value.get(op), list):
                        where = (pattern, f"match[{index}].{attr}")
                        value[op] = _expanded(value[op], classes, where, problems)


def _expanded(
    words: list, classes: dict[str, list[str]], where: tuple[PatternRule, str], problems: _Problems
) -> list:
    """The words of an IN list with each "@class" replaced by the class's words."""
    out: list = []
    for word in words:
        if not (isinstance(word, str) and word.startswith("@")):
            out.append(word)
        elif word[1:] in classes:
            out.extend(w for w in classes[word[1:]] if w not in out)
        else:
            pattern, field = where
            reason = f"unknown word class {word!r} in lexicon.{pattern.lang}"
            reason += schema.did_you_mean(word[1:], classes)
            problems.add(pattern.source, pattern.id, field, reason)
    return out


def _cross_check(rules: Rules, problems: _Problems) -> None:
    """References between rules: events of patterns, ids in relations and examples."""
    derived = {f"{e}-{i}" for e in rules.entities for i in rules.institutions}
    known_ids = set(rules.entities) | derived
    for entity in rules.entities.values():
        for prop, target in entity.relations.items():
            if target not in rules.entities:
                reason = f"unknown entity {target!r}" + schema.did_you_mean(target, rules.entities)
                problems.add(entity.source, entity.id, f"relations.{prop}", reason)
    for event_type in rules.event_types.values():
        for covered in event_type.covers:
            if covered not in rules.event_types:
                reason = f"unknown event type {covered!r}" + schema.did_you_mean(
                    str(covered), rules.event_types
                )
                problems.add(event_type.source, event_type.id, "covers", reason)
        crowd = event_type.crowd
        if crowd is not None and crowd not in rules.entities:
            reason = f"unknown entity {crowd!r}" + schema.did_you_mean(str(crowd), rules.entities)
            problems.add(event_type.source, event_type.id, "crowd", reason)
    for problem in example_problems(rules.names):
        where = rules.names.sources[0] if rules.names.sources else "rules"
        problems.add(where, "names", "examples", problem)
    for lang in LANGS:
        if lang not in rules.lexicons:
            problems.add("rules", f"lexicon.{lang}", "lexicon", f"no lexicon for {lang!r}")
            continue
        lexicon = rules.lexicons[lang]
        named_bodies = [
            *((f"titles.{word}.body", title.get("body")) for word, title in lexicon.titles.items()),
            *((f"body_adjectives.{word}", body) for word, body in lexicon.body_adjectives.items()),
        ]
        for key, body in named_bodies:
            if isinstance(body, str) and body not in rules.institutions:
                reason = f"unknown institution {body!r}"
                reason += schema.did_you_mean(body, rules.institutions)
                problems.add(lexicon.source, f"lexicon.{lang}", key, reason)
        for key in ("answering_bylines", "answering_headings"):
            for phrase, target in getattr(lexicon, key).items():
                if target not in known_ids:
                    reason = f"unknown entity {target!r}" + schema.did_you_mean(target, known_ids)
                    problems.add(lexicon.source, f"lexicon.{lang}", f"{key}.{phrase}", reason)
    for pattern in rules.patterns:
        if pattern.event not in rules.event_types:
            reason = f"unknown event type {pattern.event!r}"
            reason += schema.did_you_mean(pattern.event, rules.event_types)
            problems.add(pattern.source, pattern.id, "event", reason)
        for example in pattern.examples:
            for role, ids in example.roles.items():
                for eid in ids:
                    # "~id": a name found by the rules, not in the gazetteer
                    if not eid.startswith("~") and eid not in known_ids:
                        reason = f"unknown {eid!r}" + schema.did_you_mean(eid, known_ids)
                        problems.add(example.source, pattern.id, f"examples.{role}", reason)
    for event_type in rules.event_types.values():
        for lang in LANGS:
            if not any(p.event == event_type.id and p.lang == lang for p in rules.patterns):
                problems.add(event_type.source, event_type.id, "patterns", f"no {lang} pattern")
