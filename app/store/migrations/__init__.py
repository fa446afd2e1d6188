"""Alembic migrations of the store; `open_store` upgrades a store to head when it opens it."""
