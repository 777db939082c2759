"""Kansenkamer: the application factory."""

import logging
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import config_for
from portal import cli, models  # noqa: F401 (models: every table registered for Alembic)
from portal.blueprints.account import bp as account_bp
from portal.blueprints.activities import bp as activities_bp
from portal.blueprints.admin import bp as admin_bp
from portal.blueprints.auth import bp as auth_bp
from portal.blueprints.buddies import bp as buddies_bp
from portal.blueprints.caseload import bp as caseload_bp
from portal.blueprints.demand import bp as demand_bp
from portal.blueprints.devmail import bp as devmail_bp
from portal.blueprints.main import bp as main_bp
from portal.blueprints.matching import bp as matching_bp
from portal.blueprints.monitoring import bp as monitoring_bp
from portal.blueprints.network import bp as network_bp
from portal.blueprints.organisations import bp as organisations_bp
from portal.blueprints.proposals import bp as proposals_bp
from portal.blueprints.regional import bp as regional_bp
from portal.blueprints.review import bp as review_bp
from portal.blueprints.staff import bp as staff_bp
from portal.blueprints.taxonomy import bp as taxonomy_bp
from portal.core import access, auth, database, errors, i18n, security, templating  # noqa: F401 (registration on import)
from portal.extensions import babel, csrf, db, limiter, login_manager, mail, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / 'migrations'


def create_app(config_name: str | None = None) -> Flask:
    """Build the app for `config_name` (default: PORTAL_ENV, else development)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_for(config_name))
    Path(app.instance_path).mkdir(exist_ok=True)  # the default SQLite database lives there
    if app.config['PROXY_COUNT']:
        count = app.config['PROXY_COUNT']
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    login_manager.init_app(app)
    mail.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(demand_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(regional_bp)
    app.register_blueprint(network_bp)
    app.register_blueprint(taxonomy_bp)
    app.register_blueprint(caseload_bp)
    app.register_blueprint(matching_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(monitoring_bp)
    app.register_blueprint(activities_bp)
    app.register_blueprint(buddies_bp)
    if app.config['DEV_MAILBOX']:
        app.register_blueprint(devmail_bp)

    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app
