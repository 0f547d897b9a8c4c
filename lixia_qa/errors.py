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
    """The query is empty, too long or contains control characters.

    ``loc`` names the input at fault the way FastAPI does (e.g. ``("body", "question")``).
    """

    def __init__(self, message: str = "", loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.loc = loc


class NotFoundError(LixiaError, KeyError):
    """An unknown document or record id."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


class NotAuthenticatedError(LixiaError):
    """An admin endpoint was called without a bearer key."""


class ForbiddenError(LixiaError):
    """A wrong admin key, or admin endpoints are switched off."""


class BadDocumentError(LixiaError, ValueError):
    """An uploaded document is unusable: a name escaping the folder, an empty file."""


class UnsupportedFileError(BadDocumentError):
    """An uploaded file has a suffix the loader cannot read."""


class FileTooLargeError(BadDocumentError):
    """An uploaded file is larger than the upload limit."""


class StoreError(LixiaError):
    """A store the service writes to (feedback database, documents folder) failed."""
