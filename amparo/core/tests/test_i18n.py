"""Spanish is the source language; every string must also have an English translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from amparo.accounts.models import User

CATALOG = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
SOURCES = ["manage.py", "config", "amparo", "templates", "locale"]


def untranslated(catalog: polib.POFile) -> list[str]:
    missing = []
    for entry in catalog:
        if entry.obsolete:
            continue
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if entry.fuzzy or not all(text.strip() for text in translations):
            missing.append(entry.msgid)
    return missing


@pytest.fixture(scope="module")
def fresh_catalog(tmp_path_factory: pytest.TempPathFactory) -> polib.POFile:
    """The English catalog after extracting the current source tree, in a scratch copy so
    the committed one is untouched."""
    copy = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "data", "*.mo")
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy2(source, copy / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env={"AMPARO_VAR_DIR": str(copy / "var"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return polib.pofile(str(copy / CATALOG))


def test_every_source_string_has_an_english_translation(fresh_catalog: polib.POFile) -> None:
    missing = untranslated(fresh_catalog)
    assert not missing, (
        "Untranslated or fuzzy strings; run makemessages -l en, translate, compilemessages:\n"
        + "\n".join(missing)
    )


def test_the_extraction_sees_the_project_strings(fresh_catalog: polib.POFile) -> None:
    assert fresh_catalog.find("Tablero") is not None
    assert fresh_catalog.find("Saltar al contenido") is not None


def test_the_check_catches_a_missing_translation() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="Hola", msgstr="Hello"))
    catalog.append(polib.POEntry(msgid="Nuevo", msgstr=""))
    catalog.append(polib.POEntry(msgid="Dudoso", msgstr="Doubtful", flags=["fuzzy"]))
    assert untranslated(catalog) == ["Nuevo", "Dudoso"]


def test_the_committed_catalog_is_compiled() -> None:
    po_file = settings.BASE_DIR / CATALOG
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists()
    compiled = {entry.msgid for entry in polib.mofile(str(mo_file))}
    written = {entry.msgid for entry in polib.pofile(str(po_file)) if entry.translated()}
    assert written <= compiled, "run compilemessages"


def test_the_dashboard_is_in_spanish_by_default(as_user, alice: User) -> None:
    html = as_user(alice).get(reverse("dashboard:home")).content.decode()
    assert "<h1>Tablero</h1>" in html
    assert '<html lang="es-mx">' in html


def test_the_dashboard_follows_an_english_browser(as_user, alice: User) -> None:
    client = as_user(alice)
    html = client.get(reverse("dashboard:home"), headers={"accept-language": "en"}).content.decode()
    assert "<h1>Dashboard</h1>" in html
    assert '<html lang="en">' in html


def test_the_language_switch_sticks_for_the_session(as_user, alice: User, bob: User) -> None:
    switched, other = as_user(alice), as_user(bob)
    home = reverse("dashboard:home")
    response = switched.post(reverse("set_language"), {"language": "en", "next": home})
    assert response.status_code == 302
    assert "<h1>Dashboard</h1>" in switched.get(home).content.decode()
    assert "<h1>Tablero</h1>" in other.get(home).content.decode()
