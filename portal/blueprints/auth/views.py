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


@bp.route('/registreren', methods=['GET', 'POST'])
def register():
    return 'TODO', 501


@bp.route('/wachtwoord-vergeten', methods=['GET', 'POST'])
def forgot_password():
    return 'TODO', 501


@bp.route('/tweestaps/instellen', methods=['GET', 'POST'])
def two_step_setup():
    return 'TODO', 501
