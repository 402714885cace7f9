"""Cells written to CSV and XLSX files that people open in spreadsheet programs."""

# A cell starting with one of these is read as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell[T](value: T) -> T | str:
    """`value` unchanged, except text a spreadsheet would run as a formula, quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
