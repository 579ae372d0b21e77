#!/bin/sh
# Install Consulta for the current user (no administrator rights needed).
#
#   ./install.sh          run from the unpacked consulta-<version>/ folder
#
# Puts the program in ~/.local/opt/consulta, a "consulta" command in ~/.local/bin, the menu
# entry in ~/.local/share/applications, the .consulta file type in ~/.local/share/mime and
# the icons in ~/.local/share/icons/hicolor. Running it again updates an installed copy.
# Remove everything with ~/.local/opt/consulta/uninstall.sh. Your .consulta files are never
# touched.
set -eu

HERE=$(cd -- "$(dirname -- "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/consulta
BIN=$HOME/.local/bin

fail() {
    printf 'install.sh: %s\n' "$1" >&2
    exit 1
}

[ -x "$HERE/consulta/consulta" ] ||
    fail "no program at $HERE/consulta/consulta: run this script from the unpacked consulta-<version> folder."
[ -f "$HERE/share/consulta.desktop" ] || fail "$HERE/share/consulta.desktop is missing: unpack the whole archive again."

if [ -e "$BIN/consulta" ] && [ ! -L "$BIN/consulta" ]; then
    fail "$BIN/consulta exists and is not a link to Consulta: move it away and run this again."
fi

# 1. The program: copy next to the old copy, then swap, so a failed copy leaves the old one.
mkdir -p "$(dirname -- "$OPT")"
rm -rf "$OPT.new"
cp -R "$HERE/consulta" "$OPT.new" || fail "could not copy the program to $OPT.new (is the disk full?)."
cp "$HERE/uninstall.sh" "$OPT.new/uninstall.sh"
chmod 755 "$OPT.new/uninstall.sh"
rm -rf "$OPT.old"
if [ -e "$OPT" ]; then mv "$OPT" "$OPT.old"; fi
mv "$OPT.new" "$OPT"
rm -rf "$OPT.old"

# 2. The command.
mkdir -p "$BIN"
ln -sfn "$OPT/consulta" "$BIN/consulta"

# 3. The menu entry, pointing at the installed program (~/.local/bin may not be on PATH).
#    A quoted Exec argument escapes " ` $ as \\" \\` \\$ and \ as \\\\ (desktop entry
#    spec), and % is written %%.
exec_path=$(printf '%s' "$OPT/consulta" |
    sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g' -e 's/%/%%/g')
mkdir -p "$DATA/applications"
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf 'Exec="%s" %%f\n' "$exec_path" ;;
        TryExec=*) printf 'TryExec=%s\n' "$OPT/consulta" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$HERE/share/consulta.desktop" >"$DATA/applications/consulta.desktop"
chmod 644 "$DATA/applications/consulta.desktop"

# 4. The file type: *.consulta is application/x-consulta (a kind of SQLite database).
mkdir -p "$DATA/mime/packages"
cp "$HERE/share/consulta-mime.xml" "$DATA/mime/packages/consulta-mime.xml"
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$DATA/mime" || true
fi

# 5. The icons (program and document), in every size.
mkdir -p "$DATA/icons"
cp -R "$HERE/share/icons/hicolor" "$DATA/icons/"
touch "$DATA/icons/hicolor" 2>/dev/null || true
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
fi

# 6. Tell the desktop, and make Consulta the program that opens .consulta files.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" || true
fi
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default consulta.desktop application/x-consulta 2>/dev/null || true
fi

version=$("$OPT/consulta" --version 2>/dev/null) || version="Consulta"
printf '%s is installed in %s.\n' "$version" "$OPT"
printf 'Start it from your applications menu, or with the command: consulta\n'
case ":${PATH:-}:" in
    *":$BIN:"*) ;;
    *) printf 'Note: %s is not on your PATH; the command is %s (the menu entry works anyway).\n' "$BIN" "$BIN/consulta" ;;
esac
printf 'To remove it: %s\n' "$OPT/uninstall.sh"
