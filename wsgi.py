"""Entry point for gunicorn (`gunicorn wsgi:app`) and `flask --app wsgi`."""

import sys

from config import ConfigError
from portal import create_app

try:
    app = create_app()
except ConfigError as exc:
    sys.exit(f'Kansenkamer cannot start: {exc}')
