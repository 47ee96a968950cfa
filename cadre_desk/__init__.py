"""cadre_desk: one local inbox and task list for grassroots cadres."""

__version__ = "0.1.0"
APP_NAME = "cadre_desk"
APP_AUTHOR = "cadre_desk"
