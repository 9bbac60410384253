"""Errors a client may see as they are: their message is safe and useful, ``code`` is
machine-readable (``extensions.code``)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An expected error whose message is safe to show."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions = extensions


class BadInput(ApiError):
    code = "BAD_USER_INPUT"


class NotFound(ApiError):
    code = "NOT_FOUND"
