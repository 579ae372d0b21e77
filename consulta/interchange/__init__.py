"""The JSON interchange format (shared docs: interchange-format.md): export a consultation
as one JSON document, and import such a document into a new ``.consulta`` file.

- ``export_json(ws, target, progress=None) -> Path`` and ``export_document(ws) -> dict``
- ``import_json(source, target, progress=None, overwrite=False) -> ImportReport``;
  a document with errors raises ``InvalidDocumentError`` listing every problem, and
  writes nothing. ``import_document(doc, target, ...)`` does the same for a parsed dict.
"""

from __future__ import annotations

from consulta.interchange.json_checks import FORMAT, VERSION
from consulta.interchange.json_export import export_document, export_json, write_document
from consulta.interchange.json_import import ImportReport, import_document, import_json

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportReport",
    "export_document",
    "export_json",
    "import_document",
    "import_json",
    "write_document",
]
