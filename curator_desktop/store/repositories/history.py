"""Generated reports and exchange history, as the Reports and Exchange pages list them."""

from __future__ import annotations

from sqlmodel import col, select

from curator_desktop.store.database import Database
from curator_desktop.store.tables import GeneratedReport, SyncState


class HistoryRepository:
    """Read-only lists of what the app produced and exchanged."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def reports(self) -> list[GeneratedReport]:
        with self._db.session() as session:
            query = select(GeneratedReport).where(col(GeneratedReport.deleted).is_(False))
            return list(
                session.exec(query.order_by(col(GeneratedReport.generated_at).desc())).all()
            )

    def exchanges(self) -> list[SyncState]:
        with self._db.session() as session:
            return list(session.exec(select(SyncState).order_by(col(SyncState.at).desc())).all())

    def last_export(self) -> SyncState | None:
        with self._db.session() as session:
            query = select(SyncState).where(col(SyncState.direction) == "export")
            return session.exec(query.order_by(col(SyncState.at).desc())).first()

    def exports_to(self, folder: str) -> list[SyncState]:
        """Every export to ``folder`` (resolved path), newest first."""
        with self._db.session() as session:
            query = select(SyncState).where(
                col(SyncState.direction) == "export", col(SyncState.destination) == folder
            )
            return list(session.exec(query.order_by(col(SyncState.at).desc())).all())
