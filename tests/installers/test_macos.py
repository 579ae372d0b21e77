"""macOS: Info.plist (read with plistlib; the .app and .dmg cannot be built here)."""

from __future__ import annotations

import plistlib
from typing import Any

import pytest

from tests.installers.conftest import INSTALLERS

PLIST = INSTALLERS / "macos" / "Info.plist"


@pytest.fixture(scope="module")
def info() -> dict[str, Any]:
    with PLIST.open("rb") as handle:
        data: dict[str, Any] = plistlib.load(handle)
    return data


def test_bundle_identity(info: dict[str, Any]) -> None:
    assert info["CFBundleIdentifier"] == "org.consulta.Consulta"
    assert info["CFBundleName"] == "Consulta" and info["CFBundlePackageType"] == "APPL"
    assert info["CFBundleIconFile"] == "consulta.icns"  # BUNDLE copies build/icons/consulta.icns
    assert info["NSHighResolutionCapable"] is True
    assert {"en", "es", "pt", "fr", "ca"} <= set(info["CFBundleLocalizations"])


def test_declares_the_consulta_document_type(info: dict[str, Any]) -> None:
    exported = {t["UTTypeIdentifier"]: t for t in info["UTExportedTypeDeclarations"]}
    uti = exported["org.consulta.consultation"]
    assert {"public.database", "public.data"} <= set(uti["UTTypeConformsTo"])
    tags = uti["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == ["consulta"]
    assert tags["public.mime-type"] == ["application/x-consulta"]
    (document,) = info["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == ["org.consulta.consultation"]
    assert document["CFBundleTypeExtensions"] == ["consulta"]
    assert document["CFBundleTypeRole"] == "Editor" and document["LSHandlerRank"] == "Owner"
    assert document["CFBundleTypeIconFile"] == "consulta-document.icns"


def test_dmg_script_refuses_politely_off_macos(tmp_path: Any) -> None:
    import subprocess

    result = subprocess.run(
        ["bash", str(INSTALLERS / "macos" / "build_dmg.sh"), str(tmp_path / "X.app")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "made on macOS" in result.stderr
