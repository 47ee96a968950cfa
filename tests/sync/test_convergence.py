"""Three devices edit, delete and check in at random and sync in random pairs and orders:
they always converge to the same state and no check-in is ever lost (Taskchampion's
syncing-proptest, here over real SQLite profiles and real signed bundles)."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.bundle import export_bundle, import_bundles
from cadre_desk.services.sync.server_client import ServerClient
from cadre_desk.storage.models import Task
from tests.sync.conftest import replica_factory
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer, start_server

DAY_MS = 24 * 3600 * 1000
DEVICES = st.integers(min_value=0, max_value=2)
TITLES = st.sampled_from(["学习打卡", "转发通知", "填报表格", "截图留痕", "回复工作群"])
FIELDS = st.sampled_from(["title", "status", "priority", "notes"])
VALUES = {
    "title": TITLES,
    "status": st.sampled_from(["open", "done", "snoozed"]),
    "priority": st.integers(min_value=0, max_value=2),
    "notes": st.one_of(st.none(), st.text(alphabet="乡镇村社区通知", max_size=8)),
}


class SyncMachine(RuleBasedStateMachine):
    template: Path  # set by the test below
    server: LiveServer

    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="cadre-sync-")
        base = Path(self._tmp.name)
        self._make, self._made = replica_factory(base, self.template)
        self.usb = base / "usb"
        self.replicas: list[Replica] = []
        self.tasks: list[str] = []
        self.checkins: set[str] = set()
        # The per-field LWW oracle: (task, column) -> ((hlc, device), value) of the newest write.
        self.expected: dict[tuple[str, str], tuple[tuple[int, str], object]] = {}

    @initialize(skewed=st.sampled_from([0, DAY_MS, -DAY_MS]))
    def open_devices(self, skewed: int) -> None:
        # Device 2's clock is off by a day (or not): HLCs must still converge.
        self.replicas = [self._make(f"d{n}", skew_ms=skewed if n == 2 else 0) for n in range(3)]
        _, self.token = self.server.user()  # a fresh user: an empty server account per example

    def _has(self, device: int, task: str) -> bool:
        return self.replicas[device].count(f"SELECT count(*) FROM tasks WHERE id = '{task}'") == 1

    def _record(self, device: int, task: str, values: dict[str, object]) -> None:
        with self.replicas[device].db.engine.connect() as conn:
            hlc, dev = conn.exec_driver_sql(
                f"SELECT updated_at_hlc, device_id FROM tasks WHERE id = '{task}'"
            ).one()
        for column, value in values.items():
            previous = self.expected.get((task, column))
            if previous is None or (hlc, dev) > previous[0]:
                self.expected[(task, column)] = ((hlc, dev), value)

    @precondition(lambda self: len(self.tasks) < 4)  # few rows: edits collide, which is the point
    @rule(device=DEVICES, title=TITLES)
    def add_task(self, device: int, title: str) -> None:
        task = self.replicas[device].add_task(title)
        self.tasks.append(task)
        self._record(
            device, task, {"title": title, "status": "open", "priority": 0, "notes": None, "deleted": 0}
        )

    @precondition(lambda self: self.tasks)
    @rule(device=DEVICES, pick=st.integers(min_value=0), data=st.data())
    def edit_task(self, device: int, pick: int, data: st.DataObject) -> None:
        task = self.tasks[pick % len(self.tasks)]
        if self._has(device, task):
            column = data.draw(FIELDS)
            value = data.draw(VALUES[column])
            before = self.replicas[device].snapshot()["tasks"][task]
            self.replicas[device].edit(Task, task, **{column: value})
            if before != self.replicas[device].snapshot()["tasks"][task]:  # a no-op edit logs nothing
                self._record(device, task, {column: value})

    @precondition(lambda self: self.tasks)
    @rule(device=DEVICES, pick=st.integers(min_value=0), deleted=st.booleans())
    def delete_or_restore(self, device: int, pick: int, deleted: bool) -> None:
        task = self.tasks[pick % len(self.tasks)]
        if self._has(device, task):
            before = self.replicas[device].snapshot()["tasks"][task]
            self.replicas[device].edit(Task, task, deleted=deleted)
            if before != self.replicas[device].snapshot()["tasks"][task]:
                self._record(device, task, {"deleted": int(deleted)})

    @rule(device=DEVICES, pick=st.integers(min_value=0))
    def check_in(self, device: int, pick: int) -> None:
        local = [t for t in self.tasks if self._has(device, t)]
        task = local[pick % len(local)] if local else None
        self.checkins.add(self.replicas[device].check_in(task))

    @rule(sender=DEVICES, receiver=DEVICES, twice=st.booleans())
    def sync_by_bundle(self, sender: int, receiver: int, twice: bool) -> None:
        if sender == receiver:
            return
        self._bundle(sender, receiver)
        if twice:  # duplicate delivery
            self._import(receiver)

    @rule(device=DEVICES, page_bytes=st.sampled_from([600, 1_000_000]))
    def sync_with_server(self, device: int, page_bytes: int) -> None:
        replica = self.replicas[device]
        with ServerClient(replica.db, self.server.url, self.token, page_bytes=page_bytes) as client:
            client.sync(allow_mass_delete=True)

    def _bundle(self, source: int, target: int) -> None:
        src = self.replicas[source]
        export_bundle(src.db, src.paths, src.secrets, self.usb)
        self._import(target)

    def _import(self, target: int) -> None:
        dst = self.replicas[target]
        import_bundles(dst.db, dst.paths, dst.secrets, self.usb, allow_mass_delete=True)

    @invariant()
    def check_ins_are_never_lost_locally(self) -> None:
        for replica in self.replicas:
            # Every check-in a device has seen stays there (append-only union).
            assert replica.count("SELECT count(*) FROM operation_logs") <= len(self.checkins)

    def teardown(self) -> None:
        try:
            if self.replicas:
                # Everyone meets everyone (server for some, bundles for others), twice round.
                for _ in range(2):
                    self.sync_with_server(0, 1_000_000)
                    self.sync_with_server(1, 1_000_000)
                    for source, target in itertools.permutations(range(3), 2):
                        self._bundle(source, target)
                first = self.replicas[0].snapshot()
                for replica in self.replicas[1:]:
                    assert replica.snapshot() == first
                assert set(first["operation_logs"]) == self.checkins
                with self.replicas[0].db.engine.connect() as conn:
                    for (task, column), (_, value) in self.expected.items():
                        actual = conn.exec_driver_sql(
                            f'SELECT "{column}" FROM tasks WHERE id = ?', (task,)
                        ).scalar()
                        assert actual == value, (task, column)
        finally:
            for replica in self._made:
                replica.close()
            self._tmp.cleanup()


@pytest.mark.slow
def test_three_devices_converge(template_database: Path, store: ServerStore) -> None:
    SyncMachine.template = template_database
    SyncMachine.server = start_server(store)
    runner = SyncMachine.TestCase
    runner.settings = settings(
        max_examples=15,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    try:
        runner().runTest()
    finally:
        SyncMachine.server.stop()
