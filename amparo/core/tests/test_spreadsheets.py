from amparo.core.spreadsheets import spreadsheet_cell


def test_text_a_spreadsheet_would_run_is_quoted_and_the_rest_is_unchanged() -> None:
    for formula in ("=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"):
        assert spreadsheet_cell(formula) == "'" + formula
    assert spreadsheet_cell("Fresno") == "Fresno"
    assert spreadsheet_cell(42) == 42
    assert spreadsheet_cell(None) is None
