#!/usr/bin/env bash
# Developer setup for Consulta on Debian/Ubuntu.
#
#   bash scripts/dev.sh demo [FILE]   set up, create a demo consultation (default
#                                     ~/Consulta/demo.consulta) and open it in the app
#   bash scripts/dev.sh test [ARGS]   set up, then ruff, mypy and pytest (ARGS go to pytest)
#
# Setup (both modes): find Python 3.11+, install the Debian packages Qt needs (only
# the missing ones), create .venv in the repository root, pip install -e ".[test,dev,build]"
# (skipped while pyproject.toml is unchanged since the last successful install), and
# check that Qt's libraries find everything they link against.
# It never waits for input; the only network it uses is PyPI and the Debian/Ubuntu mirrors.
set -Eeuo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.consulta-install-stamp"

export PIP_NO_INPUT=1
export PIP_DISABLE_PIP_VERSION_CHECK=1
export DEBIAN_FRONTEND=noninteractive

# Debian/Ubuntu packages that provide what the PySide6-Essentials 6.11 wheels link against
# (found with ldd on Qt/lib and Qt/plugins in the venv) for the xcb and offscreen
# platforms, plus one font so text renders on a minimal system.
QT_APT_PACKAGES=(
    libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
    libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
    libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
    fonts-dejavu-core
    # For the installer tests: the .desktop file and the shell scripts are validated.
    desktop-file-utils shellcheck
)

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'dev.sh: %s\n' "$*" >&2
    exit 1
}
trap 'echo "dev.sh: stopped by an unexpected error at line $LINENO (see the messages above)" >&2' ERR

