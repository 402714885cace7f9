"""LEDES 1998B: the legal industry's plain e-billing file — a header line, the 24 field
names, then one pipe-delimited line per invoice line item, each line ending with "[]"."""

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from amparo.legal.models import InvoiceLine

FIELDS = (
    "INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL",
    "BILLING_START_DATE", "BILLING_END_DATE", "INVOICE_DESCRIPTION", "LINE_ITEM_NUMBER",
    "EXP/FEE/INV_ADJ_TYPE", "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT",
    "LINE_ITEM_TOTAL", "LINE_ITEM_DATE", "LINE_ITEM_TASK_CODE", "LINE_ITEM_EXPENSE_CODE",
    "LINE_ITEM_ACTIVITY_CODE", "TIMEKEEPER_ID", "LINE_ITEM_DESCRIPTION", "LAW_FIRM_ID",
    "LINE_ITEM_UNIT_COST", "TIMEKEEPER_NAME", "TIMEKEEPER_CLASSIFICATION", "CLIENT_MATTER_ID",
)  # fmt: skip


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _text(value: str) -> str:
    """Pipes and the line terminator cannot appear inside a field."""
    return " ".join(value.replace("|", "/").replace("[]", "").split())


def ledes_1998b(lines: Iterable[InvoiceLine], *, invoice_date: date) -> str:
    """One invoice per (contract, month); its number is AMP-<contract>-<YYYYMM>. The client is
    the office, the matter the referral, the timekeeper the lawyer who submitted the line."""
    by_invoice: dict[tuple[int, date], list[InvoiceLine]] = {}
    for line in lines:
        by_invoice.setdefault((line.contract_id, line.month), []).append(line)
    out = ["LEDES1998B[]", "|".join(FIELDS) + "[]"]
    for (contract_id, month), items in sorted(by_invoice.items()):
        total = sum(item.amount for item in items)
        last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        for number, item in enumerate(items, start=1):
            unit_cost = round(Decimal(item.amount) / item.hours)
            row = [
                _day(invoice_date), f"AMP-{contract_id}-{month:%Y%m}", item.office.code,
                f"PALE-{item.referral_id}", _money(total), _day(month), _day(last_day),
                _text(f"PALE {month:%Y-%m}"), str(number), "F", f"{item.hours:.2f}", "0.00",
                _money(item.amount), _day(month), "", "", "", str(item.submitted_by_id),
                _text(item.description), f"PALE-P{item.referral.provider_id}", _money(unit_cost),
                _text(item.submitted_by.get_full_name() or item.submitted_by.username), "PT",
                f"PALE-{item.referral_id}",
            ]  # fmt: skip
            out.append("|".join(row) + "[]")
    return "\r\n".join(out) + "\r\n"
