"""The values ``SourceServices`` look-ups hand back, for the screens that show them.

The UI takes these names from here, never from ``sources/`` directly: the service layer decides
what of the fetching layer it exposes (feed previews, page list candidates, bridge accounts,
certificate problems), and the import test (tests/test_layers.py) keeps it so.
"""

from __future__ import annotations

from cadre_desk.sources.bridges import PRESETS as BRIDGE_PRESETS
from cadre_desk.sources.bridges import BridgeAccount, BridgePreset
from cadre_desk.sources.bridges import preset as bridge_preset
from cadre_desk.sources.dates import BEIJING
from cadre_desk.sources.errors import CertificateError
from cadre_desk.sources.http import format_fingerprint
from cadre_desk.sources.model import ParsedFeed
from cadre_desk.sources.webpage import ListCandidate, ListSelectors

__all__ = [
    "BEIJING",
    "BRIDGE_PRESETS",
    "BridgeAccount",
    "BridgePreset",
    "CertificateError",
    "ListCandidate",
    "ListSelectors",
    "ParsedFeed",
    "bridge_preset",
    "format_fingerprint",
]
