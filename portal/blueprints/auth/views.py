from flask import redirect, url_for
from flask_login import logout_user

from portal.blueprints.auth import bp


@bp.route('/inloggen', methods=['GET', 'POST'])
def sign_in():
    return 'TODO', 501


@bp.post('/uitloggen')
def sign_out():
    logout_user()
    return redirect(url_for('main.index'))
