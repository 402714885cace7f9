"""The content sniffer, without a database."""

import io

import pytest

from amparo.cases.file_types import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    TEXT,
    WEBP,
    XLSX,
    FileTypeError,
    check_file,
    safe_display_name,
    sniff,
)
from amparo.cases.tests import files

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (files.PDF, PDF),
        (files.JPEG, JPEG),
        (files.PNG, PNG),
        (files.WEBP, WEBP),
        (files.TEXT, TEXT),
        (files.docx(), DOCX),
        (files.xlsx(), XLSX),
    ],
)
def test_it_recognises_each_allowed_type_by_content(content: bytes, expected: object) -> None:
    assert sniff(io.BytesIO(content)) is expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"GIF89a" + b"\x00" * 20,
        b"plain text with a NUL\x00 byte",
        b"\xff\xfe not utf-8 \xff",
        files.office_zip("word/document.xml", "word/vbaProject.bin"),  # macros
        files.office_zip("content.xml"),  # a zip that is no Office document
    ],
)
def test_it_refuses_content_of_any_other_type(content: bytes) -> None:
    assert sniff(io.BytesIO(content)) is None


def test_a_matching_extension_is_accepted_with_size_and_fingerprint() -> None:
    checked = check_file(io.BytesIO(files.PDF), name="Acta.PDF", max_bytes=MB)
    assert checked.file_type is PDF
    assert checked.size == len(files.PDF)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.PNG, "foto.pdf", "no corresponde"),  # right magic, wrong extension
        (b"MZ\x90\x00", "acta.pdf", "no corresponde"),  # wrong magic, allowed extension
        (files.PDF, "acta.exe", "no permitido"),
        (files.PDF, "acta", "no permitido"),
        (files.TEXT, "nota.html", "no permitido"),
        (b"", "vacio.pdf", "vacío"),
    ],
)
def test_bad_files_are_refused_with_a_clear_reason(content: bytes, name: str, message: str) -> None:
    with pytest.raises(FileTypeError) as error:
        check_file(io.BytesIO(content), name=name, max_bytes=MB)
    assert message in error.value.message


def test_a_file_over_the_limit_is_refused_and_the_limit_is_named() -> None:
    with pytest.raises(FileTypeError) as error:
        check_file(io.BytesIO(files.PDF + b"x" * MB), name="a.pdf", max_bytes=MB)
    assert (error.value.message % error.value.params).endswith("1 MB.")


def test_the_display_name_loses_directories_and_control_characters() -> None:
    assert safe_display_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_display_name("C:\\Users\\x\\acta\r\n.pdf") == "acta.pdf"
    assert safe_display_name("") == "documento"
    assert len(safe_display_name("a" * 400 + ".pdf")) == 255
    assert safe_display_name("a" * 400 + ".pdf").endswith(".pdf")
