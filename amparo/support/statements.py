"""A fund's statement as files: one line per transfer of the chosen entries (posting, date,
what moved from which account to which), and a trial balance (each account's debits, credits and balance, which
add up to zero). Amounts in the fund's currency with cents, as the people who open them read
them; the ledger itself keeps minor units."""

import csv
import io
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from amparo.core.spreadsheets import spreadsheet_cell
from amparo.support.models import Account, AccountKind, Fund, Posting, PostingKind
from amparo.support.selectors import accounts_of


def _amount(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _account(account: Account) -> str:
    kind = str(AccountKind(account.kind).label)
    return f"{kind} ({account.office.code})" if account.office_id else kind  # type: ignore[union-attr]


def statement_headers() -> list[str]:
    return [
        _("Asiento"), _("Fecha"), _("Tipo"), _("Clave de idempotencia"), _("Concepto"),
        _("Cuenta de cargo"), _("Cuenta de abono"), _("Importe"), _("Moneda"), _("Registró"),
    ]  # fmt: skip


def statement_rows(fund: Fund, postings: QuerySet[Posting]) -> list[list[object]]:
    zone = fund.office.zone
    rows: list[list[object]] = []
    for posting in postings:
        for transfer in posting.transfers.all():
            rows.append([
                posting.pk, timezone.localtime(posting.posted_at, zone).strftime("%Y-%m-%d %H:%M %Z"),
                str(PostingKind(posting.kind).label), posting.idempotency_key, posting.memo,
                _account(transfer.debit_account), _account(transfer.credit_account),
                _amount(transfer.amount), fund.currency, posting.posted_by.username,
            ])  # fmt: skip
    return rows


def trial_balance(fund: Fund) -> list[list[object]]:
    rows: list[list[object]] = [
        [_account(a), _amount(a.debits), _amount(a.credits), _amount(a.balance)]
        for a in accounts_of(fund)
    ]
    rows.append([_("Total"), *(sum(row[i] for row in rows) for i in (1, 2, 3))])  # type: ignore[misc]
    return rows


def trial_balance_headers() -> list[str]:
    return [_("Cuenta"), _("Cargos"), _("Abonos"), _("Saldo")]


def statement_csv(fund: Fund, postings: QuerySet[Posting]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(statement_headers())
    for row in statement_rows(fund, postings):
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()


def statement_xlsx(fund: Fund, postings: QuerySet[Posting]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Movimientos"))
    sheet.append(statement_headers())
    for row in statement_rows(fund, postings):
        sheet.append([spreadsheet_cell(cell) for cell in row])
    balance = book.create_sheet(_("Balanza de comprobación"))
    balance.append(trial_balance_headers())
    for row in trial_balance(fund):
        balance.append([spreadsheet_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
