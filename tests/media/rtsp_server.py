"""A real RTSP server on loopback for the live-stream tests: GStreamer's gst-rtsp-server through
PyGObject, run with Debian's *system* python3 (python3-gi, gir1.2-gst-rtsp-server-1.0 from
scripts/setup_system.sh), never the app's venv.

    /usr/bin/python3 rtsp_server.py PORT CLIP.mp4

serves rtsp://127.0.0.1:PORT/live: the H.264 clip demuxed and re-packetized (no encoder needed),
looped by a fresh pipeline per client. Prints "ready" once listening; stops on SIGTERM.
"""

import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> None:
    port, clip = sys.argv[1], sys.argv[2]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(f"( filesrc location={clip} ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )")
    factory.set_shared(False)
    server.get_mount_points().add_factory("/live", factory)
    if server.attach(None) == 0:
        print("cannot listen", flush=True)
        sys.exit(1)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
