"""Settings for bench/http_concurrency.py's gunicorn: the project's, plus the floor URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "_floor_site"
