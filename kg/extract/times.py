"""Time expressions, resolved against the document's own dates (never the clock).

"maandag" in an article of November 2021 whose posts date from 7–8 November is the Monday
on or before the latest of those dates; "in mei van dit jaar" takes the article's year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.language import word_ids
from kg.records import TimeValue
from kg.rules.model import Lexicon

# words before a bare year that make it a date ("in 2021", "begin 2022", "mid-2020")
_YEAR_OPENERS = {
    "in",
    "of",
    "van",
    "early",
    "late",
    "mid",
    "begin",
    "eind",
    "medio",
    "during",
    "tijdens",
    "halverwege",
    "summer",
    "winter",
    "spring",
    "autumn",
    "zomer",
}
_DAY_LINKS = {"and", "en", "to", "tot", "-", "–"}  # "19 and 20 September", "19-20 september"
_DETERMINERS = {"the", "a", "de", "het", "een"}  # "the 2020 election", "de 2020 verkiezingen"
_LOOK_BACK = dt.timedelta(days=7)  # "on 24 June" a week after the reference day: last year's
_SPAN_REACH = 12  # words back to a "since" that opens the clause of a date


@dataclass
class TimeMention:
    start: int
    end: int
    value: TimeValue


@dataclass
class TimeContext:
    """What relative expressions resolve against: a reference day and a reference year."""

    reference_day: dt.date | None
    year: int | None
    # an undated text (a Wikipedia lead) tells a story in order: a year-less date takes the
    # year last written before it, not the first one
    follows_text: bool = False

    @classmethod
    def for_document(cls, date: str | None, post_dates: list[str]) -> TimeContext:
        day = _parse_day(date)
        year = int(date[:4]) if date else None
        if day is None and date:
            within = sorted(d for d in post_dates if d.startswith(date))
            day = _parse_day(within[-1]) if within else None
        if year is None and post_dates:
            year = int(max(post_dates)[:4])
        return cls(day, year, follows_text=year is None)


def _parse_day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _int(text: str, low: int, high: int) -> int | None:
    if text.isdigit() and low <= int(text) <= high:
        return int(text)
    return None


def _year(text: str) -> int | None:
    return _int(text, 1000, 2999) if len(text) == 4 else None


def _value(year: int, month: int | None = None, day: int | None = None) -> TimeValue | None:
    if month is None:
        return TimeValue(f"{year:04d}", "year")
    if day is None:
        return TimeValue(f"{year:04d}-{month:02d}", "month")
    try:
        return TimeValue(dt.date(year, month, day).isoformat(), "date")
    except ValueError:
        return None


class TimeFinder:
    """Finds dates, months, years and weekdays in a passage of one language."""

    def __init__(self, lexicon: Lexicon, phrases_of) -> None:
        self.lexicon = lexicon
        self.phrases_of = phrases_of  # doc -> list of (kind, value, start, end) phrase matches
        self.capital_months = lexicon.lang == "en"  # "May" the month, "may" the verb
        self._words = word_ids(
            frozenset({*lexicon.months, *lexicon.weekdays, *lexicon.relative_days})
        )
        self._span_openers = frozenset(lexicon.span_openers)
        self._bounds = frozenset(lexicon.time_bounds)
        self._bound_qualifiers = frozenset(lexicon.time_bound_qualifiers)

    def find(self, doc: Doc, context: TimeContext) -> list[TimeMention]:
        phrases = self.phrases_of(doc)
        this_year = {s: e for kind, _, s, e in phrases if kind == "this_year"}
        last_year = {s: e for kind, _, s, e in phrases if kind == "last_year"}
        found: list[TimeMention] = []
        taken: set[int] = set()
        for i in self._candidates(doc):
            if i in taken:
                continue
            mention = self._month_expression(doc, i, context, this_year, last_year)
            if mention is None:
                mention = self._weekday(doc, i, context)
            if mention is None:
                mention = self._relative_day(doc, i, context)
            if mention is None:
                mention = self._bare_year(doc, i)
            if mention is not None and (
                self._opens_a_span(doc, mention.start) or self._bounded(doc, mention.start)
            ):
                taken.update(range(mention.start, mention.end))
                continue
            if mention is not None:
                found.append(mention)
                taken.update(range(mention.start, mention.end))
                if mention.value.value[:4].isdigit():
                    written = int(mention.value.value[:4])
                    context.year = written if context.follows_text else context.year or written
        found += self._relative_months(doc, phrases, context, taken)
        found.sort(key=lambda m: m.start)
        later = [(s, e, int(v)) for kind, v, s, e in phrases if kind == "days_later"]
        if later:
            found = self._days_later(found, later, taken)
        return found

    @staticmethod
    def _days_later(found, later, taken) -> list[TimeMention]:
        """ "the next day", "twee dagen later": after the last full date written before."""
        out = list(found)
        for start, end, days in sorted(later):
            if taken.intersection(range(start, end)):
                continue
            before = [m for m in out if m.end <= start and m.value.precision == "date"]
            if not before:
                continue
            last = max(before, key=lambda m: m.end)
            day = dt.date.fromisoformat(last.value.value) + dt.timedelta(days=days)
            out.append(TimeMention(start, end, TimeValue(day.isoformat(), "date")))
        return sorted(out, key=lambda m: m.start)

    def _relative_months(self, doc, phrases, context, taken) -> list[TimeMention]:
        """ "earlier this month", "vorige maand": a month counted from the text's own day;
        the longest phrase at a place wins, and "since last month" starts a span."""
        ref = context.reference_day
        if ref is None:
            return []
        spans = sorted(
            ((s, e, int(v)) for kind, v, s, e in phrases if kind == "relative_month"),
            key=lambda p: (p[0], p[0] - p[1]),
        )
        out: list[TimeMention] = []
        for start, end, months in spans:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            if self._opens_a_span(doc, start) or self._bounded(doc, start):
                continue
            index = ref.year * 12 + ref.month - 1 + months
            out.append(TimeMention(start, end, _value(index // 12, index % 12 + 1)))
        return out

    def _opens_a_span(self, doc: Doc, start: int) -> bool:
        """Is the time in a clause opened by "since"/"sinds" (back to a punctuation mark)?"""
        openers = self._span_openers
        for i in range(start - 1, max(-1, start - _SPAN_REACH), -1):
            token = doc[i]
            if token.is_punct or token.is_sent_start:
                return token.lower_ in openers
            if token.lower_ in openers:
                return True
        return False

    def _bounded(self, doc: Doc, start: int) -> bool:
        """Is the time a deadline or a limit ("to dissolve them by 1 January 2024",
        "uiterlijk in maart")? It says when something must end, not when the event
        happened. Opening a sentence or clause ("By late August, the talks had failed") it
        dates what follows."""
        i = start - 1
        if i >= 0 and doc[i].lower_ in self._bound_qualifiers:
            i -= 1  # "by late August", "tot eind maart"
        if i < 0 or doc[i].lower_ not in self._bounds:
            return False
        return not (doc[i].is_sent_start or (i > 0 and doc[i - 1].is_punct))

    def _candidates(self, doc: Doc) -> list[int]:
        """Where a time expression can start: a month or weekday word, or four characters
        (a year). Found from the tokens' hashes: most words of a text are skipped unread."""
        words = self._words
        lowers = doc.to_array("LOWER").tolist()
        lengths = doc.to_array("LENGTH").tolist()
        pairs = enumerate(zip(lowers, lengths, strict=True))
        return [i for i, (w, n) in pairs if n == 4 or w in words]

    def _month_expression(self, doc, i, context, this_year, last_year) -> TimeMention | None:
        token = doc[i]
        month = self.lexicon.months.get(token.lower_)
        if month is None or (self.capital_months and not token.text[:1].isupper()):
            return None
        start, end, day, year = i, i + 1, None, None
        if i > 0 and (d := _int(doc[i - 1].text, 1, 31)) is not None:
            start, day = i - 1, d
            # "On 19 and 20 September": the first day is when it began
            linked = start >= 2 and doc[start - 1].lower_ in _DAY_LINKS
            first = _int(doc[start - 2].text, 1, 31) if linked else None
            if first is not None and first < day:
                start, day = start - 2, first
        elif end < len(doc) and (d := _int(doc[end].text, 1, 31)) is not None:
            day, end = d, end + 1  # "November 8, 2021"
            if end < len(doc) and doc[end].text == ",":
                end += 1
        if end < len(doc) and (y := _year(doc[end].text)) is not None:
            year, end = y, end + 1
        elif end in this_year and context.year:
            year, end = context.year, this_year[end]
        elif end in last_year and context.year:
            year, end = context.year - 1, last_year[end]
        elif doc[end - 1].text == ",":
            end -= 1
        if year is None:
            if context.year is None:
                return None
            year = context.year
            ref = context.reference_day
            if ref is not None and day is not None and year == ref.year:
                # news tells what happened: a day well after the article's is last year's
                when = _value(year, month, day)
                if when is not None and dt.date.fromisoformat(when.value) > ref + _LOOK_BACK:
                    year -= 1
            elif ref is not None and year == ref.year and month > ref.month + 1:
                year -= 1
        value = _value(year, month, day)
        return TimeMention(start, end, value) if value else None

    def _weekday(self, doc, i, context) -> TimeMention | None:
        weekday = self.lexicon.weekdays.get(doc[i].lower_)
        if weekday is None or context.reference_day is None:
            return None
        ref = context.reference_day
        day = ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)
        return TimeMention(i, i + 1, TimeValue(day.isoformat(), "date"))

    def _relative_day(self, doc, i, context) -> TimeMention | None:
        """ "vandaag", "yesterday": counted from the text's own date, never the clock."""
        offset = self.lexicon.relative_days.get(doc[i].lower_)
        if offset is None or context.reference_day is None:
            return None
        day = context.reference_day + dt.timedelta(days=offset)
        return TimeMention(i, i + 1, TimeValue(day.isoformat(), "date"))

    def _bare_year(self, doc, i) -> TimeMention | None:
        """A year after "in", "of", "early", "eind", or before a noun ("the 2021 crisis");
        never after "since"/"sinds": that starts a span, not an event's date."""
        year = _year(doc[i].text)
        if year is None or i == 0:
            return None
        before = doc[i - 1].lower_
        attributive = before in _DETERMINERS and i + 1 < len(doc) and doc[i + 1].is_alpha
        if before not in _YEAR_OPENERS and not attributive:
            return None
        return TimeMention(i, i + 1, TimeValue(f"{year:04d}", "year"))
