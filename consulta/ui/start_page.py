"""The start page: New consultation, Open, Open recent, Open the demo (or drop a file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulta.i18n import _
from consulta.ui.icons import app_icon, icon


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        column.addStretch(1)
        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(logo)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.name = QLabel("Consulta")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.name.setFont(font)
        titles.addWidget(self.name)
        self.tagline = QLabel()
        self.tagline.setWordWrap(True)
        titles.addWidget(self.tagline)
        head.addLayout(titles, 1)
        column.addLayout(head)

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.new_button = QPushButton(icon("new"), "")
        self.open_button = QPushButton(icon("open"), "")
        self.demo_button = QPushButton(icon("demo"), "")
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setIconSize(QSize(20, 20))
            button.setMinimumHeight(40)
            buttons.addWidget(button)
        column.addLayout(buttons)

        self.recent_label = QLabel()
        font = self.recent_label.font()
        font.setBold(True)
        self.recent_label.setFont(font)
        column.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.setMinimumHeight(150)
        self.recent.setIconSize(QSize(20, 20))
        column.addWidget(self.recent)
        self.drop_hint = QLabel()
        self.drop_hint.setEnabled(False)
        column.addWidget(self.drop_hint)
        column.addStretch(2)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        holder.setMinimumWidth(480)
        outer.addWidget(holder, 3)
        outer.addStretch(1)

        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.recent.itemActivated.connect(
            lambda item: self.recentRequested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self._files: list[str] = []
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tagline.setText(
            _(
                "Round tables with every sector of society, their minutes, and the evidence "
                "that a policy's guidelines were agreed."
            )
        )
        self.new_button.setText(_("New consultation…"))
        self.open_button.setText(_("Open…"))
        self.demo_button.setText(_("Open the demo"))
        self.recent_label.setText(_("Recent consultations"))
        self.drop_hint.setText(_("Tip: drop a .consulta file on this window to open it."))
        self.set_recent(self._files)

    def set_recent(self, files: list[str]) -> None:
        self._files = list(files)
        self.recent.clear()
        for path in files:
            item = QListWidgetItem(icon("recent"), f"{Path(path).stem}  —  {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if not files:
            empty = QListWidgetItem(_("No recent consultations yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(empty)
