"""A new epoch for a post whose store went back in time (a database restored from `pg_dump`, a
disk image put back): the post signs from then on as a new origin starting at sequence 1, so it
never reuses a number its peers already hold under the old one. `zhijiu restore` does this by
itself; `zhijiu new-epoch` does it for a folder whose store was restored by other means."""

from __future__ import annotations

from dataclasses import replace

from app.datadir import PostFolder
from app.identity import new_epoch


def start_new_epoch(folder: PostFolder) -> tuple[str, str]:
    """Give the post in ``folder`` a fresh epoch; returns (old origin, new origin). The caller
    holds the folder's lock (no process may be signing meanwhile)."""
    old = folder.identity().origin
    folder.save_config(replace(folder.config(), epoch=new_epoch()))
    return old, folder.identity().origin
