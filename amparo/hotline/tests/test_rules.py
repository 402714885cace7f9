"""Pure rules: phone normalisation, webhook signatures, shift arithmetic, routing."""

from datetime import UTC, datetime, time

import pytest

from amparo.hotline.phones import InvalidPhoneError, normalize_phone
from amparo.hotline.shifts import ShiftTimes, occurrence_at, shift_kind_at
from amparo.hotline.signatures import is_authentic, is_fresh, signature_for

SHIFTS = [
    ShiftTimes("morning", time(6), time(14)),
    ShiftTimes("afternoon", time(14), time(22)),
    ShiftTimes("night", time(22), time(6)),
]


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("(520) 623-7874", "US", "+15206237874"),
        ("520.623.7874", "MX", "+15206237874"),
        ("001 520 623 7874", "MX", "+15206237874"),
        ("+52 55 1234 5678", "US", "+525512345678"),
        ("55 1234 5678", "MX", "+525512345678"),
        ("416 555 0199", "CA", "+14165550199"),
        ("", "US", ""),
    ],
)
def test_it_normalises_caller_numbers_to_e164(raw: str, country: str, expected: str) -> None:
    assert normalize_phone(raw, origin_country=country) == expected


@pytest.mark.parametrize("raw", ["12", "hola", "+1 000 000 0000"])
def test_it_refuses_numbers_that_are_not_valid(raw: str) -> None:
    with pytest.raises(InvalidPhoneError):
        normalize_phone(raw)


def test_a_signature_covers_the_timestamp_and_the_body() -> None:
    signature = signature_for("s3cret", "1700000000", b'{"a":1}')
    assert signature.startswith("sha256=")
    assert is_authentic("s3cret", timestamp="1700000000", body=b'{"a":1}', signature=signature)
    assert not is_authentic("s3cret", timestamp="1700000001", body=b'{"a":1}', signature=signature)
    assert not is_authentic("s3cret", timestamp="1700000000", body=b'{"a":2}', signature=signature)
    assert not is_authentic("other", timestamp="1700000000", body=b'{"a":1}', signature=signature)
    assert not is_authentic("", timestamp="1700000000", body=b'{"a":1}', signature=signature)


def test_a_timestamp_older_than_five_minutes_is_stale() -> None:
    assert is_fresh("1000", now=1000 + 299)
    assert not is_fresh("1000", now=1000 + 301)
    assert not is_fresh("not-a-number", now=1000)


def test_the_night_shift_runs_past_midnight() -> None:
    assert shift_kind_at(SHIFTS, time(23, 30)) == "night"
    assert shift_kind_at(SHIFTS, time(5, 59)) == "night"
    assert shift_kind_at(SHIFTS, time(6)) == "morning"
    at = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # 02:00 in Tucson (UTC-7)
    occurrence = occurrence_at(SHIFTS, at, "America/Phoenix")
    assert occurrence is not None
    assert occurrence.kind == "night"
    assert occurrence.starts.isoformat() == "2026-03-09T22:00:00-07:00"
    assert occurrence.ends.isoformat() == "2026-03-10T06:00:00-07:00"
