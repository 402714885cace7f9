"""Spanish is the source language; every string must also have an English translation, and
every string Django itself renders must have a Spanish one."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from amparo.accounts.models import User

CATALOG = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
SPANISH_OVERRIDES = Path("locale") / "es_MX" / "LC_MESSAGES" / "django.po"
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


@pytest.mark.parametrize("catalog", [CATALOG, SPANISH_OVERRIDES])
def test_the_committed_catalogs_are_compiled(catalog: Path) -> None:
    po_file = settings.BASE_DIR / catalog
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists()
    compiled = {entry.msgid for entry in polib.mofile(str(mo_file))}
    written = {entry.msgid for entry in polib.pofile(str(po_file)) if entry.translated()}
    assert written <= compiled, "run compilemessages"


def django_strings_without_spanish() -> list[str]:
    """Strings of Django and of the installed libraries (their `es` catalogs, with `es_MX`
    over them) that neither they nor locale/es_MX translate: they would show in English in
    the Spanish interface, as Django 6.1's "- Select an option -" once did."""
    libraries = [Path(app.path) for app in apps.get_app_configs() if "site-packages" in app.path]
    locale_dirs = [Path(django.__file__).parent / "conf" / "locale"] + [
        path / "locale" for path in libraries if (path / "locale" / "es").is_dir()
    ]
    with translation.override("es-mx"):
        missing = [msgid for path in locale_dirs for msgid in _untranslated_in_spanish(path)]
    return sorted(set(missing))


def _untranslated_in_spanish(locale_dir: Path) -> list[str]:
    mexican_po = locale_dir / "es_MX" / "LC_MESSAGES" / "django.po"
    mexican = (
        {e.msgid for e in polib.pofile(str(mexican_po)) if e.translated()}
        if (mexican_po.exists())
        else set()
    )
    missing = []
    for entry in polib.pofile(str(locale_dir / "es" / "LC_MESSAGES" / "django.po")):
        if entry.obsolete or entry.translated() or entry.msgid in mexican:
            continue
        shown = (
            translation.ngettext(entry.msgid, entry.msgid_plural, 2)
            if entry.msgid_plural
            else translation.pgettext(entry.msgctxt, entry.msgid)
            if entry.msgctxt
            else translation.gettext(entry.msgid)
        )
        if shown in (entry.msgid, entry.msgid_plural):
            missing.append(entry.msgid)
    return missing


def test_every_string_django_renders_has_a_spanish_translation() -> None:
    assert django_strings_without_spanish() == [], f"translate them in {SPANISH_OVERRIDES}"
    with translation.override("es-mx"):
        assert str(BLANK_CHOICE_LABEL) == "- Seleccione una opción -"


def test_dates_read_as_mexican_spanish_writes_them() -> None:
    with translation.override("es-mx"):
        assert date_format(date(2026, 12, 5), "DATE_FORMAT") == "5 de diciembre de 2026"
        assert date_format(date(2026, 9, 5), "N j") == "sep. 5"
    with translation.override("en"):
        assert date_format(date(2026, 12, 5), "DATE_FORMAT") == "Dec. 5, 2026"


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
