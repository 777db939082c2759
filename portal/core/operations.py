"""What views share around operations: a refusal the user should read, and one commit per request."""

from collections.abc import Callable

from flask import flash

from portal.extensions import db


class OperationRefused(Exception):
    """An operation will not run in the current state of things; str(exc) is a translated message for the user."""


def commit_or_flash(operation: Callable, *args, **kwargs) -> bool:
    """Run `operation` and commit; when it is refused, roll back, flash why, and return False."""
    try:
        operation(*args, **kwargs)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
        return False
    db.session.commit()
    return True
