"""The central sync server: FastAPI app, accounts and devices, admin CLI (D4, D12).

Stateless by design: every piece of state (tokens, login throttling, later the change
log) lives in the database, so several processes can share one PostgreSQL.
"""
