#!/usr/bin/env bash
# Make the macOS disk image: Consulta.app next to a link to /Applications (drag to install).
#
#   bash installers/macos/build_dmg.sh [APP] [DMG]
#       APP  default dist/Consulta.app (made by installers/build.py on a Mac)
#       DMG  default dist/Consulta.dmg
#
# Optional signing: with CODESIGN_IDENTITY="Developer ID Application: ..." the app is signed
# with the hardened runtime; with NOTARY_PROFILE also set (a notarytool keychain profile)
# the image is notarised and stapled. Without them the app keeps PyInstaller's ad-hoc
# signature, and users confirm the first start in System Settings (see installers/README.md).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
APP="${1:-$ROOT/dist/Consulta.app}"
DMG="${2:-$ROOT/dist/Consulta.dmg}"
VOLUME="Consulta"

die() {
    printf 'build_dmg.sh: %s\n' "$*" >&2
    exit 1
}

[ "$(uname -s)" = "Darwin" ] || die "disk images are made on macOS (hdiutil); this is $(uname -s)."
[ -d "$APP/Contents/MacOS" ] || die "no app at $APP: run 'python installers/build.py' first."
command -v hdiutil >/dev/null || die "hdiutil not found."

STAGING="$(mktemp -d "${TMPDIR:-/tmp}/consulta-dmg.XXXXXX")"
cleanup() { rm -rf -- "$STAGING"; }
trap cleanup EXIT

ditto "$APP" "$STAGING/Consulta.app"
ln -s /Applications "$STAGING/Applications"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp \
        --sign "$CODESIGN_IDENTITY" "$STAGING/Consulta.app"
    codesign --verify --deep --strict "$STAGING/Consulta.app"
fi

mkdir -p "$(dirname -- "$DMG")"
rm -f -- "$DMG"
hdiutil create -volname "$VOLUME" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
    codesign --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi

printf 'build_dmg.sh: %s\n' "$DMG"
