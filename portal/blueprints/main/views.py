"""Public pages: home, accessibility statement, privacy, the language switch and the region theme."""

import hashlib

from flask import abort, current_app, make_response, redirect, render_template, request
from flask_login import current_user
from sqlalchemy import text

from portal.blueprints.account.operations import update_profile
from portal.blueprints.main import bp
from portal.core.i18n import LANG_COOKIE, LANG_COOKIE_MAX_AGE
from portal.core.urls import safe_next
from portal.extensions import db
from portal.models.tenancy import Region


@bp.get('/')
def index():
    return render_template('main/index.html')


@bp.get('/toegankelijkheid')
def accessibility():
    return render_template('main/accessibility.html')


@bp.get('/privacy')
def privacy():
    return render_template('main/privacy.html')


@bp.get('/taal/<code>')
def set_language(code: str):
    """Remember the chosen language in a cookie and return to the page the visitor was on.

    A signed-in person's account language outranks the cookie (and decides their mail), so it changes too.
    """
    if code not in current_app.config['LANGUAGES']:
        abort(404)
    if current_user.is_authenticated and current_user.locale != code:
        update_profile(current_user._get_current_object(), name=current_user.name, locale=code)
        db.session.commit()
    response = redirect(safe_next(request.args.get('next')))
    response.set_cookie(LANG_COOKIE, code, max_age=LANG_COOKIE_MAX_AGE, httponly=True, samesite='Lax',
                        secure=current_app.config['SESSION_COOKIE_SECURE'])
    return response


@bp.get('/thema/<slug>.css')
def region_theme(slug: str):
    """The region's colours as NL Design System token overrides (a stylesheet, so the CSP needs no inline style)."""
    region = Region.by_slug(slug)
    if region is None:
        abort(404)
    css = render_template('main/theme.css', region=region)
    etag = hashlib.sha256(css.encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        return '', 304
    response = make_response(css)
    response.mimetype = 'text/css'
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response


@bp.get('/health')
def health():
    """For the load balancer: 200 when the app can reach its database."""
    db.session.execute(text('SELECT 1'))
    return {'status': 'ok'}
