"""Friendly error pages in the visitor's language."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.extensions import db

PAGES = {
    400: (_l('The request could not be processed'),
          _l('Something in the request was not right. Go back, check what you entered and try again.')),
    403: (_l('No access'),
          _l('You do not have permission to open this page. Sign in with another account or contact '
             'your account manager at the municipality.')),
    404: (_l('Page not found'),
          _l('This page does not exist (any more). Check the address, or start again from the home page.')),
    413: (_l('The file is too large'),
          _l('What you sent is larger than the portal accepts (at most 6 MB). Split the file into smaller '
             'parts and send them one by one.')),
    429: (_l('Too many attempts'),
          _l('You have tried this too often in a short time. Wait a few minutes and try again.')),
    500: (_l('Something went wrong on our side'),
          _l('The portal could not finish your request. Nothing you entered has been saved halfway. '
             'Try again in a moment; if it keeps happening, contact your account manager.')),
}
CSRF_PAGE = (_l('Your session has expired'),
             _l('For your safety the form was not sent, because it was open too long or came from '
                'another site. Go back, reload the page and submit it again.'))


def render_error(code: int, title: str, explanation: str) -> tuple[str, int]:
    return render_template('errors/error.html', code=code, title=title, explanation=explanation), code


def init_app(app: Flask) -> None:
    def handle_http(error: HTTPException):
        if isinstance(error, CSRFError):
            return render_error(400, *CSRF_PAGE)
        title, explanation = PAGES.get(error.code or 500, PAGES[500])
        return render_error(error.code or 500, title, explanation)

    def handle_server_error(error: Exception):
        # The request's transaction is lost; never let a half-done change be committed after this.
        db.session.rollback()
        return render_error(500, *PAGES[500])

    for code in PAGES:
        app.register_error_handler(code, handle_http)
    app.register_error_handler(InternalServerError, handle_server_error)
