"""The workspace: an open consultation file and the services a front end calls.

A front end (the desktop app, the CLI) holds one ``Workspace`` per open file and calls
its services; it never touches the database. Every edit is committed when the call
returns, recorded in the audit trail and pushed on the undo history; listeners hear of
every committed change (to refresh views).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection

from consulta.domain.errors import ReadOnlyError
from consulta.services.unit import ChangeSet, UnitOfWork
from consulta.store.file import ConsultaFile

Listener = Callable[[ChangeSet], None]


class Workspace:
    def __init__(self, cfile: ConsultaFile) -> None:
        from consulta.services.consultation import ConsultationService
        from consulta.services.guidelines import GuidelineService, PositionService
        from consulta.services.history import UndoHistory
        from consulta.services.participants import OrganisationService, ParticipantService
        from consulta.services.sectors import DistrictService, SectorService
        from consulta.services.sessions import AgendaService, AttendanceService, SessionService

        self.file = cfile
        self._listeners: list[Listener] = []
        self.history = UndoHistory(self)
        self.consultation = ConsultationService(self)
        self.districts = DistrictService(self)
        self.sectors = SectorService(self)
        self.organisations = OrganisationService(self)
        self.participants = ParticipantService(self)
        self.sessions = SessionService(self)
        self.agenda = AgendaService(self)
        self.attendance = AttendanceService(self)
        self.guidelines = GuidelineService(self)
        self.positions = PositionService(self)

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> Workspace:
        return cls(ConsultaFile.open(path, readonly=readonly))

    @classmethod
    def create(
        cls,
        path: Path | str,
        title: str,
        territory: str = "",
        language: str = "en",
        description: str = "",
    ) -> Workspace:
        """A new consultation file with the seven default sectors."""
        from consulta.services.consultation import initialise

        cfile = ConsultaFile.create(path)
        try:
            workspace = cls(cfile)
            initialise(workspace, title, territory, language, description)
        except BaseException:
            cfile.close()
            Path(cfile.path).unlink(missing_ok=True)
            raise
        workspace.history.clear()
        return workspace

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def readonly(self) -> bool:
        return self.file.readonly

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: a consistent view for the duration of the block."""
        with self.file.engine.begin() as conn:
            yield conn

    @contextmanager
    def write(self, action: str, label: str, record: bool = True) -> Iterator[UnitOfWork]:
        """One user action, one transaction; committed (on disk) when the block ends."""
        if self.file.readonly:
            raise ReadOnlyError(self.file.path)
        stamp = self.file.clock.tick()
        with self.file.engine.begin() as conn:
            unit = UnitOfWork(self.file, conn, stamp)
            yield unit
            unit.finish(action)
        if unit.changes:
            changeset = ChangeSet(action, label, tuple(unit.changes))
            if record:
                self.history.push(changeset)
            self.notify(changeset)

    # -- listeners -------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, changeset: ChangeSet) -> None:
        """Tell every listener about committed edits made outside ``write`` (a merge that
        works on the file directly, an erasure)."""
        for listener in list(self._listeners):
            listener(changeset)
