"""Errors a user can cause. The CLI and the web application turn these into one-line messages."""


class ChitieuError(Exception):
    """Base of every error that is the user's input, not a bug: shown as one line, never a traceback."""


class UnreadableDocument(ChitieuError):
    """The file cannot be read as a document (missing, empty, corrupt, hostile, too large, wrong type)."""


class MissingDependency(ChitieuError):
    """A system program the product needs (e.g. Tesseract) is not installed; the message names the package."""
