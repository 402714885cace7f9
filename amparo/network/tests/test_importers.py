import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amparo.audit.models import AccessRecord, Action
from amparo.network.csv_import import ImportFailedError
from amparo.network.models import JurisdictionArea, JurisdictionChange, Office
from amparo.network.services import jurisdiction_import, office_import

HEADER = "code,slug,kind,name,country,region,city,time_zone,latitude,longitude,phone,parent\n"
GOOD = (
    HEADER
    + "EMBX,embx,embassy,Embajada X,GT,,Ciudad de Guatemala,America/Guatemala,14.6,-90.5,,\n"
    + "SCX,scx,consular_section,Sección X,GT,,Ciudad de Guatemala,America/Guatemala,14.6,-90.5,+502 1,EMBX\n"
)


@pytest.mark.django_db
def test_it_creates_offices_and_links_parents() -> None:
    report = office_import(text=GOOD)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    section = Office.objects.get(code="SCX")
    assert section.parent is not None and section.parent.code == "EMBX"
    assert section.phone == "+502 1"


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing() -> None:
    office_import(text=GOOD)
    report = office_import(text=GOOD)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Office.objects.filter(code__in=["EMBX", "SCX"]).count() == 2


@pytest.mark.django_db
def test_it_updates_an_office_by_code() -> None:
    office_import(text=GOOD)
    report = office_import(text=GOOD.replace("Embajada X", "Embajada Equis"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Office.objects.get(code="EMBX").name == "Embajada Equis"


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_nothing_is_written() -> None:
    text = (
        HEADER
        + "OK1,ok1,consulate,Consulado bueno,US,TX,Austin,America/Chicago,30.2,-97.7,,\n"
        + "BAD2,bad2,palace,Tipo malo,US,TX,Austin,America/Chicago,30.2,-97.7,,\n"
        + "BAD3,bad3,consulate,Latitud mala,US,TX,Austin,America/Chicago,north,-97.7,,\n"
        + "BAD4,bad4,consulate,Zona mala,US,TX,Austin,Mars/Olympus,30.2,-97.7,,\n"
        + "OK1,ok1b,consulate,Clave repetida,US,TX,Austin,America/Chicago,30.2,-97.7,,\n"
        + "BAD6,ok1,consulate,Slug repetido,US,TX,Austin,America/Chicago,30.2,-97.7,,\n"
        + "BAD7,bad7,consulate,Padre inexistente,US,TX,Austin,America/Chicago,30.2,-97.7,,NOPE\n"
    )
    with pytest.raises(ImportFailedError) as failure:
        office_import(text=text)
    lines = [error.line for error in failure.value.report.errors]
    assert lines == [3, 4, 5, 6, 7, 8]
    assert not Office.objects.filter(code__in=["OK1", "BAD6", "BAD7"]).exists()


@pytest.mark.django_db
def test_a_file_missing_columns_is_rejected_at_line_one() -> None:
    with pytest.raises(ImportFailedError) as failure:
        office_import(text="code,name\nX,Y\n")
    assert failure.value.report.errors[0].line == 1


@pytest.mark.django_db
def test_a_dry_run_writes_nothing() -> None:
    report = office_import(text=GOOD, dry_run=True)
    assert report.created == 2
    assert not Office.objects.filter(code="EMBX").exists()


@pytest.mark.django_db
def test_the_import_offices_command_reports_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "offices.csv"
    path.write_text(HEADER + "X,x,palace,Malo,US,TX,Austin,America/Chicago,30,-97,,\n")
    with pytest.raises(CommandError, match="no se guardó nada"):
        call_command("import_offices", str(path))
    path.write_text(GOOD)
    call_command("import_offices", str(path))
    assert Office.objects.filter(code="SCX").exists()


JURISDICTION_HEADER = "country,region,county_name,code,office_code\n"


@pytest.mark.django_db
def test_a_jurisdiction_import_reassigns_by_name_or_code(network, travis) -> None:  # type: ignore[no-untyped-def]
    JurisdictionArea.objects.create(
        code="US-TX-HAYS",
        country="US",
        region="TX",
        name="Hays County",
        latitude=30.0,
        longitude=-98.0,
        office=network.consulate_a,
    )
    text = JURISDICTION_HEADER + "US,TX,travis,,TB\nUS,TX,,US-TX-HAYS,TA\n"
    report = jurisdiction_import(text=text, actor=None, reason="Lista oficial 2026")
    assert (report.updated, report.unchanged) == (1, 1)
    travis.refresh_from_db()
    assert travis.office == network.consulate_b
    change = JurisdictionChange.objects.get(area=travis, from_office=network.consulate_a)
    assert change.reason == "Lista oficial 2026"
    assert AccessRecord.objects.filter(
        action=Action.UPDATE, target_type="network.jurisdictionarea", target_id=str(travis.pk)
    ).exists()


@pytest.mark.django_db
def test_a_bad_jurisdiction_row_blocks_the_whole_file(network, travis) -> None:  # type: ignore[no-untyped-def]
    text = (
        JURISDICTION_HEADER
        + "US,TX,Travis,,TB\n"
        + "US,TX,Nowhere County,,TA\n"
        + "US,TX,,US-TX-TRAVIS,NOPE\n"
        + "US,TX,Travis,,TSRE\n"
    )
    with pytest.raises(ImportFailedError) as failure:
        jurisdiction_import(text=text, actor=None, reason="")
    assert [error.line for error in failure.value.report.errors] == [3, 4, 5]
    travis.refresh_from_db()
    assert travis.office == network.consulate_a
    assert not JurisdictionChange.objects.exists()


@pytest.mark.django_db
def test_a_jurisdiction_dry_run_lists_changes_without_writing(network, travis) -> None:  # type: ignore[no-untyped-def]
    report = jurisdiction_import(
        text=JURISDICTION_HEADER + "US,TX,Travis County,,TB\n", actor=None, reason="", dry_run=True
    )
    assert report.changes == ["US-TX-TRAVIS: TA → TB"]
    travis.refresh_from_db()
    assert travis.office == network.consulate_a


@pytest.mark.django_db
def test_the_import_jurisdiction_command_supports_dry_run(
    network, travis, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.csv"
    path.write_text(JURISDICTION_HEADER + "US,TX,Travis,,TB\n")
    call_command("import_jurisdiction", str(path), "--dry-run")
    travis.refresh_from_db()
    assert travis.office == network.consulate_a
    call_command("import_jurisdiction", str(path))
    travis.refresh_from_db()
    assert travis.office == network.consulate_b
    path.write_text(JURISDICTION_HEADER + "US,TX,Atlantis,,TB\n")
    with pytest.raises(CommandError):
        call_command("import_jurisdiction", str(path))
    assert "Línea 2" in capsys.readouterr().err
