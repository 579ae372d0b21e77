#!/bin/sh
# Remove Consulta installed for the current user by install.sh.
#
#   ~/.local/opt/consulta/uninstall.sh
#
# Removes the program, the "consulta" command, the menu entry, the .consulta file type and
# the icons. Your .consulta files and your settings (~/.config/Consulta) are kept.
set -eu

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/consulta
BIN=$HOME/.local/bin

# The command, only if it is our link.
if [ -L "$BIN/consulta" ] && [ "$(readlink -- "$BIN/consulta")" = "$OPT/consulta" ]; then
    rm -f "$BIN/consulta"
fi

rm -f "$DATA/applications/consulta.desktop"
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA/applications" ]; then
    update-desktop-database -q "$DATA/applications" || true
fi

if [ -f "$DATA/mime/packages/consulta-mime.xml" ]; then
    rm -f "$DATA/mime/packages/consulta-mime.xml"
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA/mime" || true
    fi
fi

for folder in "$DATA"/icons/hicolor/*/; do
    [ -d "$folder" ] || continue
    rm -f "$folder/apps/consulta.png" "$folder/apps/consulta.svg" \
        "$folder/mimetypes/application-x-consulta.png" "$folder/mimetypes/application-x-consulta.svg"
done
touch "$DATA/icons/hicolor" 2>/dev/null || true

# The "open .consulta files with Consulta" default that install.sh set with xdg-mime.
APPS_LIST=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
if [ -f "$APPS_LIST" ] && grep -qx 'application/x-consulta=consulta.desktop' "$APPS_LIST"; then
    grep -vx 'application/x-consulta=consulta.desktop' "$APPS_LIST" >"$APPS_LIST.tmp" || true
    mv "$APPS_LIST.tmp" "$APPS_LIST"
fi

rm -rf "$OPT" "$OPT.new" "$OPT.old"
printf 'Consulta was removed. Your .consulta files and settings were kept.\n'
