"""Settings for the alert benches' gunicorn: the project's, plus the floor URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "_alert_floor_site"
