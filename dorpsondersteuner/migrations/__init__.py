"""Alembic trees: ``register`` (the laptop's file) and, with the server, ``server`` (D12)."""
