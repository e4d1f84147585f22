"""Errors cleaner raises on purpose: each message is one line a user can act on."""


class CleanerError(ValueError):
    """Base class: the CLI prints these as one line, without a traceback."""


class InputError(CleanerError):
    """Input that cannot be read as a document (binary data, undecodable bytes)."""
