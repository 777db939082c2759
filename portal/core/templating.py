"""What every template gets: the region it is branded for and the language switch."""

from flask import Flask, request, url_for
from flask_babel import get_locale

from portal.core.theme import current_region

LANGUAGE_NAMES = {'nl': 'Nederlands', 'en': 'English'}


def language_links() -> list[dict[str, str]]:
    """One link per other language, back to this same page."""
    here = request.full_path.rstrip('?') if request else '/'
    current = str(get_locale())
    return [{'code': code, 'name': LANGUAGE_NAMES[code], 'url': url_for('main.set_language', code=code, next=here)}
            for code in LANGUAGE_NAMES if code != current]


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_layout_context() -> dict:
        return {'current_region': current_region(), 'language_links': language_links,
                'current_locale': str(get_locale())}
