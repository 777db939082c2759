"""The views' one way to run an operation (portal.core.operations.commit_or_flash): true with the operation's result,
even a result of 0 or None; on a refusal False, rolled back, with the reason flashed."""

from flask import get_flashed_messages

from portal.core.operations import OperationRefused, commit_or_flash
from portal.models.accounts import User
from tests.factories import make_user


def test_it_commits_and_hands_back_what_the_operation_returned(app, db):
    user = make_user(db)
    with app.test_request_context('/'):
        nothing, zero = commit_or_flash(lambda: None), commit_or_flash(lambda: 0)
        counted = commit_or_flash(lambda: 3)

    assert all(map(bool, (nothing, zero, counted)))
    assert (nothing.result, zero.result, counted.result) == (None, 0, 3)
    assert db.session.get(User, user.id) is not None  # committed, not rolled back


def test_a_refusal_rolls_back_and_flashes_why(app, db):
    def refuse():
        db.session.add(User(email='weg@example.nl', name='Weg'))
        db.session.flush()
        raise OperationRefused('Dit mag niet.')

    with app.test_request_context('/'):
        assert commit_or_flash(refuse) is False
        assert get_flashed_messages(with_categories=True) == [('error', 'Dit mag niet.')]
    assert db.session.query(User).filter_by(email='weg@example.nl').first() is None
