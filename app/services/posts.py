"""Creating a post and reading the roster."""

from __future__ import annotations

from pathlib import Path

from app.datadir import FolderError, PostConfig, PostFolder
from app.domain.post import LEVELS, ROLES
from app.identity import new_authority
from app.store.store import Draft, Entity, Store


def init_post(
    path: Path | str,
    *,
    name: str,
    role: str,
    level: str = "city",
    db_url: str | None = None,
    operator: str = "system",
) -> PostFolder:
    """A new post that is its own roster authority (the city rear post with ``role='rear'``)."""
    if role not in ROLES:
        raise FolderError(f"role must be one of {', '.join(ROLES)}")
    if level not in LEVELS:
        raise FolderError(f"level must be one of {', '.join(LEVELS)}")
    if not name.strip():
        raise FolderError("a post needs a name")
    folder = PostFolder(path)
    ident = new_authority()
    cfg = PostConfig(
        name=name.strip(),
        role=role,
        level=level,
        epoch=ident.epoch,
        anchor_post_id=ident.anchor.post_id,
        anchor_sign_key=ident.anchor.sign_key.hex(),
        db_url=db_url,
    )
    folder.create(cfg, ident.key)
    store = folder.open_store()
    try:
        store.write(
            [
                Draft(
                    "post",
                    ident.post_id,
                    "put",
                    {
                        "name": cfg.name,
                        "role": role,
                        "level": level,
                        "sign_key": ident.sign_key.hex(),
                        "curve_key": folder.curve_keys().public,
                        "authority": True,
                    },
                )
            ],
            operator=operator,
        )
    finally:
        store.close()
    return folder


def roster(store: Store) -> list[Entity]:
    return store.entities("post", include_deleted=True)
