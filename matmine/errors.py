"""Named exceptions.  Every error a user can cause is a :class:`MatmineError`;
the CLI turns it into one line on stderr and a non-zero exit code."""

from __future__ import annotations


class MatmineError(Exception):
    """Base class for errors the user can act on (shown without a traceback)."""

    exit_code = 2


class ConfigurationError(MatmineError):
    """A setting or option has an invalid value."""


class InputNotFoundError(MatmineError):
    """A path given by the user does not exist."""


class UnsupportedFormatError(MatmineError):
    """No reader knows this file format."""


class DocumentParseError(MatmineError):
    """A file could not be read into a Document (it goes to quarantine)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ArchiveTooLargeError(DocumentParseError):
    """An archive exceeds the configured size or member-count limits."""


class DocumentNotFoundError(MatmineError):
    """``show`` or a lookup found no document with that id."""


class QuerySyntaxError(MatmineError):
    """A filter could not be parsed; ``column`` points at the problem (1-based)."""

    def __init__(self, message: str, *, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column

    def __str__(self) -> str:
        base = super().__str__()
        if self.column is not None and not base.startswith("bad filter at column"):
            return f"bad filter at column {self.column}: {base}"
        return base


class UnsupportedQueryError(MatmineError):
    """The query is valid but this backend cannot run it."""


class IndexUnavailableError(MatmineError):
    """The configured index (e.g. an Elasticsearch URL) cannot be reached."""


class CrawlError(MatmineError):
    """A crawl could not start (bad source, missing credentials, bad endpoint)."""
