from amparo.guidance.search import fold, search_words


def test_it_folds_accents_and_case() -> None:
    assert fold("Deténción MIGRATORIA, niño") == "detencion migratoria, nino"


def test_it_splits_a_query_into_folded_words() -> None:
    assert search_words("  Matrícula   CONSULAR ") == ["matricula", "consular"]
