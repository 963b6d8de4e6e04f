"""Alembic environment: the engine comes from the caller (storage.db.migrate)."""

from alembic import context

from storage.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` CLI use: build the engine from DATABASE_URL like the app does
    from bot.runtime.config import load_settings
    from storage.db import make_engine

    engine = make_engine(load_settings(mode="migrate").database_url)

with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        # A batch migration rebuilds a table by copying it and dropping the old one; with foreign keys
        # on, that DROP would cascade and delete every interaction of every contact. The pragma only
        # takes effect outside a transaction, so it goes straight to the driver before Alembic begins
        # one (and is set back when the migrations are done: the connection returns to the pool).
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
