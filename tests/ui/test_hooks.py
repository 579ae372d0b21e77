"""Every screen defines refresh() and retranslate(), and every form defines save(): the
base classes declare these hooks and call them, without a body of their own."""

from __future__ import annotations

import importlib
import pkgutil

import consulta.ui.dialogs
import consulta.ui.views
from consulta.ui.dialogs.form import FormDialog
from consulta.ui.views.base import View


def _subclasses(base: type) -> list[type]:
    found: list[type] = []
    pending = [base]
    while pending:
        for sub in pending.pop().__subclasses__():
            found.append(sub)
            pending.append(sub)
    return found


def _load(package: object) -> None:
    for module in pkgutil.iter_modules(package.__path__):  # type: ignore[attr-defined]
        importlib.import_module(f"{package.__name__}.{module.name}")  # type: ignore[attr-defined]


def test_every_screen_and_form_defines_its_hooks() -> None:
    _load(consulta.ui.views)
    _load(consulta.ui.dialogs)
    views = _subclasses(View)
    forms = _subclasses(FormDialog)
    assert len(views) >= 5 and len(forms) >= 7  # the check sees them all
    for cls in views:
        for hook in ("refresh", "retranslate"):
            assert callable(getattr(cls, hook, None)), f"{cls.__name__} lacks {hook}()"
    for cls in forms:
        assert callable(getattr(cls, "save", None)), f"{cls.__name__} lacks save()"
    assert not hasattr(View, "refresh") and not hasattr(FormDialog, "save")
