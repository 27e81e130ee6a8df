"""Errors a user can cause. The CLI prints them as one line and exits non-zero."""


class KgError(Exception):
    """Base of every error that is the user's input, not a bug in kg."""


class InputError(KgError):
    """An article file cannot be read (not UTF-8, binary, empty, broken header)."""


class ExtractionError(InputError):
    """A document was read but cannot be extracted (over its time budget): it is skipped."""


class RuleError(KgError):
    """A rule file is invalid; the message lists every problem as file:line › id › field: reason."""


class QueryError(KgError):
    """A SPARQL query is invalid, unsafe, or failed."""


class DataError(KgError):
    """A data file (Turtle, TriG, …) given to a command is missing or unreadable."""


class OutputError(KgError):
    """An output file cannot be written where the user asked (a folder, a read-only place)."""
