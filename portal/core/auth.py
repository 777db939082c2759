"""Flask-Login wiring: load the signed-in user from the session."""

from portal.extensions import db, login_manager
from portal.models.accounts import User


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """`session_id` is "<user id>:<session version>"; an old version (password changed) signs out."""
    user_id, _, version = session_id.partition(':')
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user
