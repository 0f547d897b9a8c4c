"""A small exception hierarchy; every message says what to do next."""


class LixiaError(Exception):
    """Base class for errors a user can act on."""


class IngestError(LixiaError):
    """The folder could not be turned into an index (no usable documents, bad path)."""


class IndexNotFoundError(LixiaError):
    """No index at the configured path."""


class IndexMismatchError(LixiaError):
    """The index was built with other settings than the current ones."""


class ModelLoadError(LixiaError):
    """The embedding model could not be loaded."""


class BadQueryError(LixiaError, ValueError):
    """The query is empty, too long or contains control characters."""


class NotFoundError(LixiaError, KeyError):
    """An unknown document or record id."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""
