"""Confirmations of the session workspace: close (lock the minutes), reopen, remove an item.

Module-level functions so tests can replace them (monkeypatch) instead of clicking a modal box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from consulta.i18n import _


def _ask(
    parent: QWidget, title: str, text: str, informative: str, yes: str, icon: QMessageBox.Icon
) -> bool:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def confirm_close(parent: QWidget, session_title: str) -> bool:
    return _ask(
        parent,
        _("Close session"),
        _("Close “{title}” and lock its minutes?", title=session_title),
        _(
            "Attendance, agenda notes and positions can no longer be changed. "
            "You can reopen the session later if a correction is needed."
        ),
        _("Close and lock"),
        QMessageBox.Icon.Question,
    )


def confirm_reopen(parent: QWidget, session_title: str) -> bool:
    return _ask(
        parent,
        _("Reopen session"),
        _("Reopen “{title}” and unlock its minutes?", title=session_title),
        _(
            "The minutes may have been approved or signed already. "
            "Reopening is recorded in the audit trail."
        ),
        _("Reopen"),
        QMessageBox.Icon.Warning,
    )


def confirm_remove_item(parent: QWidget, item_title: str) -> bool:
    return _ask(
        parent,
        _("Remove agenda item"),
        _("Remove “{title}” and its notes?", title=item_title),
        _("Edit ▸ Undo brings it back."),
        _("Remove"),
        QMessageBox.Icon.Question,
    )
