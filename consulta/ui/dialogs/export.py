"""Export a document: choose what (minutes, legitimacy report, sign-in sheet, interchange
JSON), for which sessions and on which paper, then where; the work runs in the background
runner (progress, cancel) and ends with a message offering to open the file or its folder.

    export_interactively(parent, ws, current_session_id, kind=Kind.MINUTES_PDF)

A cancelled or failed export leaves nothing at the destination (the exporters write a
temporary file and rename it into place).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.domain.progress import Progress
from consulta.i18n import N_, _
from consulta.services.workspace import Workspace
from consulta.ui.tasks import Task, run_task


class Kind(enum.StrEnum):
    MINUTES_PDF = "minutes-pdf"
    MINUTES_XLSX = "minutes-xlsx"
    LEGITIMACY_PDF = "legitimacy-pdf"
    LEGITIMACY_XLSX = "legitimacy-xlsx"
    LEGITIMACY_JSON = "legitimacy-json"
    SIGNIN_PDF = "signin-pdf"
    INTERCHANGE_JSON = "json"


@dataclass(frozen=True)
class KindInfo:
    label: str  # N_-marked
    explanation: str  # N_-marked
    suffix: str
    file_filter: str  # N_-marked
    name: str  # N_-marked: the default file name, {title}
    paper: bool = True
    sessions: str = ""  # "minutes": this session or all; "one": one session


_PDF = N_("PDF documents (*.pdf)")
_XLSX = N_("Excel workbooks (*.xlsx)")
_JSON = N_("JSON files (*.json)")

KINDS: dict[Kind, KindInfo] = {
    Kind.MINUTES_PDF: KindInfo(
        N_("Minutes (PDF)"),
        N_(
            "The minutes to sign or publish: attendance by sector, agenda and notes, positions "
            "and guidelines agreed. Sessions that are not closed are marked DRAFT."
        ),
        ".pdf",
        _PDF,
        N_("{title} - minutes"),
        sessions="minutes",
    ),
    Kind.MINUTES_XLSX: KindInfo(
        N_("Minutes (Excel)"),
        N_(
            "The minutes as a workbook for the records: one sheet each for sessions, "
            "attendance, agenda and positions."
        ),
        ".xlsx",
        _XLSX,
        N_("{title} - minutes"),
        sessions="minutes",
    ),
    Kind.LEGITIMACY_PDF: KindInfo(
        N_("Legitimacy report (PDF)"),
        N_(
            "The evidence that the guidelines were consulted, discussed and agreed across "
            "sectors, in plain words, with the figures explained. No personal names."
        ),
        ".pdf",
        _PDF,
        N_("{title} - legitimacy report"),
    ),
    Kind.LEGITIMACY_XLSX: KindInfo(
        N_("Legitimacy report (Excel)"),
        N_(
            "The legitimacy figures as a workbook: summary, sectors, sessions, guidelines, "
            "matrix of stances and warnings."
        ),
        ".xlsx",
        _XLSX,
        N_("{title} - legitimacy report"),
    ),
    Kind.LEGITIMACY_JSON: KindInfo(
        N_("Legitimacy figures (JSON)"),
        N_("The legitimacy figures in a machine-readable form, for other software."),
        ".json",
        _JSON,
        N_("{title} - legitimacy figures"),
        paper=False,
    ),
    Kind.SIGNIN_PDF: KindInfo(
        N_("Sign-in sheet (PDF)"),
        N_(
            "A sheet to print before a session: the expected participants with their sector "
            "and organisation, a signature column and blank rows for newcomers."
        ),
        ".pdf",
        _PDF,
        N_("{title} - sign-in sheet"),
        sessions="one",
    ),
    Kind.INTERCHANGE_JSON: KindInfo(
        N_("Whole consultation (JSON interchange)"),
        N_(
            "Everything in this consultation as one JSON document, to archive it or move it "
            "to other software. It contains personal data: keep it safe."
        ),
        ".json",
        _JSON,
        N_("{title}"),
        paper=False,
    ),
}

PAPERS = (("a4", N_("A4")), ("letter", N_("Letter")))
# Where Letter is the usual paper (ISO 3166 codes).
_LETTER_TERRITORIES = {
    "US",
    "CA",
    "MX",
    "CL",
    "CO",
    "VE",
    "PH",
    "CR",
    "GT",
    "PA",
    "DO",
    "PR",
    "SV",
    "HN",
    "NI",
}
_last_paper: str | None = None


def default_paper() -> str:
    if _last_paper is not None:
        return _last_paper
    code = QLocale.territoryToCode(QLocale.system().territory())
    return "letter" if code in _LETTER_TERRITORIES else "a4"


@dataclass(frozen=True)
class ExportRequest:
    kind: Kind
    session_id: str | None = None  # None for minutes: every held or closed session
    paper: str = "a4"


def run_export(ws: Workspace, request: ExportRequest, target: Path, progress: Progress) -> Path:
    """The export itself (in the background runner's thread)."""
    from consulta import reports
    from consulta.interchange import export_json

    kind, paper = request.kind, request.paper
    if kind is Kind.MINUTES_PDF:
        reports.export_minutes_pdf(ws, target, request.session_id, paper, progress)
    elif kind is Kind.MINUTES_XLSX:
        reports.export_minutes_xlsx(ws, target, request.session_id, paper, progress)
    elif kind is Kind.LEGITIMACY_PDF:
        reports.export_legitimacy_pdf(ws, target, paper, progress)
    elif kind is Kind.LEGITIMACY_XLSX:
        reports.export_legitimacy_xlsx(ws, target, paper, progress)
    elif kind is Kind.LEGITIMACY_JSON:
        reports.export_legitimacy_json(ws, target, paper, progress)
    elif kind is Kind.SIGNIN_PDF:
        assert request.session_id is not None
        reports.export_signin_pdf(ws, target, request.session_id, paper, progress)
    else:
        export_json(ws, target, progress)
    return target


def safe_file_name(text: str, limit: int = 80) -> str:
    """``text`` usable as a file name on every OS (no separators or reserved characters)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    name = " ".join(name.split()).strip(" .")
    return name[:limit].rstrip(" .") or "consulta"


class ExportDialog(QDialog):
    """What to export. ``request()`` gives the choice once accepted."""

    def __init__(
        self,
        ws: Workspace,
        current_session_id: str | None = None,
        kind: Kind = Kind.MINUTES_PDF,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(_("Export"))
        self.setMinimumWidth(520)
        self.sessions = ws.sessions.list()
        self.current = next((s for s in self.sessions if s.id == current_session_id), None)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox()
        for value, info in KINDS.items():
            self.kind.addItem(_(info.label), value)
        form.addRow(_("Document:"), self.kind)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        form.addRow("", self.explanation)
        self.this_session = QRadioButton()
        self.all_sessions = QRadioButton()
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.this_session)
        self.scope.addButton(self.all_sessions)
        self.scope_box = QWidget()
        scope_layout = QVBoxLayout(self.scope_box)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        scope_layout.addWidget(self.this_session)
        scope_layout.addWidget(self.all_sessions)
        self._fill_scope()
        form.addRow(_("Sessions:"), self.scope_box)
        self.session = QComboBox()
        self._fill_sessions()
        form.addRow(_("Session:"), self.session)
        self.paper = QComboBox()
        for code, label in PAPERS:
            self.paper.addItem(_(label), code)
        self.paper.setCurrentIndex(max(self.paper.findData(default_paper()), 0))
        form.addRow(_("Paper:"), self.paper)
        self.form = form
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            _("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self.scope.buttonToggled.connect(self._update)
        self.set_kind(kind)

    def _fill_scope(self) -> None:
        counted = sum(1 for s in self.sessions if s.status.counts)
        if self.current is not None:
            self.this_session.setText(_("This session: {title}", title=self.current.title))
            self.this_session.setChecked(True)
        else:
            self.this_session.setText(_("This session (open a session first)"))
            self.this_session.setEnabled(False)
            self.all_sessions.setChecked(True)
        self.all_sessions.setText(
            _("All held and closed sessions, in date order ({count})", count=counted)
        )
        self.all_sessions.setEnabled(counted > 0)

    def _fill_sessions(self) -> None:
        # Planned sessions first: a sign-in sheet is printed before a session.
        ordered = sorted(
            self.sessions,
            key=lambda s: (
                s.status is not m.SessionStatus.PLANNED,
                s.date,
                s.start or s.date,
                s.title,
            ),
        )
        for s in ordered:
            text = _(
                "{date} · {title} ({status})",
                date=QLocale().toString(
                    QDate(s.date.year, s.date.month, s.date.day), QLocale.FormatType.ShortFormat
                ),
                title=s.title,
                status=s.status.label,
            )
            self.session.addItem(text, s.id)
        if self.current is not None:
            self.session.setCurrentIndex(max(self.session.findData(self.current.id), 0))

    def set_kind(self, kind: Kind) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind.value), 0))
        self._update()

    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def _update(self) -> None:
        info = KINDS[self.current_kind()]
        self.explanation.setText(_(info.explanation))
        self.form.setRowVisible(self.scope_box, info.sessions == "minutes")
        self.form.setRowVisible(self.session, info.sessions == "one")
        self.form.setRowVisible(self.paper, info.paper)
        problem = ""
        if info.sessions == "minutes" and not (
            self.this_session.isChecked() or self.all_sessions.isChecked()
        ):
            problem = _(
                "This consultation has no held or closed session yet. Open a session "
                "to export its draft minutes, or mark a session as held first."
            )
        elif info.sessions == "one" and self.session.count() == 0:
            problem = _("This consultation has no session yet. Plan a session first.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)
        self.adjustSize()

    def request(self) -> ExportRequest:
        kind = self.current_kind()
        info = KINDS[kind]
        session_id: str | None = None
        if info.sessions == "minutes" and self.this_session.isChecked() and self.current:
            session_id = self.current.id
        elif info.sessions == "one":
            session_id = self.session.currentData()
        return ExportRequest(kind, session_id, self.paper.currentData() if info.paper else "a4")

    def default_name(self) -> str:
        request = self.request()
        info = KINDS[request.kind]
        title = self.ws.consultation.get().title
        if request.session_id is not None:
            title = next((s.title for s in self.sessions if s.id == request.session_id), title)
        return safe_file_name(_(info.name, title=title)) + info.suffix


def ask_target(parent: QWidget | None, ws: Workspace, kind: Kind, name: str) -> Path | None:
    """Where to save; None if the user cancelled. Adds the suffix the user left out."""
    info = KINDS[kind]
    start = str(Path(ws.path).parent / name)
    path, _selected = QFileDialog.getSaveFileName(
        parent, _("Export {document}", document=_(info.label)), start, _(info.file_filter)
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != info.suffix:
        target = target.with_name(target.name + info.suffix)
    return target


def start_export(
    parent: QWidget | None,
    ws: Workspace,
    request: ExportRequest,
    target: Path,
    on_done: Callable[[Path], None] | None = None,
) -> Task:
    """Run the export in the background runner; on success show where the file is."""
    global _last_paper
    if KINDS[request.kind].paper:
        _last_paper = request.paper

    def done(result: object) -> None:
        path = Path(str(result))
        show_exported(parent, path)
        if on_done is not None:
            on_done(path)

    return run_task(
        parent,
        lambda progress: run_export(ws, request, target, progress),
        title=_("Export"),
        label=_("Writing “{name}”…", name=target.name),
        on_done=done,
    )


class ExportedMessage(QMessageBox):
    """“Exported”, with Open file / Show in folder / Close. Shown with ``open()`` (not
    blocking)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(_("Export"))
        self.setText(_("The document was saved as “{name}”.", name=path.name))
        self.setInformativeText(str(path.parent))
        self.open_button = self.addButton(_("Open file"), QMessageBox.ButtonRole.ActionRole)
        self.folder_button = self.addButton(_("Show in folder"), QMessageBox.ButtonRole.ActionRole)
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.open_button)
        self.setEscapeButton(self.close_button)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        elif button is self.folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


last_message: ExportedMessage | None = None


def show_exported(parent: QWidget | None, path: Path) -> ExportedMessage:
    global last_message
    box = ExportedMessage(path, parent)
    last_message = box
    box.open()
    return box


def export_interactively(
    parent: QWidget | None,
    ws: Workspace,
    current_session_id: str | None = None,
    kind: Kind = Kind.MINUTES_PDF,
) -> Task | None:
    """The whole flow from a menu: options, file, background export, message."""
    dialog = ExportDialog(ws, current_session_id, kind, parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        request = dialog.request()
        target = ask_target(parent, ws, request.kind, dialog.default_name())
        if target is not None:
            return start_export(parent, ws, request, target)
    return None
