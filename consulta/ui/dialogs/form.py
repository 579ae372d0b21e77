"""The shape every form shares: a form layout, OK/Cancel, and validation errors shown in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from consulta.domain.errors import UserError, ValidationError
from consulta.i18n import _

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """A form. Subclasses define ``save()``: write through the services and return the
    result, or raise UserError to keep the form open (tests/ui/test_hooks.py checks
    that each one does)."""

    save: Callable[[], Any]

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        outer.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()
        outer.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.result_value: Any = None

    def add_row(self, key: str, label: str, widget: W) -> W:
        self.form.addRow(label, widget)
        self.fields[key] = widget
        return widget

    def accept(self) -> None:
        try:
            self.result_value = self.save()
        except ValidationError as error:
            self.show_problem(str(error), error.field)
            return
        except UserError as error:
            self.show_problem(str(error))
            return
        super().accept()

    def show_problem(self, message: str, field: str | None = None) -> None:
        self.problem.setText(message)
        self.problem.show()
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()


def fill_combo(combo: QComboBox, items: list[tuple[str, str | None]], current: str | None) -> None:
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))


def blank(text: str) -> str:
    return text if text else _("(none)")
