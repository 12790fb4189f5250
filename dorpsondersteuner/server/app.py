"""Builds the FastAPI application: settings and database on ``app.state``, the
middlewares, the error handlers and the routers of ``routes``."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from .. import __version__
from .db import SchemaError, SchemaState, make_engine, read_only, reader_engine, schema_status
from .deps import CHECK_THREADS
from .errors import API_DESCRIPTION, ERRORS, install_error_handlers
from .limits import largest_body, route_body_limit
from .middleware import BodySizeLimit, SecurityHeaders
from .passwords import Hasher
from .routes import api_router
from .settings import Settings, load_settings

log = logging.getLogger("dorpsondersteuner.server")


def create_app(settings: Settings) -> FastAPI:
    """The app over an existing database at the current schema (``serve`` checks first)."""
    engine = make_engine(settings.database_url)
    status = schema_status(engine)
    if status.state is not SchemaState.CURRENT:
        engine.dispose()
        raise SchemaError(status.problem(settings.database_url) or "the database is empty")
    if settings.hashing.is_test_profile:
        log.warning("INSECURE test password hashing is on: never use this outside tests")

    app = FastAPI(
        title="Dorpsondersteuner sync server",
        description=API_DESCRIPTION,
        version=__version__,
        docs_url=None,  # the docs pages load scripts from a CDN; the spec stays available
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    # For what only reads (GET requests, the token check): no write lock on SQLite.
    app.state.read_engine = read_only(engine)
    app.state.read_sessions = sessionmaker(app.state.read_engine, expire_on_commit=False)
    # The token check's own few connections: one per check thread (see deps.py).
    app.state.check_engine = reader_engine(settings.database_url, CHECK_THREADS)
    app.state.check_inline = engine.dialect.name == "sqlite"  # see deps.CHECK_THREADS
    app.state.hasher = Hasher(settings.hashing)
    app.state.schema_revision = status.revision
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        route_limit=route_body_limit(settings.sync_limits),
        ceiling=largest_body(settings.sync_limits),
    )
    app.add_middleware(SecurityHeaders)
    app.include_router(api_router)
    return app


def app_from_environment() -> FastAPI:
    """The uvicorn factory: settings from the environment (set by ``serve``)."""
    return create_app(load_settings())
