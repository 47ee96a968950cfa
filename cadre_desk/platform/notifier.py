"""Desktop notifications through plyer, with a visible fallback.

plyer has no backend on a headless machine or a bare Linux desktop without D-Bus bindings or
``notify-send``. Then the notifier hands the message to a fallback the GUI installs (Qt's
tray balloon, ``QSystemTrayIcon.showMessage``) and says so in ``description`` — never a silent
drop. With neither, ``notify`` returns False and the caller keeps the reminder in its list.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

log = logging.getLogger(__name__)

Fallback = Callable[[str, str], None]


class Notifier:
    def __init__(self, app_name: str = "cadre_desk", fallback: Fallback | None = None) -> None:
        self._app_name = app_name
        self._fallback = fallback
        self._plyer_ok: bool | None = None  # unknown until the first attempt
        self.last_backend = "none"

    def set_fallback(self, fallback: Fallback | None) -> None:
        self._fallback = fallback

    @property
    def description(self) -> str:
        if self._plyer_ok is False:
            if self._fallback is not None:
                return "系统通知不可用，改用托盘气泡提示"
            return "系统通知不可用，提醒只显示在程序内"
        if self._plyer_ok:
            return "系统通知（plyer）"
        return "系统通知（尚未使用）"

    def prepare(self) -> None:
        """Import plyer and pick its backend now, from a background job: done by the first
        ``notify`` on the GUI thread, the imports froze the window for ~50 ms mid-scroll."""
        if self._plyer_ok is False:
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from plyer import notification

                bool(notification)  # plyer's proxy imports the platform's backend on first use
        except Exception as exc:
            log.debug("plyer could not be prepared: %s", exc)

    def _plyer_notify(self, title: str, message: str) -> bool:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # plyer warns when it finds no backend
                from plyer import notification

                notification.notify(title=title, message=message, app_name=self._app_name, timeout=10)
        except NotImplementedError:
            return False
        except Exception as exc:  # D-Bus without a session bus, a broken notify-send…
            log.warning("plyer notification failed, using the fallback: %s", exc)
            return False
        return True

    def notify(self, title: str, message: str) -> bool:
        """Show a notification; True when some backend took it."""
        if self._plyer_ok is not False:
            self._plyer_ok = self._plyer_notify(title, message)
            if self._plyer_ok:
                self.last_backend = "plyer"
                return True
        if self._fallback is not None:
            self._fallback(title, message)
            self.last_backend = "fallback"
            return True
        self.last_backend = "none"
        return False
