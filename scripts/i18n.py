"""Translation catalogues: `python scripts/i18n.py pot` writes resources/translations/consulta.pot;
`python scripts/i18n.py missing es` lists the messages es.po lacks (as .po entries to fill in);
`python scripts/i18n.py merge es FILE.po…` adds the entries of other .po files to es.po."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consulta.i18n.catalog import load_catalog, parse_po  # noqa: E402
from consulta.i18n.extract import _quote, collect, source_files, to_pot  # noqa: E402

TRANSLATIONS = ROOT / "resources" / "translations"


def main(argv: list[str]) -> int:
    messages = collect(source_files(ROOT), ROOT)
    if argv[:1] == ["pot"]:
        (TRANSLATIONS / "consulta.pot").write_text(to_pot(messages), encoding="utf-8")
        print(f"{len(messages)} messages")
        return 0
    if argv[:1] == ["missing"] and len(argv) == 2:
        catalog = load_catalog(TRANSLATIONS / f"{argv[1]}.po")
        for msgid, message in messages.items():
            known = catalog.plurals if message.plural is not None else catalog.messages
            if msgid not in known:
                print(f'#: {message.where}\nmsgid {_quote(msgid)}\nmsgstr ""\n')
        return 0
    if argv[:1] == ["merge"] and len(argv) >= 3:
        target = TRANSLATIONS / f"{argv[1]}.po"
        catalog = load_catalog(target)
        added = []
        for extra in argv[2:]:
            other = parse_po(Path(extra).read_text(encoding="utf-8"))
            for msgid, msgstr in other.messages.items():
                if msgid not in catalog.messages and msgstr:
                    catalog.messages[msgid] = msgstr
                    added.append(f"msgid {_quote(msgid)}\nmsgstr {_quote(msgstr)}\n")
            for msgid, forms in other.plurals.items():
                if msgid not in catalog.plurals and all(forms):
                    catalog.plurals[msgid] = forms
                    plural = messages[msgid].plural if msgid in messages else msgid
                    body = "".join(f"msgstr[{i}] {_quote(f)}\n" for i, f in enumerate(forms))
                    added.append(
                        f"msgid {_quote(msgid)}\nmsgid_plural {_quote(plural or msgid)}\n{body}"
                    )
        with target.open("a", encoding="utf-8") as handle:
            for entry in added:
                handle.write("\n" + entry)
        print(f"added {len(added)} entries to {target.name}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
