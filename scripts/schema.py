"""Regenerate consulta/store/schema_sql.py (the schema new files are created with) from the
migrations: `python scripts/schema.py`. Run it after adding a migration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consulta.store.migrate import render_schema_module  # noqa: E402

TARGET = ROOT / "consulta" / "store" / "schema_sql.py"


def main() -> int:
    TARGET.write_text(render_schema_module(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(TARGET)], check=True)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
