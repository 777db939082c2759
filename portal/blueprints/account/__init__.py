"""My account: profile, language, password, email, my data, deleting the account."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint('account', __name__, url_prefix='/account')


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.account import views  # noqa: E402,F401
