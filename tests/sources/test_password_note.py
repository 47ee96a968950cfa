"""The mailbox tab says truthfully where the password goes (system keyring or the encrypted
file with its key outside the data folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import build_source_services
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.sources.add_dialog import TAB_MAIL, AddSourceDialog

SHOTS = Path(os.environ["CADRE_SHOTS"]) if os.environ.get("CADRE_SHOTS") else None


@pytest.mark.parametrize("use_keyring", [True, False])
def test_mailbox_note_names_the_store_in_use(qtbot, db: Database, tmp_path: Path, use_keyring: bool) -> None:  # type: ignore[no-untyped-def]
    secrets = SecretStore(tmp_path / "secrets.enc", key_dir=tmp_path / "config", use_keyring=use_keyring)
    services = build_source_services(db, Settings(db), secrets)
    dialog = AddSourceDialog(services, BackgroundRunner(lambda exc: None))
    qtbot.addWidget(dialog)
    note = dialog.findChild(QLabel, "password_store_note")
    assert note is not None
    if use_keyring:
        assert "只保存在系统密钥环中" in note.text()
    else:
        assert "系统密钥环中" not in note.text().replace("没有系统密钥环", "")
        assert "secrets.enc" in note.text() and str(tmp_path / "config" / "secrets.key") in note.text()
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.tabs.setCurrentIndex(TAB_MAIL)
        dialog.show()
        dialog.grab().save(str(SHOTS / f"mail-note-{'keyring' if use_keyring else 'file'}.png"))
