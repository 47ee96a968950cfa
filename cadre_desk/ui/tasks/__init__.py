"""The task area's screens: 任务, 要求, 减负台账, the log-operation dialog and the tray."""
