"""A TAK client made with pytak (an independent implementation), run as its own process.

    python pytak_peer.py COT_URL N [LOCAL_ADDR] [WANT_UID]

Sends N position reports made by ``pytak.gen_cot`` (uids ``pytak-0`` …, callsigns ``PYTAK-0`` …,
team colours in ``__group``) through ``pytak.protocol_factory`` — TCP or UDP (multicast) as the
URL says — repeating them every 0.3 s for up to 20 s, and reads what comes back the way pytak
does (``readuntil(b"</event>")`` on TCP, datagrams on UDP). Every event read is parsed with
ElementTree and with takproto (pytak's protobuf codec) and printed as one JSON line. It stops
once an event with uid WANT_UID was read (or after one round when no WANT_UID is given).
"""

from __future__ import annotations

import asyncio
import configparser
import json
import sys
import warnings
import xml.etree.ElementTree as ET

warnings.simplefilter("ignore")  # pytak warns about optional packages it does not need here

import pytak  # noqa: E402
import takproto  # noqa: E402

COLORS = ("Cyan", "Red", "Green", "Yellow")


def event(i: int) -> bytes:
    raw = pytak.gen_cot(lat=29.5 + i / 1000, lon=106.5 + i / 1000, uid=f"pytak-{i}",
                        cot_type="a-f-G-U-C", callsign=f"PYTAK-{i}", stale=600)
    root = ET.fromstring(raw)
    ET.SubElement(root.find("detail"), "__group", {"name": COLORS[i % 4], "role": "Team Member"})
    return ET.tostring(root)


def describe(data: bytes) -> dict:
    root = ET.fromstring(data)  # standard XML tools
    msg = takproto.functions.xml2message(data)  # pytak's codec reads it too
    point, contact = root.find("point"), root.find("detail/contact")
    return {
        "uid": root.get("uid"), "type": root.get("type"), "how": root.get("how"),
        "time": root.get("time"), "start": root.get("start"), "stale": root.get("stale"),
        "lat": float(point.get("lat")), "lon": float(point.get("lon")),
        "callsign": contact.get("callsign") if contact is not None else None,
        "proto_uid": msg.cotEvent.uid, "proto_callsign": msg.cotEvent.detail.contact.callsign,
        "proto_stale_ms": msg.cotEvent.staleTime,
    }


async def main(url: str, n: int, local: str | None, want: str | None) -> None:
    parser = configparser.ConfigParser()
    parser["peer"] = {"COT_URL": url}
    if local:
        parser["peer"]["PYTAK_MULTICAST_LOCAL_ADDR"] = local
    reader, writer = await pytak.protocol_factory(parser["peer"])
    seen: set[str] = set()

    async def read() -> None:
        while True:
            if hasattr(reader, "readuntil"):
                data = await reader.readuntil(b"</event>")
            else:
                data, _ = await reader.recv()
            if b"<event" not in data:
                continue
            info = describe(data[data.index(b"<event"):])
            if info["uid"] not in seen and not info["uid"].startswith("pytak-"):
                seen.add(info["uid"])
                print(json.dumps(info), flush=True)

    task = asyncio.create_task(read())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while loop.time() < deadline:
        for i in range(n):
            data = event(i)
            if hasattr(writer, "write"):
                writer.write(data)
                if hasattr(writer, "drain"):
                    await writer.drain()
            else:
                await writer.send(data)
        if want is None or want in seen:
            break
        await asyncio.sleep(0.3)
    task.cancel()
    print(json.dumps({"done": True, "seen": sorted(seen)}), flush=True)


if __name__ == "__main__":
    url, n = sys.argv[1], int(sys.argv[2])
    local = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
    want = sys.argv[4] if len(sys.argv) > 4 else None
    asyncio.run(main(url, n, local, want))
