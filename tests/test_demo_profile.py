from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cadre_desk.demo.profile import prepare_demo_profile
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Finding, ItemCluster


@pytest.mark.slow
def test_demo_profile_arrives_analysed_and_is_prepared_once(db: Database, data_paths: DataPaths) -> None:
    settings = Settings(db)
    assert prepare_demo_profile(db, data_paths.root, settings) is True
    with db.session() as session:
        findings = session.scalar(select(func.count()).select_from(Finding)) or 0
        clustered = session.scalar(select(func.count()).select_from(ItemCluster)) or 0
    assert findings > 0 and clustered > 0
    assert prepare_demo_profile(db, data_paths.root, settings) is False  # never on a profile with data
