#!/usr/bin/env bash
# CI: build the Linux bundle from a clean copy of the checkout and run it FROZEN, with no
# display: --version, the bundle's own check, a demo file, --smoke on it and on a file of
# format 1 (migrated by the bundled Alembic scripts), a JSON export and import, the PDF and
# XLSX documents. Prints the bundle's size and the time taken.
#
#   bash .ci/build-frozen.sh [--here]
#       --here  build the working tree as it is (default: a clean export of HEAD)
#
# Uses .venv (made by scripts/dev.sh; created here if missing) and installs only the pinned
# [build] extra of pyproject.toml from the package index. PyInstaller downloads nothing.
set -Eeuo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
VPY="$ROOT/.venv/bin/python"
export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'build-frozen.sh: %s\n' "$*" >&2
    exit 1
}
trap 'echo "build-frozen.sh: failed at line $LINENO (see the messages above)" >&2' ERR

STARTED=$SECONDS
WORK="$(mktemp -d "${TMPDIR:-/tmp}/consulta-frozen.XXXXXX")"
cleanup() { rm -rf -- "$WORK"; }
trap cleanup EXIT

# 1. The build tools: the venv, and the [build] extra's pinned requirements.
if [ ! -x "$VPY" ]; then
    say "creating .venv"
    python3 -m venv "$ROOT/.venv"
    "$VPY" -m pip install --quiet "$ROOT"
fi
mapfile -t BUILD_REQUIREMENTS < <("$VPY" - "$ROOT/pyproject.toml" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as handle:
    print("\n".join(tomllib.load(handle)["project"]["optional-dependencies"]["build"]))
EOF
)
[ "${#BUILD_REQUIREMENTS[@]}" -gt 0 ] || die "pyproject.toml has no [build] extra."
say "build requirements: ${BUILD_REQUIREMENTS[*]}"
"$VPY" -m pip install --quiet "${BUILD_REQUIREMENTS[@]}"

# 2. A clean copy: only what is committed goes into the bundle.
SRC="$WORK/src"
mkdir -p "$SRC"
if [ "${1:-}" = "--here" ] || ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    say "building the working tree"
    SRC="$ROOT"
else
    say "building a clean export of $(git -C "$ROOT" rev-parse --short HEAD)"
    git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$SRC"
fi

# 3. The bundle and the tarball.
BUILD_STARTED=$SECONDS
(cd "$SRC" && "$VPY" installers/build.py)
BUILD_SECONDS=$((SECONDS - BUILD_STARTED))
BUNDLE="$SRC/dist/consulta"
APP="$BUNDLE/consulta"
[ -x "$APP" ] || die "no frozen program at $APP"
if [ "$SRC" != "$ROOT" ]; then
    mkdir -p "$ROOT/dist"
    cp "$SRC"/dist/consulta-*-linux-*.tar.gz "$ROOT/dist/"
fi

# 4. Run it frozen, headless, with its own HOME (settings) and English messages.
RUN="$WORK/run"
mkdir -p "$RUN/home"
cd "$RUN"
export QT_QPA_PLATFORM=offscreen HOME="$RUN/home" CONSULTA_LANG=en
unset PYTHONPATH PYTHONHOME

VERSION="$("$VPY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import consulta; print(consulta.__version__)' "$SRC")"
[ "$("$APP" --version)" = "Consulta $VERSION" ] || die "--version did not print 'Consulta $VERSION'"
say "frozen --version: Consulta $VERSION"

CONSULTA_BUNDLE_CHECK=1 "$APP" >bundle-check.json || die "bundle check failed: $(cat bundle-check.json)"
say "bundle check: $(cat bundle-check.json)"

"$APP" demo demo.consulta
"$APP" check demo.consulta

check_smoke() { # $1: file; the JSON line has first_paint_s and no error
    "$APP" --smoke "$1" >smoke.json
    "$VPY" - smoke.json <<'EOF'
import json, sys
result = json.loads(open(sys.argv[1], encoding="utf-8").read().strip().splitlines()[-1])
assert "error" not in result and result["first_paint_s"] > 0 and result["rss_mib"] > 0, result
EOF
    say "smoke $1: $(cat smoke.json)"
}
check_smoke demo.consulta

# A file of format 1 is migrated (with a backup) by the Alembic scripts in the bundle.
cp "$SRC/tests/fixtures/v1.consulta" old.consulta
check_smoke old.consulta
[ -f old.backup-v1.consulta ] || die "opening a format-1 file made no backup: was it migrated?"
"$APP" info old.consulta | grep -qx "File format: 2" || die "the format-1 file was not migrated"

# JSON export, then import into a new file with the same contents.
"$APP" export demo.consulta --format json -o demo.json
"$APP" import demo.json imported.consulta
"$APP" check imported.consulta
diff <("$APP" info demo.consulta | grep -E '^  ') <("$APP" info imported.consulta | grep -E '^  ') ||
    die "the imported file's counts differ from the exported one's"
say "JSON export and import: same counts"

# The documents.
for format in minutes-pdf legitimacy-pdf minutes-xlsx legitimacy-xlsx; do
    "$APP" export demo.consulta --format "$format" -o "${format%-*}.${format##*-}"
done
"$VPY" - minutes.pdf legitimacy.pdf minutes.xlsx legitimacy.xlsx <<'EOF'
import sys, zipfile
for name in sys.argv[1:3]:
    data = open(name, "rb").read()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], f"{name} is not a PDF"
    assert b"DejaVuSans" in data, f"{name} lacks the bundled DejaVu font"
    try:
        from pypdf import PdfReader
    except ImportError:
        pages = "?"
    else:
        reader = PdfReader(name)
        pages = len(reader.pages)
        assert pages > 0 and reader.pages[0].extract_text().strip(), f"{name} has no text"
    print(f"    {name}: PDF, {pages} page(s), {len(data)} bytes")
for name in sys.argv[3:]:
    with zipfile.ZipFile(name) as book:
        assert book.testzip() is None and "xl/workbook.xml" in book.namelist(), name
    from openpyxl import load_workbook
    sheets = load_workbook(name, read_only=True).sheetnames
    print(f"    {name}: XLSX, sheets {sheets}")
EOF

SIZE="$(du -sh "$BUNDLE" | cut -f1)"
TARBALL="$(ls "$SRC"/dist/consulta-*-linux-*.tar.gz)"
say "bundle: $SIZE in $BUNDLE; tarball: $(du -h "$TARBALL" | cut -f1) $(basename -- "$TARBALL")"
say "frozen build OK: build ${BUILD_SECONDS}s, total $((SECONDS - STARTED))s"
