from amparo.guidance.rendering import diff_lines, excerpt, render_body


def test_it_renders_paragraphs_and_bullet_lists() -> None:
    html = render_body("Primer párrafo\nsigue aquí.\n\nLista:\n- uno\n* dos\n\nFin.")
    assert html == (
        "<p>Primer párrafo<br>sigue aquí.</p>\n"
        "<p>Lista:</p><ul><li>uno</li><li>dos</li></ul>\n"
        "<p>Fin.</p>"
    )


def test_it_escapes_html_in_the_body() -> None:
    html = render_body('<script>alert("x")</script>\n- <b onclick="x">negrita</b>')
    assert "<script>" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<li>&lt;b onclick=&quot;x&quot;&gt;negrita&lt;/b&gt;</li>" in html


def test_it_shortens_an_excerpt_on_a_word_boundary() -> None:
    text = "- " + "palabra " * 50
    short = excerpt(text, length=30)
    assert short.endswith("…")
    assert not short.startswith("-")
    assert len(short) <= 31


def test_it_lists_added_and_removed_lines() -> None:
    lines = diff_lines("uno\ndos\ntres", "uno\ntres\ncuatro")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "uno"),
        ("removed", "dos"),
        ("same", "tres"),
        ("added", "cuatro"),
    ]
