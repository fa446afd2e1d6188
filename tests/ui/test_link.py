"""The sync engine in the window, on real sockets: the link dock, the offline banner, "N changes
waiting to send", and the "received while offline" digest after the link returns."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel
from ui_scenario import OPERATOR, Post, fast_engine

import ui.link
from app.datadir import PostFolder
from app.services import common, tasks
from app.services.enroll import create_package, import_package


def status_texts(window) -> list[str]:
    return [w.text() for w in window.statusBar().findChildren(QLabel)]


def task_titles(window) -> list[str]:
    model = window.tasks_dock.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def link_row(window) -> dict:
    model = window.link_dock.model
    assert model.rowCount() == 1
    return model.figures(0)


def connected_with_rtt(window) -> bool:
    model = window.link_dock.model
    return (model.rowCount() == 1 and model.figures(0)["state"] == "connected"
            and model.figures(0).get("rtt_ms") is not None)


def test_offline_and_back_with_the_digest(make_main_window, linked, qtbot) -> None:
    rear, node, fwd, _package = linked
    window = make_main_window(fwd, link=True)
    model = window.link_dock.model

    # the peer is connected, with a round trip, and the rear's orders came down
    qtbot.waitUntil(lambda: connected_with_rtt(window), timeout=10_000)
    qtbot.waitUntil(lambda: len(task_titles(window)) == 6, timeout=10_000)
    qtbot.waitUntil(lambda: model.index(0, 0).data() == "重庆市防汛抗旱指挥部")  # its name, once known
    assert [model.index(0, c).data() for c in (1, 2)] == ["连出", "已连接"]
    assert model.index(0, 4).data().endswith("ms")
    assert model.index(0, 9).data() == "不限"
    assert "在线 1/1" in status_texts(window)
    assert not window.banner.isVisible()
    assert window.digest_dialog is None  # the first connection is not "back from offline"

    # an order issued at the rear arrives in the task table
    tasks.issue_task(rear.store, OPERATOR, title="后方下达：加固朝天门堤段", assignee=fwd.post_id,
                     assignee_kind="post", priority="urgent")
    qtbot.waitUntil(lambda: "后方下达：加固朝天门堤段" in task_titles(window), timeout=10_000)
    qtbot.waitUntil(lambda: link_row(window)["queued_ops"] == 0, timeout=10_000)

    # the rear goes away: the banner spans the window
    node.stop()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert window.banner.title.text() == "离线 · 没有待发送的更改"
    assert model.index(0, 2).data() == "离线"
    assert "离线 · 无待发送" in status_texts(window)
    assert window.banner.geometry().top() <= window.menuBar().geometry().bottom() + 2  # at the top
    assert window.banner.width() > window.width() * 0.9  # across the window, not in a dock

    # a change made here while offline is counted
    common.create(fwd.store, OPERATOR, "log", {"text": "前方：断网期间记录水位", "category": "duty"})
    qtbot.waitUntil(lambda: window.banner.title.text() == "离线 · 1 项更改待发送", timeout=5000)
    assert "离线 · 1 项待发送" in status_texts(window)
    assert model.index(0, 7).data() == "1"

    # meanwhile the rear issues an order and files a report
    tasks.issue_task(rear.store, OPERATOR, title="离线期间下达：转移储奇门群众", assignee=fwd.post_id,
                     assignee_kind="post", priority="urgent")
    common.create(rear.store, OPERATOR, "warning", {
        "title": "渝中区暴雨橙色预警", "level": "orange", "type": "rainstorm", "status": "active"})

    # the rear comes back on the same port: banner gone, both sides converge, the digest opens
    node.start()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: window.digest_dialog is not None and window.digest_dialog.isVisible(),
                    timeout=15_000)
    dialog = window.digest_dialog
    assert dialog.group_titles() == ["任务（1）", "预警（1）"]  # orders first
    assert dialog.item_texts(0) == ["离线期间下达：转移储奇门群众 · 已下达"]
    assert dialog.item_texts(1) == ["【橙色预警】渝中区暴雨橙色预警"]
    assert dialog.tree.topLevelItem(0).child(0).text(1) == "新"
    assert dialog.windowTitle() == "离线期间收到"
    assert not dialog.isModal()
    assert "离线期间下达：转移储奇门群众" in task_titles(window)
    qtbot.waitUntil(lambda: any(e.get("text") == "前方：断网期间记录水位"
                                for e in rear.store.entities("log")), timeout=10_000)
    qtbot.waitUntil(lambda: "在线 1/1" in status_texts(window), timeout=5000)


def test_the_engine_runs_on_its_own_thread_and_stops_with_the_session(
        make_main_window, linked, qtbot) -> None:
    _rear, _node, fwd, _package = linked
    before = {t.ident for t in threading.enumerate() if t.name == "zhijiu-sync"}
    window = make_main_window(fwd, link=True)
    mine = [t for t in threading.enumerate() if t.name == "zhijiu-sync" and t.ident not in before]
    assert len(mine) == 1
    qtbot.waitUntil(lambda: connected_with_rtt(window), timeout=10_000)
    window.session.link.stop()  # what session.cleanup() does when the window closes
    assert not mine[0].is_alive()
    assert window.session.link.engine is None
    window.session.link.stop()  # twice is harmless


def test_a_post_without_peers_is_standalone(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post, link=True)
    qtbot.waitUntil(lambda: window.session.link.status.running)
    assert "单机（未配置同步）" in status_texts(window)
    assert not window.banner.isVisible()
    assert window.link_dock.model.rowCount() == 0
    assert window.link_dock.empty.isVisible()


def test_listening_shows_the_bound_address(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post, link=True, listen="tcp://127.0.0.1:*")
    qtbot.waitUntil(lambda: window.session.link.status.listening is not None)
    bound = window.session.link.status.listening
    assert bound.startswith("tcp://127.0.0.1:") and not bound.endswith("*")
    qtbot.waitUntil(lambda: "监听中 · 已连入 0 个" in status_texts(window))
    assert bound in window.link_dock.this_post.text()
    card = window.show_link_card()
    assert card.own_card.endpoint.text() == bound


def test_an_address_in_use_is_said_and_the_links_still_work(make_main_window, linked,
                                                              qtbot) -> None:
    _rear, node, fwd, _package = linked
    window = make_main_window(fwd, link=True, listen=node.endpoint)  # the rear holds that port
    box = window.last_message
    assert box is not None and box.isVisible() and not box.isModal()
    assert box.text().startswith(f"其他指挥所无法连入本所：无法在 {node.endpoint} 监听")
    assert window.link_dock.notice.isVisible()
    assert window.session.link.status.listening is None
    qtbot.waitUntil(lambda: connected_with_rtt(window), timeout=10_000)  # still syncs out


def test_sync_that_cannot_start_leaves_the_window_working_offline(make_main_window, linked,
                                                                    qtbot) -> None:
    _rear, _node, fwd, _package = linked

    def broken(*_args):
        raise ValueError("peers.json is damaged")

    window = make_main_window(fwd, link=True, engine=broken)
    assert window.session.link.engine is None
    assert "同步无法启动（peers.json is damaged）" in window.last_message.text()
    assert window.banner.isVisible()
    assert window.banner.title.text() == "离线 · 同步未运行"
    assert "同步未运行" in status_texts(window)
    # the window still writes
    tasks_before = fwd.store.op_count()
    common.create(fwd.store, OPERATOR, "log", {"text": "离线记录", "category": "duty"})
    assert fwd.store.op_count() == tasks_before + 1


def test_the_link_dock_speaks_english_too(make_main_window, linked, qtbot) -> None:
    _rear, node, fwd, _package = linked
    window = make_main_window(fwd, link=True)
    qtbot.waitUntil(lambda: connected_with_rtt(window), timeout=10_000)
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.link_dock.windowTitle() == "Link status")
    model = window.link_dock.model
    assert model.index(0, 2).data() == "Connected"
    assert "Online 1/1" in status_texts(window)
    node.stop()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert window.banner.title.text().startswith("Offline · ")
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.banner.title.text().startswith("离线 · "))


def test_a_listening_post_sees_who_connects_and_what_came_in(make_main_window, post: Post,
                                                            tmp_path, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(ui.link, "QUIET_S", 0.3)  # an incoming link counts as caught up sooner
    window = make_main_window(post, link=True, listen="tcp://127.0.0.1:*")
    qtbot.waitUntil(lambda: window.session.link.status.listening is not None)
    package = tmp_path / "fwd.pkg"
    create_package(post.folder, post.store, name="渝中区前方指挥部", role="forward", level="scene",
                   endpoint=window.session.link.status.listening, out=package)
    folder = PostFolder(tmp_path / "fwd")
    import_package(package, folder)
    store = folder.open_store()
    model = window.link_dock.model
    engine = fast_engine(folder, store, None)
    try:
        engine.start()
        qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 2).data() == "已连接"
                        and model.index(0, 0).data() == "渝中区前方指挥部", timeout=10_000)
        assert model.index(0, 1).data() == "连入"
        assert "监听中 · 已连入 1 个" in status_texts(window)
        qtbot.waitUntil(lambda: store.op_count() == post.store.op_count(), timeout=10_000)
        engine.stop()  # the forward post drops off: its row goes, and what it writes meanwhile …
        qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=10_000)
        assert "监听中 · 已连入 0 个" in status_texts(window)
        assert not window.banner.isVisible()  # no configured peer of its own: nothing is "offline"
        common.create(store, OPERATOR, "log", {"text": "前方：断网期间巡堤", "category": "duty"})
        engine = fast_engine(folder, store, None)
        engine.start()  # … arrives when it is back, in the digest
        qtbot.waitUntil(lambda: window.digest_dialog is not None
                        and window.digest_dialog.isVisible(), timeout=10_000)
        assert window.digest_dialog.group_titles() == ["值班日志（1）"]
        assert window.digest_dialog.item_texts(0) == ["前方：断网期间巡堤"]
    finally:
        engine.stop()
        store.close()
