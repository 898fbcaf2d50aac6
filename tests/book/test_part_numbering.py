"""Chapter numbers run on across the numbered parts of the book (book/_ext/part_numbering.py).

Sphinx numbers every numbered toctree from 1; the book's second part („По-нататък“ / "Going
further") must continue after chapter 5, on the site as in the PDF: the file
``chapters/NN-….md`` is chapter NN, its figures are NN.1, NN.2, … and its equations (NN.1), ….
These tests read ``_build/html``; ``make test`` builds it first.
"""

from __future__ import annotations

import re

import pytest
from bookfiles import LANGS
from sitefiles import SITE

FIGURE_WORD = {"bg": "Фигура", "en": "Figure"}


def chapter_pages(lang: str):
    pages = sorted((SITE / lang / "chapters").glob("[0-9][0-9]-*.html"))
    if not pages:
        pytest.fail(f"{SITE / lang} has no chapters: run `make html` (make test does it)")
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_numbers_its_figures_and_equations_by_its_file_number(lang):
    pages = chapter_pages(lang)
    assert len(pages) >= 6, "the part 'Going further' starts with chapter 6"
    for page in pages:
        number = int(page.name[:2])
        html = page.read_text(encoding="utf-8")
        figures = re.findall(rf'caption-number">{FIGURE_WORD[lang]} (\d+)\.\d+ ', html)
        equations = re.findall(r'class="eqno">\((\d+)\.\d+\)', html)
        assert figures, f"{page.name}: no numbered figure"
        assert set(figures) == {str(number)}, f"{page.name}: figures of chapters {set(figures)}"
        assert set(equations) <= {str(number)}, f"{page.name}: equations {set(equations)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_table_of_contents_numbers_the_chapters_of_both_parts_in_one_sequence(lang):
    html = (SITE / lang / "index.html").read_text(encoding="utf-8")
    for page in chapter_pages(lang):
        number = int(page.name[:2])
        link = re.search(rf'href="chapters/{re.escape(page.name)}">\s*{number}\. ', html)
        assert link, f"index.html does not list chapters/{page.name} as chapter {number}"
