#!/usr/bin/env bash
# Install the Debian 12 packages Zhijiu needs outside its virtual environment:
# the system libraries Qt needs offscreen and on a real X display, Xvfb for a virtual screen,
# a CJK font, and PostgreSQL, poppler-utils, ffmpeg and an RTSP server (GStreamer) for the test suite.
# Idempotent: prints nothing and exits 0 when everything is installed.
# As root it installs what is missing; otherwise it prints the apt-get line to run and exits 1.
set -euo pipefail

PACKAGES=(
    # Qt offscreen: WebEngine, Multimedia, pyqtgraph
    libasound2 libbrotli1 libdbus-1-3 libdrm2 libegl1 libfontconfig1 libfreetype6 libgbm1 libgl1
    libglib2.0-0 libnspr4 libnss3 libpulse0 libx11-6 libx11-xcb1 libxcb1 libxcb-dri3-0
    libxcomposite1 libxdamage1 libxext6 libxfixes3 libxkbcommon0 libxkbfile1 libxrandr2 libxtst6
    # a real or virtual X display (xcb platform plugin)
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
    libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
    # virtual screen, Chinese text, the test suite's database server and media/PDF tools
    xvfb xauth fonts-noto-cjk postgresql poppler-utils ffmpeg
    # systemd-analyze checks the rear node's service unit
    systemd
    # the feeds tests' RTSP server: GStreamer's gst-rtsp-server run by the system python3
    python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base
    gstreamer1.0-plugins-good
    # the bundle's archive, compressed on every core (packaging/build.sh)
    pigz
)

say() { echo "setup_system: $*" >&2; }

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "this is not a Debian/apt system, so nothing was installed."
    say "Zhijiu is built and tested on Debian 12; install your system's equivalents of:"
    say "  ${PACKAGES[*]}"
    exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == *"install ok installed"* ]] || missing+=("$pkg")
done

# The map's web assets come from the npm registry: Node.js with npm (some Node.js builds bring
# npm inside the nodejs package, Debian's own needs its npm package).
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

install_args=(install -y --no-install-recommends "${missing[@]}")

if [[ $(id -u) -ne 0 ]]; then
    say "${#missing[@]} Debian package(s) missing: ${missing[*]}"
    say "run this as an administrator, then run make again:"
    echo "sudo apt-get update && sudo apt-get ${install_args[*]}"
    exit 1
fi

log=$(mktemp -t zhijiu-apt.XXXXXX)
trap 'rm -f "$log"' EXIT

say "installing ${#missing[@]} Debian package(s): ${missing[*]}"
if ! apt-get update -q >"$log" 2>&1; then
    cat "$log" >&2
    say "apt-get update failed (output above)"
    exit 1
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get -q "${install_args[@]}" </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    say "apt-get install failed (output above)"
    exit 1
fi

still=()
for pkg in "${missing[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == *"install ok installed"* ]] || still+=("$pkg")
done
if [[ ${#still[@]} -ne 0 ]]; then
    say "still not installed after apt-get: ${still[*]}"
    exit 1
fi
say "done"
