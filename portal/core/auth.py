"""Flask-Login wiring.

The accounts issue adds the User model and replaces this loader with one that loads it;
until then no session can carry a signed-in user.
"""

from portal.extensions import login_manager


@login_manager.user_loader
def load_user(user_id: str):
    return None
