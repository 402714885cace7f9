"""Cells written to CSV and XLSX files that people open in spreadsheet programs, and
reports' tables written as either."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

# A cell starting with one of these is read as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell[T](value: T) -> T | str:
    """`value` unchanged, except text a spreadsheet would run as a formula, quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# A report's tables: title → (headers, rows).
type Sheets = dict[str, tuple[list[str], list[list[object]]]]


def sheets_csv(sheets: Sheets) -> str:
    """The tables one after another, each with its title line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for title, (headers, rows) in sheets.items():
        writer.writerow([title])
        writer.writerow(headers)
        writer.writerows([[spreadsheet_cell(cell) for cell in row] for row in rows])
        writer.writerow([])
    return buffer.getvalue()


def sheets_xlsx(sheets: Sheets) -> bytes:
    """One worksheet per table."""
    book = Workbook(write_only=True)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet's name
        sheet.append(headers)
        for row in rows:
            sheet.append([spreadsheet_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheets_response(sheets: Sheets, extension: str, filename: str) -> HttpResponse:
    """The tables as a CSV or XLSX download named `filename`.`extension`."""
    if extension == "xlsx":
        content: str | bytes = sheets_xlsx(sheets)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = sheets_csv(sheets), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
