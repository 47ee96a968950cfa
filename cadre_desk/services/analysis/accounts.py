"""Findings grouped per account: one row per account, each finding a reason (a line of evidence).

The detectors may find several reasons to drop one account (a duplicate account that mostly
reposts its twin is 重复账号, 内容重叠 and 转载为主 at once). Each reason carries the same
minutes, the cost of following that account, so a list or a total over findings would count
those minutes several times. Grouped, an account's minutes count once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cadre_desk.domain.enums import FindingKind, FindingStatus
from cadre_desk.domain.labels import label
from cadre_desk.services.analysis.findings import FindingRow

MERGE_KINDS = (FindingKind.DUPLICATE_ACCOUNT, FindingKind.OVERLAP)
# The reason shown first: a merge names the account to follow instead, then the strongest evidence.
REASON_ORDER = (
    FindingKind.DUPLICATE_ACCOUNT,
    FindingKind.OVERLAP,
    FindingKind.REPOST,
    FindingKind.DEAD,
    FindingKind.ZOMBIE,
    FindingKind.LOW_VALUE,
)


def _reason_rank(row: FindingRow) -> tuple[int, str]:
    kind = row.kind
    return (REASON_ORDER.index(kind) if kind in REASON_ORDER else len(REASON_ORDER), row.id)


@dataclass(frozen=True)
class AccountFindings:
    """The findings of one account in one status, the lead reason first."""

    reasons: tuple[FindingRow, ...]

    @property
    def lead(self) -> FindingRow:
        return self.reasons[0]

    @property
    def key(self) -> str:
        """Stable across reloads (selection and ticks survive a refresh of the list)."""
        return f"{self.lead.source_id}:{self.lead.status}"

    @property
    def source_id(self) -> str:
        return self.lead.source_id

    @property
    def source_name(self) -> str:
        return self.lead.source_name

    @property
    def status(self) -> FindingStatus:
        return self.lead.status

    @property
    def related_source_name(self) -> str | None:
        return self.lead.related_source_name

    @property
    def minutes_saved_per_month(self) -> float:
        """What following the account costs, once, however many reasons there are."""
        return max(r.minutes_saved_per_month for r in self.reasons)

    @property
    def kinds(self) -> tuple[FindingKind, ...]:
        return tuple(r.kind for r in self.reasons)

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reasons)

    def evidence_lines(self) -> list[str]:
        """One line per reason: "问题：证据"."""
        return [f"{label(r.kind)}：{r.summary}" for r in self.reasons]


def group_by_account(rows: Iterable[FindingRow]) -> list[AccountFindings]:
    """Group findings per (account, status), ranked by minutes saved (largest first)."""
    grouped: dict[tuple[str, str], list[FindingRow]] = {}
    for row in rows:
        grouped.setdefault((row.source_id, str(row.status)), []).append(row)
    groups = [AccountFindings(tuple(sorted(reasons, key=_reason_rank))) for reasons in grouped.values()]
    groups.sort(key=lambda g: (-g.minutes_saved_per_month, g.source_name, g.key))
    return groups


def proposed_action(group: AccountFindings | FindingRow) -> str:
    """What the cadre is advised to do with the account (the lead reason decides)."""
    row = group.lead if isinstance(group, AccountFindings) else group
    if row.kind in MERGE_KINDS and row.related_source_name:
        return f"合并：只关注「{row.related_source_name}」"
    if row.kind == FindingKind.LOW_VALUE:
        return "取消关注，或向要求单位反映减少规定操作"
    return "取消关注"


def findings_of(groups: Sequence[AccountFindings]) -> list[str]:
    """Every finding id of the given accounts (for ``what_if``)."""
    return [finding_id for group in groups for finding_id in group.finding_ids]
