"""A new install's first post: the three ways to start (the window's first-run dialog, `zhijiu
smoke`, `make run`): create a rear post, import an enrollment package, or open the demo."""

from __future__ import annotations

from pathlib import Path

from app.datadir import PostFolder
from app.services.enroll import Package, import_package
from app.services.posts import init_post

DEMO_POST_NAME = "重庆市应急管理局指挥中心"
DEMO_OPERATOR, DEMO_PIN = "值班员", "1234"


def create_rear_post(path: Path | str, name: str, level: str = "city") -> PostFolder:
    """A rear post that is its own roster authority (the city, or a district working alone)."""
    return init_post(path, name=name, role="rear", level=level)


def import_enrollment(path: Path | str, package: Path | str, passphrase: str | None = None) -> Package:
    """Become the post an authority enrolled in ``package`` (its peer configured)."""
    return import_package(Path(package), PostFolder(path), passphrase or None)


def open_demo(path: Path | str) -> int:
    """A city rear post with the demo scenario loaded and the demo operator set up; returns the
    store's op count."""
    from app.services.demo import load_demo

    folder = create_rear_post(path, DEMO_POST_NAME)
    folder.lock()
    try:
        store = folder.open_store()
        try:
            load_demo(store)
            count = store.op_count()
        finally:
            store.close()
        if not folder.operators():
            folder.set_operator(DEMO_OPERATOR, DEMO_PIN)
    finally:
        folder.unlock()
    return count
