#!/usr/bin/env bash
# Build the Linux one-folder bundle and its archive: dist/zhijiu-<version>-linux-<arch>.tar.gz.
# Run from anywhere; uses the repo's .venv (make setup). Windows: see packaging/WINDOWS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-.venv/bin/python}
version=$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(uname -m)
$PY -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/zhijiu.spec
name="zhijiu-${version}-linux-${arch}"
tar -C dist -czf "dist/${name}.tar.gz" --transform "s,^zhijiu,${name}," zhijiu
du -sh dist/zhijiu | awk '{print "bundle: " $1}'
ls -l "dist/${name}.tar.gz" | awk '{printf "archive: %.0f MB\n", $5/1e6}'
