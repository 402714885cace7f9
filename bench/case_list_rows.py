"""The case list's 50 rows: the Python template tag (cases/templatetags/case_list.py) against
the same rows written as ordinary Django template code, timed interleaved in one process.

Run: .venv/bin/python bench/case_list_rows.py [--people N | --scale S] [--reuse]

The tag is a speed shortcut (rows written in Python, escaped with html.escape, one reverse()
for every row); docs/decisions.md keeps it only while this shows what it saves and the page
is still over its budget without it. Both renderings are checked to give the same text
(whitespace aside) before timing.
"""

import re

import _support as bench

OFFICER = "demo.consular.lax"
ROWS_AS_TEMPLATE = """{% load i18n %}{% for case in cases %}<tr><td><a href="{% url 'cases:detail' case.pk %}">{{ case.folio }}</a></td><td>{{ case.beneficiary_name }}</td><td>{{ case.materia_label }} · {{ case.subtype_label }}</td><td><span class="badge status-{{ case.status }}">{{ case.status_label }}</span></td><td>{{ case.priority_label }}</td><td>{% if case.assigned_to_id is not None %}{{ case.assigned_to_name }}{% else %}<span class="muted">{% translate "Sin asignar" %}</span>{% endif %}</td><td>{{ case.opened_at|date:"SHORT_DATE_FORMAT" }}</td>{% if show_office %}<td>{{ case.office_code }}</td>{% endif %}</tr>
{% empty %}<tr><td colspan="8">{% translate "No hay casos que coincidan." %}</td></tr>{% endfor %}"""


def squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def main() -> None:
    options = bench.parse_options(__doc__.splitlines()[0])
    with bench.cluster(options, "case-list") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url)
        from django.template import engines
        from django.utils import translation

        from amparo.cases.selectors import CaseFilters, case_page
        from amparo.cases.templatetags.case_list import case_rows

        translation.activate("es-mx")
        actor = bench.actor_for(OFFICER)
        rows = case_page(actor, CaseFilters(status="in_progress"), size=50).items
        template = engines["django"].from_string(ROWS_AS_TEMPLATE)

        def as_tag() -> str:
            return str(case_rows(rows, False))

        def as_template() -> str:
            return str(template.render({"cases": rows, "show_office": False}))

        assert squeeze(as_tag()) == squeeze(as_template()), "the two renderings differ"
        tag, plain = bench.interleaved(
            [as_tag, as_template], runs=options.runs, warmup=options.warmup
        )
        print(f"\n{len(rows)} rows of the case list")
        print(f"template tag (Python)   {tag.median:6.2f} ms  (p95 {tag.p95:.2f})")
        print(f"Django template code    {plain.median:6.2f} ms  (p95 {plain.p95:.2f})")
        print(
            f"the tag saves {plain.median - tag.median:.2f} ms a page "
            f"({plain.median / tag.median:.1f} times faster)"
        )


if __name__ == "__main__":
    main()
