"""Typed errors that carry data, not UI text; the UI turns them into translated messages."""

from __future__ import annotations

from dataclasses import dataclass


class ErpError(Exception):
    """Base of every business error."""


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str           # a stable code, e.g. "required", "bad_check_digit", "duplicate"
    detail: str = ""      # human-readable detail in English (the UI may translate the code instead)


class ValidationError(ErpError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.detail or e.reason}" for e in errors))
        self.errors = errors


class NotFoundError(ErpError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r} not found")
        self.what = what
        self.key = key


class ConcurrentChangeError(ErpError):
    """Someone else saved the document since it was loaded: reload and redo the change."""

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r} was changed by someone else; reload it")
        self.what = what
        self.key = key


class PermissionDeniedError(ErpError):
    """The database refused: the user's role has no right to do this."""

    def __init__(self, action: str, detail: str = "") -> None:
        super().__init__(f"permission denied: {action}" + (f" ({detail})" if detail else ""))
        self.action = action
        self.detail = detail


class AlreadyExistsError(ErpError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r} exists already")
        self.what = what
        self.key = key
