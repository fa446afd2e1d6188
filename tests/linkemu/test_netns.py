"""The root-only variant: two network namespaces, a veth pair, `tc tbf` on each end.

Skipped unless it can be set up (root, iproute2, permission to make namespaces). Both ends run
as their own processes inside the namespaces (`ip netns exec`); the test drives them over pipes.
"""

from __future__ import annotations

import select
import subprocess
import sys

import pytest

from benchmarks.linkemu import NetnsLink, NetnsUnavailable

SERVER = """
import socket, sys
s = socket.create_server((sys.argv[1], 0))
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
tail = b""
while (d := c.recv(65536)):
    tail = (tail + d)[-4:]
    if tail == b"PING":
        c.sendall(b"PONG")
"""

CLIENT = """
import os, socket, sys, time
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
for line in sys.stdin:
    what, size, wait = line.split()
    t0 = time.perf_counter()
    c.settimeout(float(wait))
    try:
        c.sendall(os.urandom(int(size)) + b"PING")
        got = c.recv(4)
        print(f"{time.perf_counter() - t0:.4f}" if got == b"PONG" else f"got {got!r}", flush=True)
    except TimeoutError:
        print("silent", flush=True)
"""


def ask(proc: subprocess.Popen[str], line: str, timeout: float = 20) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, f"no answer to {line!r}"
    return proc.stdout.readline().strip()


def namespaces() -> str:
    return subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False).stdout


def test_tbf_between_namespaces_shapes_cuts_silently_and_recovers() -> None:
    reason = NetnsLink.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    rate, size = 1_000_000, 128 * 1024
    link = NetnsLink(rate_bps=rate)
    try:
        link.start()
    except NetnsUnavailable as exc:
        pytest.skip(str(exc))
    procs: list[subprocess.Popen[str]] = []
    try:
        server = subprocess.Popen(link.command("b", [sys.executable, "-c", SERVER, link.B_ADDR]),
                                  stdout=subprocess.PIPE, text=True)
        procs.append(server)
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 20)
        assert ready, "the server in namespace b did not start"
        port = server.stdout.readline().strip()
        client = subprocess.Popen(
            link.command("a", [sys.executable, "-c", CLIENT, link.B_ADDR, port]),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        procs.append(client)

        rtt = float(ask(client, "ping 0 5"))
        bulk = float(ask(client, f"bulk {size} 20"))
        ratio = bulk / (size * 8 / rate)
        link.cut()
        during = ask(client, "ping 0 0.3")
        link.restore()
        after = float(ask(client, "ping 0 15"))  # TCP retransmits once packets pass again
        print(f"netns tbf at 1 Mbit/s: RTT {rtt * 1000:.1f} ms; 128 KiB in {bulk:.2f} s "
              f"({ratio:.2f}× line time); cut: {during}; after restore: PONG in {after:.2f} s")
        assert 0.6 <= ratio <= 1.6
        assert during == "silent"
        assert after < 15
    finally:
        for proc in procs:
            proc.kill()
            proc.wait(10)
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()
        link.stop()
        link.stop()
    assert link.ns["a"] not in namespaces() and link.ns["b"] not in namespaces()
