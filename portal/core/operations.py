"""What views share around operations: a refusal the user should read, and one commit per request."""

from collections.abc import Callable
from typing import Any, Literal

from flask import flash

from portal.extensions import db


class OperationRefused(Exception):
    """An operation will not run in the current state of things; str(exc) is a translated message for the user."""


class Committed:
    """An operation that ran and was committed: always true (`if commit_or_flash(...)`), with what it returned."""

    __slots__ = ('result',)

    def __init__(self, result: Any) -> None:
        self.result = result

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f'<Committed {self.result!r}>'


def commit_or_flash(operation: Callable, *args, **kwargs) -> Committed | Literal[False]:
    """Run `operation` and commit, returning a Committed that holds its result (true even when the result is None
    or 0); when it is refused, roll back, flash why, and return False."""
    try:
        result = operation(*args, **kwargs)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
        return False
    db.session.commit()
    return Committed(result)
