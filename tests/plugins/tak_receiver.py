"""Our side of the multicast test, run as its own process (inside a network namespace):

    python tak_receiver.py POST_FOLDER GROUP:PORT INTERFACE N

Opens the post's store, starts the TAK bridge on the group (joined on INTERFACE), says
``ready``, repeats our picture every 0.5 s, prints ``units K`` once K ≥ N teams from TAK are in
the store, and stops on ``stop`` from standard input (or after 40 s).
"""

from __future__ import annotations

import select
import sys
import time

from app.datadir import PostFolder
from plugins.api import PluginContext
from plugins.tak.bridge import TakBridge


def main(folder_path: str, group: str, interface: str, n: int) -> None:
    folder = PostFolder(folder_path)
    store = folder.open_store()
    ctx = PluginContext(store=store, operator="测试员", post_id=store.identity.post_id,
                        data_dir=folder.path)
    bridge = TakBridge(ctx, multicast=group, interface=interface, batch_ms=50).start()
    print("ready", flush=True)
    told = False
    deadline = time.monotonic() + 40
    try:
        while time.monotonic() < deadline:
            bridge.send_all()
            units = [u for u in store.entities("unit") if str(u.get("callsign", "")).startswith("PYTAK-")]
            if len(units) >= n and not told:
                print(f"units {len(units)} received {bridge.stats.received} "
                      f"malformed {bridge.stats.malformed}", flush=True)
                told = True
            if select.select([sys.stdin], [], [], 0.5)[0] and sys.stdin.readline().strip() == "stop":
                break
    finally:
        bridge.stop()
        ctx.run_cleanups()
        store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
