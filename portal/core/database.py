"""Engine settings that make SQLite behave like the PostgreSQL a municipality runs."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, 'connect')
def _sqlite_on_connect(dbapi_connection, connection_record) -> None:
    """Enforce foreign keys, and let SQLAlchemy rather than pysqlite open transactions, so
    SAVEPOINTs (nested transactions, and the tests' rollback) work as on PostgreSQL."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute('PRAGMA foreign_keys=ON')
        cursor.close()


@event.listens_for(Engine, 'begin')
def _sqlite_on_begin(conn) -> None:
    if conn.dialect.name == 'sqlite':
        conn.exec_driver_sql('BEGIN')
