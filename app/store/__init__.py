"""The store: SQLAlchemy tables, `apply` — the single write path —, queries, replay, dump."""
