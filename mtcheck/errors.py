"""Errors that stop a run.  The CLI turns them into one line and exit code 2."""

from __future__ import annotations


class MtcheckError(Exception):
    """A problem that prevents checking: bad usage, unreadable input, bad config."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(self.message.split("\n"))


class InputError(MtcheckError):
    """An input path or file that cannot be read or decoded."""


class ConfigError(MtcheckError):
    """An invalid configuration file or option."""
