"""Use cases the UI, the command line and plugins call. Each builds drafts and calls
``store.write``: services decide *what* to change, the store is the only place that writes."""
