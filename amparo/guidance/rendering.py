"""Turning a script body into safe HTML, and comparing two versions. Pure functions.

The body is "markdown-lite": blank lines separate paragraphs, lines starting with "- " or
"* " form a bullet list, single line breaks are kept. Everything else is text: HTML in the
body is escaped, never interpreted."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*•]\s+")


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _render_block(lines: list[str]) -> str:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            html.append("<p>" + "<br>".join(escape(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_items() -> None:
        if items:
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in lines:
        if _BULLET.match(line):
            flush_paragraph()
            items.append(_BULLET.sub("", line))
        else:
            flush_items()
            paragraph.append(line)
    flush_paragraph()
    flush_items()
    return "".join(html)


def render_body(text: str) -> SafeString:
    """Paragraphs and bullet lists only; every character of the text is escaped."""
    return mark_safe("\n".join(_render_block(block) for block in _blocks(text)))  # noqa: S308


def excerpt(text: str, length: int = 200) -> str:
    """The first words of the body as plain text, without list markers."""
    flat = " ".join(_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip())
    if len(flat) <= length:
        return flat
    return flat[:length].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Line by line, what changed from `old` to `new` (difflib), for a review page."""
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line[:1] in kinds
    ]
