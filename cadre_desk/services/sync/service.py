"""One facade over sync for the GUI (and anything else that wants the whole picture)."""

from __future__ import annotations

from pathlib import Path

from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync import pairing
from cadre_desk.services.sync.bundle import ExportReport, ImportReport, export_bundle, import_bundles
from cadre_desk.services.sync.server_client import (
    AUTO_SYNC_MINUTES,
    ServerClient,
    ServerSyncReport,
    configure_server,
    configured_client,
    server_config,
)
from cadre_desk.services.sync.status import SyncStatus, sync_status
from cadre_desk.storage.database import Database


class SyncService:
    auto_minutes = AUTO_SYNC_MINUTES

    def __init__(self, db: Database, paths: DataPaths, secrets: SecretStore) -> None:
        self.db = db
        self.paths = paths
        self.secrets = secrets

    def status(self) -> SyncStatus:
        return sync_status(self.db, self.secrets)

    # -- bundles -------------------------------------------------------------------------------

    def export_bundle(self, folder: Path) -> ExportReport:
        return export_bundle(self.db, self.paths, self.secrets, folder)

    def import_bundles(self, target: Path, *, allow_mass_delete: bool = False) -> ImportReport:
        return import_bundles(self.db, self.paths, self.secrets, target, allow_mass_delete=allow_mass_delete)

    def pairing_fingerprint(self) -> str | None:
        key = pairing.get_key(self.secrets)
        return pairing.key_id(bytes.fromhex(key)) if key else None

    def pairing_key(self) -> str | None:
        key = pairing.get_key(self.secrets)
        return pairing.format_key(key) if key else None

    def new_pairing_key(self) -> str:
        return pairing.format_key(pairing.new_key(self.secrets))

    def set_pairing_key(self, text: str) -> None:
        pairing.set_key(self.secrets, text)

    # -- server --------------------------------------------------------------------------------

    def server(self) -> tuple[str, str] | None:
        return server_config(self.secrets)

    def configure_server(self, url: str, token: str) -> None:
        configure_server(self.secrets, url, token)

    def sync_now(self, *, allow_mass_delete: bool = False) -> ServerSyncReport:
        with configured_client(self.db, self.secrets) as client:
            report = client.sync(allow_mass_delete=allow_mass_delete)
        return self._with_unit_statistics(report)

    # -- opt-in unit statistics (issue 19) ---------------------------------------------------

    def unit_preview(self) -> str:
        """Exactly what the unit statistics would send now; showing it counts as the preview."""
        from cadre_desk.services import unit_report

        text = unit_report.preview(self.db)
        unit_report.mark_previewed(self.paths)
        return text

    def unit_reporting(self) -> bool:
        from cadre_desk.services import unit_report
        from cadre_desk.services.settings import Settings

        return unit_report.is_enabled(Settings(self.db))

    def set_unit_reporting(self, on: bool) -> int | None:
        """Turn the statistics on or off; off also deletes them from the server now (the number
        of report rows removed; None when no server is configured)."""
        from cadre_desk.services import unit_report
        from cadre_desk.services.settings import Settings

        unit_report.set_enabled(Settings(self.db), on)
        if on or server_config(self.secrets) is None:
            return None
        return unit_report.revoke(self.paths, self.secrets)

    def _with_unit_statistics(self, report: ServerSyncReport) -> ServerSyncReport:
        """After a sync, the opt-in unit statistics are sent (or revoked): issue 19."""
        from cadre_desk.services import unit_report
        from cadre_desk.services.settings import Settings

        report.unit_note = unit_report.after_sync(self.db, self.paths, self.secrets, Settings(self.db))
        return report

    def auto_sync(self) -> ServerSyncReport | None:
        """Sync if a server is configured and reachable; quietly skip otherwise (offline is normal)."""
        config = server_config(self.secrets)
        if config is None:
            return None
        with ServerClient(self.db, *config) as client:
            if not client.reachable():
                return None
            report = client.sync()
        return self._with_unit_statistics(report)
