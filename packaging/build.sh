#!/usr/bin/env bash
# Build the Linux one-folder bundle and its archive: dist/zhijiu/ and
# dist/zhijiu-<version>-linux-<arch>.tar.gz (`make bundle` runs this when a source changed).
# Run from anywhere; uses the repo's .venv (make setup). Windows: see packaging/WINDOWS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-.venv/bin/python}
version=$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(uname -m)
name="zhijiu-${version}-linux-${arch}"
start=$SECONDS
echo "bundle: building dist/zhijiu with PyInstaller (a few minutes)"
$PY -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/zhijiu.spec
built=$SECONDS
gz=gzip
command -v pigz >/dev/null 2>&1 && gz=pigz  # the same .gz, on every core
tar -C dist -cf - --transform "s,^zhijiu,${name}," zhijiu | $gz -6 > "dist/${name}.tar.gz.part"
mv "dist/${name}.tar.gz.part" "dist/${name}.tar.gz"
touch dist/zhijiu/zhijiu  # newer than every source it was built from (make bundle's stamp)
echo "bundle: dist/zhijiu $(du -sm dist/zhijiu | cut -f1) MB in $(find dist/zhijiu -type f | wc -l) files;" \
     "dist/${name}.tar.gz $(( $(stat -c %s "dist/${name}.tar.gz") / 1000000 )) MB;" \
     "PyInstaller $(( built - start )) s, archive $(( SECONDS - built )) s"
