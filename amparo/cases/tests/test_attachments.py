"""Uploading and downloading case documents, through the pages and the API."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.cases.models import CaseAttachment, EventKind
from amparo.cases.tests import files
from amparo.cases.tests.conftest import stored_files
from amparo.cases.tests.factories import open_case_as

API = "/api/v1/cases"


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_officer_attaches_a_document_that_is_stored_privately_and_audited(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "court_document", "file": upload("Sentencia María.pdf", files.PDF)},
    )
    assert response.status_code == 302
    attachment = CaseAttachment.objects.get(case=case)
    assert attachment.original_name == "Sentencia María.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(files.PDF)
    assert attachment.uploaded_by == alice
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == files.PDF
    assert stored.parent == media_root / "cases" / str(case.pk)
    assert "Sentencia" not in stored.name and not stored.name.endswith(".pdf")
    event = case.events.get(kind=EventKind.ATTACHMENT_ADDED)
    assert event.payload["attachment_id"] == attachment.pk
    assert AccessRecord.objects.filter(
        user=alice,
        action=Action.CREATE,
        target_type="cases.caseattachment",
        target_id=str(attachment.pk),
    ).exists()
    detail = as_user(alice).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:attachment_download", args=[attachment.pk]) in detail


def test_the_download_is_a_nosniff_attachment_with_the_stored_type_and_is_audited(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    case = open_case_as(alice)
    client = as_user(alice)
    client.post(
        reverse("cases:add_attachment", args=[case.pk]),
        # the browser's claimed type is ignored: the content decides
        {"kind": "photo", "file": upload("foto.png", files.PNG, "text/html")},
    )
    attachment = CaseAttachment.objects.get(case=case)
    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PNG  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "foto.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessRecord.objects.filter(
        user=alice, action=Action.VIEW, target_id=str(attachment.pk), outcome=Outcome.ALLOWED
    ).exists()


def test_bob_cannot_download_or_add_to_alices_case(  # type: ignore[no-untyped-def]
    as_user, alice, bob, media_root: Path
) -> None:
    case = open_case_as(alice)
    as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "letter", "file": upload("oficio.pdf", files.PDF)},
    )
    attachment = CaseAttachment.objects.get(case=case)
    client = as_user(bob)
    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 404
    assert AccessRecord.objects.filter(
        user=bob,
        target_type="cases.caseattachment",
        target_id=str(attachment.pk),
        outcome=Outcome.DENIED,
    ).exists()
    assert client.get(f"{API}/attachments/{attachment.pk}/download").status_code == 404
    assert client.get(f"{API}/{case.pk}/attachments").status_code == 404
    response = client.post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "letter", "file": upload("otro.pdf", files.PDF + b"b")},
    )
    assert response.status_code == 404
    assert CaseAttachment.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_a_central_analyst_reads_but_cannot_add(  # type: ignore[no-untyped-def]
    as_user, alice, ana, media_root: Path
) -> None:
    case = open_case_as(alice)
    as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "letter", "file": upload("oficio.pdf", files.PDF)},
    )
    attachment = CaseAttachment.objects.get()
    client = as_user(ana)
    assert client.get(reverse("cases:attachment_download", args=[attachment.pk])).status_code == 200
    response = client.post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "letter", "file": upload("x.pdf", files.PDF + b"x")},
    )
    assert response.status_code == 404
    assert CaseAttachment.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        ("acta.pdf", b"MZ\x90\x00 not a pdf", "no corresponde"),
        ("foto.jpg", files.PNG, "no corresponde"),
        ("script.html", b"<script>alert(1)</script>", "no permitido"),
        ("vacio.pdf", b"", "vac"),
    ],
)
def test_a_bad_file_answers_400_and_leaves_nothing_behind(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path, bad: tuple[str, bytes, str]
) -> None:
    name, content, message = bad
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "other", "file": upload(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == []
    assert not case.events.filter(kind=EventKind.ATTACHMENT_ADDED).exists()


def test_a_file_over_the_configured_size_answers_400(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path, settings
) -> None:
    settings.AMPARO_MAX_ATTACHMENT_MB = 1
    case = open_case_as(alice)
    big = files.PDF + b"0" * (1024 * 1024)
    response = as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "other", "file": upload("grande.pdf", big)},
    )
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_the_same_file_twice_on_one_case_is_refused(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    case = open_case_as(alice)
    client = as_user(alice)
    url = reverse("cases:add_attachment", args=[case.pk])
    client.post(url, {"kind": "other", "file": upload("a.pdf", files.PDF)})
    response = client.post(url, {"kind": "other", "file": upload("b.pdf", files.PDF)})
    assert response.status_code == 400
    assert CaseAttachment.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_when_the_database_write_fails_the_stored_file_is_removed(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path, monkeypatch
) -> None:
    case = open_case_as(alice)

    def broken(**kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("amparo.cases.services.attachments.record_event", broken)
    client = as_user(alice)
    client.raise_request_exception = False
    response = client.post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "other", "file": upload("a.pdf", files.PDF)},
    )
    assert response.status_code == 500
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_the_api_uploads_lists_and_downloads(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    case = open_case_as(alice)
    client = as_user(alice)
    response = client.post(
        f"{API}/{case.pk}/attachments",
        {"kind": "id_document", "file": upload("pasaporte.docx", files.docx())},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "id_document"
    assert body["content_type"].endswith("wordprocessingml.document")
    listed = client.get(f"{API}/{case.pk}/attachments").json()
    assert [item["id"] for item in listed] == [body["id"]]
    download = client.get(f"{API}/attachments/{body['id']}/download")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert len(content) == body["size"]
    assert content == (media_root / CaseAttachment.objects.get().storage_path).read_bytes()
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_api_answers_422_with_a_detail_for_a_bad_file(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    case = open_case_as(alice)
    response = as_user(alice).post(
        f"{API}/{case.pk}/attachments",
        {"kind": "other", "file": upload("hoja.xlsx", files.PDF)},
    )
    assert response.status_code == 422
    assert "no corresponde" in response.json()["detail"]
    response = as_user(alice).post(
        f"{API}/{case.pk}/attachments", {"kind": "nope", "file": upload("a.pdf", files.PDF)}
    )
    assert response.status_code == 422
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_the_api_upload_without_a_file_is_422_for_the_owner_and_404_for_others(  # type: ignore[no-untyped-def]
    as_user, alice, bob, media_root: Path
) -> None:
    case = open_case_as(alice)
    response = as_user(alice).post(f"{API}/{case.pk}/attachments", {"kind": "other"})
    assert response.status_code == 422
    assert "archivo" in response.json()["detail"]
    assert as_user(bob).post(f"{API}/{case.pk}/attachments", {"kind": "x"}).status_code == 404


def test_files_no_attachment_names_are_removed_once_old_enough(  # type: ignore[no-untyped-def]
    as_user, alice, media_root: Path
) -> None:
    import io
    import os
    import time

    from django.core.management import call_command

    from amparo.cases import attachment_storage

    case = open_case_as(alice)
    as_user(alice).post(
        reverse("cases:add_attachment", args=[case.pk]),
        {"kind": "court_document", "file": upload("acta.pdf", files.PDF)},
    )
    kept = media_root / CaseAttachment.objects.get(case=case).storage_path
    old_orphan = media_root / attachment_storage.store(io.BytesIO(b"lost"), case_id=case.pk)
    new_orphan = media_root / attachment_storage.store(io.BytesIO(b"uploading"), case_id=case.pk)
    # Both ages from this process's clock: the file system stamps files with the machine's
    # own time, which a shifted-clock run (scripts/shifted-clock) does not move.
    now = time.time()
    two_days_ago = now - 48 * 3600
    for path in (kept, old_orphan):
        os.utime(path, (two_days_ago, two_days_ago))
    os.utime(new_orphan, (now, now))

    call_command("remove_orphan_attachments", "--dry-run", stdout=io.StringIO())
    assert old_orphan.exists()
    call_command("remove_orphan_attachments", stdout=io.StringIO())
    assert not old_orphan.exists()
    assert kept.exists() and new_orphan.exists()
