"""Which language a page speaks: the user's setting, the `lang` cookie, the browser, then Dutch."""

from flask import current_app, request
from flask_login import current_user

LANG_COOKIE = 'lang'
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600


def supported_locales() -> tuple[str, ...]:
    return tuple(current_app.config['LANGUAGES'])


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = supported_locales()
    if not request:
        return current_app.config['BABEL_DEFAULT_LOCALE']
    user_locale = getattr(current_user, 'locale', None) if current_user else None
    if user_locale in languages:
        return user_locale
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config['BABEL_DEFAULT_LOCALE']