usage() {
    cat >&2 <<'EOF'
usage: bash scripts/dev.sh demo [FILE.consulta]   open a demo consultation in the app
       bash scripts/dev.sh test [PYTEST ARGS]     run ruff, mypy and the test suite
EOF
    exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

python_ok() { # $1: interpreter; true if it runs and is 3.11 or newer
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

find_python() {
    local candidate path
    for candidate in python3.13 python3.12 python3.11 python3; do
        path="$(command -v "$candidate" 2>/dev/null)" || continue
        if python_ok "$path"; then
            echo "$path"
            return 0
        fi
    done
    return 1
}

pkg_installed() { # Ubuntu 24.04+ renamed some libraries with a t64 suffix
    local p
    for p in "$1" "$1t64"; do
        if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            return 0
        fi
    done
    return 1
}

venv_ok() { [ -x "$VPY" ] && python_ok "$VPY" && "$VPY" -c 'import pip' >/dev/null 2>&1; }

# --- 1. Python ------------------------------------------------------------------------------
setup_python() {
    PY=""
    NEED_VENV_PKG=""
    if venv_ok; then
        return 0
    fi
    say "Looking for Python 3.11 or newer"
    PY="$(find_python)" || die "Consulta needs Python 3.11 or newer, and none was found
(tried python3.13, python3.12, python3.11, python3). Install one, e.g. on Debian 12 or
Ubuntu 24.04: sudo apt-get install -y python3 python3-venv — then run this again."
    say "Using $PY ($("$PY" -c 'import platform; print(platform.python_version())'))"
    if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        local ver
        ver="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        NEED_VENV_PKG="python3-venv"
        if command -v apt-cache >/dev/null 2>&1 &&
            apt-cache show "python${ver}-venv" >/dev/null 2>&1; then
            NEED_VENV_PKG="python${ver}-venv"
        fi
    fi
}

# --- 2. Debian packages ----------------------------------------------------------------------
setup_apt_packages() {
    local missing=() p
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "Not a Debian/Ubuntu system: skipping the system package check (Qt's libraries are still checked with ldd below)"
        [ -z "$NEED_VENV_PKG" ] ||
            die "Python's venv module (ensurepip) is missing for $PY. Install it with your system's package manager."
        return 0
    fi
    say "Checking the system packages Qt needs"
    [ -z "$NEED_VENV_PKG" ] || missing+=("$NEED_VENV_PKG")
    for p in "${QT_APT_PACKAGES[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    if ! is_root; then
        die "these system packages are missing: ${missing[*]}
Install them, then run this again:

    sudo apt-get install -y ${missing[*]}
"
    fi
    say "Installing missing system packages: ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
    if [ -n "$NEED_VENV_PKG" ] && ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        die "installed $NEED_VENV_PKG but $PY still has no ensurepip; install the venv package for $PY."
    fi
}

# --- 3. Virtual environment and Python packages ----------------------------------------------
setup_venv() {
    if ! venv_ok; then
        if [ -x "$VPY" ] && "$VPY" -c 'import sys' >/dev/null 2>&1 && ! python_ok "$VPY"; then
            die "$VENV uses a Python older than 3.11. Remove it (rm -rf .venv) and run this again."
        fi
        if [ -e "$VENV" ]; then
            say "Recreating the incomplete virtual environment $VENV"
            rm -rf -- "$VENV"
        else
            say "Creating the virtual environment $VENV"
        fi
        "$PY" -m venv "$VENV"
    fi
    local want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
        say "Python packages are up to date (pyproject.toml unchanged since the last install)"
        return 0
    fi
    say "Installing Consulta and its pinned dependencies into .venv (a few minutes the first time)"
    rm -f -- "$STAMP"
    (cd "$ROOT" && "$VPY" -m pip install --quiet -e ".[test,dev,build]")
    echo "$want" >"$STAMP"
}

# --- 4. Qt's shared libraries ----------------------------------------------------------------
check_qt_libraries() {
    if ! command -v ldd >/dev/null 2>&1; then
        say "ldd not found: skipping the check of Qt's shared libraries"
        return 0
    fi
    say "Checking that Qt finds its system libraries"
    local pyside files=() f missing
    pyside="$(compgen -G "$VENV/lib/python3*/site-packages/PySide6" | head -n 1)" ||
        die "PySide6 is not installed in $VENV; delete $STAMP and run this again."
    for f in \
        "$pyside"/Qt/lib/libQt6{Core,Gui,Widgets,DBus,XcbQpa,OpenGL,Svg}.so.6 \
        "$pyside"/Qt/plugins/platforms/lib{qxcb,qoffscreen}.so \
        "$pyside"/Qt/plugins/xcbglintegrations/*.so \
        "$pyside"/Qt/plugins/iconengines/*.so \
        "$pyside"/Qt/plugins/imageformats/libqsvg.so \
        "$pyside"/Qt{Core,Gui,Widgets}.abi3.so; do
        if [ -e "$f" ]; then files+=("$f"); fi
    done
    missing="$(for f in "${files[@]}"; do ldd "$f" 2>/dev/null || true; done |
        awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')"
    if [ -n "$missing" ]; then
        die "Qt cannot find these system libraries: $missing
Install the packages that provide them (on Debian/Ubuntu: apt-file search <library>)."
    fi
}

setup() {
    setup_python
    setup_apt_packages
    setup_venv
    check_qt_libraries
}

# --- modes -----------------------------------------------------------------------------------
run_tests() {
    cd "$ROOT"
    if [ "${CI:-}" = "true" ] || [ -z "${DISPLAY:-}" ]; then
        export QT_QPA_PLATFORM=offscreen
    fi
    local failed=()
    say "ruff check ."
    "$VENV/bin/ruff" check . </dev/null || failed+=("ruff check")
    say "ruff format --check ."
    "$VENV/bin/ruff" format --check . </dev/null || failed+=("ruff format")
    say "mypy"
    "$VENV/bin/mypy" </dev/null || failed+=("mypy")
    say "pytest${QT_QPA_PLATFORM:+ (QT_QPA_PLATFORM=$QT_QPA_PLATFORM)}"
    "$VPY" -m pytest -q "$@" </dev/null || failed+=("pytest")
    if [ "${#failed[@]}" -ne 0 ]; then
        printf 'dev.sh: FAILED: %s\n' "${failed[*]}" >&2
        exit 1
    fi
    say "All checks passed"
}

run_demo() {
    local file="${1:-$HOME/Consulta/demo.consulta}"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        die "no display found (DISPLAY and WAYLAND_DISPLAY are unset): the demo opens a window.
Run it from a desktop session."
    fi
    cd "$ROOT"
    if [ -e "$file" ]; then
        say "Using the existing demo consultation $file"
    else
        say "Creating a demo consultation in $file"
        mkdir -p -- "$(dirname -- "$file")"
        if ! "$VPY" -m consulta demo "$file" </dev/null; then
            rm -f -- "$file"
            die "could not create the demo consultation (see the messages above)."
        fi
    fi
    say "Opening Consulta"
    exec "$VPY" -m consulta "$file"
}

[ "$#" -ge 1 ] || usage
mode="$1"
shift
case "$mode" in
    test)
        setup
        run_tests "$@"
        ;;
    demo)
        [ "$#" -le 1 ] || usage
        setup
        run_demo "$@"
        ;;
    -h | --help | help) usage ;;
    *) usage ;;
esac
