"""Alembic environment: the database and metadata come from the Flask app (Flask-Migrate)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from portal.core.dbtypes import UTCDateTime

config = context.config
if config.config_file_name is not None:
    # keep the app's own loggers alive when migrations run inside it (tests, `flask db`)
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')

target_db = current_app.extensions['migrate'].db
target_metadata = target_db.metadata


def render_item(type_, obj, autogen_context):
    """Write our UTC column type as the plain DateTime(timezone=True) it is in the database."""
    if type_ == 'type' and isinstance(obj, UTCDateTime):
        return 'sa.DateTime(timezone=True)'
    return False


def run_migrations_offline() -> None:
    context.configure(url=str(target_db.engine.url), target_metadata=target_metadata, literal_binds=True,
                      render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def process_revision_directives(context, revision, directives):
        # `flask db migrate` with no change writes no empty revision
        if getattr(config.cmd_opts, 'autogenerate', False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info('No changes in schema detected.')

    conf_args = dict(current_app.extensions['migrate'].configure_args)
    conf_args.setdefault('process_revision_directives', process_revision_directives)
    with target_db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_item=render_item,
                          **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
