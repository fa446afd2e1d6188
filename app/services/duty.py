"""Duty log (值班日志), shift handover (值班交接) and messages between posts with receipts.

A message's receipts are append-only records written by the post it was sent to: "delivered"
when the message reaches that post's store, "read" when someone there opens it. Their ids are
derived from the message, so each is written once however often a post looks.
"""

from __future__ import annotations

import logging
import uuid
import weakref

from app.cst import cst_datetime
from app.domain.task import OPEN
from app.ops import hlc_ms
from app.services.alerts import alerts
from app.services.common import create, now_ms
from app.store.apply import ApplyResult
from app.store.store import Draft, Entity, Refused, Store

log = logging.getLogger(__name__)
AUTO_OPERATOR = "系统(自动回执)"

_RECEIPT_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhijiu.invalid/receipt")
_ALERT_WORDS = {"unacknowledged": "超时未签收", "overdue": "已超期", "report_due": "报送超时"}
_STATUS_WORDS = {"issued": "已下达", "acknowledged": "已签收", "in_progress": "执行中"}


def _me(store: Store) -> str:
    if store.identity is None:
        raise Refused("this store has no post identity to sign with")
    return store.identity.post_id


def log_entry(
    store: Store, operator: str, text: str, category: str = "duty", incident_id: str | None = None
) -> str:
    return create(
        store, operator, "log", {"text": text, "category": category, "incident_id": incident_id}
    )


def _hm(ms: int) -> str:
    return cst_datetime(ms).strftime("%H:%M")


def handover_summary(store: Store, *, incident_id: str | None = None, now: int) -> str:
    """What the next shift must know: open tasks by status, what is late, unread messages."""
    tasks = [t for t in store.entities("task", incident_id=incident_id) if t.get("status") in OPEN]
    late = alerts(store, now, incident_id)
    unread = [m for m in inbox(store) if receipts(store, m.eid)["read"] is None]
    counts = {s: sum(1 for t in tasks if t.get("status") == s) for s in _STATUS_WORDS}
    lines = [
        f"值班交接（{_hm(now)}）：在办任务{len(tasks)}项（"
        + "，".join(f"{word}{counts[s]}项" for s, word in _STATUS_WORDS.items())
        + f"）；告警{len(late)}项；未读消息{len(unread)}条。"
    ]
    for a in late[:10]:
        lines.append(f"· {_ALERT_WORDS[a.kind]}：{a.title}（超时{a.late_ms // 60_000}分钟）")
    for t in sorted(tasks, key=lambda t: (t.get("deadline") or 2**62, t.eid))[:10]:
        due = t.get("deadline")
        lines.append(
            f"· {_STATUS_WORDS[str(t.get('status'))]}：{t.get('title')}"
            + (f"，时限{_hm(int(due))}" if isinstance(due, int) else "")
        )
    return "\n".join(lines)[:8000]


def handover(
    store: Store,
    operator: str,
    *,
    to_operator: str | None = None,
    incident_id: str | None = None,
    now: int | None = None,
) -> str:
    """Write the handover entry for the next shift; returns its id."""
    text = handover_summary(store, incident_id=incident_id, now=now if now is not None else now_ms())
    if to_operator:
        text = f"{operator} 交班给 {to_operator}。" + text
    return log_entry(store, operator, text[:8000], "handover", incident_id)


# ----------------------------------------------------------------------------- messages


def send_message(
    store: Store, operator: str, to_post: str, text: str, reply_to: str | None = None
) -> str:
    if store.get("post", to_post) is None:
        raise Refused(f"no post {to_post}")
    if not text.strip():
        raise Refused("invalid: an empty message")
    return create(store, operator, "message", {"to": to_post, "text": text, "reply_to": reply_to})


def receipt_id(message_id: str, kind: str) -> str:
    return uuid.uuid5(_RECEIPT_NS, f"{message_id}/{kind}").hex


def inbox(store: Store) -> list[Entity]:
    """Messages to this post, newest first."""
    items = store.entities("message", parent_id=_me(store))
    return sorted(items, key=lambda e: (e.created_hlc, e.eid), reverse=True)


def outbox(store: Store) -> list[Entity]:
    """Messages this post sent, newest first."""
    me = _me(store)
    items = [m for m in store.entities("message") if m.created_origin.startswith(me + ".")]
    return sorted(items, key=lambda e: (e.created_hlc, e.eid), reverse=True)


def mark_delivered(store: Store, operator: str) -> int:
    """Write a "delivered" receipt for every message to this post that has none; how many."""
    drafts = [
        Draft("receipt", receipt_id(m.eid, "delivered"), "add", {"message_id": m.eid, "kind": "delivered"})
        for m in inbox(store)
        if store.get("receipt", receipt_id(m.eid, "delivered")) is None
    ]
    if drafts:
        store.write(drafts, operator=operator)
    return len(drafts)


def mark_read(store: Store, operator: str, message_id: str) -> None:
    """Someone here read the message (delivered too, if that was not written yet)."""
    message = store.get("message", message_id)
    if message is None:
        raise Refused(f"no message {message_id}")
    drafts = [
        Draft("receipt", receipt_id(message_id, kind), "add", {"message_id": message_id, "kind": kind})
        for kind in ("delivered", "read")
        if store.get("receipt", receipt_id(message_id, kind)) is None
    ]
    if drafts:
        store.write(drafts, operator=operator)


def receipts(store: Store, message_id: str) -> dict[str, int | None]:
    """When the message was delivered and read at its recipient (ms), None when not yet."""
    out: dict[str, int | None] = {"delivered": None, "read": None}
    for r in store.entities("receipt", parent_id=message_id):
        out[str(r.get("kind"))] = hlc_ms(r.created_hlc)
    return out


_hooked: weakref.WeakSet[Store] = weakref.WeakSet()


def hook_delivery_receipts(store: Store) -> None:
    """From now on, a message to this post that arrives (by sync, or written here) gets its
    "delivered" receipt at once, so the sender sees it over the same link. Idempotent."""
    if store in _hooked:
        return
    _hooked.add(store)

    def on_change(result: ApplyResult) -> None:
        arrived = [eid for etype, eid in result.changed if etype == "message"]
        if not arrived or store.identity is None:
            return
        me = store.identity.post_id
        drafts = []
        for mid in sorted(arrived):
            message = store.get("message", mid)
            rid = receipt_id(mid, "delivered")
            if message is not None and message.get("to") == me and store.get("receipt", rid) is None:
                drafts.append(Draft("receipt", rid, "add", {"message_id": mid, "kind": "delivered"}))
        if drafts:
            try:
                store.write(drafts, operator=AUTO_OPERATOR)
            except Refused as exc:  # e.g. this post was revoked: nothing to acknowledge with
                log.warning("delivery receipts not written: %s", exc)

    store.subscribe(on_change)
