from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture
def media_root(settings: Settings, tmp_path: Path) -> Path:
    """A private MEDIA_ROOT per test, so stored attachments can be counted on disk."""
    root = tmp_path / "private"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]
