"""Every figure and glued number of the built sites speaks its page's language.

matplotlib writes each text of a figure (tick label, legend, title, annotation) into the SVG
as a comment before its glyphs (``<!-- 0,5 -->``), so the built figures can be read here.
A Bulgarian figure has decimal commas and no English method names; an English figure has
no Cyrillic text. A number glued into Bulgarian prose has a decimal comma too.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from sitefiles import SITE, book_pages, parsed

LATIN_NAMES = re.compile(r"\b(GD|SGD|Momentum|Nesterov|loss|step|epoch|learning rate)\b", re.I)
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def figures(lang: str) -> dict[str, list[str]]:
    """The SVG figures of each page: page -> the texts of all its figures."""
    shown = {}
    for page in book_pages(lang):
        texts = []
        for tag, attrs in parsed(page).tags:
            if tag == "img" and attrs.get("src", "").endswith(".svg"):
                svg = (page.parent / attrs["src"]).read_text(encoding="utf-8")
                texts += re.findall(r"<!-- (.*?) -->", svg)
        if texts:
            shown[page.relative_to(SITE / lang).as_posix()] = texts
    return shown


def test_the_sites_have_figures_with_text():
    for lang in ("bg", "en"):
        assert len(figures(lang)) >= 10, f"too few {lang} pages with SVG figures"
        assert sum(len(t) for t in figures(lang).values()) > 500


def _problems(lang: str) -> list[str]:
    found = []
    for page, texts in figures(lang).items():
        for text in texts:
            if lang == "bg" and (m := DECIMAL_POINT.search(text) or LATIN_NAMES.search(text)):
                found.append(f"bg/{page}: figure text {text!r} ({m.group(0)!r})")
            if lang == "en" and CYRILLIC.search(text):
                found.append(f"en/{page}: figure text {text!r} is Bulgarian")
    return found


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_figure_texts_are_in_the_page_language(lang):
    problems = _problems(lang)
    assert not problems, f"{len(problems)} figure texts:\n" + "\n".join(sorted(set(problems)))


def test_glued_numbers_in_bulgarian_prose_have_a_decimal_comma():
    """{glue}`name` renders the glued text as <span class="output text_plain">…</span>."""
    problems, glued = [], 0
    for page in book_pages("bg"):
        html = page.read_text(encoding="utf-8")
        for value in re.findall(r'<span class="output text_plain">([^<]*)</span>', html):
            glued += 1
            if DECIMAL_POINT.search(value) or value.startswith(("(", "'")):
                problems.append(f"bg/{page.relative_to(SITE / 'bg')}: glued {value!r}")
    assert glued >= 50, f"only {glued} glued numbers in the Bulgarian site"
    assert not problems, "\n".join(problems)
