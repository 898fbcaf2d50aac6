"""Read the built sites in ``_build/html``: the tags, attributes and text of each page.

Shared by the built-site tests in tests/book/.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from bookfiles import ROOT, pages

SITE = ROOT / "_build" / "html"


class Parsed(HTMLParser):
    """The tags (with their attributes) and the text of one HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def anchors(self) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.tags if tag == "a"]


@cache
def parsed(path: Path) -> Parsed:
    return Parsed(path.read_text(encoding="utf-8"))


@cache
def ids(path: Path) -> frozenset[str]:
    return frozenset(a["id"] for _, a in parsed(path).tags if "id" in a)


def html_pages(lang: str) -> list[Path]:
    """Every HTML page of one site (not the theme's templates that lie in _static/)."""
    return sorted(p for p in (SITE / lang).rglob("*.html") if "_static" not in p.parts)


def book_pages(lang: str) -> list[Path]:
    """The site pages made from the book's sources (not search.html, genindex.html)."""
    return [SITE / lang / f"{name}.html" for name in pages(lang)]
