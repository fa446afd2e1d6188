"""本所链路信息: the QR code shown in the window decodes to the key whose fingerprint is shown, for
this post, for its peer, and for an enrollment package; a package that disagrees is flagged."""

from __future__ import annotations

import json

import zxingcpp
from ui_scenario import Post

from app.services.enroll import create_package, describe, link_card
from app.sync.keys import fingerprint, new_keys
from ui.link_card import card_payload
from ui.qr import MIN_PX


def decoded(card) -> dict:
    """Scan the card's QR widget as drawn on screen."""
    image = card.qr.grab().toImage()
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "exactly one QR code in the picture"
    return json.loads(found[0].text)


def test_the_qr_code_carries_this_posts_key(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    dialog = window.show_link_card()
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == "本所密钥与二维码"
    card = dialog.own_card
    keys = post.folder.curve_keys()
    doc = decoded(card)
    assert doc == {"endpoint": "", "key": keys.public}
    assert fingerprint(doc["key"]) == keys.fingerprint == card.fingerprint.text()
    assert card.qr.text() == link_card(post.folder, None)["qr"]
    assert card.key.text() == keys.public
    assert card.endpoint.text() == "未监听（本所只主动连接对端）"
    # large enough to scan from a phone, whole pixels per module with the quiet zone
    assert card.qr.width() >= MIN_PX and card.qr.width() % card.qr.module_count() == 0
    assert card.fingerprint.font().pointSizeF() >= 20
    assert dialog.tabs.tabText(dialog.OWN) == "本所"


def test_the_link_menu_opens_the_card(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    assert window.link_menu.title() == "链路(&K)"
    window.link_card_action.trigger()
    assert window.link_card_dialog is not None and window.link_card_dialog.isVisible()
    window.link_dock.card_button.click()
    assert window.link_card_dialog.tabs.currentIndex() == window.link_card_dialog.OWN


def test_both_operators_see_the_same_fingerprint(make_main_window, linked) -> None:
    rear, node, fwd, package = linked
    expected = describe(package).fingerprint
    assert expected == rear.folder.curve_keys().fingerprint

    # at the rear: its own card, and the package it made
    rear_window = make_main_window(rear)
    dialog = rear_window.check_package(package)
    assert fingerprint(decoded(dialog.package_card)["key"]) == expected
    assert decoded(dialog.package_card)["endpoint"] == node.endpoint
    assert dialog.package_card.fingerprint.text() == expected
    assert dialog.verdict.text() == "✓ 此注册包连接的正是本所：密钥为本所密钥。"
    assert fingerprint(decoded(dialog.own_card)["key"]) == expected

    # at the forward post: the peer it trusts, and the same package
    fwd_window = make_main_window(fwd)
    dialog = fwd_window.show_link_card()
    dialog.tabs.setCurrentIndex(dialog.PEERS)
    assert fingerprint(decoded(dialog.peer_card)["key"]) == expected
    assert dialog.peer_card.endpoint.text() == node.endpoint
    assert dialog.check_package(package) is not None
    assert dialog.tabs.currentIndex() == dialog.PACKAGE
    assert dialog.verdict.text() == "✓ 地址和密钥与本所已配置的对端一致。"
    assert fingerprint(decoded(dialog.package_card)["key"]) == expected


def test_a_package_with_another_key_is_flagged(make_main_window, linked, tmp_path) -> None:
    rear, node, fwd, _package = linked
    other = new_keys().public
    forged = tmp_path / "forged.pkg"
    create_package(rear.folder, rear.store, name="冒名前方指挥部", role="forward", level="scene",
                   endpoint=node.endpoint, out=forged, server_key=other)
    dialog = make_main_window(fwd).check_package(forged)
    assert dialog.verdict.text().startswith("✗ 密钥与本所为此地址配置的密钥不一致")
    assert decoded(dialog.package_card) == json.loads(card_payload(node.endpoint, other))
    assert dialog.package_card.fingerprint.text() == fingerprint(other) != describe(
        _package).fingerprint


def test_a_file_that_is_no_package_is_said(make_main_window, post: Post, tmp_path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("不是注册包", "utf-8")
    dialog = make_main_window(post).show_link_card()
    assert dialog.check_package(junk) is None
    assert dialog.verdict.text().startswith("不是注册包：")
    assert not dialog.package_card.isVisible()


def test_the_payload_is_the_cores(post: Post) -> None:
    card = link_card(post.folder, "tcp://10.0.0.5:7000")
    assert card_payload("tcp://10.0.0.5:7000", card["server_key"]) == card["qr"]
